"""Seed an empty library with the demo: brands and people, files made in worker processes and ingested upload
by upload through the ingest pipeline, then each asset's review trail."""

from __future__ import annotations

import dataclasses
import multiprocessing
import shutil
import zlib
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from dam import indexing
from dam.demo import media, photos, plan
from dam.demo.brands import BRANDS, PASSWORD, PEOPLE, members
from dam.errors import Conflict
from dam.ingest import ImportOptions, import_paths
from dam.ingest.runners import plain_main
from dam.ingest.stages import Clock
from dam.library import Library
from dam.repos import assets, brands, campaigns, events, notifications, pins, users
from dam.services import people
from dam.services.review import find_transition

CACHE = ".demo-src"  # under the library folder while seeding, removed afterwards
HINT_FILE = "signin-hint.txt"  # shown under the sign-in form (dam.web.runtime.signin_hint)
# The faces the demo draws its posters with (dam/demo/canvas.py), as a brand kit names them.
FONT_NAMES = {"sans-bold": "Liberation Sans Bold", "narrow-bold": "Liberation Sans Narrow Bold",
              "serif-bold": "Liberation Serif Bold"}  # fmt: skip


@dataclasses.dataclass
class Summary:
    """What a seed made, for the CLI to print."""

    per_brand: dict[str, int] = dataclasses.field(default_factory=dict)
    rejected: list[str] = dataclasses.field(default_factory=list)  # "file: reason" for anything the ingest refused
    clock: Clock = dataclasses.field(default_factory=Clock)  # seconds per phase of the seed

    @property
    def total(self) -> int:
        return sum(self.per_brand.values())

    @property
    def phases(self) -> dict[str, float]:
        return self.clock.seconds

    @property
    def seconds(self) -> float:
        return sum(self.phases.values())


def is_empty(library: Library) -> bool:
    return not assets.all_ids(library.catalog.cursor())


def seed(library: Library, scale: float = 1.0, workers: int | None = None) -> Summary:
    """Fill an empty library with about 300 * scale demo assets. The files are the same on every run."""
    if not is_empty(library):
        raise Conflict(f"The library at {library.settings.data_dir} already has assets: the demo only seeds an empty one.")
    summary = Summary(per_brand={b.name: 0 for b in BRANDS})
    batches = plan.build(scale)
    # Search's indexes are brought up to date in the background, several uploads at a time; the text model
    # they need loads while the first files are drawn.
    indexer = indexing.Indexer(library)
    folder = library.settings.data_dir / CACHE
    shutil.rmtree(folder, ignore_errors=True)
    workers = max(1, workers or library.settings.workers)
    drawing = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        with plain_main():  # the pool starts its workers on the first submit
            files = [[drawing.submit(make_file, asset, folder) for asset in batch.assets] for batch in batches]
        with summary.clock.stage("people"):  # while the first files are drawn
            _brands_and_people(library)
        with summary.clock.stage("files and ingest"):
            ids = _ingest(library, batches, files, summary, indexer)
    finally:
        drawing.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(folder, ignore_errors=True)
        with summary.clock.stage("search indexes"):
            indexer.close()
    with summary.clock.stage("review"):
        _walk_reviews(library, batches, ids, events.utcnow())
        _kits(library, batches, ids)
    (library.settings.data_dir / HINT_FILE).write_text(signin_hint() + "\n")
    return summary


def make_file(asset: plan.PlannedAsset, folder: Path) -> Path:
    """Write one planned asset's file (runs in a worker process)."""
    path = folder / asset.key.split("/")[0] / asset.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    if asset.make == "photo":
        xmp = photos.xmp_packet(asset.title, asset.description, asset.rating, asset.tags)
        return photos.save(photos.render(asset.spec), path, asset.camera, xmp)
    if asset.make == "video":
        return media.video(path, asset.spec)
    if asset.make == "logo":
        return media.logo(path, asset.look)
    return media.guide(path, asset.look)


