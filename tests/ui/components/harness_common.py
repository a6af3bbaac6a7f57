"""Data and helpers shared by the harness pages: deterministic assets, collections and an event log."""

from __future__ import annotations

import streamlit as st

CREATORS = ["Maya Chen", "Jonas Weber", "Priya Raman", "Leo Martins", "Ava Okafor", "Sam Lindqvist"]
BRANDS = ["Northwind", "Lumen", "Fjord & Co"]
STATUSES = ["approved", "in_review", "draft", "approved", "rejected", "archived", "approved", "in_review"]
SOURCES = ["uploaded", "uploaded", "generated", "uploaded", "imported", "generated"]
SUBJECTS = ["Coastline", "Bottle hero", "Dunes", "Logo mark", "Bottle label", "Ridge"]


def grid_items(count: int) -> list[dict]:
    """`count` assets cycling through the harness thumbnails; every 7th is a video, every 11th a document."""
    items = []
    for i in range(count):
        kind = "video" if i % 7 == 5 else "document" if i % 11 == 8 else "image"
        portrait = (i % 12) % 4 == 2
        items.append({
            "id": i + 1,
            "thumb": f"/harness/img/t{i % 12:02d}.png",
            "large": f"/harness/img/l{i % 6:02d}.png",
            "name": f"{SUBJECTS[i % 6]} {i + 1:03d}.{ {'video': 'mp4', 'document': 'pdf'}.get(kind, 'jpg') }",
            "width": 3000 if portrait else 4500,
            "height": 4200 if portrait else 3000,
            "kind": kind,
            "source": SOURCES[i % len(SOURCES)],
            "status": STATUSES[i % len(STATUSES)],
            "brand": BRANDS[i % len(BRANDS)],
            "duration": 12 + i if kind == "video" else None,
            "creator": CREATORS[i % len(CREATORS)],
            "comments": (i * 7) % 5,
        })
    return items


def viewer_items(count: int) -> list[dict]:
    """`count` viewer items over the 1600px previews; item 4 (index 3) is a video."""
    items = []
    for i in range(count):
        kind = "video" if i == 3 else "image"
        portrait = i % 3 == 1
        items.append({
            "id": 500 + i,
            "large": f"/harness/img/l{i % 6:02d}.png",
            "original": f"/harness/img/l{i % 6:02d}.png",
            "kind": kind,
            "mime": "video/mp4" if kind == "video" else "image/png",
            "name": f"{SUBJECTS[i % 6]} final {i + 1:02d}.png",
            "width": 1100 if portrait else 1600,
            "height": 1600 if portrait else 1067,
            "duration": 21 if kind == "video" else None,
        })
    return items


COLLECTIONS = [
    (1, None, "Brand kit", 4), (2, 1, "Logos", 12), (3, 1, "Colour & type", 6),
    (4, None, "Campaigns", 0), (5, 4, "Summer 2026", 18), (6, 5, "Beach shoot", 64), (7, 5, "Studio stills", 23),
    (8, 4, "Autumn launch", 9), (9, None, "Product", 31), (10, 9, "Bottles", 27), (11, 9, "Packaging", 14),
    (12, None, "Reference", 140),
]


def tree_nodes(parents: dict[int, int | None] | None = None) -> list[dict]:
    """The harness collections with rollups computed from `parents` (an id -> parent_id override)."""
    parent_of = {cid: pid for cid, pid, _, _ in COLLECTIONS} | (parents or {})
    count = {cid: n for cid, _, _, n in COLLECTIONS}

    def rollup(cid: int) -> int:
        return count[cid] + sum(rollup(c) for c, p in parent_of.items() if p == cid)

    return [{"id": cid, "parent_id": parent_of[cid], "name": name, "count": n, "rollup": rollup(cid)}
            for cid, _, name, n in COLLECTIONS]


# How many rows the grid-pages route has handed each harness session (a real route appends to the session's
# loaded rows the same way), so the page's next run includes them.
SERVED: dict[str, int] = {}


def log(line: str) -> None:
    st.session_state.setdefault("harness.log", []).append(line)


def show_log() -> None:
    """The events Python received, newest last, for the tests to read."""
    with st.container(key="event-log"):
        st.caption("Events received by Python")
        for line in st.session_state.get("harness.log", [])[-8:]:
            st.text(line)
