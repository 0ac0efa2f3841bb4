"""Offline copies of a store and their synchronisation (see ``engine``)."""
