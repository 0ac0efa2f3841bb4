"""Qt widgets: a thin layer over the services."""
