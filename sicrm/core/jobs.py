"""Timed work other packages hand to the scheduler process (`sicrm scheduler`).

A package registers a job id, the function doing one round of work (called in an app
context, by the scheduler holding the lease) and the setting naming its interval in
seconds; the scheduler adds it under that fixed id beside its own jobs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    id: str
    work: Callable[[], object]
    #: the config key holding the interval in seconds
    seconds_setting: str


REGISTRY: dict[str, Job] = {}


def register(job_id: str, work: Callable[[], object], seconds_setting: str) -> None:
    REGISTRY[job_id] = Job(job_id, work, seconds_setting)
