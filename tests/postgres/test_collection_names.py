"""Sibling collection names stay unique on PostgreSQL when two replicas create them at once, as on DuckDB."""

from __future__ import annotations

import threading

import psycopg
import pytest

from dam.config import Settings
from dam.db.postgres import SIBLING_NAMES
from dam.errors import Conflict
from dam.library import Library
from dam.permissions import load_actor
from dam.repos import collections, events
from dam.services import collections as collection_service
from tests.factories import make_brand, make_user
from tests.postgres.server import CatalogUrls


@pytest.fixture(scope="module")
def catalog_url(postgres_server):
    urls = CatalogUrls(postgres_server)
    yield urls.new()
    urls.drop_all()


@pytest.fixture
def studio(catalog_url, tmp_path):
    """Two libraries on one emptied database (two replicas), a brand, its manager and a root collection."""
    from tests.postgres.server import empty

    empty(catalog_url)
    settings = Settings(data_dir=tmp_path / "library", catalog=catalog_url)
    with Library.open(settings) as one, Library.open(settings) as two:
        brand = make_brand(one, "Acme")
        make_user(one, "maria", {brand: "manager"})
        maria = load_actor(one.catalog.cursor(), 1)
        root = collection_service.create(one, maria, brand, "Shoots")
        yield one, two, maria, brand, root


def _names(library, brand: int) -> list[str]:
    return sorted(c.path for c in collections.all_for_brand(library.catalog.cursor(), brand))


def _waiting_on_a_lock(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            " AND datname = current_database()").fetchone()[0] > 0  # fmt: skip


@pytest.mark.parametrize("parent", ["root", "child"])
def test_a_create_that_passed_the_check_while_another_was_uncommitted_is_refused_clearly(studio, catalog_url, parent):
    one, two, maria, brand, root = studio
    parent_id = None if parent == "root" else root
    inserted, release, outcome = threading.Event(), threading.Event(), {}

    def first() -> None:  # replica one has inserted "Summer" and not committed yet
        with one.catalog.transaction() as con:
            collections.create(con, brand, "Summer", parent_id)
            inserted.set()
            release.wait(10)

    def second() -> None:  # replica two checks (sees nothing committed), inserts, and waits on the index
        try:
            outcome["id"] = collection_service.create(two, maria, brand, "summer", parent_id)
        except Conflict as exc:
            outcome["error"] = str(exc)

    holder = threading.Thread(target=first)
    holder.start()
    assert inserted.wait(10)
    racer = threading.Thread(target=second)
    racer.start()
    for _ in range(100):
        if _waiting_on_a_lock(catalog_url):
            break
        threading.Event().wait(0.05)
    assert _waiting_on_a_lock(catalog_url)  # the second insert waits on the first's index entry
    release.set()
    holder.join(10)
    racer.join(10)
    assert outcome == {"error": "Someone else just made a collection with that name in the same place; nothing was "
                                "saved, try again."}  # fmt: skip
    expected = ["Shoots", "Summer"] if parent == "root" else ["Shoots", "Shoots/Summer"]
    assert _names(two, brand) == expected


def test_two_concurrent_creates_make_one_collection(studio):
    one, two, maria, brand, root = studio
    start, results = threading.Barrier(2), []

    def create(library) -> None:
        start.wait()
        try:
            results.append(collection_service.create(library, maria, brand, "Picks", root))
        except Conflict as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=create, args=(lib,)) for lib in (one, two)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    made, refused = [r for r in results if isinstance(r, int)], [r for r in results if isinstance(r, str)]
    assert len(made) == len(refused) == 1
    # Refused by the repository's check, or by the index when both checked before either inserted.
    assert "already exists there" in refused[0] or refused[0].startswith("Someone else just made a collection")
    assert _names(one, brand) == ["Shoots", "Shoots/Picks"]


def test_twins_made_before_the_index_are_renamed_on_open(studio, catalog_url):
    one, _, maria, brand, root = studio
    with psycopg.connect(catalog_url, autocommit=True) as conn:
        conn.execute(f"DROP INDEX {SIBLING_NAMES}")
        for name in ("Picks", "picks", "Picks (2)"):
            conn.execute("INSERT INTO collections (brand_id, parent_id, name) VALUES (%s, %s, %s)", [brand, root, name])
    with Library.open(one.settings) as reopened:
        assert _names(reopened, brand) == ["Shoots", "Shoots/Picks", "Shoots/Picks (2)", "Shoots/picks (3)"]
        twin = collections.child_named(reopened.catalog.cursor(), brand, root, "picks (3)")
        history = events.for_entity(reopened.catalog.cursor(), "collection", twin)
        assert [(e["action"], e["after"]) for e in history] == [("collection.rename", {"name": "picks (3)"})]
        with pytest.raises(Conflict, match="already exists"):
            collection_service.create(reopened, maria, brand, "PICKS", root)
