"""Paths to project pages for links stored outside a request (notifications),
kept equal to the blueprint's rules by a test."""
from __future__ import annotations


def project_path(project_id: int) -> str:
    return f"/projects/{project_id}"
