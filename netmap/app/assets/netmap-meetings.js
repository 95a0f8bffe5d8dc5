/* The meetings page's guided pass: keep the keyboard focus where it was when
   a save redraws the pass (an answer given with Space must not send the focus
   back to the top of the page). Remembers the position of the last focused
   control inside #prepare-panel; netmapPrepareRefocus() (called by the page's
   callback after a redraw) focuses the control at that position again, only
   when the focus was lost (it is on <body>). */
(function () {
  "use strict";
  var CONTROLS = "input, button, a, [tabindex]";
  var last = -1;
  document.addEventListener("focusin", function (event) {
    var panel = document.getElementById("prepare-panel");
    if (panel && panel.contains(event.target)) {
      last = Array.prototype.indexOf.call(panel.querySelectorAll(CONTROLS), event.target);
    }
  });
  window.netmapPrepareRefocus = function () {
    var panel = document.getElementById("prepare-panel");
    var active = document.activeElement;
    if (!panel || last < 0 || (active && active !== document.body)) { return; }
    var target = panel.querySelectorAll(CONTROLS)[last];
    if (target) { target.focus(); }
  };
})();
