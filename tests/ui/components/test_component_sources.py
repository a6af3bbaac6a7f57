"""Static guards on the components' browser code: no markup built from strings, nothing fetched from the internet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

COMPONENTS = Path(__file__).resolve().parents[3] / "dam" / "ui" / "components"
SCRIPTS = sorted(COMPONENTS.glob("*.js"))
STYLES = sorted(COMPONENTS.glob("*.css"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_never_parse_strings_as_markup(script):
    # Names, creators and collection names are untrusted: they may only reach the DOM as text.
    source = script.read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment", source)


@pytest.mark.parametrize("source", SCRIPTS + STYLES, ids=lambda p: p.name)
def test_nothing_loads_from_the_internet(source):
    text = source.read_text().replace("http://www.w3.org/2000/svg", "")  # a namespace name, never fetched
    assert not re.search(r"https?://|@import|url\(\s*['\"]?//", text)
