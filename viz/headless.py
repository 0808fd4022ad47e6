"""How the network pages are opened in a headless Chromium (Debian's `chromium`), by the tests
and by benchmarks/view_render.py alike: the binary, and flags that keep it from reaching the
network or needing a sandbox or a GPU, which the machines that run them do not offer."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
