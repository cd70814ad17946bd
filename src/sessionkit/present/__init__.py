"""What the app's screens and the commands both say, worked out once and without Textual:
movement (sentences, tables of values, chart specs, each section's parts), the agenda and
tool search. A screen styles what these modules return; a command prints it.
"""
