"""Signals of the projects package; higher packages subscribe (workflow applies
routing rules on project_created)."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the Project, flushed; kwargs: actor
project_created = _signals.signal("project-created")
#: sender: the Project; kwargs: actor, stage (the stage just finished), next_stage
stage_advanced = _signals.signal("stage-advanced")
