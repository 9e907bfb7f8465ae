"""Workflow pages: gate submission and decisions, the review inbox, routing rules."""
