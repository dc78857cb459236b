// Click-to-load players: nothing loads from a provider until the reader presses play.
// The page's Content-Security-Policy allows frames from exactly the providers shown.
(function () {
  if (window.embedFacades) return;
  window.embedFacades = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-embed-src]");
    if (!button) return;
    var frame = document.createElement("iframe");
    var src = new URL(button.dataset.embedSrc);
    src.searchParams.set("autoplay", "1");
    frame.src = src.toString();
    frame.title = button.dataset.embedTitle;
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    button.replaceWith(frame);
  });
})();
