"""The map editor page (``/map/<id>``): the map, the side column, the patient.

The page's frame is :mod:`.layout`; its regions are drawn by pure view
modules (:mod:`.person_list`, :mod:`.edit_panel`, the add form in
:mod:`.add_form`, the patient's details in :mod:`.patient`); the browser's
values become edits in :mod:`.intents`; the callbacks are in
:mod:`.callbacks` and :mod:`.patient`.
"""
