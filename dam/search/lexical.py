"""Word matching: each search word found whole, as a prefix, or with a typo, in fields weighted by importance.

Scores are integers, so the same search always scores the same (a float sum can change in its last bit when
DuckDB adds rows in another order, which would break keyset paging):

    per word:  field weight x match weight, best over the asset's fields
    asset:     TIER x 10,000,000 + sum over words;  every word must match somewhere (folded in numpy)
    tier:      2 when every word matched whole or as a prefix, 1 when some word needed a typo

The exact-name tier (3) is added by the grid query, which has the name at hand; semantic matches score below
10,000,000 (dam/search/hybrid.py), so the tiers never mix.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from dam.db import is_postgres
from dam.db.catalog import Connection
from dam.search import terms

TIER = 10_000_000
# Name and tags first, then the file name, collection names, description and prompt.
FIELD_WEIGHT = {"name": 30, "tags": 30, "original_name": 20, "collection": 15, "description": 12, "prompt": 10}
MATCH_WEIGHT = {"exact": 10, "prefix": 6, "typo": 3}
MAX_TYPO_TERMS = 12
_FIELD_CASE = "CASE field " + " ".join(
    f"WHEN {num} THEN {FIELD_WEIGHT[name]}" for name, num in terms.INDEXED_FIELDS.items()
) + " END"


def typo_budget(word: str) -> int:
    """How many edits a word may be off by: none for short words, where one edit makes another word."""
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


@dataclass
class WordMatch:
    """How one search word matches: index terms by typo, and tags / collections by kind of match."""

    word: str
    typo_terms: list[str] = field(default_factory=list)
    tags: dict[str, list[int]] = field(default_factory=dict)  # match kind -> tag ids
    collections: dict[str, list[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Names:
    """The words of every tag or collection name: word -> ids, and the words sorted for prefix lookups."""

    ids_by_word: dict[str, list[int]]
    sorted_words: list[str]

    @classmethod
    def of(cls, rows: list[tuple[int, list[str]]]) -> "Names":
        by_word: dict[str, list[int]] = {}
        for ident, words in rows:
            for word in set(words):
                by_word.setdefault(word, []).append(ident)
        return cls(by_word, sorted(by_word))

    def match(self, word: str, typos: list[str]) -> dict[str, list[int]]:
        """Ids by the best kind of match of any of their words (exact, else prefix, else typo)."""
        found: dict[int, str] = {}
        for ident in self.ids_by_word.get(word, ()):
            found[ident] = "exact"
        if len(word) >= 2:
            at = bisect.bisect_right(self.sorted_words, word)
            while at < len(self.sorted_words) and self.sorted_words[at].startswith(word):
                for ident in self.ids_by_word[self.sorted_words[at]]:
                    found.setdefault(ident, "prefix")
                at += 1
        for typo in typos:
            for ident in self.ids_by_word.get(typo, ()):
                found.setdefault(ident, "typo")
        out: dict[str, list[int]] = {}
        for ident, kind in sorted(found.items()):
            out.setdefault(kind, []).append(ident)
        return out


class Vocabulary:
    """The words search can match, cached per catalog until something changes.

    Typo matching runs over the distinct alphabetic words of the index, tags and collection names (words with
    digits, like file numbers, only ever match whole or as a prefix).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._terms: tuple[tuple, list[str]] | None = None
        self._snapshot: tuple[tuple, Lexicon] | None = None

    def snapshot(self, con: Connection, generation: int) -> "Lexicon":
        """The current words, rebuilt only for what changed (one small query checks all three sources)."""
        # DuckDB counts the word index from its metadata; PostgreSQL would read all of it, and there every write
        # to the index is in the shared change log already, which `generation` follows (dam/db/changes.py).
        indexed = "0" if is_postgres(con) else f"(SELECT count(*) FROM {terms.TERMS})"
        stamp = tuple(con.execute(
            f"SELECT {indexed},"
            " (SELECT count(*) FROM tags), (SELECT sum(hash(id, name)) FROM tags),"
            " (SELECT count(*) FROM collections), (SELECT sum(hash(id, name)) FROM collections)").fetchall()[0])  # fmt: skip
        stamp = (generation, *stamp)
        with self._lock:
            if self._snapshot and self._snapshot[0] == stamp:
                return self._snapshot[1]
        terms_stamp = stamp[:2]
        with self._lock:
            index_words = self._terms[1] if self._terms and self._terms[0] == terms_stamp else None
        if index_words is None:  # the expensive part (a DISTINCT over the index): only after indexing
            index_words = terms.vocabulary(con)
        tags, colls = (Names.of([(i, terms.split_text(n)) for i, n in con.execute(f"SELECT id, name FROM {t}").fetchall()])
                       for t in ("tags", "collections"))  # fmt: skip
        pool = sorted(set(index_words) | {w for w in tags.sorted_words + colls.sorted_words if w.isalpha()})
        lexicon = Lexicon(tags, colls, pool)
        with self._lock:
            self._terms = (terms_stamp, index_words)
            self._snapshot = (stamp, lexicon)
        return lexicon


