"""Map commands: import, list, show, history, export, delete (foundation issue)."""
