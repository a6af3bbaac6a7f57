"""Tests of the query engine: filters, text form, search, counts and paging."""
