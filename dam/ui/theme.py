"""Page-wide styling the pages share: the rail's pinned upload button and a calmer, denser layout."""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
/* Upload to library stays pinned to the bottom of the rail while the tree scrolls. */
section[data-testid="stSidebar"] .st-key-library-upload {
  position: sticky; bottom: 0; z-index: 5; padding: 10px 0 12px;
  background: var(--st-secondary-background-color, #f0f2f6);
}
/* Buckets read as a list of places, left aligned, the active one tinted. */
.st-key-library-buckets button, .st-key-library-trash button, .st-key-library-saved button {
  justify-content: flex-start; padding-left: 12px; }
.st-key-library-buckets button > div, .st-key-library-trash button > div, .st-key-library-saved button > div {
  justify-content: flex-start; width: 100%; }
.st-key-library-buckets button[kind="primary"], .st-key-library-trash button[kind="primary"],
.st-key-library-saved button[kind="primary"] {
  background: color-mix(in srgb, var(--st-primary-color, #4f6bed) 12%, transparent);
  color: var(--st-primary-color, #4f6bed); border: none; font-weight: 600;
}
.block-container { padding-top: 3.2rem; }
/* Collection covers share one shape, so the cards line up. */
[class*="st-key-collection-card-"] img { aspect-ratio: 4 / 3; object-fit: cover; width: 100%; border-radius: 8px; }
[class*="st-key-collection-nocover-"] { aspect-ratio: 4 / 3; width: 100%; border-radius: 8px; justify-content: center;
  align-items: center; text-align: center; background: color-mix(in srgb, currentColor 5%, transparent); }
/* Brand kit: anchors and logos as even tiles (logos shown whole), the palette as colour chips. */
[class*="st-key-kit-anchor-"] img { aspect-ratio: 1; object-fit: cover; width: 100%; border-radius: 8px; }
[class*="st-key-kit-logo-"] img { aspect-ratio: 3 / 2; object-fit: contain; width: 100%; border-radius: 8px;
  background: color-mix(in srgb, currentColor 4%, transparent); }
.kit-swatches { display: flex; flex-wrap: wrap; gap: 10px; margin: 2px 0 6px; }
.kit-swatch { display: flex; flex-direction: column; gap: 4px; width: 72px; }
.kit-swatch span { height: 56px; border-radius: 10px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, .08); }
.kit-swatch code { font-size: 12px; background: none; padding: 0; color: inherit; opacity: .75; }
/* Small thumbnails (lineage, requests, the Generate panel, Gallery groups): square, cropped alike. */
[class*="st-key-thumbs-"] img, [class*="st-key-gallery-set-"] [data-testid="stColumn"] img {
  aspect-ratio: 1; object-fit: cover; border-radius: 6px; }
</style>
"""


def apply() -> None:
    """Add the shared styles to the page (static, trusted CSS: no user text goes in here)."""
    st.html(CSS)
