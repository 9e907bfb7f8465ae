"""Signals of the projects package; higher packages subscribe (workflow applies
routing rules on project_created)."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the Project, flushed; kwargs: actor
project_created = _signals.signal("project-created")
#: sender: the Project; kwargs: actor, stage (the stage just finished), next_stage
stage_advanced = _signals.signal("stage-advanced")
#: sender: the Milestone (flushed or about to be); kwargs: change, actor (a User or None
#: for re-planning without one), old_date (the planned date before, for "replanned").
#: change is one of MILESTONE_CHANGES: "done", "cancelled", "replanned" (its planned
#: date moved, by hand or by re-planning), "reopened", "reassigned" (owner changed)
milestone_changed = _signals.signal("milestone-changed")
MILESTONE_CHANGES = ("done", "cancelled", "replanned", "reopened", "reassigned")
#: sender: the DocumentVersion just uploaded (flushed); kwargs: actor. The knowledge base
#: marks and announces articles promoted from an older version of the document.
document_version_added = _signals.signal("document-version-added")
#: sender: the Task (flushed); kwargs: change, actor. change is one of TASK_CHANGES:
#: "done", "cancelled", "redated" (its due date moved), "reopened", "reassigned".
#: The alarm engine resolves a task's live alarms when it is done, cancelled or re-dated.
task_changed = _signals.signal("task-changed")
TASK_CHANGES = ("done", "cancelled", "redated", "reopened", "reassigned")
