"""The scheduled jobs celery beat starts (`celery -A smartregion beat`; settings.CELERY_BEAT_SCHEDULE; ADR 0026).
Without the task queue, cron runs the same work through the management commands named in docs/operations.md."""

from celery.schedules import crontab

SCHEDULE = {
    "peer-statistics-nightly": {
        "task": "smartregion.assessments.tasks.recompute_peer_statistics",
        "schedule": crontab(hour=2, minute=30),
    },
    "funding-gaps-warm": {
        "task": "smartregion.matching.tasks.warm_funding_gaps",
        "schedule": crontab(minute="*/10"),
    },
    "jobs-delete-old": {
        "task": "smartregion.jobs.tasks.delete_old_jobs",
        "schedule": crontab(hour=3, minute=15),
    },
    "sessions-clear-expired": {
        "task": "smartregion.jobs.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=45),
    },
    # Mails an SMTP failure left waiting (notifications.delivery: backoff, never twice).
    "mail-deliver-pending": {
        "task": "smartregion.notifications.tasks.deliver_pending_mail",
        "schedule": crontab(minute="*/5"),
    },
    # Follow-ups due and overdue, deadlines of watched programmes, the daily digest.
    "notifications-daily": {
        "task": "smartregion.notifications.tasks.send_due_notifications",
        "schedule": crontab(hour=7, minute=0),
    },
    # Feedback on the accessibility statement still unanswered (the reply is due within a month, BGG §12b).
    "accessibility-reminders": {
        "task": "smartregion.core.tasks.accessibility_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # The whole published project catalogue as files (/projekte/katalog.<format>; projects.catalogue_files).
    "project-catalogue-files": {
        "task": "smartregion.projects.tasks.store_project_catalogue_files",
        "schedule": crontab(hour=3, minute=30),
    },
    # The whole DCAT catalogue as one stored file (/catalog-full.ttl; opendata.full_export).
    "dcat-full-catalogue": {
        "task": "smartregion.opendata.tasks.store_full_dcat_catalogue",
        "schedule": crontab(hour=4, minute=0),
    },
}
