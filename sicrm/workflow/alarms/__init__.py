"""Workflow: alarms."""
