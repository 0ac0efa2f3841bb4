"""Taking a store offline and synchronising copies: commands, flow and their dialogs."""
