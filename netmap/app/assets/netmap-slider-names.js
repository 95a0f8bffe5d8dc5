/* Name Dash's sliders after their label.
 *
 * dcc.Slider (Dash 4) draws its thumb as <span role="slider"> and a number box
 * beside it, inside <div id=…>, and offers no way to name them; a
 * <label for=id> names neither (a div is not labelable), so a screen reader
 * says only "slider". For every slider container with a <label for> we give
 * the label an id and point the thumb's and the box's aria-labelledby at it.
 */
(function () {
  "use strict";
  function name() {
    var sliders = document.querySelectorAll(".dash-slider-container[id]");
    for (var i = 0; i < sliders.length; i += 1) {
      var box = sliders[i];
      var label = document.querySelector('label[for="' + CSS.escape(box.id) + '"]');
      if (!label) { continue; }
      if (!label.id) { label.id = box.id + "-label"; }
      var parts = box.querySelectorAll('[role="slider"], input');
      for (var j = 0; j < parts.length; j += 1) {
        if (parts[j].getAttribute("aria-labelledby") !== label.id) {
          parts[j].setAttribute("aria-labelledby", label.id);
        }
      }
    }
  }
  var queued = false;
  function later() {
    if (!queued) { queued = true; window.requestAnimationFrame(function () { queued = false; name(); }); }
  }
  function start() {
    new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
    later();
  }
  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
