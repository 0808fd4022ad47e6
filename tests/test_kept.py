"""An index kept beside the store misses no write made while it was being built."""

from __future__ import annotations

import threading
import time

from serving.kept import Kept


def test_a_write_during_the_build_is_applied_when_it_ends() -> None:
    reading = threading.Event()
    release = threading.Event()

    def build() -> list[str]:
        reading.set()
        release.wait(10)
        return ["read from the store"]

    kept: Kept[list[str]] = Kept("test-index", build, lambda index, changes: index.extend(changes))
    kept.start()
    assert reading.wait(10)
    kept.written(["written meanwhile"])
    assert kept.get() is None  # not built yet: the callers use the store meanwhile
    release.set()
    assert kept.wait(10) == ["read from the store", "written meanwhile"]
    kept.written(["written after"])
    assert kept.get() == ["read from the store", "written meanwhile", "written after"]


def test_a_build_started_again_replaces_the_one_under_way() -> None:
    gates = [threading.Event(), threading.Event()]
    calls: list[int] = []

    def build() -> list[int]:
        n = len(calls)
        calls.append(n)
        gates[n].wait(10)
        return [n]

    kept: Kept[list[int]] = Kept("test-index", build, lambda index, changes: index.extend(changes))
    kept.start()
    # the first build under way before the second starts (else the second's thread may call
    # build() first and take the first gate)
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:
        time.sleep(0.001)
    kept.start()  # a large load came: the index is read again
    gates[1].set()
    assert kept.wait(10) == [1]
    gates[0].set()  # the first build ends late and is thrown away
    threading.Event().wait(0.2)
    assert kept.get() == [1]


def test_a_failed_build_leaves_no_index_and_the_next_start_builds_it() -> None:
    attempts: list[int] = []

    def build() -> list[int]:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("store unavailable")
        return [2]

    kept: Kept[list[int]] = Kept("test-index", build, lambda index, changes: index.extend(changes))
    kept.start()
    assert kept.wait(0.5) is None
    kept.start()
    assert kept.wait(10) == [2]
