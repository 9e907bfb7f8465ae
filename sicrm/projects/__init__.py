"""Projects and what hangs on one: stages, milestones, tasks, team, documents."""
