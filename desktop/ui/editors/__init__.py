"""Editors of records: the action editor and its building blocks."""
