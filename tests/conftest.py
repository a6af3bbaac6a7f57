"""Shared fixtures: a real library folder with a real catalog per test (DuckDB; PostgreSQL too for some modules)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from dam.config import Settings  # noqa: E402
from dam.library import Library  # noqa: E402


# Modules whose library tests run on both catalogs: the services, the query engine, threads, Find similar and
# duplicates, and zips, which between them use every repository. The rest runs on DuckDB only (the SQL is shared;
# DAM_TEST_CATALOG=postgres runs them all on PostgreSQL). tests/postgres/ covers what only PostgreSQL has.
POSTGRES_MODULES = ("tests/services/", "tests/query/test_filters.py", "tests/query/test_counts_paging.py",
                    "tests/query/test_search.py", "tests/query/test_open_threads.py", "tests/threads/test_comments.py",
                    "tests/threads/test_notifications.py", "tests/threads/test_reactions_and_resolution.py",
                    "tests/threads/test_attachments.py", "tests/similar/test_similar.py",
                    "tests/similar/test_duplicates.py", "tests/web/test_zip_route.py")  # fmt: skip


def pytest_generate_tests(metafunc):
    path = metafunc.module.__file__.replace(os.sep, "/")
    if "backend" in metafunc.fixturenames and any(f"/{m}" in path for m in POSTGRES_MODULES):
        metafunc.parametrize("backend", ["duckdb", "postgres"], indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend(request) -> str:
    """Which catalog the library fixtures use: "duckdb", or "postgres" for the modules listed above."""
    return getattr(request, "param", os.environ.get("DAM_TEST_CATALOG", "duckdb"))


@pytest.fixture(scope="session")
def postgres_server():
    """One real PostgreSQL per test process, on loopback in a temp folder, with a migrated template database."""
    from tests.postgres.server import running_server

    with running_server() as server:
        yield server


@pytest.fixture(scope="module")
def catalog_urls(backend, request):
    """Catalog URLs for the module's libraries: "" on DuckDB; on PostgreSQL, databases on the test server."""
    from tests.postgres.server import CatalogUrls

    urls = CatalogUrls(request.getfixturevalue("postgres_server") if backend == "postgres" else None)
    yield urls
    if urls.server is not None:
        urls.drop_all()


@pytest.fixture
def settings(tmp_path, catalog_urls, monkeypatch) -> Settings:
    """Settings for a fresh library under the test's temp folder (on PostgreSQL, an emptied database, which the
    command line run by the test opens too)."""
    catalog = catalog_urls.reused()
    if catalog:
        monkeypatch.setenv("DAM_CATALOG", catalog)
    return Settings(data_dir=tmp_path / "library", catalog=catalog)


@pytest.fixture
def library(settings):
    """An open, empty library; closed after the test."""
    lib = Library.open(settings)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test in a test process (Playwright's sync API allows one at a time)."""
    from playwright.sync_api import expect, sync_playwright

    from tests.streamlit_server import CHROMIUM, CHROMIUM_ARGS

    expect.set_options(timeout=30_000)  # each click is a Streamlit rerun; on a busy 2-core machine that takes time
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# tests/storage/test_app_replicas.py is left out: its two servers share one upload made by a module fixture, and it
# checks that each change is in the event log exactly once, which a second attempt would break on its own.
BROWSER_TEST_DIRS = ("tests/e2e/", "tests/ui/components/", "tests/threads/test_browser.py", "tests/brands_ui/")


def pytest_collection_modifyitems(config, items):
    """Browser tests get one rerun: on this 2-core machine a click can land while Streamlit is still rerunning the
    page under load; a real product bug fails both runs, so it still turns CI red.

    A rerun finds what the first attempt changed, so a test that changes data must pass again on top of it: it
    names what it creates afresh on each attempt, counts from what is there, puts back what it moves, or runs on
    a server of its own per attempt (tests/e2e/conftest.py `app_for_attempt`)."""
    for item in items:
        if any(part in item.nodeid for part in BROWSER_TEST_DIRS):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))
