/* After "Tilføj person": keep the add form where the hands are.
 *
 * The server answers an add with add-flash = {id, n}; the clientside callback
 * in netmap/app/editor/callbacks.py hands it here. We put the focus back in
 * the Navn field (without jumping the page), keep the form in view, and mark
 * the new person on the map (cytoscape class "just-added") and in the person
 * list (row class "just-added") for a few seconds. The list and the map are
 * redrawn by the next callback, so we wait for the new person to appear.
 */
(function () {
  "use strict";
  var SHOW_MS = 3000;
  var WAIT_MS = 8000;

  function rowOf(pid) {
    // Dash writes a dict id as JSON with sorted keys.
    return document.getElementById(JSON.stringify({pid: pid, type: "person-row"}));
  }

  function nodeOf(pid) {
    var cy = window.cy;
    if (!cy) { return null; }
    var found = cy.nodes(".person").filter(function (n) { return n.data("pid") === pid; });
    return found.length ? found : null;
  }

  function keepForm() {
    // The form itself does not move (nothing opens above it); the page
    // scrolls only when Navn is out of sight (the button is at the form's
    // foot): then the whole form, or its top if it is taller than the window.
    var name = document.getElementById("add-name");
    var card = document.getElementById("add-card");
    if (!name || !card) { return; }
    name.focus({preventScroll: true});
    var box = name.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      var fits = card.getBoundingClientRect().height <= window.innerHeight;
      card.scrollIntoView({block: fits ? "nearest" : "start"});
    }
  }

  // What was marked, for the browser tests (a slow machine may let the
  // marks fade before a test looks).
  window.__netmapAddMarks = window.__netmapAddMarks || [];

  function mark(pid) {
    var started = Date.now();
    var seen = {id: pid, row: false, node: false};
    window.__netmapAddMarks.push(seen);
    var rowDone = false;
    var nodeDone = false;
    function step() {
      if (!rowDone) {
        var row = rowOf(pid);
        if (row) {
          rowDone = true;
          seen.row = true;
          row.classList.add("just-added");
          window.setTimeout(function () { row.classList.remove("just-added"); }, SHOW_MS);
        }
      }
      if (!nodeDone) {
        var node = nodeOf(pid);
        if (node) {
          nodeDone = true;
          seen.node = true;
          node.flashClass("just-added", SHOW_MS);
        }
      }
      if ((!rowDone || !nodeDone) && Date.now() - started < WAIT_MS) {
        window.setTimeout(step, 50);
      }
    }
    step();
  }

  window.netmapAddForm = {
    added: function (flash) {
      if (!flash || typeof flash.id !== "string") { return; }
      keepForm();
      // Once more after the redraw of the list, which may move the page.
      window.setTimeout(keepForm, 300);
      mark(flash.id);
    }
  };
})();
