"""An app replica for tests: its own process and Library on the shared catalog, driven by JSON lines on stdin.

Each line is {"do": command, ...arguments}; each answer is one JSON line {"ok": result} or {"error": message}.
Commands call the same services the pages call, as the signed-in person `as` (a handle).
"""

from __future__ import annotations

import json
import sys
import time
import traceback

from dam.config import Settings
from dam.ingest import ImportOptions, import_file
from dam.library import Library
from dam.permissions import load_actor
from dam.query import Scope, parse, run_page
from dam.repos import assets, comments, events, users
from dam.services import assets as asset_service
from dam.services import notify, threads


def _actor(library, handle: str):
    con = library.catalog.cursor()
    return load_actor(con, users.by_handle(con, handle).id)


def _wait(start_at: float | None) -> None:
    """Both replicas start a concurrent step at the same wall-clock moment."""
    if start_at:
        time.sleep(max(0.0, start_at - time.time()))


def handle(library, cmd: dict):
    do = cmd["do"]
    actor = _actor(library, cmd["as"]) if "as" in cmd else None
    if do == "warm":  # load the text model before anything is timed against the other replica
        from dam.search import semantic

        semantic.model()
        return True
    if do == "upload":
        result = import_file(library, cmd["path"], ImportOptions(brand=cmd["brand"], creator=cmd["as"]))
        return {"status": result.status, "asset_id": result.asset_id, "reason": result.reason}
    if do == "rename":
        _wait(cmd.get("start_at"))
        asset_service.rename(library, actor, cmd["asset_id"], cmd["name"])
        return True
    if do == "status":
        return asset_service.set_status(library, actor, [cmd["asset_id"]], cmd["status"], cmd.get("note", "")).failed
    if do == "comment":
        return threads.post(library, actor, cmd["asset_id"], cmd["body"])
    if do == "tag_each":  # one service call per tag, as fast as they go
        _wait(cmd.get("start_at"))
        failed = []
        for tag in cmd["tags"]:
            failed += [str(f) for f in asset_service.add_tags(library, actor, [cmd["asset_id"]], [tag]).failed]
        return failed
    if do == "record":
        con = library.catalog.cursor()
        out = assets.record(con, cmd["asset_id"])
        out["comments"] = [c.body for c in comments.for_asset(con, cmd["asset_id"])]
        out["events"] = [e["action"] for e in events.for_entity(con, "asset", cmd["asset_id"])]
        return out
    if do == "grid":
        scope = Scope(brand_ids=tuple(actor.roles), viewer_id=actor.user_id)
        return [i.id for i in run_page(library, scope, parse(cmd.get("q", "")), limit=50).items]
    if do == "inbox":
        return [n.kind for n in notify.inbox(library, actor)]
    raise ValueError(f"unknown command {do!r}")


def main() -> int:
    with Library.open(Settings()) as library:  # DAM_DATA and DAM_CATALOG from the environment
        print(json.dumps({"ok": "ready"}), flush=True)
        for line in sys.stdin:
            try:
                answer = {"ok": handle(library, json.loads(line))}
            except Exception as exc:  # the test reads the message; the replica keeps serving
                answer = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
            print(json.dumps(answer, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
