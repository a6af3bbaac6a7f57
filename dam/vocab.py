"""The product's fixed vocabularies: asset kinds, sources, review statuses and roles."""

from __future__ import annotations

KINDS = ("image", "video", "document")
SOURCES = ("uploaded", "generated", "imported")
STATUSES = ("draft", "in_review", "approved", "rejected", "archived")
ROLES = ("viewer", "creator", "manager")

STATUS_LABELS = {
    "draft": "Draft",
    "in_review": "In review",
    "approved": "Approved",
    "rejected": "Rejected",
    "archived": "Archived",
}
SOURCE_LABELS = {"uploaded": "Uploaded", "generated": "Generated", "imported": "Imported"}
