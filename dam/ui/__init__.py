"""Streamlit helpers shared by the pages: the only part of dam/ that imports streamlit."""
