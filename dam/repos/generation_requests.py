"""The generation queue: requests to make new assets from inputs and a prompt, their status and results."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dam.db.catalog import Connection
from dam.errors import NotFound

STATUSES = ("queued", "running", "failed", "done")

# Columns in table order; GenerationRequest's fields follow it.
COLUMNS = (
    "id", "brand_id", "requested_by", "requested_at", "input_ids", "anchor_ids", "prompt", "negative_prompt",
    "model", "seed", "gen_params", "campaign_id", "collection_id", "status", "message", "backend", "started_at",
    "finished_at", "result_ids",
)  # fmt: skip
_SELECT = ", ".join(COLUMNS)
# What a new request sets; the rest starts empty (status queued, no message, no results).
_NEW = ("brand_id", "requested_by", "requested_at", "input_ids", "anchor_ids", "prompt", "negative_prompt", "model",
        "seed", "gen_params", "campaign_id", "collection_id")  # fmt: skip


@dataclass(frozen=True)
class GenerationRequest:
    """One request in the queue. `message` is the generator's (or the Library's) word on a failure."""

    id: int
    brand_id: int
    requested_by: int | None
    requested_at: datetime
    input_ids: list[int]
    anchor_ids: list[int]
    prompt: str
    negative_prompt: str | None
    model: str | None
    seed: int | None
    gen_params: str | None  # JSON text of the parameters
    campaign_id: int | None
    collection_id: int | None
    status: str
    message: str | None
    backend: str | None
    started_at: datetime | None
    finished_at: datetime | None
    result_ids: list[int]

    @property
    def params(self) -> dict[str, Any]:
        return json.loads(self.gen_params) if self.gen_params else {}

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COLUMNS} | {"gen_params": self.params}


def _request(row: tuple) -> GenerationRequest:
    values = list(row)
    for index in (COLUMNS.index("input_ids"), COLUMNS.index("anchor_ids"), COLUMNS.index("result_ids")):
        values[index] = list(values[index] or [])
    return GenerationRequest(*values)


def insert(con: Connection, fields: dict[str, Any]) -> GenerationRequest:
    names = [n for n in _NEW if n in fields]
    row = con.execute(
        f"INSERT INTO generation_requests ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        f" RETURNING {_SELECT}",
        [fields[n] for n in names],
    ).fetchone()
    return _request(row)


def get(con: Connection, request_id: int) -> GenerationRequest:
    row = con.execute(f"SELECT {_SELECT} FROM generation_requests WHERE id = ?", [request_id]).fetchone()
    if row is None:
        raise NotFound(f"No generation request with id {request_id}.")
    return _request(row)


def listing(con: Connection, brand_ids: list[int] | None, *, requested_by: int | None = None,
            statuses: tuple[str, ...] = (), limit: int = 100) -> list[GenerationRequest]:  # fmt: skip
    """Requests newest first; None for brand_ids means every brand (the system's view)."""
    where, params = ["TRUE"], []
    if brand_ids is not None:
        where.append("brand_id IN (SELECT unnest(?::INTEGER[]))")
        params.append(brand_ids)
    if requested_by is not None:
        where.append("requested_by = ?")
        params.append(requested_by)
    if statuses:
        where.append("status IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(statuses))
    rows = con.execute(
        f"SELECT {_SELECT} FROM generation_requests WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [_request(r) for r in rows]


def oldest_queued(con: Connection) -> int | None:
    row = con.execute("SELECT min(id) FROM generation_requests WHERE status = 'queued'").fetchone()
    return row[0]


def with_status(con: Connection, status: str) -> list[int]:
    return [r[0] for r in con.execute(
        "SELECT id FROM generation_requests WHERE status = ? ORDER BY id", [status]).fetchall()]  # fmt: skip


def claim(con: Connection, request_id: int, backend: str, now: datetime) -> bool:
    """Move a queued request to running; False when it was not queued any more (someone else took it)."""
    rows = con.execute(
        "UPDATE generation_requests SET status = 'running', backend = ?, started_at = ?, finished_at = NULL,"
        " message = NULL WHERE id = ? AND status = 'queued' RETURNING id",
        [backend, now, request_id],
    ).fetchall()
    return bool(rows)


def finish(con: Connection, request_id: int, status: str, message: str | None, result_ids: list[int],
           now: datetime) -> None:  # fmt: skip
    con.execute(
        "UPDATE generation_requests SET status = ?, message = ?, result_ids = ?::BIGINT[], finished_at = ?"
        " WHERE id = ?",
        [status, message, result_ids, now, request_id],
    )


def requeue(con: Connection, request_id: int) -> None:
    con.execute(
        "UPDATE generation_requests SET status = 'queued', message = NULL, backend = NULL, started_at = NULL,"
        " finished_at = NULL, result_ids = ?::BIGINT[] WHERE id = ?",
        [[], request_id],
    )


def that_made(con: Connection, asset_id: int) -> GenerationRequest | None:
    """The request whose results include this asset, if it came from the queue."""
    row = con.execute(
        f"SELECT {_SELECT} FROM generation_requests WHERE ? IN (SELECT unnest(result_ids)) ORDER BY id LIMIT 1",
        [asset_id],
    ).fetchone()
    return _request(row) if row else None
