"""Corrections people make to the graph: merge, split, rename, retype, reject, confirm,
retract, dismiss, and undo any of them. Each is logged in the store with who made it, when
and why, applied at once, and applied again after every load (enforce)."""

from graph_loader.curate.apply import CurationError
from graph_loader.curate.enforce import Enforced, Written, enforce
from graph_loader.curate.log import KINDS, Correction
from graph_loader.curate.make import curate, undo

__all__ = ["KINDS", "Correction", "CurationError", "Enforced", "Written", "curate", "enforce", "undo"]
