"""The `similar:` filter's text form, SQL and summary (its matches on real photos: tests/similar/test_filter.py)."""

from __future__ import annotations

import pytest

from dam.query import Filters, QuerySyntaxError, parse, serialize, summary_line
from dam.query.compile import Resolved, filter_clauses


@pytest.mark.parametrize(("text", "ids", "canonical"), [
    ("similar:42", (42,), "similar:42"),
    ("similar:42,7 status:approved", (42, 7), "status:approved similar:42,7"),
    ("similar:7 similar:42 similar:7 sunset", (7, 42), "similar:7,42 sunset"),
])  # fmt: skip
def test_text_form_round_trips(text, ids, canonical):
    filters = parse(text)
    assert filters.similar_to == ids
    assert serialize(filters) == canonical and parse(canonical) == filters


@pytest.mark.parametrize(("text", "says"), [
    ("similar:cat", "not an asset id"), ("similar:0", "ids start at 1"), ("similar:", "needs a value"),
])  # fmt: skip
def test_bad_ids_say_how_to_write_them(text, says):
    with pytest.raises(QuerySyntaxError, match=says):
        parse(text)


def test_compiles_to_the_matching_ids_or_nothing():
    filters = Filters(similar_to=(42,), statuses=("approved",))
    clauses = filter_clauses(filters, Resolved(similar=((9, 0.97), (5, 0.91))))
    assert [(c.sql, c.params) for c in clauses] == [("a.status = ?", ("approved",)), ("a.id IN (?, ?)", (9, 5))]
    assert [c.sql for c in filter_clauses(filters, Resolved())][-1] == "FALSE"


def test_summary_names_the_asset_first():
    filters = Filters(similar_to=(42, 7), tags=("beach",))
    line = summary_line(filters, 3, ["cat.jpg", "dog.jpg"])
    assert line == "Similar to: cat.jpg + 1 more · Tags: beach · 3 results"
    assert summary_line(Filters(similar_to=(42,)), 0) == "Similar to: #42 · 0 results"
