"""Case notes and exports built from domain models. No Textual."""
