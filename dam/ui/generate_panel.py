"""The Generate panel (Use as input): starting images, the brand's anchors as guidance, the prompt, and submit."""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st

from dam.errors import DamError
from dam.generate import worker
from dam.permissions import Actor, can_see
from dam.repos import assets, brands, collections
from dam.services import brand_kit, campaigns, gallery, generation
from dam.text.markdown import escape_markdown
from dam.ui.links import page_link
from dam.ui.session import library
from dam.ui.thumbs import row

NO_GENERATOR = "No generator configured (set DAM_GENERATOR_URL)."


def run_generation_queue() -> None:
    """Start this server process's generation worker once (it runs requests as they are queued); no-op without one."""
    worker.start_background(library())


def _params(text: str) -> dict | None:
    """The optional parameters box: empty, or a JSON object."""
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f'Parameters are JSON, like {{"steps": 30}}: {exc.msg} at character {exc.pos + 1}.') from None
    if not isinstance(value, dict):
        raise ValueError('Parameters are a JSON object of names and values, like {"steps": 30}.')
    return value


def _submit(actor: Actor, brand_id: int, input_ids: Sequence[int], key: str, values: dict) -> None:
    try:
        queued = generation.request(library(), actor, brand_id, input_ids, values["prompt"],
                                    negative_prompt=values["negative"] or None, model=values["model"] or None,
                                    seed=None if values["seed"] is None else int(values["seed"]),
                                    params=_params(values["params"]), campaign_id=values["campaign"],
                                    collection_id=values["collection"], use_anchors=values["guide"])  # fmt: skip
    except (DamError, ValueError) as exc:
        st.error(escape_markdown(str(exc)), icon=":material/error:")
        return
    st.session_state[f"{key}.queued"] = queued.id


def _queued_note(brand_id: int, key: str) -> None:
    queued = st.session_state.get(f"{key}.queued")
    if queued is None:
        return
    st.success(f"Queued as request #{queued}. The results arrive as Generated drafts, with their lineage.",
               icon=":material/schedule:")  # fmt: skip
    brand = brands.by_id(library().catalog.cursor(), brand_id)
    page_link("pages/gallery.py", label="Follow it in the Gallery's requests", icon=":material/arrow_forward:",
              query_params={"brand": brand.name, "tab": "requests"})  # fmt: skip


def render_generate(actor: Actor, brand_id: int, input_ids: Sequence[int], *, key: str) -> None:
    """The panel itself, inline (the viewer) or in a dialog (the bulk bar, the Brands page)."""
    lib = library()
    con = lib.catalog.cursor()
    inputs = [a for a in assets.many(con, list(input_ids)) if can_see(actor, a)]
    st.markdown(f"**Starting {'image' if len(inputs) == 1 else f'images · {len(inputs)}'}**")
    row(actor, inputs, key=f"{key}-inputs", size=96)
    status = generation.generator_status(lib)
    if not status.configured:
        st.warning(f"**{NO_GENERATOR}** {escape_markdown(status.message)}", icon=":material/power_off:")
        return
    anchors = brand_kit.anchors(lib, actor, brand_id)
    if anchors:
        st.markdown(f"**Guidance · the brand's {len(anchors)} pinned anchor{'s' if len(anchors) != 1 else ''}**")
        row(actor, anchors, key=f"{key}-anchors", size=56)
    else:
        st.caption("This brand has no pinned anchors to guide the generation: pin some from the viewer.")
    models = [name for name, _count in gallery.models(lib, actor, brand_id)]
    targets = campaigns.list_campaigns(lib, actor, brand_id)
    tree = collections.all_for_brand(con, brand_id)
    with st.form(f"{key}.form", border=False):
        values = {
            "prompt": st.text_area("Prompt", key=f"{key}.prompt", height=90,
                                   placeholder="What to make of it: dunes at dusk, film grain, warm low sun"),
            "negative": st.text_input("Negative prompt", key=f"{key}.negative",
                                      placeholder="What to keep out: text, watermark, people"),
        }  # fmt: skip
        left, right = st.columns(2)
        values["model"] = left.selectbox("Model", models, index=None, accept_new_options=True, key=f"{key}.model",
                                         placeholder="The generator's default")  # fmt: skip
        values["seed"] = right.number_input("Seed", value=None, min_value=0, max_value=2**53 - 1, step=1,
                                            key=f"{key}.seed", placeholder="Random")  # fmt: skip
        left, right = st.columns(2)
        values["campaign"] = left.selectbox("Campaign", [c.id for c in targets], index=None, key=f"{key}.campaign",
                                            format_func={c.id: c.name for c in targets}.get,
                                            placeholder="No campaign")  # fmt: skip
        values["collection"] = right.selectbox("Collection", [c.id for c in tree], index=None,
                                               key=f"{key}.collection", format_func={c.id: c.path for c in tree}.get,
                                               placeholder="Unfiled")  # fmt: skip
        values["params"] = st.text_input("Parameters (JSON, optional)", key=f"{key}.params",
                                         placeholder='{"steps": 30, "guidance": 6.5}')  # fmt: skip
        values["guide"] = st.checkbox("Attach the pinned anchors as guidance", value=bool(anchors),
                                      disabled=not anchors, key=f"{key}.guide")  # fmt: skip
        go = st.form_submit_button("Generate", type="primary", icon=":material/auto_awesome:")
    if go:
        _submit(actor, brand_id, [a.id for a in inputs], key, values)
    _queued_note(brand_id, key)


@st.dialog("Use as input", width="large")
def generate_dialog(actor: Actor, brand_id: int, input_ids: list[int]) -> None:
    """The panel in a dialog, for the bulk bar and the Brands page."""
    render_generate(actor, brand_id, input_ids, key=f"generate.dialog.{brand_id}")  # pickers hold this brand's ids


def open_generate(actor: Actor, brand_id: int, input_ids: list[int]) -> None:
    """Open the dialog afresh for these inputs (the previous request's note is not theirs)."""
    st.session_state.pop(f"generate.dialog.{brand_id}.queued", None)
    generate_dialog(actor, brand_id, list(input_ids))
