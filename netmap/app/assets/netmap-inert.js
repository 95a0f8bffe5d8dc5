/* Draw an inert tree (netmap/app/inert.py) as React elements, in one Dash component.
 *
 * The tree is plain data: {tag, props, children}, children being text, an
 * element or a list. Only the tags and attributes the server may send are
 * drawn (an unknown tag becomes a span, an unknown attribute is left out);
 * texts are React's, so always escaped. Nothing here listens to anything.
 */
(function () {
  "use strict";
  var TAGS = {
    div: 1, span: 1, p: 1, ul: 1, ol: 1, li: 1, h3: 1, h4: 1,
    strong: 1, em: 1, details: 1, summary: 1,
    table: 1, thead: 1, tbody: 1, tr: 1, th: 1, td: 1
  };
  var ATTRIBUTE = /^(className|id|role|title|scope|(aria|data)-[a-z][a-z0-9-]*)$/;

  function draw(node, key) {
    if (node === null || node === undefined || typeof node === "boolean") {
      return null;
    }
    if (typeof node === "string" || typeof node === "number") {
      return node;
    }
    if (Array.isArray(node)) {
      return node.map(function (child, i) { return draw(child, i); });
    }
    var tag = TAGS.hasOwnProperty(node.tag) ? node.tag : "span";
    var props = {key: key};
    var given = node.props || {};
    Object.keys(given).forEach(function (name) {
      var value = given[name];
      if (ATTRIBUTE.test(name) && (typeof value === "string" || typeof value === "number")) {
        props[name] = value;
      }
    });
    return window.React.createElement(tag, props, draw(node.children));
  }

  function Inert(props) {
    var drawn = draw(props.tree);
    return Array.isArray(drawn) ? window.React.createElement(window.React.Fragment, null, drawn) : drawn;
  }

  window.netmap_inert = {Inert: Inert};
})();
