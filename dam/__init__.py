"""The Library: a digital asset manager for creative studios (core package, no UI)."""

__version__ = "0.1.0"
