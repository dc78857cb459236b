// Two gaps in Wagtail 8's autosave, closed for every page editor.
//
// 1. Save draft and Publish never race an autosave. Wagtail lets them: on a new page a
//    click while the first autosave is on its way posts the create form a second time,
//    beside the autosave that is already creating the page, and an autosave that starts
//    after the click posts the create form behind it; either way the editor gets two
//    pages. So a click waits for the autosave in flight, then posts to the edit view of
//    the page it made, with the same button; once the form is on its way, no autosave
//    starts.
// 2. What is typed while an autosave is on its way is saved too. When an autosave
//    answers, Wagtail takes the whole form as saved, including edits made after the
//    autosave had read it; they were neither sent nor flagged as unsaved, so leaving the
//    page lost them silently. So when the form differs from what the autosave sent, it
//    is saved again.
(function () {
  var SAFETY_RELEASE_MS = 30000; // never hold a click forever if no answer is announced
  var MAX_FOLLOW_UPS = 2; // saves in a row without anything typed: stop, whatever differs
  // Not the editor's content (as in Wagtail's own unsaved-changes check).
  var IGNORED = [
    "csrfmiddlewaretoken",
    "loaded_revision_id",
    "loaded_revision_created_at",
    "next",
    "overwrite_revision_id",
  ];
  var saving = false;
  var submitted = false;
  var held = null;
  var sent = null;
  var followUps = 0;

  function isEditForm(element) {
    return element instanceof HTMLFormElement && element.matches("[data-edit-form]");
  }

  function snapshot(formData, skip) {
    var pairs = [];
    formData.forEach(function (value, key) {
      if (IGNORED.indexOf(key) >= 0 || key.indexOf("comments-") === 0 || skip[key]) return;
      if (value instanceof File) value = [value.name, value.size, value.type].join("/");
      pairs.push([key, value]);
    });
    return new URLSearchParams(pairs).toString();
  }

  function release() {
    saving = false;
    if (!held) return false;
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
    return true;
  }

  function saveWhatWasTypedMeanwhile(form, response) {
    // Fields the server filled in (a slug from the title) are not the editor's edits.
    var skip = {};
    Object.keys((response && response.field_updates) || {}).forEach(function (key) {
      skip[key] = true;
    });
    var behind = sent && snapshot(sent, skip) !== snapshot(new FormData(form), skip);
    sent = null;
    if (!behind || submitted || followUps >= MAX_FOLLOW_UPS) return;
    followUps += 1;
    // The event Wagtail's own check sends on an edit: the form's autosave saves.
    form.dispatchEvent(
      new CustomEvent("w-unsaved:add", {
        bubbles: true,
        cancelable: true,
        detail: { type: "edits", autosaveGuard: true },
      })
    );
  }

  document.addEventListener("w-autosave:save", function (event) {
    if (!isEditForm(event.target) || event.defaultPrevented) return;
    if (submitted) {
      event.preventDefault(); // cancelable: Wagtail then sends nothing
      return;
    }
    saving = true;
    sent = event.detail.formData;
  });
  document.addEventListener("w-autosave:success", function (event) {
    if (!isEditForm(event.target)) return;
    if (!release()) saveWhatWasTypedMeanwhile(event.target, event.detail.response);
  });
  ["w-autosave:error", "w-autosave:deactivated"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (!isEditForm(event.target)) return;
      sent = null;
      release();
    });
  });
  document.addEventListener("w-unsaved:add", function (event) {
    if (!event.detail || !event.detail.autosaveGuard) followUps = 0; // a real edit
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
