/* Number the page's callback requests in the order it sends them, and name
 * the page in the app's own requests.
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
    if (url.indexOf("_dash-") !== -1) {
      var headers = new Headers((init && init.headers) || {});
      if (url.indexOf("_dash-update-component") !== -1) {
        seq += 1;
        headers.set("X-Netmap-Seq", String(seq));
      }
      // The page's policy is no-referrer (no other site learns its address);
      // the app's own requests are same-origin, so they still carry Origin
      // (the server refuses a change without it) and say which page asks
      // for the layout (shell.first_layout).
      headers.set("X-Netmap-Page", window.location.pathname);
      init = Object.assign({}, init || {}, {headers: headers, referrerPolicy: "same-origin"});
    }
    return send.call(window, resource, init);
  };
  ordered.__netmapOrdered = true;
  window.fetch = ordered;
})();