def _brands_and_people(library: Library) -> None:
    """Brands with their palettes and campaigns; people with their roles, all sharing the demo password."""
    from dam import auth

    with library.catalog.transaction() as con:
        for brand in BRANDS:
            row = brands.by_name(con, brand.name) or brands.create(con, brand.name, list(brand.palette), brand.notes)
            for name in brand.campaigns:
                campaigns.get_or_create(con, row.id, name)
    password_hash = auth.hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose
    for person in PEOPLE:
        if users.by_handle(library.catalog.cursor(), person.handle) is None:
            people.add_user(library, people.SYSTEM, person.handle, display_name=person.name,
                            email=f"{person.handle}@studio.example", admin=person.admin)  # fmt: skip
        for brand_name, role in person.roles.items():
            people.set_role(library, people.SYSTEM, person.handle, brand_name, role)
    with library.catalog.transaction() as con:
        for person in PEOPLE:
            users.set_password_hash(con, users.by_handle(con, person.handle).id, password_hash)


def _options(batch: plan.Batch, ids: dict[str, int], now) -> ImportOptions:
    return ImportOptions(
        brand=batch.brand, source=batch.source, collection=batch.collection, campaign=batch.campaign,
        tags=batch.tags, creator=batch.creator, prompt=batch.prompt, negative_prompt=batch.negative_prompt,
        model=batch.model, seed=batch.seed, gen_params=batch.gen_params,
        parent_id=ids[batch.parent_key] if batch.parent_key else None, rating=batch.rating,
        created_at=(now - timedelta(days=batch.days_ago)).replace(microsecond=0),
    )  # fmt: skip


def _ingest(library: Library, batches, files: list[list[Future]], summary: Summary, indexer) -> dict[str, int]:
    """Two threads ingest the files as the drawing workers finish them, one upload batch per pipeline call.

    The pipeline runs inline in each thread (its decoders and encoders release the GIL; its writes take turns
    on the catalog): a worker pool per upload would only add start-up time to cores the drawing already keeps
    busy. (The drawing workers are spawned, not forked: this process holds DuckDB's threads and the open
    catalog.) A generation run waits for the upload it starts from. Asset ids follow the order batches finish in.
    """
    ids: dict[str, int] = {}
    now = events.utcnow()
    inline = dataclasses.replace(library, settings=dataclasses.replace(library.settings, workers=1))
    batch_of = {asset.key: batch.key for batch in batches for asset in batch.assets}

    def ingest(batch: plan.Batch, made: list[Future], parent: Future | None) -> list:
        if parent is not None:
            parent.result()
        paths = [future.result() for future in made]
        results = list(import_paths(inline, paths, _options(batch, ids, now), index=False))
        indexer.add([result.asset_id for result in results if result.status == "added"])
        for asset, path, result in zip(batch.assets, paths, results):
            path.unlink(missing_ok=True)
            if result.asset_id is not None:
                ids[asset.key] = result.asset_id
        return results

    filing = ThreadPoolExecutor(2, thread_name_prefix="demo-ingest")
    try:
        done: dict[str, Future] = {}
        for batch, made in zip(batches, files):
            parent = done[batch_of[batch.parent_key]] if batch.parent_key else None
            done[batch.key] = filing.submit(ingest, batch, made, parent)
        for batch in batches:
            for asset, result in zip(batch.assets, done[batch.key].result()):
                if result.asset_id is None:
                    summary.rejected.append(f"{asset.filename}: {result.reason}")
                else:
                    summary.per_brand[batch.brand] += 1
    finally:
        filing.shutdown(wait=True, cancel_futures=True)
    return ids


