"""Dialogs of the application shell: settings, about, errors, conflicts."""
