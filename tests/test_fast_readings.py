"""Fast readings of the extraction's patterns give the patterns' own answers.

Where a pattern searched at every position cost too much, a cheaper reading takes its place
(graph_loader.extract.names.role_before for ROLE_BEFORE; queries.names.fold of ASCII text);
the slow reading stays the definition, and these tests hold the two to one answer.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph_loader.extract.names import ROLE_BEFORE, role_before
from queries.names import fold, unicode_fold

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


@settings(max_examples=2000, deadline=None)
@given(st.text(st.characters(max_codepoint=127)))
def test_ascii_is_folded_as_unicode_folds_it(text: str) -> None:
    assert fold(text) == unicode_fold(text)


def test_other_text_is_folded_by_unicode() -> None:
    assert fold("Zürich Universität") == "zurich universitat"
    assert fold("ＳＴＲＡＳＳＥ") == "strasse"
