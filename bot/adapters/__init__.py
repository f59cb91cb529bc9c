"""Adapters translate between a platform and the engine; only they import platform libraries."""
