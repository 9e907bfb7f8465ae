"""Workflow rules: gate reviews and routing rules."""
