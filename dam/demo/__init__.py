"""The demo library: three brands, their people and about 300 procedurally made assets (`python -m dam demo`)."""
