/* The /widgets/ page: the chosen scope and size become the snippet and the preview. */
(() => {
  const form = document.getElementById("widget-form");
  const preview = document.getElementById("widget-preview");
  const snippet = document.getElementById("widget-snippet");
  const copy = document.getElementById("widget-copy");
  const script = form.dataset.script;

  const update = () => {
    const data = new FormData(form);
    const attributes = {};
    const scope = data.get("scope");
    if (scope) {
      const [kind, slug] = scope.split(":");
      attributes[kind] = slug;
    }
    attributes.limit = data.get("limit");
    if (data.get("events") !== "0") attributes.events = data.get("events");
    if (data.get("river")) attributes.river = "";
    for (const name of ["project", "category", "tag", "limit", "events", "river"]) {
      if (attributes[name] != null) preview.setAttribute(name, attributes[name]);
      else preview.removeAttribute(name);
    }
    const rendered = Object.entries(attributes)
      .map(([k, v]) => (v === "" ? ` ${k}` : ` ${k}="${v}"`)).join("");
    snippet.value = `<script src="${script}" defer></script>\n<network-news${rendered}></network-news>`;
  };

  form.addEventListener("change", update);
  copy.addEventListener("click", async () => {
    snippet.select();
    try {
      await navigator.clipboard.writeText(snippet.value);
      copy.textContent = "Copied";
    } catch (error) {
      document.execCommand("copy");
    }
  });
  update();
})();
