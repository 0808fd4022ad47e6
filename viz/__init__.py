"""Interactive network pages (pyvis / vis-network), served by the API and written to files."""

from viz.render import render_network, render_suggestions

__all__ = ["render_network", "render_suggestions"]
