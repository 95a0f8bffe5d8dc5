/* Report a drop on the map to the server: the person's id and pixel position.
 *
 * dash-cytoscape exposes the live cytoscape instance as window.cy (a new one
 * for every map page). We listen to "dragfree" on person nodes and hand a
 * small {id, x, y} to the dcc.Store "drag-op"; the server validates it and
 * saves the new sector, distance and angle. Ties follow the node while it
 * is dragged (cytoscape does that by itself).
 *
 * dash-cytoscape answers every "dragfree" that reaches the map by writing
 * all of its elements back into Dash's store 100 ms later (updateElements):
 * the whole map as JSON, and the renderer and React draw the map component
 * again for it. Nothing reads that property (a drop reaches the server as
 * "drag-op", and the server's answer draws the map), and on a 1,000-person
 * map it cost some 90 ms of every drop, in the middle of drawing the drop's
 * answer. So a person's "dragfree" stops at the node, and goes on to our
 * own scripts as "netmapfree" (netmap-putback.js listens to it too).
 */
(function () {
  "use strict";
  var seq = 0;
  function hook() {
    var cy = window.cy;
    if (!cy || cy.__netmapHooked || !window.dash_clientside || !window.dash_clientside.set_props) {
      return;
    }
    cy.__netmapHooked = true;
    cy.nodes("node.person").forEach(stopAtNode);
    cy.on("add", "node.person", function (evt) { stopAtNode(evt.target); });
    cy.on("netmapfree", "node.person", function (evt) {
      var node = evt.target;
      var pos = node.position();
      seq += 1;
      // Every drop, by mouse or by keys, is counted: the layout that follows
      // a drop is drawn only if no other came since (editor/settle.py).
      window.__netmapDrops = (window.__netmapDrops || 0) + 1;
      window.__netmapLastDrop = {id: node.data("pid"), x: pos.x, y: pos.y, seq: seq, at: performance.now()};
      window.dash_clientside.set_props(
        "drag-op", {data: {id: node.data("pid"), x: pos.x, y: pos.y, n: window.__netmapDrops}});
    });
  }
  // A node's own listeners run before the event goes on to the map's.
  function stopAtNode(node) {
    if (node.scratch("_netmapFree")) {
      return;
    }
    node.scratch("_netmapFree", true);
    node.on("dragfree", function (evt) {
      evt.stopPropagation();
      node.emit("netmapfree");
    });
  }
  // Attach the hook the moment dash-cytoscape sets window.cy (a property
  // with a setter), not at the next tick of a polling timer: on a large map
  // a drop made before that tick was lost. Only if Dash's set_props is not
  // there yet is it tried again, a few times, shortly after.
  function hookSoon(tries) {
    hook();
    var cy = window.cy;
    if (cy && !cy.__netmapHooked && tries > 0) {
      window.setTimeout(function () { hookSoon(tries - 1); }, 20);
    }
  }
  var current = window.cy;
  Object.defineProperty(window, "cy", {
    configurable: true,
    enumerable: true,
    get: function () { return current; },
    set: function (value) {
      current = value;
      hookSoon(50);
    }
  });
  hookSoon(50);

  // Cytoscape keeps where its canvas is on the screen and measures it again
  // only after a scroll, resize, transition or animation event. A scroll's
  // event comes a frame late, and a change of the page above the map (a
  // longer help text, a notice, a narrower window's layout) sends none: a
  // tap then went to where the map was before, often beside the person, and
  // was lost. So before cytoscape handles a press (it picks the person
  // pressed on at mousedown/touchstart), make it measure the canvas anew.
  function measureAgain() {
    var cy = window.cy;
    var renderer = cy && typeof cy.renderer === "function" ? cy.renderer() : null;
    if (renderer && typeof renderer.invalidateContainerClientCoordsCache === "function") {
      renderer.invalidateContainerClientCoordsCache();
    }
  }
  window.addEventListener("mousedown", measureAgain, true);
  window.addEventListener("touchstart", measureAgain, {capture: true, passive: true});
})();
