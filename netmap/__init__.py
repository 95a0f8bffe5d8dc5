"""netmap: draw a patient's network map (netværkskort) and derive Patientens team.

The domain package imports no Dash, plotly or SQL: the app, the CLI, the store
and the exporters depend on the models, never the reverse.
"""

__version__ = "0.1.0"

# The model first: netmap.meetings builds on its field types and the map holds meetings.
from netmap import model as _model  # noqa: F401
