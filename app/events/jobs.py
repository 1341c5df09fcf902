from arq.cron import CronJob, cron

from app.events.retention import purge_expired_events

CRON_JOBS: list[CronJob] = [
    cron(purge_expired_events, hour={3}, minute={45}, unique=True, timeout=3600)
]
