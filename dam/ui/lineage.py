"""The viewer's lineage block: how a generated asset was made, what it was made from and what was made from it."""

from __future__ import annotations

import streamlit as st

from dam.errors import DamError
from dam.models import Asset
from dam.permissions import Actor
from dam.services import lineage
from dam.services.lineage import Generation, Step
from dam.text.markdown import escape_markdown
from dam.ui.session import library
from dam.ui.thumbs import listing, row


def _generation(generation: Generation) -> None:
    if generation.prompt:
        st.caption("Prompt")
        st.code(generation.prompt, language=None, wrap_lines=True)  # verbatim, with a copy button
    if generation.negative_prompt:
        st.caption("Negative prompt")
        st.code(generation.negative_prompt, language=None, wrap_lines=True)
    facts = [f"Model **{escape_markdown(generation.model)}**" if generation.model else "",
             f"Seed **{generation.seed}**" if generation.seed is not None else ""]  # fmt: skip
    if any(facts):
        st.markdown(" · ".join(f for f in facts if f))
    if generation.params:
        st.caption("Parameters")
        st.json(generation.params, expanded=False)


def _steps(actor: Actor, title: str, steps: list[Step], hidden: int, farther: str) -> None:
    if not steps and not hidden:
        return
    st.markdown(f"**{title}**")
    listing(actor, [s.asset for s in steps], key=f"lineage-{title.lower().replace(' ', '-')}",
            notes=[f"{s.depth} steps {farther}" if s.depth > 1 else "" for s in steps])  # fmt: skip
    if hidden:
        st.caption(f"And {hidden} you cannot see.")


def render_lineage(actor: Actor, asset: Asset) -> None:
    """Prompt, settings and the chain both ways, for an asset that has any of them (nothing otherwise)."""
    try:
        chain = lineage.chain(library(), actor, asset.id, depth=3)
    except DamError as exc:
        st.caption(escape_markdown(str(exc)))
        return
    linked = chain.made_from or chain.used_in or chain.hidden_made_from or chain.hidden_used_in
    if chain.generation is None and not linked:
        return
    with st.container(key=f"viewer-lineage-{asset.id}"):
        if chain.generation is not None:
            _generation(chain.generation)
        _steps(actor, "Made from", chain.made_from, chain.hidden_made_from, "back")
        if chain.guided_by:
            st.markdown("**Guided by the brand's anchors**")
            row(actor, chain.guided_by, key="lineage-guided-by", size=44)
        _steps(actor, "Used in", chain.used_in, chain.hidden_used_in, "on")
