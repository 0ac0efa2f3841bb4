"""Small widgets and helpers shared by views and dialogs: combo boxes, delegates, column widths."""
