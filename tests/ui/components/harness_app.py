"""Harness entrypoint: one page per component, reached at /harness_grid, /harness_viewer, /harness_tree, ..."""

import streamlit as st


def index() -> None:
    st.write("Component harness: open /harness_grid, /harness_viewer, /harness_tree or /harness_uploader.")


st.set_page_config(page_title="Library components", layout="wide")
# The default page is served at "/", so it is a plain index and every component page keeps its own path.
pages = [st.Page(index, title="Index", default=True)]
pages += [st.Page(f"harness_{name}.py", title=name.title()) for name in ("grid", "grid_pages", "viewer", "tree", "uploader")]
st.navigation(pages, position="hidden").run()
