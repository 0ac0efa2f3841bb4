"""The ``pcaet`` command line: headless commands over the services, importers and reports."""
