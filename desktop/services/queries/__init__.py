"""The read-only side of the services: named, typed reads that views, dialogs and reports show.

Convention: one module per domain, ``services/queries/<domain>.py``. Each function takes an open
``Session`` first, only reads (never adds, flushes or commits) and returns model rows, plain
values or small frozen dataclasses that stay usable once the session is closed. A query is named
after what it returns, not after its caller, so the window and a report that need the same rows
share it. Views and reports call these instead of building SQL themselves; the editing functions
stay in the domain's service module (``services/actions.py``...).
"""
