/* geokg map view: events as points on an offline Natural Earth basemap (equirectangular, <canvas>).
 * Reads two JSON data blocks: #geokg-basemap (TopoJSON land) and #geokg-map-data
 * ({events: [[lat, lon, quad, mentions, dayIndex, text, place, date, actors], ...], days: [...]}).
 * Points are coloured by QuadClass and sized by mentions; a slider keeps the events up to a day,
 * checkboxes filter QuadClasses, a text box filters actors/places; hovering shows a tooltip. */
(function () {
  "use strict";
  var QUAD = {0: ["#9e9e9e", "no class"], 1: ["#2e7d32", "verbal cooperation"], 2: ["#1565c0", "material cooperation"],
              3: ["#ef6c00", "verbal conflict"], 4: ["#c62828", "material conflict"]};
  function $(id) { return document.getElementById(id); }
  var data = JSON.parse($("geokg-map-data").textContent);
  var land = JSON.parse($("geokg-basemap").textContent);
  var canvas = $("geokg-map-canvas"), tip = $("geokg-map-tip"), slider = $("geokg-map-slider");
  var dayLabel = $("geokg-map-day"), filterBox = $("geokg-map-filter"), countLabel = $("geokg-map-count");
  var ctx = canvas.getContext("2d");
  var events = data.events, days = data.days;
  var enabled = {0: true, 1: true, 2: true, 3: true, 4: true};
  var visible = [], grid = {}, W = 0, H = 0, landPath = null;

  function decodeArcs(topo) {  // TopoJSON delta-encoded, quantized arcs -> [[lon, lat], ...]
    var s = topo.transform.scale, t = topo.transform.translate;
    return topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) { x += p[0]; y += p[1]; return [x * s[0] + t[0], y * s[1] + t[1]]; });
    });
  }
  function rings(topo) {
    var arcs = decodeArcs(topo), out = [];
    function ring(ids) {
      var pts = [];
      ids.forEach(function (i) {
        var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        pts = pts.concat(pts.length ? a.slice(1) : a);
      });
      return pts;
    }
    topo.objects.land.geometries.forEach(function (g) {
      var polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      polys.forEach(function (poly) { poly.forEach(function (r) { out.push(ring(r)); }); });
    });
    return out;
  }
  var landRings = rings(land);
  function px(lon) { return (lon + 180) / 360 * W; }
  function py(lat) { return (90 - lat) / 180 * H; }

  function resize() {
    var ratio = window.devicePixelRatio || 1, box = canvas.parentNode.getBoundingClientRect();
    W = Math.max(200, Math.floor(box.width)); H = Math.floor(W / 2);
    canvas.width = W * ratio; canvas.height = H * ratio;
    canvas.style.width = W + "px"; canvas.style.height = H + "px";
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    landPath = new Path2D();
    landRings.forEach(function (r) {
      // a ring that crosses the antimeridian is unwrapped (continuous longitudes) and drawn twice,
      // once shifted by 360 degrees: the canvas clips what falls outside
      var lon = r[0][0], pts = [[lon, r[0][1]]], wraps = false;
      for (var i = 1; i < r.length; i++) {
        var d = r[i][0] - r[i - 1][0];
        if (d > 180) { d -= 360; wraps = true; } else if (d < -180) { d += 360; wraps = true; }
        lon += d; pts.push([lon, r[i][1]]);
      }
      (wraps ? [0, lon > 0 || pts.some(function (p) { return p[0] > 180; }) ? -360 : 360] : [0]).forEach(function (shift) {
        pts.forEach(function (p, i) {
          if (i) landPath.lineTo(px(p[0] + shift), py(p[1])); else landPath.moveTo(px(p[0] + shift), py(p[1]));
        });
        landPath.closePath();
      });
    });
    draw();
  }
  function radius(m) { return 2.5 + 2 * Math.sqrt(Math.max(1, m)); }

  function filterEvents() {
    var upTo = +slider.value, q = filterBox.value.trim().toLowerCase();
    visible = [];
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      if (!enabled[e[2]]) continue;
      if (e[4] >= 0 && e[4] > upTo) continue;
      if (q && (e[8] + " " + e[6]).toLowerCase().indexOf(q) < 0) continue;
      visible.push(e);
    }
    dayLabel.textContent = upTo >= days.length - 1 ? "all dates" : "up to " + days[upTo];
    countLabel.textContent = visible.length + " of " + events.length + " events";
  }
  function draw() {
    ctx.fillStyle = "#dceefa"; ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = "#f4f1ea"; ctx.strokeStyle = "#b9b3a5"; ctx.lineWidth = 0.6;
    if (landPath) { ctx.fill(landPath, "evenodd"); ctx.stroke(landPath); }
    grid = {};
    ctx.globalAlpha = 0.75;
    for (var i = 0; i < visible.length; i++) {
      var e = visible[i], x = px(e[1]), y = py(e[0]), r = radius(e[3]);
      ctx.beginPath(); ctx.arc(x, y, r, 0, 6.2832);
      ctx.fillStyle = (QUAD[e[2]] || QUAD[0])[0]; ctx.fill();
      var key = Math.floor(x / 16) + ":" + Math.floor(y / 16);
      (grid[key] = grid[key] || []).push(i);
    }
    ctx.globalAlpha = 1;
  }
  function update() { filterEvents(); draw(); tip.style.display = "none"; }

  function nearest(x, y) {
    var best = -1, bestD = 1e9, cx = Math.floor(x / 16), cy = Math.floor(y / 16);
    for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
      (grid[(cx + dx) + ":" + (cy + dy)] || []).forEach(function (i) {
        var e = visible[i], d = Math.hypot(px(e[1]) - x, py(e[0]) - y);
        if (d <= radius(e[3]) + 3 && d < bestD) { bestD = d; best = i; }
      });
    }
    return best;
  }
  canvas.addEventListener("mousemove", function (ev) {
    var box = canvas.getBoundingClientRect(), i = nearest(ev.clientX - box.left, ev.clientY - box.top);
    if (i < 0) { tip.style.display = "none"; return; }
    var e = visible[i];
    tip.textContent = "";
    [[e[5], "b"], [e[6] + (e[7] ? " \u00b7 " + e[7] : ""), "span"],
     [(QUAD[e[2]] || QUAD[0])[1] + " \u00b7 " + e[3] + " mention" + (e[3] === 1 ? "" : "s"), "span"],
     [e[9] || "", "q"]].forEach(function (part) {
      if (!part[0]) return;
      var el = document.createElement(part[1]); el.textContent = part[0]; tip.appendChild(el);
    });
    tip.style.display = "block";
    tip.style.left = Math.min(ev.clientX - box.left + 12, W - 260) + "px";
    tip.style.top = (ev.clientY - box.top + 12) + "px";
  });
  canvas.addEventListener("mouseleave", function () { tip.style.display = "none"; });

  var legend = $("geokg-map-legend");
  [0, 1, 2, 3, 4].forEach(function (q) {
    var label = document.createElement("label"), box = document.createElement("input"), dot = document.createElement("span");
    box.type = "checkbox"; box.checked = true; box.dataset.quad = q;
    box.addEventListener("change", function () { enabled[q] = box.checked; update(); });
    dot.className = "geokg-map-dot"; dot.style.background = QUAD[q][0];
    label.appendChild(box); label.appendChild(dot); label.appendChild(document.createTextNode(" " + q + " " + QUAD[q][1]));
    legend.appendChild(label);
  });
  slider.min = 0; slider.max = Math.max(0, days.length - 1); slider.value = slider.max;
  slider.disabled = days.length < 2;
  slider.addEventListener("input", update);
  filterBox.addEventListener("input", update);
  window.addEventListener("resize", resize);
  var tabMap = $("gk-tab-map"), tabGraph = $("gk-tab-graph");
  var section = $("geokg-map-section"), main = $("gk-main");
  function show(map) {
    section.hidden = !map; main.hidden = map;
    tabMap.setAttribute("aria-selected", String(map)); tabGraph.setAttribute("aria-selected", String(!map));
    if (map) resize();
  }
  if (tabMap && tabGraph) {  // the graph view's Map tab: the map is drawn when shown (it needs its width)
    tabMap.addEventListener("click", function () { show(true); });
    tabGraph.addEventListener("click", function () { show(false); });
  }
  filterEvents();
  resize();
  if (tabMap && tabGraph) show(false);
  window.geokgMap = {ready: true, visible: function () { return visible.length; }, total: events.length,
                     point: function (lat, lon) { var b = canvas.getBoundingClientRect(); return [b.left + px(lon), b.top + py(lat)]; }};
  document.documentElement.setAttribute("data-gk-map-ready", "1");
})();
