"""Workflow: calendar."""
