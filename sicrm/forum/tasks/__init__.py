"""Tasks (任务): project and standalone tasks, made by hand, from a template or from a
discussion thread; My tasks, team tasks, project tasks; overdue tasks feed the alarm
engine (sicrm.workflow.alarms reads the projects package's Task model)."""
