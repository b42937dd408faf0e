/* geokg graph view: builds the vis-network graph, filters, legend and tooltips.
 *
 * All text comes from news articles and is untrusted: it is only ever inserted
 * with textContent, and only http(s) URLs become links.  This file never uses
 * innerHTML, eval or network APIs.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("gk-data").textContent);
  var META = DATA.meta;
  var INFO = DATA.info;
  var EVENTS = DATA.events;
  var ARTICLES = DATA.articles;
  var EDGE_EVENTS = DATA.edgeEvents;
  var QUAD = {};
  DATA.quad.forEach(function (q) { QUAD[q[0] === null ? "" : String(q[0])] = { name: q[1], color: q[2] }; });
  var SHAPE_GLYPH = { dot: "\u25CF", diamond: "\u25C6", square: "\u25A0", triangle: "\u25B2",
    star: "\u2605", triangleDown: "\u25BC" };
  // Event row fields.
  var E_LABEL = 0, E_DATE = 1, E_SENTENCE = 2, E_ART = 3, E_CAMEO = 4, E_PLOVER = 5, E_QUAD = 6,
      E_GOLD = 7, E_COUNT = 8;

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  /** Return a normalised http(s) URL or null (javascript:, data:, relative ... are refused). */
  function safeHref(u) {
    if (typeof u !== "string" || !u) { return null; }
    var p;
    try { p = new URL(u); } catch (err) { return null; }
    return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null;
  }

  function link(url, text) {
    var href = safeHref(url);
    if (!href) { return el("span", "gk-nolink", text || ""); }
    var a = el("a", null, text || href);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  // ---------------------------------------------------------------- filters
  var state = { type: "", quad: "", from: "", to: "", hide: true };
  var visibleEdges = null;   // null = every edge
  var linkedNodes = null;    // null = every node
  var matchCount = null;     // edge id -> number of matching events (when filtering)

  function filterActive() { return !!(state.type || state.quad || state.from || state.to); }

  function eventMatches(i) {
    var ev = EVENTS[i];
    if (state.type) {
      var cut = state.type.indexOf(":");
      var kind = state.type.slice(0, cut), val = state.type.slice(cut + 1);
      if (kind === "plover" && ev[E_PLOVER] !== val) { return false; }
      if (kind === "cameo" && (!ev[E_CAMEO] || ev[E_CAMEO].slice(0, 2) !== val)) { return false; }
    }
    if (state.quad) {
      var q = ev[E_QUAD] === null ? "none" : String(ev[E_QUAD]);
      if (q !== state.quad) { return false; }
    }
    if (state.from || state.to) {
      var d = ev[E_DATE];
      if (!d) { return false; }
      if (state.from && d < state.from) { return false; }
      if (state.to && d > state.to) { return false; }
    }
    return true;
  }

  function readState() {
    state.type = $("gk-type").value;
    state.quad = $("gk-quad").value;
    state.from = $("gk-from").value;
    state.to = $("gk-to").value;
    state.hide = $("gk-hide").checked;
  }

  var notes = [];

  function applyFilters() {
    readState();
    notes = [];
    if (state.from && state.to && state.from > state.to) {
      var t = state.from; state.from = state.to; state.to = t;
      notes.push("'From' was after 'To'; the dates were swapped.");
    }
    var shownEvents = 0;
    if (!filterActive()) {
      visibleEdges = null; linkedNodes = null; matchCount = null;
      shownEvents = META.eventsShown;
    } else {
      visibleEdges = new Set(); linkedNodes = new Set(); matchCount = new Map();
      DATA.edges.forEach(function (e) {
        var m = 0;
        EDGE_EVENTS[e.id].forEach(function (i) { if (eventMatches(i)) { m += EVENTS[i][E_COUNT]; } });
        if (m > 0) {
          visibleEdges.add(e.id); matchCount.set(e.id, m);
          linkedNodes.add(e.from); linkedNodes.add(e.to);
          shownEvents += m;
        }
      });
      if (visibleEdges.size === 0) {
        notes.push("No event matches these filters; showing all actors without links.");
        linkedNodes = null;
      } else if (!state.hide) {
        linkedNodes = null;
      }
    }
    edgesView.refresh();
    nodesView.refresh();
    updateStatus(shownEvents);
    hideTooltip();
    return { nodes: nodesView.length, edges: edgesView.length, events: shownEvents };
  }

  function updateStatus(shownEvents) {
    var box = $("gk-status");
    box.textContent = "";
    var parts = [nodesView.length + " of " + META.actorsTotal + " actors",
      edgesView.length + " links", shownEvents + " of " + META.eventsTotal + " events"];
    box.appendChild(el("span", null, parts.join(" \u00B7 ")));
    META.notices.concat(notes).concat(searchNote ? [searchNote] : []).forEach(function (n) {
      box.appendChild(document.createTextNode(" \u2014 "));
      box.appendChild(el("span", "gk-warn", n));
    });
  }

  // ---------------------------------------------------------------- tooltips
  function codesLine(ev) {
    var bits = [];
    var q = QUAD[ev[E_QUAD] === null ? "" : String(ev[E_QUAD])];
    if (ev[E_QUAD] !== null) { bits.push(q.name); }
    if (ev[E_PLOVER]) { bits.push("PLOVER " + ev[E_PLOVER]); }
    if (ev[E_CAMEO]) { bits.push("CAMEO " + ev[E_CAMEO]); }
    if (ev[E_GOLD] !== null) { bits.push("Goldstein " + ev[E_GOLD]); }
    if (ev[E_COUNT] > 1) { bits.push("\u00D7" + ev[E_COUNT]); }
    return bits.join(" \u00B7 ");
  }

  function eventBlock(i) {
    var ev = EVENTS[i];
    var box = el("div", "gk-ev");
    var head = el("div");
    head.appendChild(el("span", "gk-rel", ev[E_LABEL]));
    head.appendChild(document.createTextNode(" \u2014 " + (ev[E_DATE] || "undated")));
    box.appendChild(head);
    var codes = codesLine(ev);
    if (codes) { box.appendChild(el("div", "gk-codes", codes)); }
    if (ev[E_SENTENCE]) { box.appendChild(el("blockquote", "gk-sentence", ev[E_SENTENCE])); }
    if (ev[E_ART] !== null) {
      var art = ARTICLES[ev[E_ART]];
      var src = el("div", "gk-source");
      src.appendChild(document.createTextNode("Source: "));
      src.appendChild(link(art[0], art[1] || art[0] || "article"));
      box.appendChild(src);
    }
    return box;
  }

  function nodeName(id) { return INFO[id] ? INFO[id][0] : String(id); }

  /**
   * Build the tooltip element of a node or an edge ("node"|"edge", id).
   * `limit` caps the number of events listed for an edge.
   */
  function buildTooltip(kind, id, limit) {
    var box = el("div", "gk-tip");
    if (kind === "node") {
      var inf = INFO[id];
      if (!inf) { return null; }
      box.appendChild(el("h3", null, inf[0]));
      var sub = [inf[1] || "actor", inf[2] || "no country", inf[3] || "no sector"].join(" \u00B7 ");
      box.appendChild(el("p", "gk-sub", sub));
      if (inf[5]) { box.appendChild(el("p", null, inf[5])); }
      box.appendChild(el("p", "gk-sub", inf[6] + " events"));
      if (inf[4]) { var p = el("p"); p.appendChild(link(inf[4], inf[4])); box.appendChild(p); }
      return box;
    }
    var e = DATA.edges[id];
    if (!e) { return null; }
    var arrow = META.directed ? " \u2192 " : " \u2014 ";
    box.appendChild(el("h3", null, nodeName(e.from) + arrow + nodeName(e.to)));
    var evs = EDGE_EVENTS[id];
    if (matchCount) { evs = evs.filter(eventMatches); }
    var total = 0;
    EDGE_EVENTS[id].forEach(function (i) { total += EVENTS[i][E_COUNT]; });
    var line = total + (total === 1 ? " event" : " events");
    if (matchCount) { line += ", " + (matchCount.get(id) || 0) + " matching the filters"; }
    box.appendChild(el("p", "gk-sub", line));
    evs = evs.slice().sort(function (a, b) {
      var da = EVENTS[a][E_DATE] || "", db = EVENTS[b][E_DATE] || "";
      return da < db ? 1 : (da > db ? -1 : a - b);
    });
    var cap = limit || 4;
    evs.slice(0, cap).forEach(function (i) { box.appendChild(eventBlock(i)); });
    if (evs.length > cap) {
      box.appendChild(el("div", "gk-more", "\u2026 and " + (evs.length - cap) + " more (click the edge for details)"));
    }
    return box;
  }

  var tooltip = $("gk-tooltip");
  function showTooltip(kind, id, pointer) {
    var content = buildTooltip(kind, id, 3);
    if (!content) { return; }
    tooltip.textContent = "";
    tooltip.appendChild(content);
    tooltip.hidden = false;
    var main = $("gk-main");
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > main.clientWidth) { x = Math.max(0, pointer.x - w - 14); }
    if (y + h > main.clientHeight) { y = Math.max(0, main.clientHeight - h - 4); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; tooltip.textContent = ""; }

  function showDetails(kind, id) {
    var box = $("gk-details");
    var content = buildTooltip(kind, id, 50);
    box.textContent = "";
    if (!content) { box.hidden = true; return; }
    var close = el("button", "gk-close", "\u00D7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(close);
    box.appendChild(content);
    box.hidden = false;
  }

  // ---------------------------------------------------------------- legend + controls
  function legendList(title, items) {
    var wrap = el("div");
    wrap.appendChild(el("h4", null, title));
    var ul = el("ul");
    items.forEach(function (it) { ul.appendChild(it); });
    wrap.appendChild(ul);
    return wrap;
  }

  function buildLegend() {
    var box = $("gk-legend");
    var det = el("details");
    det.open = true;
    det.appendChild(el("summary", null, "Legend"));
    var colors = DATA.legend.colors;
    var shown = colors.slice(0, 24).map(function (c) {
      var li = el("li");
      var sw = el("span", "gk-swatch"); sw.style.background = c[1];
      li.appendChild(sw); li.appendChild(el("span", null, c[0])); li.appendChild(el("span", "gk-count", c[2]));
      return li;
    });
    if (colors.length > 24) { shown.push(el("li", "gk-count", "+ " + (colors.length - 24) + " more")); }
    det.appendChild(legendList(META.colorBy === "sector" ? "Sector (node colour)"
      : META.colorBy === "attribute" ? "Node colour" : "Country (node colour)", shown));
    det.appendChild(legendList("Kind (node shape)", DATA.legend.kinds.map(function (k) {
      var li = el("li");
      li.appendChild(el("span", "gk-shape", SHAPE_GLYPH[k[1]] || "\u25CF"));
      li.appendChild(el("span", null, k[0])); li.appendChild(el("span", "gk-count", k[2]));
      return li;
    })));
    det.appendChild(legendList("QuadClass (edge colour)", DATA.quad.map(function (q) {
      var li = el("li");
      var ln = el("span", "gk-line"); ln.style.background = q[2];
      li.appendChild(ln); li.appendChild(el("span", null, q[1]));
      return li;
    })));
    var size = META.sizeBy ? "Node size: " + META.sizeBy + ". " : "";
    det.appendChild(el("p", "gk-count", size + "Edge width: number of events." +
      (META.aggregated ? " Events of one dyad are merged." : "")));
    box.appendChild(det);
  }

  function buildControls() {
    var sel = $("gk-type");
    if (DATA.types.plover.length) {
      var og = el("optgroup"); og.label = "PLOVER";
      DATA.types.plover.forEach(function (p) {
        var o = el("option", null, p[0] + " (" + p[1] + ")"); o.value = "plover:" + p[0]; og.appendChild(o);
      });
      sel.appendChild(og);
    }
    if (DATA.types.cameo.length) {
      var og2 = el("optgroup"); og2.label = "CAMEO root";
      DATA.types.cameo.forEach(function (r) {
        var o = el("option", null, r[0] + (r[1] ? " " + r[1] : "") + " (" + r[2] + ")");
        o.value = "cameo:" + r[0]; og2.appendChild(o);
      });
      sel.appendChild(og2);
    }
    var quad = $("gk-quad");
    DATA.quad.forEach(function (q) {
      var o = el("option", null, q[1]); o.value = q[0] === null ? "none" : String(q[0]); quad.appendChild(o);
    });
    ["gk-from", "gk-to"].forEach(function (id) {
      if (META.dateMin) { $(id).min = META.dateMin; }
      if (META.dateMax) { $(id).max = META.dateMax; }
    });
    ["gk-type", "gk-quad", "gk-from", "gk-to", "gk-hide"].forEach(function (id) {
      $(id).addEventListener("change", applyFilters);
    });
    var order = INFO.map(function (inf, i) { return i; }).sort(function (a, b) { return INFO[b][6] - INFO[a][6]; });
    var list = $("gk-actors");
    order.slice(0, 1000).forEach(function (i) { var o = el("option"); o.value = INFO[i][0]; list.appendChild(o); });
    var timer = null;
    $("gk-search").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search($("gk-search").value, false); }, 150);
    });
    $("gk-search").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); search($("gk-search").value, true); }
    });
    $("gk-reset").addEventListener("click", reset);
    $("gk-fit").addEventListener("click", function () { network.fit(); });
  }

  // ---------------------------------------------------------------- search
  var searchNote = "";
  var lastQuery = "", cursor = -1;

  /** Select actors whose name or id contains `query`; focus one (the next one when `next`). */
  function search(query, next) {
    var q = String(query || "").trim().toLowerCase();
    searchNote = "";
    if (!q) {
      network.unselectAll(); lastQuery = ""; cursor = -1;
      updateStatus(currentEvents()); return [];
    }
    var hits = [], hidden = 0;
    for (var i = 0; i < INFO.length; i++) {
      if (INFO[i][0].toLowerCase().indexOf(q) >= 0 || (INFO[i][7] || "").toLowerCase().indexOf(q) >= 0) {
        if (network.body.nodes[i] !== undefined) { hits.push(i); } else { hidden++; }
      }
    }
    if (q !== lastQuery) { cursor = -1; lastQuery = q; }
    if (!hits.length) {
      network.unselectAll();
      searchNote = hidden ? "'" + query + "' matches only actors hidden by the filters"
                          : "No actor matches '" + query + "'";
    } else {
      network.selectNodes(hits, true);
      cursor = next ? (cursor + 1) % hits.length : 0;
      network.focus(hits[cursor], { scale: Math.max(network.getScale(), 0.9),
        animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      searchNote = hits.length + (hits.length === 1 ? " actor matches" : " actors match") + " '" + query + "'" +
        (hits.length > 1 ? " (Enter: next)" : "") + (hidden ? ", " + hidden + " hidden by filters" : "");
    }
    updateStatus(currentEvents());
    return hits;
  }

  function currentEvents() {
    if (!matchCount) { return META.eventsShown; }
    var s = 0; matchCount.forEach(function (v) { s += v; }); return s;
  }

  function reset() {
    $("gk-type").value = ""; $("gk-quad").value = ""; $("gk-from").value = ""; $("gk-to").value = "";
    $("gk-hide").checked = true; $("gk-search").value = "";
    searchNote = ""; lastQuery = "";
    network.unselectAll();
    $("gk-details").hidden = true;
    applyFilters();
    network.fit();
  }

  // ---------------------------------------------------------------- network
  var nodesDS = new vis.DataSet(DATA.nodes);
  var edgesDS = new vis.DataSet(DATA.edges);
  var nodesView = new vis.DataView(nodesDS, {
    filter: function (n) { return linkedNodes === null || linkedNodes.has(n.id); }
  });
  var edgesView = new vis.DataView(edgesDS, {
    filter: function (e) { return visibleEdges === null || visibleEdges.has(e.id); }
  });
  var big = DATA.edges.length > 1500 || DATA.nodes.length > 1000;
  var browserPhysics = META.physics === "browser" && DATA.nodes.length > 1;
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { borderWidth: 1, borderWidthSelected: 3, font: { size: 12, face: "system-ui, Arial, sans-serif" },
      scaling: { label: { drawThreshold: 6 } } },
    edges: {
      arrows: { to: { enabled: !!META.directed, scaleFactor: 0.5 } },
      smooth: false, selectionWidth: 2, hoverWidth: 1,
      color: { inherit: false, opacity: 0.85 }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      navigationButtons: false, keyboard: false, multiselect: true },
    physics: browserPhysics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, springConstant: 0.06, avoidOverlap: 0.2 },
      minVelocity: 1.5, maxVelocity: 40,
      stabilization: { enabled: true, iterations: 150, updateInterval: 50, fit: true }
    } : { enabled: false }
  };
  var network = new vis.Network($("gk-graph"), { nodes: nodesView, edges: edgesView }, options);

  var api = {
    data: DATA, network: network, nodes: nodesDS, edges: edgesDS, nodesView: nodesView, edgesView: edgesView,
    tooltip: buildTooltip, showTooltip: showTooltip, showDetails: showDetails, applyFilters: applyFilters,
    search: search, reset: reset, safeHref: safeHref, ready: false, settledAt: null,
    /** Set filter inputs from an object {type, quad, from, to, hide} and apply them. */
    setFilters: function (f) {
      if ("type" in f) { $("gk-type").value = f.type; }
      if ("quad" in f) { $("gk-quad").value = f.quad; }
      if ("from" in f) { $("gk-from").value = f.from; }
      if ("to" in f) { $("gk-to").value = f.to; }
      if ("hide" in f) { $("gk-hide").checked = !!f.hide; }
      return applyFilters();
    }
  };
  window.geokg = api;
  window.geokgNetwork = network;

  function markReady() {
    if (api.ready) { return; }
    api.ready = true;
    api.settledAt = performance.now();
    document.documentElement.setAttribute("data-gk-ready", "1");
  }
  var physicsDone = !browserPhysics;
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    physicsDone = true;
  });
  network.on("afterDrawing", function () { if (physicsDone) { markReady(); } });

  network.on("hoverNode", function (p) { showTooltip("node", p.node, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip("edge", p.edge, p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) { showDetails("node", p.nodes[0]); }
    else if (p.edges.length) { showDetails("edge", p.edges[0]); }
    else { $("gk-details").hidden = true; }
  });

  buildLegend();
  buildControls();
  updateStatus(META.eventsShown);
  if (DATA.nodes.length === 0) { markReady(); }
})();
