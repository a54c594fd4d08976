"""Trial: a hostile backend on loopback against the real REST client.

The parsers are fuzzed on their own (tests/backend/test_rest_parsers.py); here the whole
client runs over real HTTP, against a raw-socket server that answers whatever hypothesis
draws: any status (also 1xx and 3xx), any headers, bodies that are nested, huge, of the
wrong types, HTML, truncated (a Content-Length the body never reaches), garbage chunked
encoding, a broken status line, a reset connection or no answer at all. What the kiosk
relies on:

- only typed results or :class:`~kiosk.backend.api.BackendError` subclasses come out,
  garbage being ``InvalidResponse`` or ``Unavailable`` as the contract says;
- ``code_unknown`` (which costs a shopper an attempt) only from a well-formed 404 problem
  document that says so;
- no call outlives its timeout budget: a server that trickles its answer one byte at a
  time must not hold a person at the screen.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.backend.api import (
    ERRORS_BY_CODE,
    BackendError,
    CodeUnknown,
    Event,
    Heartbeat,
    InvalidResponse,
    RentRequest,
    Unavailable,
    utcnow,
)
from kiosk.backend.rest import RestBackend, RestConfig
from tests.reliability.conftest import Trial, trial_size

TIMEOUT_S = 1.0
#: A call that has not returned after this long is hung (the budget is TIMEOUT_S; the
#: slack covers a loaded 2-core CI machine). Not a speed limit: a liveness check.
HUNG_AFTER_S = TIMEOUT_S + 10.0


@dataclass
class Script:
    """What the hostile server does with every request it receives."""

    head: bytes = b""
    body: bytes = b""
    #: seconds between body pieces (0: all at once), and the piece size
    trickle_s: float = 0.0
    piece: int = 1
    #: "close" after sending, "reset" (RST) instead of an answer, "silent" (no answer)
    ending: str = "close"


class HostileServer:
    """A loopback server speaking raw bytes: whatever :attr:`script` says, to everyone."""

    def __init__(self) -> None:
        self.script = Script()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, name="hostile-accept", daemon=True)
        self._accept.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._answer, args=(conn, self.script), daemon=True)
            t.start()
            self._threads = [x for x in self._threads if x.is_alive()] + [t]

    def _answer(self, conn: socket.socket, script: Script) -> None:
        with conn:
            conn.settimeout(5)
            try:
                _read_request(conn)
                if script.ending == "reset":
                    # linger on, 0 s: close() sends RST
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if script.ending == "silent":
                    self._stop.wait(HUNG_AFTER_S)
                    return
                conn.sendall(script.head)
                if script.trickle_s <= 0:
                    conn.sendall(script.body)
                    return
                for i in range(0, len(script.body), script.piece):
                    if self._stop.wait(script.trickle_s):
                        return
                    conn.sendall(script.body[i : i + script.piece])
            except OSError:
                return  # the client gave up: what we are testing

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._accept.join(5)
        for t in self._threads:
            t.join(5)


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or b"0")
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return
        rest += chunk


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    s = HostileServer()
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(server: HostileServer) -> Iterator[RestBackend]:
    c = RestBackend(
        RestConfig(
            base_url=server.url,
            locker_id="L1",
            token="fuzz-token",
            timeout_s=TIMEOUT_S,
            connect_timeout_s=0.5,
            retries=1,
            backoff_s=0.01,
        )
    )
    yield c
    c.close()


def _event() -> Event:
    return Event("e-1", "picked_up", utcnow(), "A1", "r-1")


CALLS: dict[str, Callable[[RestBackend], object]] = {
    "verify_pickup": lambda c: c.verify_pickup("123456"),
    "get_locker": lambda c: c.get_locker(),
    "send_events": lambda c: c.send_events([_event()], idempotency_key="k-1"),
    "heartbeat": lambda c: c.heartbeat(Heartbeat("1", 1.0, 0, 0.0, [])),
    "poll_commands": lambda c: c.poll_commands(0.0),
    "ack_command": lambda c: c.ack_command("c-1", "ok"),
    "courier_logout": lambda c: c.courier_logout("s-1"),
    "reserve_rent": lambda c: c.reserve_rent("r-1", RentRequest("A1", "delivery")),
    "offline_codes": lambda c: c.offline_codes(),
}


def call_bounded(client: RestBackend, name: str) -> tuple[object, float]:
    """Run one client call on a thread; (its result or exception, seconds it took).

    A call still running after HUNG_AFTER_S fails the test as hung.
    """
    box: list[object] = []

    def run() -> None:
        try:
            box.append(CALLS[name](client))
        except BaseException as exc:  # everything, to judge it below
            box.append(exc)

    start = time.monotonic()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(HUNG_AFTER_S)
    took = time.monotonic() - start
    assert not t.is_alive(), f"{name} hung for more than {HUNG_AFTER_S} s"
    return box[0], took


# ------------------------------------------------------------------ strategies
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=10), children, max_size=6)
    ),
    max_leaves=40,
)
problem_codes = st.sampled_from([*ERRORS_BY_CODE, "code_unknown", "whatever", ""])
problems = st.fixed_dictionaries(
    {
        "type": st.text(max_size=10),
        "title": st.text(max_size=10),
        "status": st.sampled_from([200, 400, 401, 404, 409, 410, 429, 500, 503]),
        "code": problem_codes,
    },
    optional={"detail": st.text(max_size=20) | st.integers()},
)


def _nested(depth: int) -> bytes:
    return b'{"rents":' + b"[" * depth + b"]" * depth + b"}"


bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    problems.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 200_000).map(_nested),
    st.integers(1, 3_000_000).map(lambda n: b'{"rents": ["' + b"7" * n + b'"]}'),
    st.just(b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
    st.just(b'{"rents": [{"rent_id": "r", "compartment_id": 5}]}'),
    st.just(b'{"rents": []}'),
)
statuses = st.one_of(
    st.sampled_from([100, 101, 200, 201, 204, 301, 302, 304, 400, 404, 409, 429, 500, 502, 503]),
    st.integers(100, 999),
)
content_types = st.sampled_from(
    ["application/json", "application/problem+json", "text/html", "", "application/json; x"]
)
extra_headers = st.lists(
    st.sampled_from(
        [
            b"Retry-After: 5",
            b"Retry-After: -1",
            b"Retry-After: Wed, 21 Oct 2015 07:28:00 GMT",
            b"Retry-After: 1e400",
            b"Location: http://127.0.0.1:9/",
            b"Content-Encoding: gzip",
            b"Content-Encoding: br",
            b"Transfer-Encoding: chunked",
            b"X-Junk: \xff\xfe",
            b"Connection: keep-alive",
            b"Set-Cookie: a=b",
        ]
    ),
    max_size=3,
)
framing = st.sampled_from(["exact", "short", "long", "none"])
endings = st.sampled_from(["close", "close", "close", "reset", "broken_status"])


@st.composite
def scripts(draw: st.DrawFn) -> tuple[Script, bool]:
    """A response script, and whether it is a genuine ``code_unknown`` answer."""
    status = draw(statuses)
    ctype = draw(content_types)
    body = draw(bodies)
    lines = [f"HTTP/1.1 {status} X".encode()]
    if ctype:
        lines.append(b"Content-Type: " + ctype.encode())
    how = draw(framing)
    if how == "exact":
        lines.append(b"Content-Length: %d" % len(body))
    elif how == "short":  # promises more than it sends: a truncated answer
        lines.append(b"Content-Length: %d" % (len(body) + 100))
    elif how == "long":
        lines.append(b"Content-Length: %d" % max(0, len(body) // 2))
    lines.extend(draw(extra_headers))
    lines.append(b"Connection: close")
    head = b"\r\n".join(lines) + b"\r\n\r\n"
    ending = draw(endings)
    if ending == "broken_status":
        head = draw(st.sampled_from([b"HTTP/1.1 2OO OK\r\n\r\n", b"\x00\xff junk\r\n\r\n", b""]))
        ending = "close"
    genuine = False
    if status == 404 and ctype.startswith("application/") and how == "exact" and ending == "close":
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            doc = json.loads(body)
            genuine = (
                isinstance(doc, dict)
                and doc.get("code") == "code_unknown"
                and doc.get("status") == 404
            )
    return Script(head=head, body=body, ending=ending), genuine


FUZZ = settings(
    max_examples=trial_size(60, 600),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=False,
)


def judge(name: str, outcome: object, genuine_code_unknown: bool) -> None:
    """Only typed results or BackendErrors; code_unknown only when the server meant it."""
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, BackendError), f"{name} raised {outcome!r}"
        if isinstance(outcome, CodeUnknown):
            assert genuine_code_unknown, f"{name}: garbage read as code_unknown"


@pytest.mark.slow
@FUZZ
@given(case=scripts(), name=st.sampled_from(sorted(CALLS)))
def test_hostile_answers_give_typed_results_or_backend_errors(
    server: HostileServer,
    client: RestBackend,
    trial: Trial,
    case: tuple[Script, bool],
    name: str,
) -> None:
    script, genuine = case
    server.script = script
    outcome, took = call_bounded(client, name)
    judge(name, outcome, genuine)
    figures = trial.figures
    kind = type(outcome).__name__ if isinstance(outcome, BaseException) else "result"
    trial.record(
        calls=int(str(figures.get("calls", 0))) + 1,
        slowest_call_s=max(float(str(figures.get("slowest_call_s", 0.0))), round(took, 2)),
        **{kind: int(str(figures.get(kind, 0))) + 1},
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "script",
    [
        # headers, then the body one byte every 0.2 s: each read is within the socket
        # timeout, so only a deadline over the whole call ends it
        Script(
            head=b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Content-Length: 400\r\nConnection: close\r\n\r\n",
            body=b'{"rents": [' + b" " * 380 + b"]}  ",
            trickle_s=0.2,
        ),
        # the same, chunked, one chunk at a time
        Script(
            head=b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
            body=b"1\r\n \r\n" * 200 + b"0\r\n\r\n",
            trickle_s=0.2,
            piece=6,
        ),
        Script(ending="silent"),
    ],
    ids=["trickled-body", "trickled-chunks", "no-answer"],
)
def test_a_slow_server_never_holds_a_call_past_its_budget(
    server: HostileServer, client: RestBackend, script: Script, trial: Trial
) -> None:
    server.script = script
    outcome, took = call_bounded(client, "verify_pickup")
    assert isinstance(outcome, Unavailable), repr(outcome)
    trial.record(budget_s=TIMEOUT_S, took_s=round(took, 2))


def test_invalid_response_is_what_garbage_gives(server: HostileServer, client: RestBackend) -> None:
    """A sanity anchor for the property above: an HTML 404 is InvalidResponse."""
    body = b"<html>not found</html>"
    server.script = Script(
        head=b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
        b"Connection: close\r\n\r\n" % len(body),
        body=body,
    )
    outcome, _ = call_bounded(client, "verify_pickup")
    assert isinstance(outcome, InvalidResponse)


def test_json_nested_ten_thousand_deep_is_invalid_not_a_crash(
    server: HostileServer, client: RestBackend
) -> None:
    """msgspec raises RecursionError on such a document; it used to escape the client."""
    body = b'{"rents":' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    server.script = Script(
        head=b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
        b"Connection: close\r\n\r\n" % len(body),
        body=body,
    )
    outcome, _ = call_bounded(client, "verify_pickup")
    assert isinstance(outcome, InvalidResponse)
