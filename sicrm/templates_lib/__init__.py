"""Project templates and their versions (definitions only)."""
