// UA Desk's embed script. On the organiser's own page:
//   <script src="https://DESK/static/widget.js" data-campaign="ua-118-21" data-lang="en" async></script>
// It puts the campaign's action widget (an iframe) where the script is, and makes the frame as tall as
// its content: the frame sends its height by postMessage, and only messages from that very frame,
// from the desk's own origin, are believed. Unless the page names the frame itself (data-title), the
// frame's name is the one the widget sends once loaded, in the widget's language.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var desk = new URL(script.src);
  var slug = script.getAttribute("data-campaign") || "";
  if (!/^[a-z0-9-]+$/.test(slug)) { return; }
  var src = new URL("/campaigns/" + slug + "/widget", desk.origin);
  var lang = script.getAttribute("data-lang");
  if (lang && /^[a-z]{2}$/.test(lang)) { src.searchParams.set("lang", lang); }

  var frame = document.createElement("iframe");
  frame.src = src.href;
  var ownTitle = script.getAttribute("data-title");
  // Until the widget has loaded and named itself: the campaign's address, the same in every language.
  frame.title = ownTitle || slug;
  frame.loading = "lazy";
  frame.setAttribute("style", "display:block;width:100%;max-width:40rem;min-height:30rem;border:0;");
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", function (event) {
    if (event.origin !== desk.origin || event.source !== frame.contentWindow) { return; }
    var data = event.data;
    if (data && data.type === "uadesk-widget:title" && typeof data.title === "string") {
      if (!ownTitle && data.title.trim()) { frame.title = data.title.trim().slice(0, 200); }
      return;
    }
    if (!data || data.type !== "uadesk-widget:height" || typeof data.height !== "number") { return; }
    var height = Math.max(200, Math.min(Math.round(data.height), 20000));
    frame.style.height = height + "px";
    frame.style.minHeight = "0";
  });
}());
