"""app.py, run by Streamlit's AppTest against a small demo library: the newest assets, named, without errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dam.library import Library
from dam.repos import assets
from dam.vocab import STATUS_LABELS
from dam.web import runtime

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def served(small_demo, monkeypatch):
    """The small demo as the library this process serves (what DAM_DATA selects under `streamlit run`)."""
    monkeypatch.setenv("DAM_DATA", str(small_demo.settings.data_dir))
    library = Library.open(small_demo.settings)
    runtime.configure(library)
    yield library
    library.close()


def test_app_shows_the_newest_assets(served):
    newest = assets.newest(served.catalog.cursor(), 60)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "The Library"
    shown = [t.value for t in at.text]
    assert shown == [a.name for a in newest]
    assert len(at.get("image")) == len(newest)
    badges = " ".join(m.value for m in at.markdown)
    assert all(STATUS_LABELS[a.status] in badges for a in newest)


def test_app_on_an_empty_library_says_how_to_fill_it(tmp_path, monkeypatch):
    from dam.config import Settings

    library = Library.open(Settings(data_dir=tmp_path / "empty"))
    runtime.configure(library)
    try:
        at = AppTest.from_file(str(APP), default_timeout=30).run()
        assert not at.exception
        assert "python -m dam demo" in at.info[0].value
    finally:
        library.close()
