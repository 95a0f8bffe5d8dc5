/* The edit panel's sector choice is saved once, when it comes to rest.
 *
 * The sector radios are one native radio group: Tab into it, arrow keys step
 * from sector to sector, checking each on the way. Saving each step would make
 * one version per sector passed (issue 12). So the panel's save is triggered
 * not by the radios' value but by the dcc.Store "edit-sector-settled", which
 * this file sets:
 *   - at once after a click or tap on a sector (or Space on it);
 *   - after the arrow keys have rested for SETTLE_MS;
 *   - at once when the focus leaves the group with a step not yet reported.
 * The report names the person whose panel it was ({pid, n}); the server reads
 * the sector itself from the radios (a state) and saves it for that person only.
 * window.__netmapSectorSettled counts the reports (for tests).
 */
(function () {
  "use strict";
  var SETTLE_MS = 700, KEY_WINDOW_MS = 250;
  var timer = null, pending = null, keyAt = -Infinity, n = 0;

  function isSector(el) {
    return !!el && el.type === "radio" && el.name === "edit-sector";
  }

  function report() {
    window.clearTimeout(timer);
    timer = null;
    var input = pending;
    pending = null;
    if (!input || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
    var form = input.closest(".edit-form");
    n += 1;
    window.__netmapSectorSettled = n;
    window.dash_clientside.set_props("edit-sector-settled", {
      data: {pid: form ? form.getAttribute("data-person") : null, n: n}
    });
  }

  document.addEventListener("keydown", function (event) {
    if (isSector(event.target) && event.key.indexOf("Arrow") === 0) { keyAt = performance.now(); }
  }, true);

  document.addEventListener("change", function (event) {
    if (!isSector(event.target)) { return; }
    pending = event.target;
    window.clearTimeout(timer);
    if (performance.now() - keyAt < KEY_WINDOW_MS) {
      timer = window.setTimeout(report, SETTLE_MS);
    } else {
      report();
    }
  });

  document.addEventListener("focusout", function (event) {
    // Arrow keys move the focus from radio to radio inside the group: not "leaving".
    if (pending && isSector(event.target) && !isSector(event.relatedTarget)) { report(); }
  });
})();
