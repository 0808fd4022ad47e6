"""Fast readings of the extraction's patterns give the patterns' own answers.

Where a pattern searched at every position cost too much, a cheaper reading takes its place
(graph_loader.extract.names.role_before for ROLE_BEFORE); the pattern stays its definition,
and these tests hold the two to one answer on text made of the pattern's own parts.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph_loader.extract.names import ROLE_BEFORE, role_before

_PARTS = [
    " ",
    "  ",
    "\n",
    ",",
    "(",
    ".",
    "-",
    "a",
    "X",
    "Mayor",
    "mayor",
    "Prof.",
    "Dr.-Ing.",
    "Vice-Chancellor",
    "RBW-Geschäftsführer",
    "Hochschulpräsidentin",
    "Präsidenten",
    "director of the ",
    "president at ",
    "Omega Consortium",
    "Wu",
    "said",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=9).map("".join))
def test_role_before_answers_as_the_pattern_does(before: str) -> None:
    assert role_before(before) == (ROLE_BEFORE.search(before) is not None)


def test_role_before_on_the_forms_the_finders_meet() -> None:
    assert role_before("signed by Mayor ")
    assert role_before("RBW-Geschäftsführer ")
    assert role_before("the director of the Omega Consortium, ")
    assert not role_before("the Omega Consortium, ")
    assert not role_before("Dr.-Ing.\n,\n")  # the role must end the text but for one comma
    assert not role_before("Mayor")  # a name follows a space
