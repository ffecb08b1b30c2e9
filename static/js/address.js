// Fits the address fields to the chosen country: its words, its order, its list of states or
// prefectures. Progressive enhancement: without it the server fits them after sending, and
// checks the address by its country either way. The data comes from /address-formats/<XX>.json.
(function () {
  "use strict";
  var box = document.querySelector("[data-address-formats]");
  var country = document.getElementById("country");
  if (!box || !country || !window.fetch) { return; }
  var cache = {};
  var wanted = "";
  var COPIED = ["id", "name", "autocomplete", "aria-invalid", "aria-describedby", "class"];

  function urlFor(code) {
    return box.getAttribute("data-address-formats").replace("XX", encodeURIComponent(code || "ZZ"));
  }

  function matching(regions, typed) {
    var value = (typed || "").trim().toLowerCase();
    if (!value) { return ""; }
    for (var i = 0; i < regions.length; i++) {
      var names = regions[i][1].toLowerCase().split(" / ");
      if (regions[i][0].toLowerCase() === value || names.indexOf(value) !== -1) { return regions[i][0]; }
    }
    return "";
  }

  function fitRegion(wrapper, regions, choose) {
    var current = wrapper.querySelector("#region");
    if (!current) { return; }
    var next;
    if (regions.length) {
      next = document.createElement("select");
      next.add(new Option(choose, ""));
      regions.forEach(function (region) { next.add(new Option(region[1], region[0])); });
      next.value = matching(regions, current.value);
    } else {
      if (current.tagName === "INPUT") { return; }
      next = document.createElement("input");
      next.type = "text";
    }
    COPIED.forEach(function (attribute) {
      if (current.hasAttribute(attribute)) { next.setAttribute(attribute, current.getAttribute(attribute)); }
    });
    current.replaceWith(next);
  }

  function fit(data) {
    data.fields.forEach(function (item) {
      var wrapper = box.querySelector('[data-address-field="' + item.name + '"]');
      if (!wrapper) { return; }
      box.appendChild(wrapper);  // in the order the country writes its addresses
      // As the server does: a field with something to mend stays in sight whatever the country.
      wrapper.hidden = !item.shown && !wrapper.querySelector(".error-text");
      var label = wrapper.querySelector("label");
      if (label) { label.textContent = item.label; }
      if (item.name === "region") { fitRegion(wrapper, data.regions, data.choose); }
    });
  }

  function refit() {
    var code = country.value;
    wanted = code;
    if (cache[code]) { fit(cache[code]); return; }
    fetch(urlFor(code), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        cache[code] = data;
        if (wanted === code) { fit(data); }  // a later choice wins over a slower answer
      })
      .catch(function () { /* the server still checks the address by its country */ });
  }

  country.addEventListener("change", refit);
  // A browser that restored the form (back button) may show a country the page was not fitted to.
  if (country.value) { refit(); }
}());
