"""Seed an empty library with the demo: brands and people, files made in worker processes and ingested upload
by upload through the ingest pipeline, then the review statuses walked through the review service."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from dam.demo import media, photos, plan
from dam.demo.brands import BRANDS, PASSWORD, PEOPLE, members
from dam.errors import Conflict
from dam.ingest import ImportOptions, import_paths
from dam.library import Library
from dam.permissions import load_actor
from dam.repos import assets, brands, campaigns, events, users
from dam.services import people
from dam.services.assets import set_status

CACHE = ".demo-src"  # under the library folder while seeding, removed afterwards
HINT_FILE = "signin-hint.txt"  # shown under the sign-in form (dam.web.runtime.signin_hint)


@dataclass
class Summary:
    """What a seed made, for the CLI to print."""

    per_brand: dict[str, int] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)  # "file: reason" for anything the ingest refused
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.per_brand.values())


def is_empty(library: Library) -> bool:
    return not assets.all_ids(library.catalog.cursor())


def seed(library: Library, scale: float = 1.0, workers: int | None = None) -> Summary:
    """Fill an empty library with about 300 * scale demo assets. The files are the same on every run."""
    if not is_empty(library):
        raise Conflict(f"The library at {library.settings.data_dir} already has assets: the demo only seeds an empty one.")
    started = time.perf_counter()
    batches = plan.build(scale)
    _brands_and_people(library)
    folder = library.settings.data_dir / CACHE
    shutil.rmtree(folder, ignore_errors=True)
    summary = Summary(per_brand={b.name: 0 for b in BRANDS})
    try:
        ids = _make_and_ingest(library, batches, folder, workers or library.settings.workers, summary)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _walk_reviews(library, batches, ids)
    (library.settings.data_dir / HINT_FILE).write_text(signin_hint() + "\n")
    summary.seconds = time.perf_counter() - started
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


def _make_and_ingest(library: Library, batches, folder: Path, workers: int, summary: Summary) -> dict[str, int]:
    """Workers draw and encode files ahead while this process ingests them, one upload batch per pipeline call
    (in plan order, so that a generation run's starting asset is already there).

    Spawned, not forked, workers: this process holds DuckDB's threads and the open catalog.
    """
    ids: dict[str, int] = {}
    now = events.utcnow()
    pool = ProcessPoolExecutor(max(1, workers), mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [[pool.submit(make_file, asset, folder) for asset in batch.assets] for batch in batches]
        for batch, made in zip(batches, futures):
            paths = [future.result() for future in made]
            results = list(import_paths(library, paths, _options(batch, ids, now)))
            for asset, path, result in zip(batch.assets, paths, results):
                path.unlink(missing_ok=True)
                if result.asset_id is None:
                    summary.rejected.append(f"{asset.filename}: {result.reason}")
                    continue
                ids[asset.key] = result.asset_id
                summary.per_brand[batch.brand] += 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return ids


def _walk_reviews(library: Library, batches, ids: dict[str, int]) -> None:
    """Move assets to their planned status the way people do: creators submit, the brand's manager decides,
    then archives. Each move goes through the review service, so the events and inbox notes are real."""
    manager = {b.name: members(b, "manager")[0].handle for b in BRANDS}
    steps: list[dict[tuple[str, str, str], list[int]]] = [{}, {}, {}]
    for batch in batches:
        for asset in (a for a in batch.assets if a.key in ids and a.status != "draft"):
            asset_id = ids[asset.key]
            steps[0].setdefault((batch.creator, "in_review", ""), []).append(asset_id)
            if asset.status == "in_review":
                continue
            decision = "rejected" if asset.status == "rejected" else "approved"
            steps[1].setdefault((manager[batch.brand], decision, asset.reject_note), []).append(asset_id)
            if asset.status == "archived":
                steps[2].setdefault((manager[batch.brand], "archived", ""), []).append(asset_id)
    con = library.catalog.cursor()
    for step in steps:
        for (handle, status, note), asset_ids in step.items():
            actor = load_actor(con, users.by_handle(con, handle).id)
            result = set_status(library, actor, asset_ids, status, note)
            if result.failed:
                raise RuntimeError(result.summary(f"Moved to {status}"))  # a bug in the plan, not user input


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
