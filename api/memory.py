"""Freed memory handed back to the system once a view of the graph has been made.

A view is made from whole-graph reads: hundreds of MB of rows and columns at 1M
relationships, freed once the view holds its compact form. glibc's allocator keeps freed
memory for the process to reuse, so the server's resident size stayed at its peak;
malloc_trim returns what is free (about 100 MB after a view at 100k / 1M, measured).
Where the C library is not glibc, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any


def _glibc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _glibc()


def give_back() -> None:
    """Return the process's free heap memory to the system (ctypes releases the
    interpreter's lock while the C library walks its heap)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
