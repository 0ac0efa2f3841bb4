"""The central views of the main window, one module each."""
