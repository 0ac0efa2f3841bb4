"""What the application does, as plain typed functions over a session. No Qt."""
