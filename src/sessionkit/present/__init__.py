"""What the app's screens and the commands both say, worked out once and without Textual:
movement (sentences, tables of values, chart specs, each section's parts) and tool search.
"""
