"""The server: the Streamlit app plus the routes that stream files and handle sign-in (`streamlit run serve.py`)."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dam.ui.session import oidc_configured
from dam.web.grid_pages import ROUTES as GRID_ROUTES
from dam.web.routes import ROUTES as FILE_ROUTES
from dam.web.signin import ROUTES as SIGNIN_ROUTES

# app.py routes with st.navigation. Streamlit still auto-discovers the pages/ folder next to it (its legacy
# multipage mode) for every run until some run has called st.navigation, so the first page opened after a
# start could come up with a sidebar listing every file there (Admin included). Opt out before any session.
PagesManager.uses_pages_directory = False

# With OpenID Connect configured, the identity provider replaces the password form: its routes are not served.
app = st.App("app.py", routes=[*FILE_ROUTES, *GRID_ROUTES, *([] if oidc_configured() else SIGNIN_ROUTES)])
