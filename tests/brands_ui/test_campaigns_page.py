"""The Campaigns page through AppTest: progress towards approved, the Library link, and managing campaigns."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from dam.repos import campaigns
from tests.brands_ui.conftest import page, texts

CAMPAIGNS = ("dam.ui.campaigns_page", "render_campaigns")


def test_progress_counts_by_status_and_the_library_link(studio):
    at = page(*CAMPAIGNS, "maya").run()
    assert not at.exception
    said = texts(at)
    assert "**Summer 26**" in said and "Coastal summer" in said and "1 Jun 2026 – 31 Aug 2026" in said
    # One approved, two in review (the photo, the other photo and the generation): a third of the way.
    assert at.progress[0].value == 33 and "1 of 3 approved" in at.progress[0].proto.text
    assert ":orange-badge[In review 2]" in said and ":green-badge[Approved 1]" in said
    link = next(b.proto.url for b in at.link_button if b.label == "Open in Library")
    assert parse_qs(urlsplit(link).query) == {"brand": ["Northwind Outdoor"], "q": ['campaign:"Summer 26"']}


def test_create_then_edit_dates_and_rename(studio):
    at = page(*CAMPAIGNS, "maya").run()
    at.text_input(key="campaigns.new.name").set_value("Autumn drop")
    at.date_input(key="campaigns.new.starts").set_value(date(2026, 9, 1))
    at.text_area(key="campaigns.new.description").set_value("Trail packs")
    at.button(key="campaigns.new.go").click().run()
    assert not at.exception and not at.error
    made = campaigns.by_name(studio.con(), studio.brand_id, "Autumn drop")
    assert (made.starts_on, made.ends_on, made.description) == (date(2026, 9, 1), None, "Trail packs")
    assert at.text_input(key="campaigns.new.name").value == ""  # the form starts empty again

    key = f"campaigns.edit.{made.id}."
    at.text_input(key=key + "name").set_value("Autumn Drop 26")
    at.date_input(key=key + "ends").set_value(date(2026, 10, 31))
    at.button(key=key + "save").click().run()
    assert not at.exception and not at.error
    edited = campaigns.by_id(studio.con(), made.id)
    assert (edited.name, edited.ends_on) == ("Autumn Drop 26", date(2026, 10, 31))


def test_ending_before_the_start_is_refused_with_a_message(studio):
    at = page(*CAMPAIGNS, "maya").run()
    key = f"campaigns.edit.{studio.campaign_id}."
    at.date_input(key=key + "ends").set_value(date(2026, 5, 1))
    at.button(key=key + "save").click().run()
    assert not at.exception
    assert "cannot end" in at.error[0].value
    assert campaigns.by_id(studio.con(), studio.campaign_id).ends_on == date(2026, 8, 31)


def test_archive_hides_it_until_show_archived_then_unarchive(studio):
    at = page(*CAMPAIGNS, "maya").run()
    at.button(key=f"campaigns.archive.{studio.campaign_id}").click().run()
    assert campaigns.by_id(studio.con(), studio.campaign_id).archived
    assert "**Summer 26**" not in texts(at) and "No campaigns yet" in at.info[0].value
    at.toggle(key="campaigns.archived").set_value(True).run()
    assert "**Summer 26** :gray-badge[Archived]" in texts(at)
    at.button(key=f"campaigns.archive.{studio.campaign_id}").click().run()
    assert not campaigns.by_id(studio.con(), studio.campaign_id).archived


def test_a_viewer_sees_progress_but_cannot_manage(studio):
    at = page(*CAMPAIGNS, "tom").run()
    assert not at.exception
    assert "**Summer 26**" in texts(at) and at.progress
    assert not [b for b in at.button if (b.key or "").startswith("campaigns.")]
    assert not at.text_input
