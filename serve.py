"""The server: the Streamlit app plus the routes that stream files and handle sign-in (`streamlit run serve.py`)."""

import streamlit as st

from dam.web.routes import ROUTES as FILE_ROUTES
from dam.web.signin import ROUTES as SIGNIN_ROUTES

app = st.App("app.py", routes=[*FILE_ROUTES, *SIGNIN_ROUTES])
