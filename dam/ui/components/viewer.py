"""The asset viewer: a dark stage with fit/zoom/pan for images, video playback and instant local stepping."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dam.ui.components._base import Synced, as_int, asks_for_more, declare, define

_mount = define("asset_viewer", js=("viewer_zoom.js", "viewer.js"), css=("viewer.css",))


@dataclass(frozen=True)
class ViewerEvents:
    """Where the viewer is and what the user did in it during this run."""

    index: int  # the item shown now: the stepped-to index, else the index the page passed in
    step: int | None = None  # the new index when the user stepped in this run
    need_more: bool = False  # the user is within 3 items of the end of `items` and more exist
    close: bool = False


def asset_viewer(
    items: Sequence[Mapping[str, Any]],
    index: int,
    total: int,
    *,
    key: str,
    height: str = "75vh",
    layout: Literal["block", "overlay"] = "block",
    panel_width: int = 380,
) -> ViewerEvents:
    """Show `items[index]` on a dark stage; arrows and the Left/Right keys step through `items` locally.

    Each item is a dict with: id, large (signed URL of the 1600px preview), original (signed URL), kind (image
    | video | document), mime, name, width, height (the original's pixels) and duration. Images fit by default;
    a click toggles fit / 100%, the wheel zooms around the cursor, dragging pans, a double-click fits again.
    Videos play from `original` with `large` as poster; documents show their preview.

    `total` is the size of the whole result set (the counter reads "3 of 40"); when the user nears the end of
    the loaded `items`, `need_more` asks the page to append the next page. Stepping swaps the picture at once
    and reports the new index (`step`) a rerun later, so keep the side panel in the same fragment or dialog.

    `layout="block"` (default) is a block `height` tall for an `st.dialog(width="large")` or a column;
    `layout="overlay"` covers the window except the right-hand `panel_width` pixels.
    """
    position = Synced(key, "index", as_int)
    result = _mount(
        key=key,
        data={
            "items": [dict(item) for item in items],
            "index": int(index),
            "index_rev": position.revision(int(index)),
            "total": int(total),
            "height": height,
            "layout": layout,
            "panel_width": int(panel_width),
        },
        **position.callbacks(),
        **declare("step", "need_more", "close"),
    )
    stepped = as_int(position.user_change())
    step = result.step if isinstance(result.step, dict) else None
    if stepped is None and step:
        stepped = as_int(step.get("index"))
    return ViewerEvents(
        index=stepped if stepped is not None else int(index),
        step=stepped,
        need_more=asks_for_more(result.need_more, len(items)),
        close=result.close is not None,
    )
