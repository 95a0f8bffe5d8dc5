"""The start page (``/``): the list of maps, a new map, the demo map, delete.

The layout is :mod:`.layout`, the demo map :mod:`.demo`, the callbacks
:mod:`.callbacks`.
"""
