"""Required documents of a stage, as gates see them. A requirement is satisfied by
the controlled document linked to it (sicrm.projects.documents) once one of its
versions is approved; uploading and approving live there."""
from __future__ import annotations

from sicrm.projects.documents.services import unsatisfied_requirements
from sicrm.projects.models import ProjectStage, RequiredDocument


def missing_documents(stage: ProjectStage) -> list[RequiredDocument]:
    """The stage's required documents without an approved version."""
    return unsatisfied_requirements(stage)
