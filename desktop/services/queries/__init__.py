"""The read-only side of the services: named, typed reads the window shows.

Convention: one module per domain, ``services/queries/<domain>.py``. Each function takes an open
``Session`` first, reads only (never adds, flushes or commits) and returns rows or small frozen
dataclasses that stay usable once the session is closed (the store's sessions do not expire
what they loaded). Views and dialogs call these instead of building SQL themselves; the editing
functions stay in the domain's service module (``services/actions.py``...).
"""
