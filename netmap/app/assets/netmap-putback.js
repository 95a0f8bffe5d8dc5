/* A drop the server refused (the map was changed elsewhere meanwhile) puts
 * the person back where the tab's version of the map has them: where they
 * were picked up. The notice script (editor.callbacks._NOTICE_JS) calls
 * window.netmapDropAnswered(kind) with each notice; only the answer to a
 * drop still waiting for one moves anything.
 */
(function () {
  "use strict";
  var picked = null;   // {id, x, y} of the node being dragged, where it was picked up
  var waiting = null;  // the same, once dropped, until the server answers
  function hook() {
    var cy = window.cy;
    if (!cy || cy.__netmapPutBackHooked) { return; }
    cy.__netmapPutBackHooked = true;
    cy.on("grab", "node.person", function (evt) {
      var pos = evt.target.position();
      picked = {id: evt.target.id(), x: pos.x, y: pos.y};
    });
    // A person's "dragfree", as netmap-drag.js passes it on.
    cy.on("netmapfree", "node.person", function (evt) {
      if (picked && picked.id === evt.target.id()) { waiting = picked; }
      picked = null;
    });
  }
  window.netmapDropAnswered = function (kind) {
    var drop = waiting;
    waiting = null;
    if (!drop || kind !== "conflict" || !window.cy) { return; }
    var node = window.cy.getElementById(drop.id);
    if (node && node.length) { node.position({x: drop.x, y: drop.y}); }
  };
  window.setInterval(hook, 200);
})();
