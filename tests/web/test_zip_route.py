"""The zip route streams a selection the ticket's actor may see, and refuses anything else."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

from dam.repos import assets
from dam.web import runtime
from tests.factories import make_asset, make_brand, make_user


def test_zip_of_a_selection_matches_the_originals(library, http):
    acme = make_brand(library, "Acme")
    vera = make_user(library, "vera", {acme: "viewer"})
    ids = [make_asset(library, acme, seed, status="approved", name="beach") for seed in (1, 2, 3)]
    ticket = runtime.tickets().issue(vera.user_id, "zip", ids)
    response = http.get(f"/files/zip/{ticket}")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert len(manifest) == 3
    con = library.catalog.cursor()
    for row in manifest:
        data = archive.read(row["entry"])
        assert hashlib.sha256(data).hexdigest() == assets.get(con, int(row["id"])).sha256
    assert len({info.filename for info in archive.infolist()}) == 4


def test_zip_refuses_invisible_assets_and_unknown_tickets(library, http):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    vera = make_user(library, "vera", {acme: "viewer"})
    mine = make_asset(library, acme, 1, status="approved")
    draft = make_asset(library, acme, 2, status="draft")  # someone else's draft
    foreign = make_asset(library, other, 3, status="approved")
    for selection in ([mine, foreign], [mine, draft], [mine, 999]):
        ticket = runtime.tickets().issue(vera.user_id, "zip", selection)
        assert http.get(f"/files/zip/{ticket}").status_code == 403
    assert http.get("/files/zip/not-a-ticket").status_code == 403
    upload_ticket = runtime.tickets().issue(vera.user_id, "upload", {})
    assert http.get(f"/files/zip/{upload_ticket}").status_code == 403