@dataclass(frozen=True)
class Lexicon:
    tags: Names
    collections: Names
    typo_pool: list[str]  # alphabetic words typos are matched against


def match_words(con: Connection, words: list[str], vocabulary: Vocabulary, generation: int) -> list[WordMatch]:
    lexicon = vocabulary.snapshot(con, generation)
    out = []
    for word in words:
        typos: list[str] = []
        budget = typo_budget(word)
        if budget and word.isalpha():
            found = process.extract(word, lexicon.typo_pool, scorer=Levenshtein.distance, score_cutoff=budget,
                                    limit=None)  # fmt: skip
            typos = sorted((t for t, _, _ in found if not t.startswith(word)),
                           key=lambda t: (Levenshtein.distance(word, t), t))[:MAX_TYPO_TERMS]  # fmt: skip
        out.append(WordMatch(word, typos, lexicon.tags.match(word, typos), lexicon.collections.match(word, typos)))
    return out


def postings_sql(matches: list[WordMatch]) -> tuple[str, list]:
    """SELECT asset_id, word, w, sure: one row per place a search word matches (see `score_postings`)."""
    parts, params = [], []
    for i, m in enumerate(matches):
        conds = ["term = ?"]
        params_terms: list = [m.word]
        if len(m.word) >= 2:
            conds.append("(term > ? AND term < ?)")
            params_terms += [m.word, m.word + "\U0010ffff"]
        if m.typo_terms:
            conds.append(f"term IN ({', '.join('?' for _ in m.typo_terms)})")
            params_terms += m.typo_terms
        # Words of one letter match whole only; no index term starts with U+10FFFF (not a letter or digit), so this
        # prefix never matches (NUL would do for DuckDB, but PostgreSQL text cannot hold it).
        prefix = m.word if len(m.word) >= 2 else "\U0010ffff"
        match_case = "CASE WHEN term = ? THEN {e} WHEN starts_with(term, ?) THEN {p} ELSE {t} END".format(
            e=MATCH_WEIGHT["exact"], p=MATCH_WEIGHT["prefix"], t=MATCH_WEIGHT["typo"])  # fmt: skip
        parts.append(
            f"SELECT asset_id, {i} AS word, {_FIELD_CASE} * {match_case} AS w, (term = ? OR starts_with(term, ?)) AS sure"
            f" FROM {terms.TERMS} WHERE {' OR '.join(conds)}"
        )
        params += [m.word, prefix, m.word, prefix]
        params += params_terms
        for source, table, key, weight in (("tags", "asset_tags", "tag_id", FIELD_WEIGHT["tags"]),
                                           ("collections", "collection_assets", "collection_id", FIELD_WEIGHT["collection"])):  # fmt: skip
            for kind, ids in getattr(m, source).items():
                # A semi-join on the id list: several times cheaper than a long IN list over millions of rows.
                parts.append(f"SELECT asset_id, {i} AS word, {weight * MATCH_WEIGHT[kind]} AS w, {kind != 'typo'} AS sure"
                             f" FROM {table} WHERE {key} IN (SELECT unnest(?::INTEGER[]))")  # fmt: skip
                params.append(ids)
    return " UNION ALL ".join(parts), params


def score_postings(asset_id: np.ndarray, word: np.ndarray, w: np.ndarray, sure: np.ndarray,
                   n_words: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(asset ids, scores) of the assets every word matches: per word the best weight, summed, plus the tier.

    Done in numpy over dense per-asset arrays rather than as a SQL GROUP BY: the postings of a common word
    run to a hundred thousand rows, which numpy folds several times faster.
    """
    if len(asset_id) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    size, known = int(asset_id.max()) + 1, None
    if size > 50 * len(asset_id):  # few hits among many ids: number them densely first
        known, asset_id = np.unique(asset_id, return_inverse=True)
        size = len(known)
    best = np.zeros((n_words, size), dtype=np.int32)
    certain = np.zeros((n_words, size), dtype=bool)
    np.maximum.at(best, (word, asset_id), w)
    certain[word[sure], asset_id[sure]] = True
    ids = np.flatnonzero((best > 0).all(axis=0))
    tier = np.where(certain[:, ids].all(axis=0), 2, 1)
    scores = tier.astype(np.int64) * TIER + best[:, ids].sum(axis=0, dtype=np.int64)
    return (ids if known is None else known[ids]).astype(np.int64), scores
