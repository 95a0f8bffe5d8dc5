/* The contact overview's table as one Dash component (netmap/app/panels/overview.py).
 *
 * As Markdown, a 1,000-person table was parsed and its DOM built anew on
 * every drop while the overview was open (some 260 ms of the drop in
 * Chromium). Here the rows come as plain data, one row per person keyed by
 * its id, and only the rows whose cells changed are drawn again: a drop
 * changes one or two.
 *
 * React draws the table and its headings; the rows are patched here
 * (patchRows), not by React, because React moves every row between a row's
 * old and new place when it moves *up* the table (a drop that puts someone
 * in the team: some 50 ms at 1,000 rows). Here the rows that keep their
 * order (the longest increasing run of their old places) stay where they
 * are and only the others are moved.
 *
 * The DOM is the one the Markdown gave: a table with a heading row, and in
 * each filled cell its heading as emphasis (shown only in the narrow card
 * view), then the text; a phone number or an e-mail address is a link.
 * Texts are set as text nodes, never as HTML; a link is drawn only for a
 * tel: or mailto: address of safe characters (the server writes no other).
 *
 * rows: [{key, cells}], a cell [] (empty), [text] or [text, href, rest].
 */
(function () {
  "use strict";
  var React = window.React;
  var h = React.createElement;
  var SAFE_HREF = /^(tel:\+?[0-9]+|mailto:[A-Za-z0-9@.\-_+%]+)$/;

  function text(value) {
    return document.createTextNode(value);
  }

  function element(tag, children) {
    var node = document.createElement(tag);
    children.forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function cellNodes(label, cell) {
    var shown = [element("em", [text(label)]), text(" ")];
    if (cell.length > 1 && SAFE_HREF.test(cell[1])) {
      var link = element("a", [text(cell[0])]);
      link.setAttribute("href", cell[1]);
      shown.push(link);
      if (cell[2]) {
        shown.push(text(" " + cell[2]));
      }
    } else {
      shown.push(text(cell.slice(0, 1).concat(cell[2] ? [cell[2]] : []).join(" ")));
    }
    return shown;
  }

  function fill(tr, labels, cells) {
    tr.replaceChildren.apply(tr, cells.map(function (cell, i) {
      return element("td", cell.length ? cellNodes(labels[i], cell) : []);
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

  // The positions in `seq` of its longest strictly increasing subsequence
  // (-1 entries, rows that are new, never take part). O(n log n).
  function increasingRun(seq) {
    var tails = [], before = new Array(seq.length);
    for (var i = 0; i < seq.length; i++) {
      if (seq[i] < 0) {
        continue;
      }
      var lo = 0, hi = tails.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (seq[tails[mid]] < seq[i]) { lo = mid + 1; } else { hi = mid; }
      }
      before[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
    }
    var kept = new Set();
    for (var at = tails.length ? tails[tails.length - 1] : -1; at >= 0; at = before[at]) {
      kept.add(at);
    }
    return kept;
  }

  // Make tbody's rows `rows` (in order), reusing the <tr> of each key drawn before.
  function patchRows(tbody, drawn, labels, rows) {
    var relabel = !same(drawn.labels, labels);
    var keys = rows.map(function (row) { return String(row.key); });
    if (new Set(keys).size !== keys.length) {  // not keyed after all: draw all anew
      drawn.rows.forEach(function (entry) { entry.tr.remove(); });
      drawn.rows = new Map();
      keys = keys.map(function (key, i) { return "\u0000" + i; });
    }
    var wanted = new Set(keys);
    var place = new Map(), count = 0;
    Array.prototype.forEach.call(tbody.children, function (tr) {
      if (tr.__netmapKey !== undefined && wanted.has(tr.__netmapKey)) {
        place.set(tr.__netmapKey, count++);
      }
    });
    drawn.rows.forEach(function (entry, key) {
      if (!wanted.has(key)) {
        entry.tr.remove();
        drawn.rows.delete(key);
      }
    });
    var entries = rows.map(function (row, i) {
      var key = keys[i], entry = drawn.rows.get(key);
      if (!entry) {
        var tr = document.createElement("tr");
        tr.__netmapKey = key;
        entry = {tr: tr, cells: null};
        drawn.rows.set(key, entry);
      }
      if (relabel || !same(entry.cells, row.cells)) {
        fill(entry.tr, labels, row.cells);
        entry.cells = row.cells;
      }
      return entry;
    });
    var old = keys.map(function (key) { return place.has(key) ? place.get(key) : -1; });
    var stay = increasingRun(old);
    var next = null;
    for (var i = entries.length - 1; i >= 0; i--) {
      var row = entries[i].tr;
      if (!stay.has(i)) {
        tbody.insertBefore(row, next);
      }
      next = row;
    }
    drawn.labels = labels;
  }

  function OverviewTable(props) {
    var labels = props.labels || [];
    var body = React.useRef(null);
    var drawn = React.useRef({labels: null, rows: new Map()});
    var rows = props.rows || [];
    React.useLayoutEffect(function () {
      patchRows(body.current, drawn.current, labels, rows);
    }, [labels, rows]);
    return h("div", {id: props.id, className: props.className},
      h("table", null,
        h("thead", null, h("tr", null, labels.map(function (label, i) {
          return h("th", {key: i}, label);
        }))),
        // React leaves this element's children to patchRows.
        h("tbody", {ref: body})));
  }

  window.netmap_overview = {OverviewTable: OverviewTable};
})();
