"""Real parts for the partner tests: an ASGI app on uvicorn on loopback, a webhook receiver.

Both listen on a socket bound and listening before their thread starts, so a client can
connect at once (the connection waits in the backlog): no polling for "is it up yet".
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn
from starlette.types import ASGIApp

from kiosk.backend.embedded import BackendCore
from kiosk.backend.partner import (
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    PartnerKey,
    PartnerService,
    verify_signature,
)
from tests.backend.fixtures import LOCKER, OTHER_LOCKER


@contextmanager
def serve_asgi(app: ASGIApp, port: int = 0) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1:``port`` (0: an ephemeral one) in a thread; yields the URL.

    Stopping runs the app's lifespan shutdown and closes the socket, so the same port can
    serve a restarted app at once.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not stop"


@dataclass
class Received:
    """One post the receiver got, and what it answered."""

    event_id: str
    body: bytes
    signature: str
    answered: int
    valid: bool


@dataclass
class Receiver:
    """A loopback webhook receiver that checks signatures and answers ``status``.

    ``status`` may be changed while it runs (a receiver that fails for a while).
    """

    url: str = ""
    secret: str = ""
    status: int = 200
    clock: Callable[[], float] = time.time
    received: list[Received] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def accepted(self) -> list[Received]:
        """Posts answered 2xx (what the partner's system took in)."""
        with self.cond:
            return [r for r in self.received if 200 <= r.answered < 300]

    def wait_for(self, predicate: Callable[[Receiver], bool], timeout: float = 15.0) -> None:
        """Block until ``predicate(self)`` holds (re-checked on every post)."""
        with self.cond:
            assert self.cond.wait_for(lambda: predicate(self), timeout), self.received

    def accepted_types(self) -> list[str]:
        import json

        return [json.loads(r.body)["type"] for r in self.accepted()]


@contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    """A :class:`Receiver` on an ephemeral loopback port."""
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            signature = self.headers.get(SIGNATURE_HEADER, "")
            with rec.cond:
                answer = rec.status
                valid = verify_signature(rec.secret, signature, body, now=rec.clock())
                # Recorded before answering: once the sender has its answer, it is here.
                rec.received.append(
                    Received(self.headers.get(EVENT_ID_HEADER, ""), body, signature, answer, valid)
                )
                rec.cond.notify_all()
            self.send_response(answer)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test asserts on what arrived."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    rec.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/locker"
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def add_partner(
    partners: PartnerService, name: str = "Shop", lockers: tuple[str, ...] = (LOCKER,)
) -> tuple[PartnerKey, str]:
    """A partner with a key for ``lockers``: (its authenticated key, the key string)."""
    _, api_key = partners.add_partner(name, lockers)
    return partners.authenticate(api_key), api_key


def both_lockers() -> tuple[str, ...]:
    return (LOCKER, OTHER_LOCKER)


def core_events(core: BackendCore) -> list[tuple[str, str]]:
    """(type, status) of every event stored for the test locker."""
    return [(e.type, status) for e, status in core.stored_events(LOCKER)]
