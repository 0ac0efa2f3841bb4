"""The import wizard: its pages, the preview of the rows and the table models of the sheet."""
