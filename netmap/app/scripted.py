"""The base of the components our own scripts draw (``assets/netmap-*.js``).

Dash's generated components declare their property names per instance and
check keyword names against them; these few are written by hand, so the
names come from the class (:attr:`ScriptedComponent.PROPS`) and only those
can be set. A property left ``None`` is not sent.
"""

from __future__ import annotations

from typing import Any, ClassVar

from dash.development.base_component import Component

__all__ = ["ScriptedComponent"]


class ScriptedComponent(Component):
    """A component with the properties :attr:`PROPS`, drawn by ``window[_namespace][_type]``.

    >>> class Box(ScriptedComponent):
    ...     _namespace, _type, PROPS = "netmap_box", "Box", ("id", "text")
    >>> Box(id="b", text="hej").to_plotly_json()["props"]
    {'id': 'b', 'text': 'hej'}
    >>> Box(colour="red")
    Traceback (most recent call last):
    ...
    TypeError: Box has no property 'colour'
    """

    PROPS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **props: Any) -> None:
        self._prop_names = list(self.PROPS)
        self._valid_wildcard_attributes = []
        self.available_properties = list(self.PROPS)
        self.available_wildcard_properties = []
        for name, value in props.items():
            if name not in self.PROPS:
                raise TypeError(f"{type(self).__name__} has no property {name!r}")
            if value is not None:
                setattr(self, name, value)
