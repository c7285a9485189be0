"""A consumer bootstep that keeps this worker's heartbeat fresh in Redis (``tracker.monitoring.heartbeat``).

It runs on the consumer's timer, in the main process's event loop, while the
worker is connected to the broker: a worker whose loop is stuck, whose broker
connection is lost or whose machine is gone stops beating, and drops out of
``/readyz`` and ``/metrics`` once its key expires. The consumer clears its
timer when the connection drops and starts its steps again once reconnected,
so the beat comes back with the connection. A clean shutdown removes the key.
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
    requires = ("celery.worker.consumer.connection:Connection",)

    def __init__(self, c, **kwargs) -> None:
        super().__init__(c, **kwargs)
        self.tref = None

    def start(self, c) -> None:
        from django.conf import settings

        _beat(c.hostname)
        self.tref = c.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, _beat, (c.hostname,))
        logger.info("heartbeat every %s s as %s", settings.WORKER_HEARTBEAT_SECONDS, c.hostname)

    def stop(self, c) -> None:
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None

    def shutdown(self, c) -> None:
        from tracker.cache import UNAVAILABLE, warn_unavailable
        from tracker.monitoring import heartbeat

        self.stop(c)
        try:
            heartbeat.forget(c.hostname)
        except UNAVAILABLE as exc:
            warn_unavailable(exc)
