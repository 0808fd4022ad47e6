"""Interactive network pages (pyvis / vis-network), served by the API and written to files."""

from viz.render import render_network

__all__ = ["render_network"]
