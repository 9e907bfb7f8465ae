"""Time the alarm scan over a generated data set (see generate.py).

    .venv/bin/python bench/alarm_scan.py --db bench/bench.db [--at 2026-11-23T01:00]

Works on a copy of the database (upgraded to the current schema), so the data set
stays as generated. Three scans are timed: the first raises everything due (at large
scale thousands of alarms, each in its own transaction with its deliveries,
notifications and outbox rows), the second finds nothing new (the steady state of a
scan every minute), the third runs a day later (repeats and the next levels)."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench/bench.db")
    parser.add_argument("--at", default=None, help="scan as of this UTC time (ISO 8601)")
    parser.add_argument("--out", default=None, help="write the figures as JSON here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp()) / "scan.db"
    shutil.copy(args.db, work)
    os.environ["SICRM_DATABASE_URL"] = f"sqlite:///{work}"

    from flask_migrate import upgrade
    from sqlalchemy import event, func, select

    from sicrm import create_app
    from sicrm.core.models import OutboxMessage, utcnow
    from sicrm.extensions import db
    from sicrm.projects.models import Milestone
    from sicrm.workflow.alarms.scan import scan
    from sicrm.workflow.models import Alarm, AlarmDelivery

    app = create_app({"SICRM_SMTP_HOST": "mail.example.invalid"})  # e-mail rows are queued
    figures = {}
    with app.app_context():
        upgrade()
        statements = []
        event.listen(db.engine, "before_cursor_execute",
                     lambda *a, **k: statements.append(1))
        figures["milestones"] = db.session.scalar(select(func.count(Milestone.id)))
        figures["open_milestones"] = db.session.scalar(
            select(func.count(Milestone.id)).where(Milestone.status == "open"))
        db.session.rollback()
        now = datetime.fromisoformat(args.at) if args.at else utcnow()
        for name, moment in (("first", now), ("steady", now + timedelta(minutes=1)),
                             ("next_day", now + timedelta(days=1))):
            statements.clear()
            started = time.perf_counter()
            result = scan(moment)
            elapsed = time.perf_counter() - started
            figures[name] = {"seconds": round(elapsed, 2), "raised": result.raised,
                             "repeated": result.repeated, "delivered": result.delivered,
                             "resolved": result.resolved, "statements": len(statements)}
        figures["alarms"] = db.session.scalar(select(func.count(Alarm.id)))
        figures["deliveries"] = db.session.scalar(select(func.count(AlarmDelivery.id)))
        figures["outbox"] = db.session.scalar(select(func.count(OutboxMessage.id)))
    shutil.rmtree(work.parent)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
