"""Spreadsheet-safe CSV cells: a cell that a spreadsheet would run as a formula
(=, +, -, @, tab, carriage return first) is written with a leading apostrophe, which
spreadsheets show as text and `innograph load` removes again, so exports stay loss-free.

>>> safe_cell('=cmd|" /C calc"!A0')
'\\'=cmd|" /C calc"!A0'
>>> plain_cell(safe_cell("=1+1")), plain_cell("'s-Hertogenbosch")
('=1+1', "'s-Hertogenbosch")
"""

from __future__ import annotations

import re

_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def safe_cell(text: str) -> str:
    return "'" + text if _FORMULA.match(text) else text


def plain_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text
