"""RestBackend against the real server on loopback, and against misbehaving HTTP servers."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.backend.api import (
    AlreadyCollected,
    BadCredentials,
    CodeExpired,
    CodeUnknown,
    CompartmentTaken,
    Event,
    Heartbeat,
    InvalidResponse,
    LockerBackend,
    RentRequest,
    SessionExpired,
    TooManyAttempts,
    Unauthorized,
    Unavailable,
    UnknownCommand,
)
from kiosk.backend.embedded import BackendCore
from kiosk.backend.rest import RestBackend, RestConfig, TokenFileError, read_token_file
from kiosk.backend.server import ServerHandle, create_app
from tests.backend.fixtures import LOCKER, TOKEN, Seeded, make_client


def test_client_speaks_the_whole_contract(client: RestBackend, seeded: Seeded) -> None:
    assert isinstance(client, LockerBackend)
    info = client.get_locker()
    assert len(info.compartments) == 6
    assert [r.compartment_id for r in client.verify_pickup(seeded.code_ab).rents] == ["A2", "A3"]
    with pytest.raises(CodeUnknown):
        client.verify_pickup("000000")
    with pytest.raises(CodeExpired):
        client.verify_pickup(seeded.code_expired)
    assert client.verify_send(seeded.send_code).size == "M"
    session = client.courier_login(courier_id="c1", pin=seeded.courier_pin)
    assert session.courier.name == "Courier One"
    with pytest.raises(BadCredentials):
        client.courier_login(courier_id="c1", pin="0")
    tasks = client.courier_tasks(session.session_token)
    assert [p.barcode for p in tasks.deliveries] == ["BC5", "BC6"]
    rent_id = str(uuid.uuid4())
    req = RentRequest("B2", "delivery", barcode="BC5")
    rent = client.reserve_rent(rent_id, req, session_token=session.session_token)
    assert client.reserve_rent(rent_id, req, session_token=session.session_token) == rent
    with pytest.raises(CompartmentTaken):
        client.reserve_rent(str(uuid.uuid4()), RentRequest("A1", "delivery", barcode="BC6"),
                            session_token=session.session_token)  # fmt: skip
    client.courier_logout(session.session_token)
    with pytest.raises(SessionExpired):
        client.courier_tasks(session.session_token)
    picked = Event(str(uuid.uuid4()), "picked_up", datetime.now(UTC), "A1", seeded.rents["A1"])
    assert client.send_events([picked])[0].status == "accepted"
    assert client.send_events([picked])[0].status == "duplicate"
    with pytest.raises(AlreadyCollected):
        client.verify_pickup(seeded.code_a)
    assert client.heartbeat(Heartbeat("1", 1.0, 0, 0.0)).server_time.tzinfo is not None
    assert client.poll_commands(0) == []
    with pytest.raises(UnknownCommand):
        client.ack_command("nope", "ok")
    assert client.app_pairing().url.startswith("https://")
    assert {r.compartment_id for r in client.offline_codes().rents} == {"A2", "A3"}


def test_actor_and_detail_reach_the_server_and_are_kept(
    client: RestBackend, core: BackendCore
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)  # stored as float seconds
    forced = Event(
        str(uuid.uuid4()), "door_forced", now, "A1", actor="unknown",
        detail={"door": "read open", "unlock": None},
    )  # fmt: skip
    action = Event(
        str(uuid.uuid4()), "admin_action", now, "B2", actor="admin",
        detail={"action": "open", "count": 2},
    )  # fmt: skip
    big = Event(
        str(uuid.uuid4()), "admin_action", now, "B2", actor="admin",
        detail={"log": "x" * 2000},
    )  # fmt: skip
    results = client.send_events([forced, action, big])
    assert [(r.status, r.code) for r in results] == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "detail_too_large"),
    ]
    stored = {e.event_id: (e, status) for e, status in core.stored_events(LOCKER)}
    assert stored[forced.event_id] == (forced, "accepted")
    assert stored[action.event_id] == (action, "accepted")
    assert stored[big.event_id][0].detail is None  # refused, not kept


def test_429_is_not_retried(client: RestBackend, core: BackendCore) -> None:
    for _ in range(8):  # the fixture's guess_burst
        with pytest.raises(CodeUnknown):
            client.verify_pickup("1")
    with pytest.raises(TooManyAttempts) as info:
        client.verify_pickup("1")
    assert info.value.retry_after in (59, 60)  # guess_interval_s, less the time passed
    before = core.guess_tokens(LOCKER)
    with pytest.raises(TooManyAttempts):
        client.verify_pickup("1")
    assert core.guess_tokens(LOCKER) >= before  # the refusal spent nothing


def test_wrong_token_is_unauthorized(server_url: str) -> None:
    bad = RestBackend(RestConfig(base_url=server_url, locker_id=LOCKER, token="wrong"))
    with pytest.raises(Unauthorized):
        bad.get_locker()
    bad.close()


def test_token_file_permissions(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o644)
    with pytest.raises(TokenFileError, match="chmod 600"):
        read_token_file(token_file)
    token_file.chmod(0o600)
    assert read_token_file(token_file) == TOKEN
    with pytest.raises(TokenFileError):
        read_token_file(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.write_text("  \n")
    os.chmod(empty, 0o600)
    with pytest.raises(TokenFileError, match="empty"):
        read_token_file(empty)
    client = RestBackend.from_token_file("https://example.invalid/", LOCKER, token_file)
    assert client.config.token == TOKEN


# ----------------------------------------------------------------- unreachable backends


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_refused_connection_is_unavailable() -> None:
    client = make_client(f"http://127.0.0.1:{_free_port()}/", timeout_s=2.0)
    with pytest.raises(Unavailable):
        client.verify_pickup("123456")
    client.close()


def test_silent_server_is_unavailable_within_the_timeout() -> None:
    # Accepts the TCP connection (backlog) but never answers: a read timeout.
    with socket.socket() as blackhole:
        blackhole.bind(("127.0.0.1", 0))
        blackhole.listen(16)
        port = blackhole.getsockname()[1]
        client = make_client(f"http://127.0.0.1:{port}/", timeout_s=1.5, retries=2)
        started = time.monotonic()
        with pytest.raises(Unavailable):
            client.verify_pickup("123456")
        # The configured budget, plus scheduling slack: the bound the person waits at most.
        assert time.monotonic() - started < 1.5 + 1.0
        client.close()


def test_server_stopped_mid_run_raises_unavailable(core: BackendCore, seeded: Seeded) -> None:
    handle = ServerHandle(create_app(core), "127.0.0.1", 0).start()
    client = make_client(handle.url, timeout_s=2.0)
    assert client.verify_pickup(seeded.code_a).rents
    handle.stop()
    started = time.monotonic()
    with pytest.raises(Unavailable):
        client.verify_pickup(seeded.code_a)
    assert time.monotonic() - started < 2.0 + 1.0
    # and back on the same port, the same client works again
    again = ServerHandle(create_app(core), "127.0.0.1", handle.port).start()
    try:
        assert client.verify_pickup(seeded.code_a).rents
    finally:
        again.stop()
        client.close()


# ----------------------------------------------------------------- misbehaving servers

Reply = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    reply: Callable[[str], Reply]
    hits: list[str]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length:
            self.rfile.read(length)
        self.hits.append(self.command)
        status, headers, body = self.reply(self.path)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        if headers.get("Connection") == "close":
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def junk_server() -> Iterator[Callable[[Callable[[str], Reply]], tuple[str, list[str]]]]:
    servers: list[ThreadingHTTPServer] = []
    threads: list[threading.Thread] = []

    def start(reply: Callable[[str], Reply]) -> tuple[str, list[str]]:
        hits: list[str] = []
        handler = type("H", (_Handler,), {"reply": staticmethod(reply), "hits": hits})
        srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        srv.daemon_threads = True
        t = threading.Thread(target=srv.serve_forever, daemon=True)
        t.start()
        servers.append(srv)
        threads.append(t)
        return f"http://127.0.0.1:{srv.server_address[1]}/", hits

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()
    for t in threads:
        t.join(5)


JSON = {"Content-Type": "application/json"}
PROBLEM = {"Content-Type": "application/problem+json"}

BAD_ANSWERS: dict[str, Reply] = {
    "html 404 from a proxy": (404, {"Content-Type": "text/html"}, b"<html>Not Found</html>"),
    "404 without a body": (404, {}, b""),
    "problem with the wrong status": (
        404, PROBLEM, b'{"type":"t","title":"t","status":409,"code":"code_unknown"}'),
    "code that goes with another status": (
        400, PROBLEM, b'{"type":"t","title":"t","status":400,"code":"code_unknown"}'),
    "200 not json": (200, JSON, b"<html>hello</html>"),
    "200 html": (200, {"Content-Type": "text/html"}, b'{"rents": []}'),
    "200 wrong types": (200, JSON, b'{"rents": [{"rent_id": 5, "compartment_id": "A1"}]}'),
    "200 missing field": (200, JSON, b"{}"),
    "truncated body": (200, {**JSON, "Content-Length": "100", "Connection": "close"},
                       b'{"rents": ['),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_untrustworthy_answers_are_invalid_response(junk_server, case: str) -> None:  # type: ignore[no-untyped-def]
    url, _ = junk_server(lambda path: BAD_ANSWERS[case])
    client = make_client(url)
    with pytest.raises(InvalidResponse):
        client.verify_pickup("123456")
    client.close()


def test_503_is_retried_for_keyed_posts_but_heartbeat_is_sent_once(junk_server) -> None:  # type: ignore[no-untyped-def]
    url, hits = junk_server(lambda path: (503, {"Retry-After": "1"}, b"busy"))
    client = make_client(url, retries=2, backoff_s=0.01)
    with pytest.raises(Unavailable):
        client.verify_pickup("123456")
    assert hits == ["POST"] * 3
    hits.clear()
    with pytest.raises(Unavailable):
        client.heartbeat(Heartbeat("1", 1.0, 0, 0.0))
    assert hits == ["POST"]
    hits.clear()
    with pytest.raises(Unavailable):
        client.get_locker()
    assert hits == ["GET"] * 3
    client.close()


def test_429_from_a_server_is_answered_once(junk_server) -> None:  # type: ignore[no-untyped-def]
    body = b'{"type":"t","title":"t","status":429,"code":"too_many_attempts"}'
    url, hits = junk_server(lambda path: (429, {**PROBLEM, "Retry-After": "30"}, body))
    client = make_client(url, retries=2)
    with pytest.raises(TooManyAttempts) as info:
        client.verify_pickup("123456")
    assert info.value.retry_after == 30
    assert hits == ["POST"]
    client.close()
