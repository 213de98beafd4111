/* Draws the choropleth of templates/core/_map.html: fetches the province outlines only when the
   map comes into view, colours each province by its innovation count (from the page's JSON
   island), links it to the catalogue filtered by province and marks the hubs. The table stays
   as the keyboard and screen-reader route (the drawing is aria-hidden and out of the tab order). */
(function () {
  "use strict";
  var section = document.querySelector("[data-province-map]");
  var data = document.getElementById("province-map-data");
  if (!section || !data || !window.fetch || !document.createElementNS) return;
  var canvas = section.querySelector("[data-map-src]");
  var NS = "http://www.w3.org/2000/svg";
  var figures = JSON.parse(data.textContent);
  var byCode = {};
  figures.provinces.forEach(function (p) { byCode[p.code] = p; });

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function draw(outlines) {
    var svg = el("svg", { viewBox: outlines.viewBox, "aria-hidden": "true", focusable: "false" });
    var centre = {};
    outlines.shapes.forEach(function (shape) {
      var members = shape.codes.map(function (c) { return byCode[c]; }).filter(Boolean);
      if (!members.length) return;
      var count = members.reduce(function (n, p) { return n + p.count; }, 0);
      var step = Math.max.apply(null, members.map(function (p) { return p.step; }));
      var own = members[0];
      var link = el("a", { href: own.url, tabindex: "-1" }, svg);
      var title = el("title", {}, link);
      title.textContent = members.map(function (p) { return p.name + ": " + p.count; }).join(" · ");
      el("path", { d: shape.d, "class": "step-" + (count ? step : 0), "data-codes": shape.codes.join(" ") }, link);
      shape.codes.forEach(function (c) { centre[c] = shape.c; });
    });
    // markers keep a finger-friendly size on a phone, where the whole country is ~300 px wide
    var width = parseFloat(outlines.viewBox.split(" ")[2]);
    var k = Math.max(1, width / (section.clientWidth || width) / 1.6);
    var placed = {};
    figures.hubs.forEach(function (hub) {
      var at = centre[hub.code];
      if (!at) return;
      var n = placed[hub.code] = (placed[hub.code] || 0) + 1;
      var link = el("a", { href: hub.url, tabindex: "-1" }, svg);
      el("title", {}, link).textContent = hub.title;
      el("circle", { cx: at[0] + (n - 1) * 9 * k, cy: at[1], r: 5.5 * k, "class": "hub" }, link);
    });
    canvas.appendChild(svg);
    canvas.hidden = false;
    var key = section.querySelector("[data-map-key]");
    if (key) key.hidden = false;
    var table = section.querySelector("[data-map-table]");
    if (table) table.open = false;
  }

  function load() {
    fetch(canvas.getAttribute("data-map-src"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(draw)
      .catch(function () { /* the table stays open: it is the map */ });
  }

  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { watcher.disconnect(); load(); }
    }, { rootMargin: "300px" });
    watcher.observe(section);
  } else {
    load();
  }
})();
