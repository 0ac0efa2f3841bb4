"""One module per import kind, each defining ``KIND`` (an ``ImportKind``); the registry that
names them is ``desktop.io.kinds``."""
