/* The person list as one Dash component (netmap/app/editor/rows.py): one row per person.
 *
 * As Dash components each row was four or five (a list item, a button, its
 * texts, the answer buttons), some 300 on a 60-person map, and Dash's
 * renderer asks every component on the page, on every update of the page,
 * whether it changed. Here React draws the rows from plain data (`rows` by
 * person id, in the order of `order`); an edit changes only its persons'
 * rows (a dash.Patch of `rows`), and React redraws only those (memo).
 *
 * The DOM is the one the Dash components gave: the same elements, classes,
 * ARIA and ids ({"pid":…,"type":"person-item"} etc., written as Dash writes
 * an id that is a dict). A click reports itself as before, to the stores
 * `person-click` ({pid, click}) and `answer-click` ({pid, a, click}), only
 * on a real click (a row drawn anew does not click).
 */
(function () {
  "use strict";
  var React = window.React;
  var h = React.createElement;

  // Dash's stringifyId: the keys sorted, each key and value as JSON.
  function idOf(parts) {
    return "{" + Object.keys(parts).sort().map(function (key) {
      return JSON.stringify(key) + ":" + JSON.stringify(parts[key]);
    }).join(",") + "}";
  }

  function report(store, data) {
    window.__netmapClicks = (window.__netmapClicks || 0) + 1;
    data.click = window.__netmapClicks;
    window.dash_clientside.set_props(store, {data: data});
  }

  function Row(props) {
    var pid = props.pid, row = props.row;
    var label = [h("span", {key: "name", className: "person-name"}, row.name)];
    if (row.role) {
      label.push(h("span", {key: "role", className: "person-role"}, row.role));
    }
    // Always there (empty without marks), so that an answer changes only its text.
    label.push(h("span", {key: "marks", id: idOf({type: "person-marks", pid: pid}), className: "marks"}, row.marks));
    var cells = [h("button", {
      key: "item",
      id: idOf({type: "person-item", pid: pid}),
      className: row.item,
      "aria-pressed": row.pressed,
      onClick: function () { report("person-click", {pid: pid}); }
    }, label)];
    if (Array.isArray(row.answers)) {
      cells.push(h("div", {key: "answers", className: "answers", role: "group"},
        row.answers.map(function (answer) {
          return h("button", {
            key: answer.a,
            id: idOf({type: "answer", pid: pid, a: answer.a}),
            className: answer.className,
            "aria-pressed": answer.pressed,
            "aria-label": answer.label,
            onClick: function () { report("answer-click", {pid: pid, a: answer.a}); }
          }, answer.text);
        })));
    }
    return h("li", {id: idOf({type: "person-row", pid: pid}), className: row.row}, cells);
  }
  // A row is drawn again only when its data changed (a Patch keeps the others).
  var MemoRow = React.memo(Row, function (before, after) {
    return before.row === after.row && before.pid === after.pid;
  });

  function PersonRows(props) {
    var rows = props.rows || {};
    var items = (props.order || []).filter(function (pid) { return rows[pid]; }).map(function (pid) {
      return h(MemoRow, {key: pid, pid: pid, row: rows[pid]});
    });
    if (props.more) {
      items.push(h("li", {key: "\u0000more", className: "light-more muted"}, props.more));
    }
    return h("ul", {className: "person-list"}, items);
  }

  window.netmap_rows = {PersonRows: PersonRows};
})();
