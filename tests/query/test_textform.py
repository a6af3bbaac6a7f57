"""The text form: worked examples, round trips for any filter, and clear errors for bad syntax."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dam.query import Filters, QuerySyntaxError, parse, serialize, summary_line
from dam.query.filters import UNRATED
from dam.vocab import KINDS, SOURCES, STATUSES

EXAMPLE = 'tag:beach tag:sunset status:approved rating:4..5 source:generated campaign:"Summer 26" sunset dunes'


def test_the_issue_example_reads_and_writes_back_unchanged():
    f = parse(EXAMPLE)
    assert f == Filters(text="sunset dunes", tags=("beach", "sunset"), statuses=("approved",), ratings=(4, 5),
                        sources=("generated",), campaign="Summer 26")  # fmt: skip
    assert serialize(f) == EXAMPLE


@pytest.mark.parametrize("text, expected", [
    ("", Filters()),
    ("Tag:Beach TAG:beach", Filters(tags=("beach",))),
    ('tag:"red car" tags:any', Filters(tags=("red car",), tag_mode="any")),
    ("status:in_review,approved status:\"In review\"", Filters(statuses=("approved", "in_review"))),
    ("rating:unrated rating:1,3..4", Filters(ratings=(1, 3, 4, UNRATED))),
    ("kind:video creator:@Maya after:2026-01-01 before:2026-02-01",
     Filters(kinds=("video",), creators=("maya",), after=date(2026, 1, 1), before=date(2026, 2, 1))),
    ('"status:approved" 16:9 -dunes', Filters(text="status:approved 16:9 -dunes")),
    ('campaign:"Summer \\"26\\""', Filters(campaign='Summer "26"')),
])  # fmt: skip
def test_examples(text, expected):
    assert parse(text) == expected
    assert parse(serialize(expected)) == expected


@pytest.mark.parametrize("text, message", [
    ("tag:", "needs a value"),
    ("colour:red", "Unknown filter colour:"),
    ('"sunset', "Unclosed quote"),
    ('tag:"beach', "Unclosed quote"),
    ("rating:6", "out of range"),
    ("rating:four", "not a rating"),
    ("status:done", "not known"),
    ("kind:gif", "not known"),
    ("after:yesterday", "not a date"),
    ("after:2026-03-01 before:2026-02-01", "must come before"),
    ("campaign:a campaign:b", "only once"),
    ("tags:some", "tags:any or tags:all"),
    ("-tag:beach", "not supported"),
])  # fmt: skip
def test_bad_syntax_gets_a_clear_message(text, message):
    with pytest.raises(QuerySyntaxError, match=message):
        parse(text)


def _subset(values):
    return st.lists(st.sampled_from(values), max_size=4).map(tuple)


# Free text as people type it, including quotes, colons, backslashes, dashes and non-ASCII letters.
_word = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=8)
filters = st.builds(
    Filters,
    text=st.lists(_word, max_size=4).map(" ".join),
    campaign=st.one_of(st.none(), st.lists(_word, min_size=1, max_size=3).map(" ".join)),
    tags=st.lists(st.lists(_word, min_size=1, max_size=2).map(" ".join), max_size=3).map(tuple),
    tag_mode=st.sampled_from(["all", "any"]),
    sources=_subset(SOURCES), statuses=_subset(STATUSES), kinds=_subset(KINDS),
    ratings=_subset([1, 2, 3, 4, 5, UNRATED]),
    creators=st.lists(st.from_regex(r"[a-z][a-z0-9._-]{0,8}", fullmatch=True), max_size=2).map(tuple),
    after=st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2025, 12, 31))),
    before=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2030, 1, 1))),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(filters)
def test_any_filter_round_trips_through_the_text_form(f):
    text = serialize(f)
    assert parse(text) == f
    assert serialize(parse(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_typed_text_parses_or_fails_with_a_message(text):
    try:
        parse(text)
    except QuerySyntaxError as exc:
        assert str(exc)


def test_summary_line():
    f = Filters(statuses=("approved",), tags=("beach", "sunset"))
    assert summary_line(f, 128) == "Status: Approved · Tags: beach AND sunset · 128 results"
    assert summary_line(Filters(tags=("a", "b"), tag_mode="any", text="dunes"), 1) == \
        "Search: “dunes” · Tags: a OR b · 1 result"
    assert summary_line(Filters(), 12840) == "12,840 results"
