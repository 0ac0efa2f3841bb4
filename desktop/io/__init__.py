"""Importers (one per source format) and exporters (one per target)."""
