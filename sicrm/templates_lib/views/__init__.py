"""Template pages: the library (templates.py), versions (versions.py) and the draft
editor (editor.py)."""
