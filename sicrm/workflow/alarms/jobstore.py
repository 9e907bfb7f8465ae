"""APScheduler's job store on our database, made patient with a locked or failing
database.

APScheduler 3 catches an error of `get_due_jobs`, but not one of `update_job`,
`remove_job` or `get_next_run_time`, which its main loop calls right after handing a
job to the executor: one "database is locked" there ends the loop's thread for good
while the process stays up. Here each of those calls is retried with a short back-off;
when the database still does not answer, the store logs it, keeps its rows as they are
(a job whose next run time could not be written is simply due again: our jobs coalesce,
never overlap and are idempotent) and pauses for `retry_seconds`: no job is handed out
and the loop sleeps until then, so nothing spins."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


class PatientJobStore(SQLAlchemyJobStore):
    def __init__(self, *args, retry_seconds: float = 10, backoff=(0.2, 0.5, 1.0),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.retry_seconds = retry_seconds
        self.backoff = tuple(backoff)
        self.paused_until: datetime | None = None
        #: database errors met, for /healthz-like reports and tests
        self.failures = 0

    def _now(self) -> datetime:
        return datetime.now(timezone.utc)

    def _paused(self) -> bool:
        return self.paused_until is not None and self._now() < self.paused_until

    def _patiently(self, what: str, call, *args):
        """`call(*args)`, tried again after each back-off; None (and a pause) when the
        database still fails."""
        for delay in (*self.backoff, None):
            try:
                result = call(*args)
            except SQLAlchemyError as error:
                self.failures += 1
                if delay is None:
                    self.paused_until = self._now() + timedelta(seconds=self.retry_seconds)
                    log.warning("job store: %s failed (%s); pausing %ss", what,
                                str(error).splitlines()[0], self.retry_seconds)
                    return None
                time.sleep(delay)
            else:
                if self.paused_until is not None and not self._paused():
                    log.info("job store: the database answers again")
                    self.paused_until = None
                return result
        return None

    def get_due_jobs(self, now):
        if self._paused():
            return []
        return self._patiently("reading due jobs", super().get_due_jobs, now) or []

    def update_job(self, job):
        self._patiently(f"saving the next run of {job.id}", super().update_job, job)

    def remove_job(self, job_id):
        self._patiently(f"removing {job_id}", super().remove_job, job_id)

    def get_next_run_time(self):
        if self._paused():
            return self.paused_until
        found = self._patiently("reading the next run time", super().get_next_run_time)
        if self._paused():
            return self.paused_until
        return found
