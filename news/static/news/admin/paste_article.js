// Pasting an article into a rich text field: the clipboard's HTML is tidied before the
// editor (Draftail) reads it, so what Word and Google Docs mean survives the paste.
// - Word writes list items as paragraphs styled "mso-list" with a typed bullet or number:
//   they become real bulleted or numbered lists.
// - A web page's article sits in <article>/<section> elements, which Draftail would
//   not read at all: they are unwrapped, scripts and styles removed.
// - Google Docs wraps the whole clipboard in <b style="font-weight:normal">: unwrapped,
//   or everything would paste bold.
// Headings of every level are kept; saving turns them into heading blocks (the server
// does that, news/html_blocks.py). Whatever the editor cannot hold is still dropped by
// Draftail itself.
(function () {
  var TIDIED = "application/x-magnet-news-tidied";
  var ORDERED_MARKER = /^\s*[(\[]?(\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)\]]/;

  function wordLists(doc) {
    var list = null;
    var items = Array.prototype.filter.call(doc.querySelectorAll("p"), function (p) {
      return /mso-list:\s*l\d+\s+level\d/.test(p.getAttribute("style") || "");
    });
    items.forEach(function (p) {
      var marker = p.querySelector("span[style*='mso-list:Ignore'], span[style*='mso-list: Ignore']");
      var markerText = marker ? marker.textContent : "";
      if (marker) marker.remove();
      var tag = ORDERED_MARKER.test(markerText) ? "OL" : "UL";
      if (!list || list.tagName !== tag || list.nextElementSibling !== p) {
        list = doc.createElement(tag);
        p.before(list);
      }
      var item = doc.createElement("li");
      item.innerHTML = p.innerHTML;
      list.append(item);
      p.remove();
    });
  }

  function googleDocsWrapper(doc) {
    doc.querySelectorAll("b[id^='docs-internal-guid']").forEach(function (wrapper) {
      wrapper.replaceWith.apply(wrapper, Array.prototype.slice.call(wrapper.childNodes));
    });
  }

  // Google Docs says bold, italic, sub- and superscript with styles on spans; Draftail
  // reads elements. Each styled span is wrapped in the element its style means.
  var STYLED = [
    [/font-weight:\s*(bold|[6-9]00)/, "b"],
    [/font-style:\s*italic/, "i"],
    [/vertical-align:\s*sub/, "sub"],
    [/vertical-align:\s*super/, "sup"],
  ];

  function styledSpans(doc) {
    doc.querySelectorAll("span[style]").forEach(function (span) {
      var style = span.getAttribute("style");
      STYLED.forEach(function (rule) {
        if (!rule[0].test(style)) return;
        var element = doc.createElement(rule[1]);
        while (span.firstChild) element.append(span.firstChild);
        span.append(element);
      });
    });
  }

  // A web page's article comes wrapped in sectioning elements Draftail does not read
  // (it pastes nothing at all from an <article>): their content stays, they go.
  function sectioning(doc) {
    doc.querySelectorAll("script, style, template, noscript").forEach(function (node) {
      node.remove();
    });
    doc.querySelectorAll("article, section, main, header, footer, aside, nav").forEach(function (node) {
      node.replaceWith.apply(node, Array.prototype.slice.call(node.childNodes));
    });
  }

  function tidy(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    sectioning(doc);
    wordLists(doc);
    googleDocsWrapper(doc);
    styledSpans(doc);
    return doc.body.innerHTML;
  }

  document.addEventListener(
    "paste",
    function (event) {
      var data = event.clipboardData;
      var editor = event.target.closest && event.target.closest(".Draftail-Editor");
      if (!editor || !data || data.types.indexOf(TIDIED) !== -1) return;
      var html = data.getData("text/html");
      if (!html) return;
      var tidied = new DataTransfer();
      tidied.setData("text/html", tidy(html));
      tidied.setData("text/plain", data.getData("text/plain"));
      tidied.setData(TIDIED, "1");
      event.preventDefault();
      event.stopImmediatePropagation();
      event.target.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: tidied, bubbles: true, cancelable: true })
      );
    },
    true
  );
})();
