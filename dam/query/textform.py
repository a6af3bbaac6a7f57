"""The text form of Filters, for the search box and the page URL: `parse()` and `serialize()` round-trip.

    >>> f = parse('tag:beach tag:sunset status:approved rating:4..5 source:generated campaign:"Summer 26" sunset dunes')
    >>> f.tags, f.statuses, f.ratings, f.campaign, f.text
    (('beach', 'sunset'), ('approved',), (4, 5), 'Summer 26', 'sunset dunes')
    >>> serialize(f)
    'tag:beach tag:sunset status:approved rating:4..5 source:generated campaign:"Summer 26" sunset dunes'

Words without a key are the search text. `key:value` narrows: tag, tags (any/all), campaign, source, rating
(`3`, `4..5`, `unrated`), status, kind, creator, after and before (ISO dates), thread (`open`), similar (asset
ids: looks like them, closest first). Values with spaces go in double
quotes (`\\"` inside them for a quote); several values of one key can be repeated or comma-separated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from dam.errors import Rejected
from dam.query.filters import RATINGS, TAG_MODES, UNRATED, Filters
from dam.vocab import KINDS, SOURCES, STATUSES


class QuerySyntaxError(Rejected):
    """The text form could not be read; the message says where and how to fix it."""


_TOKEN = re.compile(
    r'(?P<key>[A-Za-z_]+):(?:"(?P<qval>(?:[^"\\]|\\.)*)"|(?P<val>[^\s"]*))(?=\s|$)'
    r'|"(?P<qtext>(?:[^"\\]|\\.)*)"(?=\s|$)'
    r"|(?P<text>[^\s\"]\S*)"
)
_SPACE = re.compile(r"\s*")
_UNESCAPE = re.compile(r"\\(.)")


def _enum(allowed: tuple[str, ...], aliases: dict[str, str] | None = None) -> Callable[[str, str], list]:
    def read(key: str, raw: str) -> list:
        out = []
        for part in raw.split(","):
            value = "_".join(part.strip().lower().replace("-", " ").split())
            value = (aliases or {}).get(value, value)
            if value not in allowed:
                raise QuerySyntaxError(f"{key}:{part} is not known: use one of {', '.join(allowed)}.")
            out.append(value)
        return out

    return read


def _ratings(key: str, raw: str) -> list:
    out: list = []
    for part in raw.lower().split(","):
        part = part.strip()
        if part in (UNRATED, "none"):
            out.append(UNRATED)
            continue
        low, _, high = part.partition("..")
        try:
            lo, hi = int(low), int(high or low)
        except ValueError:
            raise QuerySyntaxError(f"rating:{part} is not a rating: use 1 to 5, a range like 4..5, or unrated.") from None
        if not (1 <= lo <= hi <= 5):
            raise QuerySyntaxError(f"rating:{part} is out of range: ratings go from 1 to 5 stars.")
        out.extend(range(lo, hi + 1))
    return out


def _date(key: str, raw: str) -> list:
    try:
        return [date.fromisoformat(raw)]
    except ValueError:
        raise QuerySyntaxError(f"{key}:{raw} is not a date: write it like {key}:2026-05-31.") from None


def _tag_mode(key: str, raw: str) -> list:
    mode = raw.strip().lower()
    if mode not in TAG_MODES:
        raise QuerySyntaxError(f"tags:{raw} is not a mode: use tags:any or tags:all.")
    return [mode]


def _asset_ids(key: str, raw: str) -> list:
    try:
        ids = [int(part) for part in raw.split(",")]
    except ValueError:
        raise QuerySyntaxError(f"{key}:{raw} is not an asset id: write it like {key}:42 (or {key}:42,57).") from None
    if any(i < 1 for i in ids):
        raise QuerySyntaxError(f"{key}:{raw} is not an asset id: ids start at 1.")
    return ids


def _thread(raw: str) -> list:
    if raw.strip().lower() != "open":
        raise QuerySyntaxError(f"thread:{raw} is not known: use thread:open for assets with an open thread.")
    return [True]


@dataclass(frozen=True)
class Key:
    """One `key:value` of the text form: which Filters field it sets and how its values are read and written."""

    name: str
    attr: str
    read: Callable[[str, str], list]
    many: bool = True  # False: at most one value (campaign, dates, tag mode)


# The order here is the order `serialize` writes keys in.
KEYS = (
    Key("tag", "tags", lambda k, v: [v]),
    Key("tags", "tag_mode", _tag_mode, many=False),
    Key("status", "statuses", _enum(STATUSES, {"review": "in_review", "inreview": "in_review"})),
    Key("rating", "ratings", _ratings),
    Key("source", "sources", _enum(SOURCES)),
    Key("campaign", "campaign", lambda k, v: [v], many=False),
    Key("kind", "kinds", _enum(KINDS)),
    Key("creator", "creators", lambda k, v: [v]),
    Key("after", "after", _date, many=False),
    Key("before", "before", _date, many=False),
    Key("thread", "open_threads", lambda k, v: _thread(v), many=False),
    Key("similar", "similar_to", _asset_ids),
)
_BY_NAME = {k.name: k for k in KEYS}


def parse(text: str) -> Filters:
    """Read the text form into Filters; a QuerySyntaxError says what is wrong and where."""
    values: dict[str, list] = {}
    words: list[str] = []
    pos = _SPACE.match(text).end()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise QuerySyntaxError(f"Unclosed quote at character {pos + 1}: {text[pos:pos + 20]!r}. Close it with \".")
        if match.group("key") is not None:
            _read_key(match, values)
        elif match.group("qtext") is not None:
            words.append(_UNESCAPE.sub(r"\1", match.group("qtext")))
        else:
            word = match.group("text")
            _check_word(word)
            if word.startswith("-") and word[1:].split(":", 1)[0].lower() in _BY_NAME and ":" in word:
                raise QuerySyntaxError(f"Excluding with {word.split(':')[0]}: is not supported yet; remove the '-'.")
            words.append(word)
        pos = _SPACE.match(text, match.end()).end()
    fields = {attr: (vals if _many(attr) else vals[0]) for attr, vals in values.items()}
    try:
        return Filters(text=" ".join(words), **fields)
    except QuerySyntaxError:
        raise
    except Rejected as exc:  # values that read fine but do not fit together, e.g. after: later than before:
        raise QuerySyntaxError(str(exc)) from None


def _check_word(word: str) -> None:
    """A word that starts like `key:` but could not be read as one is a mistake, not search text."""
    head = re.match(r"([A-Za-z_]+):", word)
    if head is None:
        return
    if word[head.end():].startswith('"'):
        raise QuerySyntaxError(f"Unclosed quote in {word!r}. Close it with \".")
    raise QuerySyntaxError(f"Could not read {word!r}: put the value in double quotes, e.g. {head.group(1)}:\"...\".")


def _many(attr: str) -> bool:
    return next(k.many for k in KEYS if k.attr == attr)


def _read_key(match: re.Match, values: dict[str, list]) -> None:
    name = match.group("key").lower()
    key = _BY_NAME.get(name)
    if key is None:
        known = ", ".join(f"{k.name}:" for k in KEYS)
        raise QuerySyntaxError(
            f"Unknown filter {name}:. Use one of {known} or put the words in quotes to search for them."
        )
    raw = _UNESCAPE.sub(r"\1", match.group("qval")) if match.group("qval") is not None else match.group("val")
    if not raw.strip():
        raise QuerySyntaxError(f"{name}: needs a value, e.g. {name}:{_EXAMPLES[name]}.")
    read = key.read(name, raw)
    seen = values.setdefault(key.attr, [])
    if not key.many and seen and seen != read:
        raise QuerySyntaxError(f"{name}: can be given only once.")
    seen.extend(v for v in read if v not in seen)


_EXAMPLES = {"tag": "beach", "tags": "any", "status": "approved", "rating": "4..5", "source": "generated",
             "campaign": '"Summer 26"', "kind": "image", "creator": "maya", "after": "2026-01-01",
             "before": "2026-06-30", "thread": "open", "similar": "42"}  # fmt: skip


def serialize(filters: Filters) -> str:
    """The canonical text form: keys in a fixed order, then the search words. parse(serialize(f)) == f."""
    parts: list[str] = []
    for key in KEYS:
        value = getattr(filters, key.attr)
        if key.attr == "tag_mode":
            parts += ["tags:any"] if value == "any" else []
        elif key.attr == "open_threads":
            parts += ["thread:open"] if value else []
        elif key.attr == "ratings":
            parts += [f"rating:{r}" for r in _rating_runs(value)]
        elif key.attr == "similar_to":
            parts += [f"similar:{','.join(map(str, value))}"] if value else []
        elif isinstance(value, tuple):
            parts += [f"{key.name}:{_quote(v)}" for v in value]
        elif isinstance(value, date):
            parts.append(f"{key.name}:{value.isoformat()}")
        elif value:
            parts.append(f"{key.name}:{_quote(value)}")
    parts += [_quote(w, text=True) for w in filters.text.split()]
    return " ".join(parts)


def _rating_runs(ratings: tuple) -> list[str]:
    stars = [r for r in ratings if r in RATINGS]
    runs: list[list[int]] = []
    for star in stars:
        if runs and star == runs[-1][-1] + 1:
            runs[-1].append(star)
        else:
            runs.append([star])
    out = [str(r[0]) if len(r) == 1 else f"{r[0]}..{r[-1]}" for r in runs]
    return out + ([UNRATED] if UNRATED in ratings else [])


def _quote(value: str, *, text: bool = False) -> str:
    plain = value and not re.search(r'[\s"\\,]', value) and not (text and (":" in value or value.startswith("-")))
    if plain:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