def _walk_reviews(library: Library, batches, ids: dict[str, int], now) -> None:
    """Leave each asset in its planned status with the trail review leaves: its creator submitted it (some time
    between upload and now, so the queue shows real waits), the brand's manager decided, the submitter was told.

    Written in one transaction through the repositories, a statement per kind of row, rather than move by move
    through the review service, whose one transaction per move costs seconds here; each move is still checked
    against its transitions.
    """
    changes, moves, notes = [], [], []
    with library.catalog.transaction() as con:
        user_id = {p.handle: users.by_handle(con, p.handle).id for p in PEOPLE}
        brand_id = {b.name: brands.by_name(con, b.name).id for b in BRANDS}
        names = {a.id: a.name for a in assets.many(con, sorted(ids.values()))}
        for batch in batches:
            manager = members(next(b for b in BRANDS if b.name == batch.brand), "manager")[0].handle
            uploaded = now - timedelta(days=batch.days_ago)
            for asset in (a for a in batch.assets if a.key in ids and a.status != "draft"):
                asset_id, creator = ids[asset.key], user_id[batch.creator]
                submitted = uploaded + (now - uploaded) * ((zlib.crc32(asset.key.encode()) % 1000) / 2000)
                archived = asset.status == "archived"
                changes.append((asset_id, {"status": asset.status, "submitted_by": creator,
                                           "submitted_at": submitted.replace(microsecond=0),
                                           "status_before_archive": "approved" if archived else None}))  # fmt: skip
                steps = [("draft", "in_review", creator, "")]
                if asset.status != "in_review":
                    decision = "rejected" if asset.status == "rejected" else "approved"
                    steps.append(("in_review", decision, user_id[manager], asset.reject_note))
                if archived:
                    steps.append(("approved", "archived", user_id[manager], ""))
                for before, after, actor, note in steps:
                    find_transition(before, after)  # the demo only makes moves the review pipeline allows
                    moves.append({"actor_id": actor, "action": "asset.status", "entity": "asset", "entity_id": asset_id,
                                  "brand_id": brand_id[batch.brand], "before": {"status": before},
                                  "after": {"status": after, "note": note or None}})  # fmt: skip
                    if after in ("approved", "rejected") and actor != creator:
                        body = f"{manager} {after} “{names[asset_id]}”" + (f": {note}" if note else "")
                        notes.append({"user_id": creator, "kind": f"review.{after}", "asset_id": asset_id,
                                      "actor_id": actor, "body": body})  # fmt: skip
        assets.update_many(con, changes)
        events.record_many(con, moves)
        notifications.add_many(con, notes)


def _kits(library: Library, batches, ids: dict[str, int]) -> None:
    """Each brand's kit: its logo, its display font, and as anchors the uploads its generation runs started from."""
    uploads = {asset.key for batch in batches if batch.source != "generated" for asset in batch.assets}
    with library.catalog.transaction() as con:
        for brand in BRANDS:
            row = brands.by_name(con, brand.name)
            starts = [b.parent_key for b in batches if b.brand == brand.name and b.parent_key in uploads]
            anchors = list(dict.fromkeys(ids[k] for k in starts if k in ids))[:4]
            logos = [ids[key] for key in (f"{brand.slug}/logo",) if key in ids]
            fonts = [FONT_NAMES[brand.font]]
            brands.update_kit(con, row.id, palette=row.palette, fonts=fonts, notes=row.notes)
            for kit, asset_ids in ((pins.PINS, anchors), (pins.LOGOS, logos)):
                for asset_id in asset_ids:
                    pins.add(con, kit, row.id, asset_id, None)
            events.record(con, actor_id=None, action="brand.kit", entity="brand", entity_id=row.id, brand_id=row.id,
                          after={"fonts": fonts, "anchors": anchors, "logos": logos})  # fmt: skip


def signin_hint() -> str:
    sample = [members(b, role)[0].handle for b in BRANDS[:1] for role in ("manager", "creator", "viewer")]
    return (f"Demo library: sign in as {sample[0]} (manager), {sample[1]} (creator), {sample[2]} (viewer) "
            f"or alex.admin (admin); every demo password is {PASSWORD}.")  # fmt: skip


def people_lines() -> list[str]:
    """One line per demo account: handle and roles, for the CLI summary."""
    lines = []
    for person in PEOPLE:
        roles = "admin" if person.admin else ", ".join(f"{role} of {brand}" for brand, role in person.roles.items())
        lines.append(f"{person.handle:<13} {person.name:<12} {roles}")
    return lines
