/* Name Dash's sliders after their label, and say their value as the page's language writes it.
 *
 * dcc.Slider (Dash 4) draws its thumb as <span role="slider"> inside
 * <div id=…>, and offers no way to name it; a <label for=id> does not name it
 * (a div is not labelable), so a screen reader says only "slider". For every
 * slider container with a <label for> we give the label an id and point the
 * thumb's aria-labelledby at it.
 *
 * The name must be there whenever the thumb is: axe-core (and a screen
 * reader) may look at any moment, and naming a frame later (requestAnimationFrame)
 * once left a thumb unnamed when axe looked (tests/e2e/test_accessibility.py).
 * So a MutationObserver names in its own callback — a microtask, before the
 * browser paints and before any later task can see the new thumb — and the
 * page is named as soon as this script runs and again on DOMContentLoaded.
 *
 * A slider with an <output for=id data-labels='{"0.30": "0,30", …}'> (the edit
 * panel's distance, netmap/app/editor/layout.py: every step written by the
 * server with Babel) shows the thumb's value there, in the page's language,
 * and gives the thumb the same text as its aria-valuetext.
 */
(function () {
  "use strict";
  var parsed = new WeakMap();

  function labels(output) {
    var raw = output.getAttribute("data-labels") || "";
    var known = parsed.get(output);
    if (!known || known.raw !== raw) {
      var table = null;
      try { table = JSON.parse(raw); } catch (e) { table = null; }
      known = {raw: raw, table: table && typeof table === "object" ? table : null};
      parsed.set(output, known);
    }
    return known.table;
  }

  function showValue(box, output) {
    var thumb = box.querySelector('[role="slider"]');
    var table = labels(output);
    if (!thumb || !table) { return; }
    var now = Number(thumb.getAttribute("aria-valuenow"));
    var text = isFinite(now) ? table[now.toFixed(2)] : undefined;
    if (typeof text !== "string") { return; }
    if (thumb.getAttribute("aria-valuetext") !== text) { thumb.setAttribute("aria-valuetext", text); }
    // The text node React drew is kept (React updates it in place when the panel is redrawn).
    var node = output.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
      if (node.nodeValue !== text) { node.nodeValue = text; }
    } else if (output.textContent !== text) {
      output.textContent = text;
    }
  }

  function name() {
    var sliders = document.querySelectorAll(".dash-slider-container[id]");
    for (var i = 0; i < sliders.length; i += 1) {
      var box = sliders[i];
      var id = CSS.escape(box.id);
      var label = document.querySelector('label[for="' + id + '"]');
      if (label) {
        if (!label.id) { label.id = box.id + "-label"; }
        var parts = box.querySelectorAll('[role="slider"], input');
        for (var j = 0; j < parts.length; j += 1) {
          if (parts[j].getAttribute("aria-labelledby") !== label.id) {
            parts[j].setAttribute("aria-labelledby", label.id);
          }
        }
      }
      var output = document.querySelector('output[for="' + id + '"][data-labels]');
      if (output) { showValue(box, output); }
    }
  }

  var observing = false;
  function start() {
    name();
    if (observing || !document.body) { return; }
    observing = true;
    // childList: a slider drawn (or drawn anew); aria-valuenow: its thumb moved.
    new MutationObserver(name).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["aria-valuenow"]
    });
  }
  start();
  document.addEventListener("DOMContentLoaded", start);
})();
