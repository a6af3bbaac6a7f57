"""The asset grid: thumbnail cards with badges, selection, keyboard navigation, infinite scroll and drag."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dam.ui.components._base import Synced, as_ids, as_int, asks_for_more, declare, define

_mount = define("asset_grid", js=("grid_cards.js", "grid.js"), css=("grid.css",))


@dataclass(frozen=True)
class Opened:
    """The user opened an asset: its id and its position among the loaded items."""

    id: int
    index: int


@dataclass(frozen=True)
class GridEvents:
    """What the user did in the grid during this run; every field is empty when nothing happened."""

    open: Opened | None = None
    selection: list[int] | None = None  # the whole new selection, when the user changed it in this run
    load_more: bool = False
    similar: int | None = None  # asset id whose "Find similar" was clicked


def asset_grid(
    items: Sequence[Mapping[str, Any]],
    *,
    selected: Sequence[int],
    has_more: bool,
    key: str,
    loading_token: int | str = 0,
    fit: Literal["contain", "cover"] = "contain",
    more_url: str | None = None,
) -> GridEvents:
    """Show `items` as a responsive grid of asset cards and report what the user did.

    Each item is a dict with: id, thumb (a signed thumbnail URL), name, width, height, kind (image | video |
    document), source (uploaded | generated | imported), status (draft | in_review | approved | rejected |
    archived), brand, duration (seconds or None), creator and optionally comments (a count) and large (the
    viewer's preview URL, fetched ahead when a card is hovered or opened).

    `selected` is the page's selection (pass back what `GridEvents.selection` gave you; pass [] to clear).
    `has_more` lets the grid ask for the next page (`load_more`) as the user nears the end; it asks once per
    number of loaded items. Change `loading_token` whenever the result set is replaced (filters, search,
    collection), so the grid scrolls back to the top and forgets its range anchor. Cards are reused by id,
    so appending a page keeps the scroll position and loaded thumbnails.

    With `more_url`, the grid fetches further pages itself, without a rerun: `GET {more_url}?count=<cards it
    holds>` answers `{"token", "items", "has_more"}` with the cards that follow (dam/web/grid_pages.py). Pass the
    fetched items back in `items` on later runs. When that request fails, the grid asks through `load_more`.

    Mount it inside an `@st.fragment` so that a click reruns only the fragment.
    """
    selection = Synced(key, "selection", lambda ids: sorted(as_ids(ids)))
    result = _mount(
        key=key,
        data={
            "items": [dict(item) for item in items],
            "selected": list(selected),
            "selected_rev": selection.revision(selected),
            "has_more": bool(has_more),
            "loading_token": loading_token,
            "fit": fit,
            "more_url": more_url,
        },
        **selection.callbacks(),
        **declare("open", "load_more", "similar"),
    )
    user_selection = selection.user_change()
    opened = result.open if isinstance(result.open, dict) else None
    similar = result.similar if isinstance(result.similar, dict) else None
    open_id = as_int(opened.get("id")) if opened else None
    return GridEvents(
        open=Opened(open_id, as_int(opened.get("index")) or 0) if open_id is not None else None,
        selection=as_ids(user_selection) if user_selection is not None else None,
        load_more=asks_for_more(result.load_more, len(items)),
        similar=as_int(similar.get("id")) if similar else None,
    )
