/* Zoom and pan the map, and show a compact person's whole label (netmap/app/editor/layout.py).
 *
 * - Buttons #zoom-in, #zoom-out and #zoom-fit; on the focused map (.map-box,
 *   reached with Tab) the keys + / − zoom and 0 fits. The wheel, a pinch and a
 *   drag on an empty spot are cytoscape's own (userZoomingEnabled,
 *   userPanningEnabled). Nothing here talks to the server: a drop is still
 *   reported in model coordinates (netmap-drag.js), so zoom and pan never
 *   change the distance that is saved.
 * - Hover over a person, or the focus on their key button (netmap-map-keys.js),
 *   adds the class "expanded": the label shows name, role and marks
 *   (mapview.stylesheet).
 *   While a person is dragged, the leader line to their label is hidden.
 * - dash-cytoscape hands cytoscape its default wheelSensitivity (1), which
 *   makes cytoscape warn on every map load about a "custom wheel
 *   sensitivity"; the default is removed here, before the first map is drawn,
 *   so cytoscape uses its own (the same speed) and says nothing.
 */
(function () {
  "use strict";
  var STEP = 1.25;
  var PADDING = 6;

  function dropWheelDefault() {
    var lib = window.dash_cytoscape;
    var component = lib && lib.Cytoscape;
    if (component && component.defaultProps && "wheelSensitivity" in component.defaultProps) {
      delete component.defaultProps.wheelSensitivity;
    }
  }
  dropWheelDefault();

  function zoomBy(cy, factor) {
    var level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({level: level, renderedPosition: {x: cy.width() / 2, y: cy.height() / 2}});
  }

  function fit(cy) {
    cy.fit(cy.elements(), PADDING);
  }

  function act(name) {
    var cy = window.cy;
    if (!cy) {
      return false;
    }
    if (name === "in") {
      zoomBy(cy, STEP);
    } else if (name === "out") {
      zoomBy(cy, 1 / STEP);
    } else {
      fit(cy);
    }
    return true;
  }

  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest("#zoom-in, #zoom-out, #zoom-fit");
    if (button) {
      act(button.id.slice(5));
    }
  });

  var KEYS = {"+": "in", "=": "in", "-": "out", "\u2212": "out", "_": "out", "0": "fit"};
  document.addEventListener("keydown", function (evt) {
    var box = evt.target.closest && evt.target.closest(".map-box");
    if (!box || evt.ctrlKey || evt.metaKey || evt.altKey || !KEYS[evt.key]) {
      return;
    }
    if (act(KEYS[evt.key])) {
      evt.preventDefault();
    }
  });

  function keyed(evt, on) {
    var button = evt.target;
    var cy = window.cy;
    if (!cy || !button || !button.classList || !button.classList.contains("map-key")) {
      return;
    }
    var pid = button.getAttribute("data-pid");
    cy.nodes("node.person").filter(function (n) {
      return String(n.data("pid")) === pid;
    }).toggleClass("expanded", on);
  }
  document.addEventListener("focusin", function (evt) { keyed(evt, true); });
  document.addEventListener("focusout", function (evt) { keyed(evt, false); });

  function hook() {
    var cy = window.cy;
    if (!cy || cy.__netmapZoomHooked) {
      return;
    }
    cy.__netmapZoomHooked = true;
    cy.on("mouseover", "node.person", function (evt) {
      evt.target.addClass("expanded");
    });
    cy.on("mouseout", "node.person", function (evt) {
      evt.target.removeClass("expanded");
    });
    function leaders(node) {
      return cy.edges(".leader").filter(function (edge) {
        return edge.source().same(node);
      });
    }
    cy.on("grab", "node.person", function (evt) {
      leaders(evt.target).addClass("hidden");
    });
    // The map is drawn again after a drop; a person let go where they were gets it back.
    cy.on("free", "node.person", function (evt) {
      leaders(evt.target).removeClass("hidden");
    });
  }
  window.setInterval(hook, 200);
})();
