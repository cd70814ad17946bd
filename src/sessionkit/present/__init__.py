"""What the TUI and the CLI both say, as plain text and structures: no Textual here.

A screen styles what these modules return; a command prints it. Either way the words
come from one place.
"""
