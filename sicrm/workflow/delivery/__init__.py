"""Workflow: delivery."""
