"""The brand's tags for the pickers (toolbar, bulk bar, viewer), read once per catalog generation.

Counting a brand's tags joins every tag link of its assets: about 50 ms on 100k assets, on every run of the
page and of the viewer. Tags change only through edits and ingest, which move the catalog's generation on.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from dam import indexing
from dam.repos import tags
from dam.ui.session import library

_lock = threading.Lock()
_read: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> {(brand id, generation): [(name, count), ...]}


def brand_tags(brand_id: int) -> list[tuple[str, int]]:
    """(name, live assets carrying it), most used first, as `tags.for_brand` gives them."""
    catalog = library().catalog
    key = (brand_id, indexing.generation(catalog))
    with _lock:
        held = _read.setdefault(catalog, {})
        if key not in held:
            fresh = {k: v for k, v in held.items() if k[1] == key[1]}  # older generations are of no more use
            fresh[key] = tags.for_brand(catalog.cursor(), brand_id)
            _read[catalog] = held = fresh
        return list(held[key])
