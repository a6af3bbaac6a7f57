"""`thread:open`: only assets whose thread has live comments and is not resolved."""

from __future__ import annotations

from dam.query import Scope, parse, run_page, serialize
from dam.services import threads
from tests.factories import make_asset, make_brand, make_user


def test_open_threads_filter_matches_unresolved_threads_only(library):
    acme = make_brand(library, "Acme")
    maria = make_user(library, "maria", {acme: "manager"})
    quiet = make_asset(library, acme, 1, status="approved")
    talked = make_asset(library, acme, 2, status="approved")
    settled = make_asset(library, acme, 3, status="approved")
    threads.post(library, maria, talked, "Crop tighter?")
    threads.post(library, maria, settled, "Looks good")
    threads.resolve(library, maria, settled)
    filters = parse("thread:open")
    assert serialize(filters) == "thread:open" and filters.more_count == 1
    page = run_page(library, Scope(brand_ids=(acme,)), filters)
    assert [i.id for i in page.items] == [talked]
    everything = run_page(library, Scope(brand_ids=(acme,)), parse(""))
    assert {i.id for i in everything.items} == {quiet, talked, settled}
