""" "Del med teamet": the map page's section for sharing the map with Patientens team.

* :mod:`~netmap.app.share.layout` — the section (drawn with the page) and the
  edit panel's per-person share choice;
* :mod:`~netmap.app.share.view` — map, consent, export log, day, language →
  what the section shows (pure);
* :mod:`~netmap.app.share.intents` — browser values → an edit or export
  options, or the field's error (pure);
* :mod:`~netmap.app.share.callbacks` — the callbacks, declared at module
  level (:mod:`netmap.app.wiring`), registered by ``create_app``;
* :mod:`~netmap.app.share.preview` — the previews of the picture and the
  team pack's first page.

Every file goes through :func:`netmap.export.run.make_export`, the CLI's own
consent gate and export log.
"""
