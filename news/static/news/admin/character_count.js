// A live "n of max characters" line under fields marked data-character-count (the
// summary): editors see how much room is left, and text pasted over the limit is kept
// and flagged (the browser's maxlength would cut it without a word).
(function () {
  function attach(field) {
    var max = Number(field.getAttribute("data-character-count"));
    var line = document.createElement("p");
    line.className = "w-field__help character-count";
    line.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", line);
    function update() {
      var used = field.value.length;
      var over = used - max;
      line.textContent =
        used + " of " + max + " characters" + (over > 0 ? ": " + over + " too many, shorten it" : "");
      line.style.fontWeight = used > max * 0.9 ? "bold" : "";
      line.classList.toggle("error-message", over > 0);
      field.setAttribute("aria-invalid", over > 0 ? "true" : "false");
    }
    field.addEventListener("input", update);
    update();
  }
  function start() {
    document.querySelectorAll("[data-character-count]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
