// Save draft and Publish never race an autosave. Wagtail 8 lets them: on a new page a
// click while the first autosave is on its way posts the create form a second time,
// beside the autosave that is already creating the page, and an autosave that starts
// after the click posts the create form behind it; either way the editor gets two pages
// (the click-count browser test did, on a busy machine). So a click waits for the
// autosave in flight, then posts to the edit view of the page it made, with the same
// button; and once the form is on its way, no autosave starts.
(function () {
  var SAFETY_RELEASE_MS = 30000; // never hold a click forever if no answer is announced
  var saving = false;
  var submitted = false;
  var held = null;

  function isEditForm(element) {
    return element instanceof HTMLFormElement && element.matches("[data-edit-form]");
  }

  function release() {
    saving = false;
    if (!held) return;
    var form = held.form;
    var button = held.button;
    held = null;
    // The autosave may have swapped the footer (a new page becomes an edit view): post
    // the pressed button's name and value ourselves rather than rely on the old element.
    if (button && button.name) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = button.name;
      field.value = button.value;
      form.appendChild(field);
    }
    form.requestSubmit();
  }

  document.addEventListener("w-autosave:save", function (event) {
    if (!isEditForm(event.target) || event.defaultPrevented) return;
    if (submitted) {
      event.preventDefault(); // cancelable: Wagtail then sends nothing
    } else {
      saving = true;
    }
  });
  ["w-autosave:success", "w-autosave:error", "w-autosave:deactivated"].forEach(function (name) {
    document.addEventListener(name, release);
  });

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!saving || !isEditForm(form)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      held = { form: form, button: event.submitter };
      setTimeout(function () {
        if (held && held.form === form) release();
      }, SAFETY_RELEASE_MS);
    },
    true
  );
  document.addEventListener("submit", function (event) {
    if (isEditForm(event.target) && !event.defaultPrevented) submitted = true;
  });
})();
