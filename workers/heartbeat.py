"""A worker bootstep that keeps this worker's heartbeat fresh in Redis (``tracker.monitoring.heartbeat``).

It runs on the worker's own timer, in the main process's event loop: a worker
whose loop is stuck or whose machine is gone stops beating and drops out of
``/readyz`` and ``/metrics`` once its key expires. A clean shutdown removes the
key at once.
"""

from __future__ import annotations

import logging

from celery import bootsteps

logger = logging.getLogger(__name__)


def _beat(hostname: str) -> None:
    from tracker.cache import UNAVAILABLE, warn_unavailable
    from tracker.monitoring import heartbeat

    try:
        heartbeat.beat(hostname)
    except UNAVAILABLE as exc:
        # Redis is away: no heartbeat can be seen anyway; the next tick tries again.
        warn_unavailable(exc)


class Heartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs) -> None:
        super().__init__(worker, **kwargs)
        self.tref = None

    def start(self, worker) -> None:
        from django.conf import settings

        _beat(worker.hostname)
        self.tref = worker.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, _beat, (worker.hostname,))
        logger.info("heartbeat every %s s as %s", settings.WORKER_HEARTBEAT_SECONDS, worker.hostname)

    def stop(self, worker) -> None:
        from tracker.cache import UNAVAILABLE, warn_unavailable
        from tracker.monitoring import heartbeat

        if self.tref is not None:
            self.tref.cancel()
            self.tref = None
        try:
            heartbeat.forget(worker.hostname)
        except UNAVAILABLE as exc:
            warn_unavailable(exc)
