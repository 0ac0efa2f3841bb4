"""The main window's frame: menus, navigation tree, window commands and dialogs, its place and
state, the opening and welcome pages, the store files."""
