// A Draftail plugin that keeps pasted sub- and superscript (the "paste-scripts" feature of
// a paragraph block). Draft.js reads inline styles only from the elements it knows (b, i,
// u, s, code…), so a pasted <sub>/<sup> would keep its text and lose its position. When
// the clipboard's HTML holds one, this plugin reads the HTML itself: each <sub> is read as
// <s> and each <sup> as <u>, and those two styles (which a paragraph does not offer, so
// none of the pasted text is meant to carry them) are renamed SUBSCRIPT and SUPERSCRIPT.
// Everything else is what Draft.js's own paste does, and Draftail then filters the paste
// to the block's features as usual. The clipboard has been tidied (paste_article.js).
(function () {
  var MARKS = { SUB: "s", SUP: "u" };
  var STYLES = { STRIKETHROUGH: "SUBSCRIPT", UNDERLINE: "SUPERSCRIPT" };

  function marked(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("u, s, strike, del").forEach(function (node) {
      node.replaceWith.apply(node, Array.prototype.slice.call(node.childNodes));
    });
    doc.querySelectorAll("[style]").forEach(function (node) {
      node.style.removeProperty("text-decoration");
      node.style.removeProperty("text-decoration-line");
    });
    doc.querySelectorAll("sub, sup").forEach(function (node) {
      var mark = doc.createElement(MARKS[node.tagName]);
      while (node.firstChild) mark.append(node.firstChild);
      node.replaceWith(mark);
    });
    return doc.body.innerHTML;
  }

  function renamed(block) {
    var characters = block.getCharacterList().map(function (character) {
      return character.get("style").reduce(function (result, style) {
        return STYLES[style]
          ? window.DraftJS.CharacterMetadata.applyStyle(
              window.DraftJS.CharacterMetadata.removeStyle(result, style),
              STYLES[style]
            )
          : result;
      }, character);
    });
    return block.set("characterList", characters);
  }

  function handlePastedText(text, html, editorState, helpers) {
    if (!html || !/<su[bp][\s>]/i.test(html)) return "not-handled";
    var Draft = window.DraftJS;
    var pasted = Draft.convertFromHTML(marked(html));
    if (!pasted || !pasted.contentBlocks) return "not-handled";
    var fragment = Draft.BlockMapBuilder.createFromArray(pasted.contentBlocks.map(renamed));
    var content = Draft.Modifier.replaceWithFragment(
      editorState.getCurrentContent(),
      editorState.getSelection(),
      fragment
    );
    helpers.setEditorState(
      Draft.EditorState.push(editorState, content.set("entityMap", pasted.entityMap), "insert-fragment")
    );
    return "handled";
  }

  window.draftail.registerPlugin({ type: "paste-scripts", handlePastedText: handlePastedText }, "plugins");
})();
