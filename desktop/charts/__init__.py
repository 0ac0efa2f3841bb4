"""Charts drawn with pyqtgraph from data the services compute: dashboard widgets and images."""
