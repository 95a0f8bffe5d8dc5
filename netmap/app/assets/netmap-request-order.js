/* Number the page's callback requests in the order it sends them.
 *
 * Two saves of one tab (arrow keys on the distance, a drag right after a
 * form change) can overtake each other on the way through a threaded server.
 * The number lets the server keep an older edit of a person that arrives late
 * from undoing a newer one (netmap.service, EditOrder).
 */
(function () {
  "use strict";
  var send = window.fetch;
  if (!send || send.__netmapOrdered) {
    return;
  }
  var seq = 0;
  var ordered = function (resource, init) {
    var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    if (init && url.indexOf("_dash-update-component") !== -1) {
      seq += 1;
      var headers = new Headers(init.headers || {});
      headers.set("X-Netmap-Seq", String(seq));
      init = Object.assign({}, init, {headers: headers});
    }
    return send.call(window, resource, init);
  };
  ordered.__netmapOrdered = true;
  window.fetch = ordered;
})();
