"""Answers shared with every employee: sharing, the archive and feed, and suggestions on the new-case form."""
