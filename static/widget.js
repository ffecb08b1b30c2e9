// UA Desk's embed script. On the organiser's own page:
//   <script src="https://DESK/static/widget.js" data-campaign="ua-118-21" data-lang="en" async></script>
// It puts the campaign's action widget (an iframe) where the script is, and makes the frame as tall as
// its content: the frame sends its height by postMessage, and only messages from that very frame,
// from the desk's own origin, are believed.
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
  frame.title = script.getAttribute("data-title") || "Write a letter";
  frame.loading = "lazy";
  frame.setAttribute("style", "display:block;width:100%;max-width:40rem;min-height:30rem;border:0;");
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", function (event) {
    if (event.origin !== desk.origin || event.source !== frame.contentWindow) { return; }
    var data = event.data;
    if (!data || data.type !== "uadesk-widget:height" || typeof data.height !== "number") { return; }
    var height = Math.max(200, Math.min(Math.round(data.height), 20000));
    frame.style.height = height + "px";
    frame.style.minHeight = "0";
  });
}());
