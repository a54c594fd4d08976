"""The worker runs blocking calls off the GUI thread and hands results back in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.services.worker import Worker


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    w = Worker("test")
    w.start()
    yield w
    assert w.stop()


def test_job_runs_off_the_gui_thread_and_result_arrives_on_it(qtbot: QtBot, worker: Worker) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def where() -> int:
        return threading.get_ident()

    with qtbot.waitSignal(worker.finished) as blocker:
        worker.submit(where, on_done=lambda tid: seen.append((tid, threading.get_ident())))
    job_thread, callback_thread = seen[0]
    assert job_thread != gui
    assert callback_thread == gui
    assert blocker.args is not None
    assert blocker.args[1] == job_thread


def test_jobs_run_in_submission_order(qtbot: QtBot, worker: Worker) -> None:
    order: list[int] = []
    for i in range(20):
        worker.submit(lambda i=i: i, on_done=order.append)
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20))
    assert worker.pending() == 0


def test_exception_goes_to_on_error_and_failed_signal(qtbot: QtBot, worker: Worker) -> None:
    errors: list[BaseException] = []

    def boom() -> None:
        raise OSError("port gone")

    with qtbot.waitSignal(worker.failed) as blocker:
        worker.submit(boom, on_error=errors.append)
    assert isinstance(errors[0], OSError)
    assert blocker.args is not None
    assert str(blocker.args[1]) == "port gone"


def test_gui_stays_responsive_while_a_job_blocks(qtbot: QtBot, worker: Worker) -> None:
    release = threading.Event()
    done: list[object] = []
    worker.submit(release.wait, 10, on_done=done.append)
    # The GUI thread is free: it can set the event the job waits on.
    release.set()
    qtbot.waitUntil(lambda: done == [True])


def test_stop_drops_queued_jobs(qtbot: QtBot) -> None:
    w = Worker("drop")
    release = threading.Event()
    ran: list[int] = []
    w.submit(release.wait, 10)
    for i in range(5):
        w.submit(ran.append, i)
    w.start()
    release.set()
    assert w.stop()
    assert not w.is_running()


def test_drain_runs_the_queued_jobs_before_stopping(qtbot: QtBot) -> None:
    w = Worker("drain")
    release = threading.Event()
    ran: list[int] = []
    w.submit(release.wait, 10)
    for i in range(5):
        w.submit(ran.append, i)
    w.start()
    w.request_stop(drain=True)
    release.set()
    assert w.join()
    assert ran == [0, 1, 2, 3, 4]


def test_request_stop_then_join_ends_several_workers_together(qtbot: QtBot) -> None:
    release = threading.Event()
    workers = [Worker(f"w{i}") for i in range(3)]
    for w in workers:
        w.submit(release.wait, 10)
        w.start()
    for w in workers:
        w.request_stop()
    release.set()
    assert all(w.join() for w in workers)
    assert not any(w.is_running() for w in workers)
