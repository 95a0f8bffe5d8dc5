/* Keyboard for every tab list on the page (WAI-ARIA tabs pattern, automatic
 * activation): Left/Right (and Up/Down) move to the previous/next tab, Home
 * and End to the first/last; the tab reached gets the focus and is chosen by
 * a click, so the page's own callback (netmap/app/editor/side_tabs.py) shows its panel.
 */
(function () {
  "use strict";
  var KEYS = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: "first", End: "last"};
  document.addEventListener("keydown", function (evt) {
    var tab = evt.target;
    if (!tab || !tab.getAttribute || tab.getAttribute("role") !== "tab") { return; }
    var list = tab.closest("[role=tablist]");
    var move = KEYS[evt.key];
    if (!list || move === undefined || evt.altKey || evt.ctrlKey || evt.metaKey) { return; }
    var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
    var at = tabs.indexOf(tab);
    var next;
    if (move === "first") { next = 0; } else if (move === "last") { next = tabs.length - 1; }
    else { next = (at + move + tabs.length) % tabs.length; }
    evt.preventDefault();
    tabs[next].focus();
    if (tabs[next].getAttribute("aria-selected") !== "true") { tabs[next].click(); }
  });
})();

/* A tap on a person on the map (choosing them, in "Vælg og flyt") opens their
 * panel, which is on the "Personer" tab: show that tab. A drag is no tap. */
(function () {
  "use strict";
  function hook() {
    var cy = window.cy;
    if (!cy || cy.__netmapTabsHooked) { return; }
    cy.__netmapTabsHooked = true;
    cy.on("tap", "node.person", function () {
      var mode = document.querySelector("#mode input:checked");
      var work = document.getElementById("side-tab-work");
      if (mode && mode.value === "connect") { return; }
      if (work && work.getAttribute("aria-selected") !== "true") { work.click(); }
    });
  }
  window.setInterval(hook, 200);
})();
