"""Use cases over the store: what a screen or a command asks for, with the rules of the work.

Screens and commands gather input, call a use case and show its result; every rule (what
an answer is, when it was said, who answers for whom, what a plan is missing) lives here
or in the domain, once. Nothing here imports Textual (a test and import-linter check).
"""
