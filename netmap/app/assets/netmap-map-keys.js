/* The map by keyboard: every person on the map is a real button laid over its marker.
 *
 * dash-cytoscape draws on a canvas, which a keyboard cannot reach. This file
 * keeps one transparent <button> per person node in the empty Dash Div
 * "#map-keys" (inside the map box), in the map's order and on top of the
 * node (pointer-events: none, so the mouse still drags and taps the canvas):
 *   - Tab / Shift+Tab go from person to person (and on out of the map);
 *   - the arrow keys move the focused person (Shift: a bigger step), and when
 *     the keys rest for SETTLE_MS (or the focus leaves) the new place is sent
 *     once as the drop a drag sends ("drag-op", see netmap-drag.js): one new
 *     version, with sector and distance worked out by the server;
 *   - Enter (or Space) opens the person's panel, as the person list does
 *     (it clicks that person's button in the list).
 * The buttons are named by the node's label; "#map-keys-help" says what the
 * keys do (aria-describedby). window.__netmapKeysSent counts the moves sent.
 */
(function () {
  "use strict";
  var STEP = 10, BIG_STEP = 30, SETTLE_MS = 700;
  var moves = {};  // pid -> {timer}
  var frame = 0;

  function layer() { return document.getElementById("map-keys"); }

  // Set a style only when it changes: a write the page already shows costs
  // nothing, and no read of the layout comes between the writes (on a
  // 2,000-person map a read per button forced thousands of reflows).
  function setStyle(button, key, value) {
    if (button.style[key] !== value) { button.style[key] = value; }
  }

  function place(button, node, dx, dy) {
    var p = node.renderedPosition();
    // At least 44 px, like every control (the ring is drawn around it).
    var w = Math.max(node.renderedWidth() + 8, 44), h = Math.max(node.renderedHeight() + 8, 44);
    setStyle(button, "left", (dx + p.x - w / 2) + "px");
    setStyle(button, "top", (dy + p.y - h / 2) + "px");
    setStyle(button, "width", w + "px");
    setStyle(button, "height", h + "px");
  }

  function sync() {
    frame = 0;
    var cy = window.cy, box = layer();
    if (!cy || !box) { return; }
    var help = document.getElementById("map-keys-help");
    // The layer sits over the map box; the canvas may be inset in it (read once).
    var c = cy.container();
    var dx = c.getBoundingClientRect().left - box.getBoundingClientRect().left;
    var dy = c.getBoundingClientRect().top - box.getBoundingClientRect().top;
    var buttons = {};
    Array.prototype.forEach.call(box.querySelectorAll("button.map-key"), function (b) {
      buttons[b.getAttribute("data-pid")] = b;
    });
    var kept = {};
    var previous = null;
    cy.nodes("node.person").forEach(function (node) {
      var pid = String(node.data("pid"));
      kept[pid] = true;
      var button = buttons[pid];
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "map-key";
        button.setAttribute("data-pid", pid);
        if (help) { button.setAttribute("aria-describedby", "map-keys-help"); }
      }
      // Keep the map's order (the Tab order), moving only what is out of place.
      var want = previous ? previous.nextSibling : box.firstChild;
      if (want !== button) { box.insertBefore(button, want); }
      previous = button;
      // The whole label (name, role, marks), also where the map shows the name alone.
      var name = String(node.data("full") || node.data("label") || "").split("\n").join(", ");
      if (button.getAttribute("aria-label") !== name) { button.setAttribute("aria-label", name); }
      var chosen = node.hasClass("selected");
      if (button.classList.contains("chosen") !== chosen) { button.classList.toggle("chosen", chosen); }
      place(button, node, dx, dy);
    });
    Object.keys(buttons).forEach(function (pid) {
      if (!kept[pid]) { buttons[pid].remove(); }
    });
  }

  function later() { if (!frame) { frame = window.requestAnimationFrame(sync); } }

  function nodeOf(pid) {
    var found = window.cy ? window.cy.nodes("node.person").filter(function (n) {
      return String(n.data("pid")) === pid;
    }) : null;
    return found && found.length ? found[0] : null;
  }

  function send(pid) {
    var move = moves[pid];
    if (!move) { return; }
    window.clearTimeout(move.timer);
    delete moves[pid];
    window.__netmapKeyMoves = Object.keys(moves).length;
    var node = nodeOf(pid);
    if (!node || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
    var pos = node.position();
    window.__netmapKeysSent = (window.__netmapKeysSent || 0) + 1;
    window.__netmapDrops = (window.__netmapDrops || 0) + 1;  // as netmap-drag.js
    window.dash_clientside.set_props(
      "drag-op", {data: {id: pid, x: pos.x, y: pos.y, n: window.__netmapDrops}});
  }

  function move(pid, dx, dy) {
    var node = nodeOf(pid);
    if (!node || !node.grabbable() || node.locked()) { return; }
    var pos = node.position();
    node.position({x: pos.x + dx, y: pos.y + dy});
    var pending = moves[pid] || {};
    window.clearTimeout(pending.timer);
    pending.timer = window.setTimeout(function () { send(pid); }, SETTLE_MS);
    moves[pid] = pending;
    // Moves not yet sent: a drop's layout must not put the person back (settle.py).
    window.__netmapKeyMoves = Object.keys(moves).length;
    later();
  }

  function open(pid) {
    var items = document.querySelectorAll("#person-list .person-item");
    for (var i = 0; i < items.length; i += 1) {
      var id = null;
      try { id = JSON.parse(items[i].id); } catch (e) { id = null; }
      if (id && String(id.pid) === pid) { items[i].click(); return; }
    }
    // Not in the list (a large map's list shows 50: netmap/app/light.py):
    // the same as a click on the person's list item (editor/callbacks.py).
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.__netmapClicks = (window.__netmapClicks || 0) + 1;
      window.dash_clientside.set_props("person-click", {data: {pid: pid, click: window.__netmapClicks}});
    }
  }

  var ARROWS = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};

  document.addEventListener("keydown", function (event) {
    var button = event.target;
    if (!button || !button.classList || !button.classList.contains("map-key")) { return; }
    var pid = button.getAttribute("data-pid");
    var arrow = ARROWS[event.key];
    if (arrow && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      var step = event.shiftKey ? BIG_STEP : STEP;
      move(pid, arrow[0] * step, arrow[1] * step);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      send(pid);
      open(pid);
    }
  });
  document.addEventListener("focusout", function (event) {
    var button = event.target;
    if (button && button.classList && button.classList.contains("map-key")) {
      send(button.getAttribute("data-pid"));
    }
  });

  function hook() {
    var cy = window.cy;
    if (cy && !cy.__netmapKeysHooked) {
      cy.__netmapKeysHooked = true;
      cy.on("render", later);
    }
    later();
  }
  window.setInterval(hook, 250);
  window.addEventListener("resize", later);
})();
