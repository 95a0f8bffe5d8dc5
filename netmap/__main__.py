"""``python -m netmap`` runs the CLI (works even before a shell rehash)."""

from netmap.cli import main

main()
