"""Project rules. Each function takes the acting user, flushes and never commits."""
