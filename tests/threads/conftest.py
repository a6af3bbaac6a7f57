"""A small studio for thread tests: two brands, a person per role, an approved asset and a draft."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dam.library import Library
from dam.permissions import Actor
from dam.repos import assets
from tests.factories import make_asset, make_brand, make_user


@dataclass
class Studio:
    library: Library
    acme: int
    other: int
    manager: Actor  # maria: manages Acme and Other
    creator: Actor  # carl: creator in Acme, made both assets
    viewer: Actor  # vera: viewer in Acme
    outsider: Actor  # otto: creator in Other only
    asset: int  # approved, by carl
    draft: int  # a draft by carl: only carl and the managers see it

    @property
    def con(self):
        return self.library.catalog.cursor()

    def set_asset(self, asset_id: int, **fields) -> None:
        """Change asset columns directly: the asset services would also re-index, which loads a text model."""
        with self.library.catalog.transaction() as con:
            assets.update(con, asset_id, fields)


@pytest.fixture
def studio(library) -> Studio:
    acme = make_brand(library, "Acme")
    other = make_brand(library, "Other")
    manager = make_user(library, "maria", {acme: "manager", other: "manager"})
    creator = make_user(library, "carl", {acme: "creator"})
    viewer = make_user(library, "vera", {acme: "viewer"})
    outsider = make_user(library, "otto", {other: "creator"})
    asset = make_asset(library, acme, 1, status="approved", creator_id=creator.user_id, name="Beach hero")
    draft = make_asset(library, acme, 2, status="draft", creator_id=creator.user_id, name="Work in progress")
    return Studio(library, acme, other, manager, creator, viewer, outsider, asset, draft)
