"""The sliding-window submit throttle, against the real Redis the tests run with."""

from __future__ import annotations

import threading
import uuid
from types import SimpleNamespace

import pytest

from tracker.api.throttling import SlidingWindowThrottle
from tracker.cache import ResilientRedisCache

MINUTE = 60.0
START = 1_800_000_000.0 - 1_800_000_000.0 % MINUTE  # the start of a window


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Limited(SlidingWindowThrottle):
    THROTTLE_RATES = {"test": "3/minute"}


@pytest.fixture
def request_():
    """A signed-in user of their own, so that no two tests share a counter."""
    return SimpleNamespace(user=SimpleNamespace(is_authenticated=True, pk=f"t-{uuid.uuid4().hex}"))


VIEW = SimpleNamespace(throttle_scope="test")


def ask(request, clock: Clock, throttle_class=Limited) -> tuple[bool, SlidingWindowThrottle]:
    throttle = throttle_class()
    throttle.timer = clock
    return throttle.allow_request(request, VIEW), throttle


def test_the_limit_holds_within_a_window(request_):
    clock = Clock(START + 10)
    assert [ask(request_, clock)[0] for _ in range(4)] == [True, True, True, False]


def test_the_previous_window_counts_in_the_part_that_still_overlaps(request_):
    clock = Clock(START + 50)
    assert [ask(request_, clock)[0] for _ in range(3)] == [True, True, True]
    # The next window has just begun: the last minute still holds all three.
    clock.now = START + MINUTE + 1
    assert not ask(request_, clock)[0]
    # Half-way: the previous three count as 1.5, so one more fits and a second does not.
    clock.now = START + MINUTE + 30
    assert [ask(request_, clock)[0] for _ in range(2)] == [True, False]
    # Two windows on, the first is gone and the second's one request counts for 1/60.
    clock.now = START + 2 * MINUTE + 59
    assert [ask(request_, clock)[0] for _ in range(3)] == [True, True, False]


def test_refused_requests_do_not_count(request_):
    clock = Clock(START + 1)
    assert [ask(request_, clock)[0] for _ in range(3)] == [True, True, True]
    assert not any(ask(request_, clock)[0] for _ in range(20))
    # Had the twenty refusals counted, the next window would start 23 deep.
    clock.now = START + MINUTE + 59
    assert ask(request_, clock)[0]


@pytest.mark.parametrize("offset", [1.0, 30.0, 59.0])
def test_wait_is_when_the_next_request_goes_through(request_, offset):
    clock = Clock(START + offset)
    while ask(request_, clock)[0]:
        pass
    allowed, throttle = ask(request_, clock)
    wait = throttle.wait()
    assert not allowed and 0 < wait <= 2 * MINUTE
    clock.now += wait - 0.5
    assert not ask(request_, clock)[0]
    clock.now += 0.5 + 1e-6
    assert ask(request_, clock)[0]


def test_wait_while_the_previous_window_slides_out(request_):
    clock = Clock(START + 50)
    assert [ask(request_, clock)[0] for _ in range(3)] == [True, True, True]
    clock.now = START + MINUTE + 1
    allowed, throttle = ask(request_, clock)
    # Three earlier requests weigh 3 x (1 - t/60); one more fits from t = 20 s.
    assert not allowed and throttle.wait() == pytest.approx(19.0)
    clock.now = START + MINUTE + 19.5
    assert not ask(request_, clock)[0]
    clock.now = START + MINUTE + 20.001
    assert ask(request_, clock)[0]


def test_concurrent_requests_never_exceed_the_limit(request_):
    class Hundred(SlidingWindowThrottle):
        THROTTLE_RATES = {"test": "100/minute"}

    clock = Clock(START + 5)
    results: list[bool] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(25):
            allowed = ask(request_, clock, Hundred)[0]
            with lock:
                results.append(allowed)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 200 and results.count(True) == 100


def test_requests_go_through_while_redis_is_away(request_):
    class NoRedis(Limited):
        # Nothing listens on port 9: the connection is refused at once.
        cache = ResilientRedisCache("redis://127.0.0.1:9/1", {"OPTIONS": {"socket_connect_timeout": 1}})

    clock = Clock(START + 10)
    assert all(ask(request_, clock, NoRedis)[0] for _ in range(5))


def test_a_view_without_a_scope_is_not_throttled(request_):
    throttle = Limited()
    assert throttle.allow_request(request_, SimpleNamespace())
