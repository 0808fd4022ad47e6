"""Interactive network pages (pyvis / vis-network), served by the API and written to files."""

from viz.render import render_network
from viz.views import build_view

__all__ = ["build_view", "render_network"]
