// The publishing schedule dialog keeps only what "Save schedule" saved.
// Its go-live and expiry fields belong to the page's form, so without this a date typed
// in the dialog and then abandoned was still sent by the next autosave or Save draft, and
// the draft kept a schedule nobody confirmed. Here:
// - every submission but "Save schedule" sends the schedule as it was last saved;
// - closing the dialog without saving puts its fields back as they were;
// - Escape (or the close button) on a dialog holding typed dates asks before discarding.
(function () {
  var DISCARD = "Discard the publishing schedule you typed? It has not been saved.";

  function start(dialog) {
    var form = document.querySelector("[data-edit-form]");
    if (!form) return;
    var fields = Array.prototype.slice.call(dialog.querySelectorAll("input[name]"));
    var saveButton = dialog.querySelector("button[type='submit']");
    var saved = snapshot();
    var confirming = false;

    function snapshot() {
      var values = {};
      fields.forEach(function (field) {
        values[field.name] = field.value;
      });
      return values;
    }
    function dirty() {
      return fields.some(function (field) {
        return field.value !== saved[field.name];
      });
    }
    function restore() {
      fields.forEach(function (field) {
        if (field.value === saved[field.name]) return;
        field.value = saved[field.name];
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }
    function isOpen() {
      return dialog.getAttribute("aria-hidden") !== "true";
    }

    if (saveButton) {
      saveButton.addEventListener("click", function () {
        confirming = true;
      });
    }
    form.addEventListener("formdata", function (event) {
      if (confirming) {
        confirming = false;
        saved = snapshot();
        return;
      }
      fields.forEach(function (field) {
        event.formData.set(field.name, saved[field.name]);
      });
    });

    function askBeforeDiscarding(event) {
      if (!isOpen() || !dirty()) return;
      if (window.confirm(DISCARD)) {
        restore();
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    document.addEventListener(
      "keydown",
      function (event) {
        if (event.key === "Escape") askBeforeDiscarding(event);
      },
      true
    );
    document.addEventListener(
      "click",
      function (event) {
        var close =
          event.target.closest && event.target.closest(".w-dialog__close-button, .w-dialog__overlay");
        if (close && dialog.contains(close)) askBeforeDiscarding(event);
      },
      true
    );
    // However else it closes (a click outside, say), unsaved dates are put back.
    new MutationObserver(function () {
      if (!isOpen() && dirty() && !confirming) restore();
    }).observe(dialog, { attributes: true, attributeFilter: ["aria-hidden"] });
  }

  // Wagtail moves the dialog out of a <template> into the form once its scripts run.
  var found = document.getElementById("schedule-publishing-dialog");
  if (found) {
    start(found);
    return;
  }
  var waiting = new MutationObserver(function () {
    var dialog = document.getElementById("schedule-publishing-dialog");
    if (!dialog) return;
    waiting.disconnect();
    start(dialog);
  });
  waiting.observe(document.documentElement, { childList: true, subtree: true });
})();
