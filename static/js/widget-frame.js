// Inside the widget's frame: tells the page around it how tall the widget is, whenever that changes,
// so the frame shows all of it without a scroll bar of its own, and what the frame is, in the widget's
// language, so the page can name it for screen readers (static/widget.js listens). Only the height and
// that title travel: nothing typed into the form ever leaves the frame this way.
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var last = 0;
  function tell() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) { return; }
    last = height;
    // "*": the host page's origin is not ours to know for sure, and a height is no secret.
    window.parent.postMessage({ type: "uadesk-widget:height", height: height }, "*");
  }
  if (window.ResizeObserver) {
    new ResizeObserver(tell).observe(document.documentElement);
  } else {
    window.addEventListener("resize", tell);
    setInterval(tell, 500);
  }
  window.addEventListener("load", tell);
  tell();
  var title = document.querySelector('meta[name="uadesk-frame-title"]');
  if (title && title.content) {
    window.parent.postMessage({ type: "uadesk-widget:title", title: title.content }, "*");
  }
}());
