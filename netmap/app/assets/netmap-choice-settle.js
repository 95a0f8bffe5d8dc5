/* The edit panel's sector choice and distance slider are saved once, when they come to rest.
 *
 * The sector radios are one native radio group: Tab into it, arrow keys step
 * from sector to sector, checking each on the way. The distance slider's
 * thumb steps by 0.05 for each arrow key, and a drag passes every value on
 * the way. Saving each step would make one version per step (issue 12). So
 * the panel's save is triggered not by the radios' or the slider's value but
 * by the dcc.Stores "edit-sector-settled" and "edit-distance-settled", which
 * this file sets:
 *   - sector: at once after a click or tap on a sector (or Space on it);
 *     distance: at once when the pointer that pressed the slider is let go
 *     (a click on the track or the end of a drag);
 *   - after the arrow keys (Page Up/Down, Home, End for the slider) have
 *     rested for SETTLE_MS;
 *   - at once when the focus leaves the group or the thumb with a step not
 *     yet reported.
 * The report names the person whose panel it was ({pid, n}); the server reads
 * the sector and the distance themselves as states and saves them for that
 * person only. The stores are drawn with n 0 (no report); n counts up.
 * window.__netmapSectorSettled and window.__netmapDistanceSettled count the
 * reports (for tests).
 */
(function () {
  "use strict";
  var SETTLE_MS = 700, KEY_WINDOW_MS = 250;
  var SLIDER_KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown",
    "Home", "End"];
  var n = 0, keyAt = -Infinity, pressed = false;
  var sector = {store: "edit-sector-settled", counter: "__netmapSectorSettled",
    timer: null, pending: null};
  var distance = {store: "edit-distance-settled", counter: "__netmapDistanceSettled",
    timer: null, pending: null};

  function isSector(el) {
    return !!el && el.type === "radio" && el.name === "edit-sector";
  }

  function isThumb(el) {
    return !!el && el.nodeType === 1 && el.getAttribute("role") === "slider"
      && !!el.closest("#edit-distance");
  }

  function report(what) {
    window.clearTimeout(what.timer);
    what.timer = null;
    var el = what.pending;
    what.pending = null;
    if (!el || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
    var form = el.closest(".edit-form");
    n += 1;
    window[what.counter] = (window[what.counter] || 0) + 1;
    window.dash_clientside.set_props(what.store, {
      data: {pid: form ? form.getAttribute("data-person") : null, n: n}
    });
  }

  function reportIn(what, el, ms) {
    what.pending = el;
    window.clearTimeout(what.timer);
    what.timer = window.setTimeout(function () { report(what); }, ms);
  }

  document.addEventListener("keydown", function (event) {
    if (isSector(event.target) && event.key.indexOf("Arrow") === 0) { keyAt = performance.now(); }
    // The slider sets its value on the key itself (Dash's value: a state of the save).
    if (isThumb(event.target) && SLIDER_KEYS.indexOf(event.key) >= 0) {
      reportIn(distance, event.target, SETTLE_MS);
    }
  }, true);

  document.addEventListener("change", function (event) {
    if (!isSector(event.target)) { return; }
    sector.pending = event.target;
    window.clearTimeout(sector.timer);
    if (performance.now() - keyAt < KEY_WINDOW_MS) {
      sector.timer = window.setTimeout(function () { report(sector); }, SETTLE_MS);
    } else {
      report(sector);
    }
  });

  document.addEventListener("pointerdown", function (event) {
    var target = event.target;
    pressed = !!(target && target.closest && target.closest("#edit-distance .dash-slider-root"));
  }, true);

  document.addEventListener("pointerup", function () {
    if (!pressed) { return; }
    pressed = false;
    var thumb = document.querySelector('#edit-distance [role="slider"]');
    // After the slider's own pointerup (which sets its value), in the next task.
    if (thumb) { reportIn(distance, thumb, 0); }
  });

  document.addEventListener("focusout", function (event) {
    // Arrow keys move the focus from radio to radio inside the group: not "leaving".
    if (sector.pending && isSector(event.target) && !isSector(event.relatedTarget)) {
      report(sector);
    }
    if (distance.pending && isThumb(event.target) && distance.timer !== null) {
      report(distance);
    }
  });
})();
