/* The contact overview's table as one Dash component (netmap/app/panels/overview.py).
 *
 * As Markdown, a 1,000-person table was parsed and its DOM built anew on
 * every drop while the overview was open (some 260 ms of the drop in
 * Chromium). Here React draws the rows from plain data, one row per person
 * keyed by its id, and draws again only the rows whose cells changed: a drop
 * changes one or two.
 *
 * The DOM is the one the Markdown gave: a table with a heading row, and in
 * each filled cell its heading as emphasis (shown only in the narrow card
 * view), then the text; a phone number or an e-mail address is a link.
 * Texts are React's, so always escaped; a link is drawn only for a tel: or
 * mailto: address of safe characters (the server writes no other).
 *
 * rows: [{key, cells}], a cell [] (empty), [text] or [text, href, rest].
 */
(function () {
  "use strict";
  var React = window.React;
  var h = React.createElement;
  var SAFE_HREF = /^(tel:\+?[0-9]+|mailto:[A-Za-z0-9@.\-_+%]+)$/;

  function cellContent(label, cell) {
    var shown = [h("em", {key: "label"}, label), " "];
    if (cell.length > 1 && SAFE_HREF.test(cell[1])) {
      shown.push(h("a", {key: "link", href: cell[1]}, cell[0]));
      if (cell[2]) {
        shown.push(" " + cell[2]);
      }
    } else {
      shown.push(cell.slice(0, 1).concat(cell[2] ? [cell[2]] : []).join(" "));
    }
    return shown;
  }

  function Row(props) {
    return h("tr", null, props.cells.map(function (cell, i) {
      return h("td", {key: i}, cell.length ? cellContent(props.labels[i], cell) : null);
    }));
  }

  function same(a, b) {
    if (a === b) {
      return true;
    }
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (var i = 0; i < a.length; i++) {
      if (!(Array.isArray(a[i]) ? same(a[i], b[i]) : a[i] === b[i])) {
        return false;
      }
    }
    return true;
  }
  // A row is drawn again only when its cells (or the headings) changed.
  var MemoRow = React.memo(Row, function (before, after) {
    return same(before.labels, after.labels) && same(before.cells, after.cells);
  });

  function OverviewTable(props) {
    var labels = props.labels || [];
    return h("div", {id: props.id, className: props.className},
      h("table", null,
        h("thead", null, h("tr", null, labels.map(function (label, i) {
          return h("th", {key: i}, label);
        }))),
        h("tbody", null, (props.rows || []).map(function (row) {
          return h(MemoRow, {key: row.key, labels: labels, cells: row.cells});
        }))));
  }

  window.netmap_overview = {OverviewTable: OverviewTable};
})();
