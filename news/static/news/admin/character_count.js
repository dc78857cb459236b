// A live "n of max characters" line under fields marked data-character-count (the
// summary): editors see how much room is left before the limit refuses their text.
(function () {
  function attach(field) {
    var max = Number(field.getAttribute("maxlength"));
    var line = document.createElement("p");
    line.className = "w-field__help character-count";
    line.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", line);
    function update() {
      var used = field.value.length;
      line.textContent = used + " of " + max + " characters";
      line.style.fontWeight = used > max * 0.9 ? "bold" : "";
    }
    field.addEventListener("input", update);
    update();
  }
  function start() {
    document.querySelectorAll("[data-character-count][maxlength]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
