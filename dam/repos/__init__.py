"""Repositories: the only place SQL lives. Each takes a connection and returns dataclasses."""
