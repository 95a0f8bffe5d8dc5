/* A field and its error line: the line under a field (.field-error with
 * data-for="<the field's id>") describes the field while it says something.
 * The field then gets aria-invalid="true" and the line's id in its
 * aria-describedby; once the line is empty again, both go. (Dash's inputs
 * take no aria-* properties, so the page keeps them in step here.)
 */
(function () {
  "use strict";
  function sync(line) {
    var field = document.getElementById(line.getAttribute("data-for"));
    if (!field || !line.id) { return; }
    var says = line.textContent.trim() !== "";
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== line.id;
    });
    if (says) { ids.push(line.id); }
    if (says && field.getAttribute("aria-invalid") !== "true") { field.setAttribute("aria-invalid", "true"); }
    if (!says && field.hasAttribute("aria-invalid")) { field.removeAttribute("aria-invalid"); }
    var joined = ids.join(" ");
    if (joined && field.getAttribute("aria-describedby") !== joined) {
      field.setAttribute("aria-describedby", joined);
    } else if (!joined && field.hasAttribute("aria-describedby")) {
      field.removeAttribute("aria-describedby");
    }
  }
  function syncAll() {
    var lines = document.querySelectorAll(".field-error[data-for]");
    for (var i = 0; i < lines.length; i += 1) { sync(lines[i]); }
  }
  new MutationObserver(syncAll).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true
  });
})();
