"""Generation lineage as stored in asset_inputs: which assets each generated asset was made from, both ways."""

from __future__ import annotations

from dam.db.catalog import Connection

# (the column asked about, the column answered, their order): fixed SQL, never from input.
_INPUTS = ("i.asset_id", "i.input_asset_id", "i.input_asset_id IS DISTINCT FROM a.parent_id, i.input_asset_id")
_RESULTS = ("i.input_asset_id", "i.asset_id", "a.created_at DESC, a.id DESC")


def _links(con: Connection, asset_ids: list[int], way: tuple[str, str, str]) -> dict[int, list[int]]:
    asked, answered, order = way
    rows = con.execute(
        f"SELECT {asked}, {answered} FROM asset_inputs i JOIN assets a ON a.id = i.asset_id"
        f" WHERE {asked} IN (SELECT unnest(?::BIGINT[])) ORDER BY {asked}, {order}",
        [asset_ids],
    ).fetchall()
    found: dict[int, list[int]] = {}
    for key, linked in rows:
        found.setdefault(key, []).append(linked)
    return found


def inputs_of(con: Connection, asset_ids: list[int]) -> dict[int, list[int]]:
    """Asset id -> the assets it was made from, its primary input (parent_id) first, then by id."""
    return _links(con, asset_ids, _INPUTS)


def used_in(con: Connection, asset_ids: list[int]) -> dict[int, list[int]]:
    """Asset id -> the assets made from it, newest first."""
    return _links(con, asset_ids, _RESULTS)
