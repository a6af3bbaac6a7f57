"""Collections: the brand's whole tree with counts (page under construction)."""

import streamlit as st

st.subheader("Collections")
