"""``locker-kiosk-server``: the embedded backend served over HTTP per ``openapi.yaml``.

Starlette makes the routes and uvicorn serves them from one asyncio event loop per process
(see ``README.md`` in this package for why). The backend core stays synchronous: every call
into it runs on a fixed pool of threads (``--threads``), so the loop never waits on SQLite
or on a key derivation. A command long poll (#10) holds no thread while it waits: it awaits
an ``asyncio.Event`` for its locker, which :meth:`BackendCore.enqueue_command` sets through a
command listener, and it looks at the store again every :data:`POLL_RECHECK_S` for a command
that another process queued. A fleet's long polls therefore cost sockets and coroutines,
never the threads that answer verifies.

Every error answer is ``application/problem+json`` with a stable ``code`` — including the
router's own 404/405, 413 for a body over :data:`MAX_BODY_BYTES`, and bodies that do not
parse. POSTs that change state honour ``Idempotency-Key``: the first answer for a key is
stored and replayed for a repeat with the same body; the same key with another body is 422
``idempotency_key_reused``. The body is remembered only as an HMAC-SHA256 under a key the
database made for itself, because a pickup body holds a code.

For tests, :func:`serve_in_thread` starts the server on an ephemeral loopback port and
returns its URL and a stop function; :class:`ServerHandle` does the same with more control.
``--workers N`` runs N server processes on one listening socket, each with its own core
over the same database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import hashlib
import hmac
import logging
import math
import multiprocessing
import signal
import socket
import sqlite3
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import NamedTuple, TypeVar

import msgspec
import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.backend.api import (
    DEFAULT_KDF_ITERATIONS,
    BackendError,
    BadRequest,
    Command,
    CommandAck,
    CourierLogin,
    EventBatch,
    Heartbeat,
    IdempotencyKeyReused,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    PickupRequest,
    RentRequest,
    SendRequest,
    ServerError,
    Unauthorized,
    UnexpectedError,
)
from kiosk.backend.demo import courier_lines, seed_demo
from kiosk.backend.embedded import MAX_POLL_WAIT_S, BackendCore
from kiosk.backend.partner import DAY_S, DEFAULT_RETENTION_DAYS, PartnerService
from kiosk.backend.partner_http import partner_routes
from kiosk.backend.store import StoredResponse

log = logging.getLogger("kiosk.backend.server")

T = TypeVar("T")

MAX_BODY_BYTES = 1_000_000
#: A body over the limit is still read (and dropped) up to this size before the 413, so a
#: client that is still sending reads the answer instead of a reset connection.
DRAIN_BODY_BYTES = 32 * MAX_BODY_BYTES
MAX_BATCH = 500
#: How long an answer stays replayable for its Idempotency-Key (the contract asks >= 24 h).
IDEMPOTENCY_KEEP_S = 48 * 3600.0
#: Threads that run the backend core (per server process). Long polls hold none of them.
DEFAULT_THREADS = 8
#: A waiting long poll looks at the store this often: a command queued by another process
#: (``locker-kiosk-server command``, a second worker) calls no listener in this one.
POLL_RECHECK_S = 2.0
#: Lockers looked at per turn of the sweep for commands queued elsewhere.
SWEEP_CHUNK = 50
#: Idle keep-alive connections are kept this long: longer than a kiosk's heartbeat period,
#: so its next request does not race the server closing the connection.
KEEP_ALIVE_S = 120
JSON = "application/json"
PROBLEM_JSON = "application/problem+json"


class _Reply(NamedTuple):
    """An answer built on a pool thread; turned into a Starlette response on the loop."""

    status: int
    body: bytes
    media_type: str | None
    headers: tuple[tuple[str, str], ...] = ()

    def response(self) -> Response:
        resp = Response(self.body, status_code=self.status, media_type=self.media_type)
        for name, value in self.headers:
            resp.headers[name] = value
        return resp


def _json(obj: object, status: int = 200) -> _Reply:
    return _Reply(status, msgspec.json.encode(obj), JSON)


_NO_CONTENT = _Reply(204, b"", None)


def _problem(err: BackendError) -> _Reply:
    headers: tuple[tuple[str, str], ...] = ()
    if err.retry_after is not None:
        headers = (("Retry-After", str(max(1, math.ceil(err.retry_after)))),)
    return _Reply(err.status, msgspec.json.encode(err.problem()), PROBLEM_JSON, headers)


def problem_response(err: BackendError) -> Response:
    """The problem+json answer for an error (with ``Retry-After`` when it has one)."""
    return _problem(err).response()


def _http_error(status: int, detail: str) -> BackendError:
    mapping: dict[int, type[BackendError]] = {
        400: BadRequest,
        404: NotFound,
        405: MethodNotAllowed,
        413: PayloadTooLarge,
    }
    cls = mapping.get(status)
    if cls is not None:
        return cls(detail)
    if status >= 500:
        return ServerError(detail)
    return UnexpectedError(f"http_{status}", status, detail)


@dataclass(frozen=True, slots=True)
class _Call:
    """What a handler needs of a request, read on the loop and handed to a pool thread."""

    method: str
    path: str
    params: Mapping[str, str]
    headers: Mapping[str, str]
    query: Mapping[str, str]
    body: bytes


async def _read_body(request: Request) -> bytes:
    """The body, at most :data:`MAX_BODY_BYTES` of it (413 past that)."""
    declared = request.headers.get("content-length")
    limit = MAX_BODY_BYTES
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        limit = -1  # over already: only drain
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > DRAIN_BODY_BYTES:
                break
            if size <= limit:
                chunks.append(chunk)
    except ClientDisconnect:
        raise BadRequest("the client went away before its body was read") from None
    if size > MAX_BODY_BYTES or limit < 0:
        raise PayloadTooLarge(f"request bodies are limited to {MAX_BODY_BYTES} bytes")
    return b"".join(chunks)


async def _call_of(request: Request) -> _Call:
    body = b"" if request.method in ("GET", "HEAD", "DELETE") else await _read_body(request)
    return _Call(
        method=request.method,
        # The decoded path, as the fingerprints of stored answers were always made with.
        path=request.scope["path"],
        params=dict(request.path_params),
        headers=request.headers,
        query=request.query_params,
        body=body,
    )


def _decode(type_: type[T], call: _Call) -> T:
    try:
        return msgspec.json.decode(call.body, type=type_)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise BadRequest(f"request body: {exc}") from None
    except RecursionError:
        # msgspec's own depth limit, hit by a body of thousands of nested arrays.
        raise BadRequest("request body nested too deeply") from None


def _bearer(call: _Call) -> str | None:
    header = call.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _wait_s(call: _Call) -> float:
    raw = call.query.get("wait", "0")
    try:
        wait = float(raw)
    except ValueError:
        raise BadRequest("wait must be a number of seconds") from None
    if not (0 <= wait <= 60):
        raise BadRequest("wait must be between 0 and 60 seconds")
    return min(wait, MAX_POLL_WAIT_S)


class _Pool:
    """The threads that call the synchronous core; started lazily, ended at shutdown.

    A fixed pool (not anyio's, whose idle threads come and go) because the SQLite store
    keeps one connection per thread: threads that live as long as the server keep the
    number of connections at ``threads``.
    """

    def __init__(self, threads: int) -> None:
        self.threads = threads
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.threads, "kiosk-server")
            executor = self._executor
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, functools.partial(fn, *args))

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)


class LongPolls:
    """Wakes the long polls waiting for a locker, from whatever thread queued a command.

    One ``asyncio.Event`` per locker that has a poll waiting; :meth:`notify` (a command
    listener of the core) sets it through the loop. Every wake is numbered, so a poll that
    read "nothing pending" while a command was being queued sees that a wake came in
    between (:meth:`woken_since`) and does not sleep through it.

    A command queued by another process calls no listener here, so one sweep every
    ``recheck_s`` asks ``find`` which of the waiting lockers have a command (one call into
    the pool for all of them, not one per poll) and wakes those.

    Lives on the event loop; only :meth:`notify` may be called from another thread.
    """

    def __init__(self, find: Callable[[list[str]], Awaitable[list[str]]], recheck_s: float) -> None:
        self._find = find
        self._recheck_s = recheck_s
        self._loop: asyncio.AbstractEventLoop | None = None
        self._events: dict[str, asyncio.Event] = {}
        self._woken: dict[str, int] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self.seq = 0
        self.closing = False
        #: How many polls are waiting now (for tests and the benchmark).
        self.waiting = 0

    def open(self, loop: asyncio.AbstractEventLoop) -> None:
        """Serve on ``loop`` (called on it, at startup or by the first poll)."""
        if self._loop is not loop:
            self._loop = loop
            self._events.clear()
            self._sweeper = None
            self.closing = False

    def notify(self, locker_id: str) -> None:
        """A command was queued for ``locker_id`` (any thread)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed since the check
            loop.call_soon_threadsafe(self._wake, locker_id)

    def _wake(self, locker_id: str) -> None:
        self.seq += 1
        self._woken[locker_id] = self.seq
        event = self._events.pop(locker_id, None)
        if event is not None:
            event.set()

    def woken_since(self, locker_id: str, seq: int) -> bool:
        """Whether ``locker_id`` was woken after wake number ``seq``."""
        return self._woken.get(locker_id, 0) > seq

    async def wait(self, locker_id: str, timeout: float) -> None:
        """Until ``locker_id`` is woken, the server shuts down, or ``timeout`` passes."""
        if self.closing:
            return
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep())
        event = self._events.get(locker_id)
        if event is None:
            event = self._events[locker_id] = asyncio.Event()
        self.waiting += 1
        try:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await event.wait()
        finally:
            self.waiting -= 1

    async def _sweep(self) -> None:
        while not self.closing and self._events:
            await asyncio.sleep(self._recheck_s)
            lockers = list(self._events)
            if not lockers or self.closing:
                continue
            try:
                found = await self._find(lockers)
            except Exception:
                log.exception("looking for commands queued elsewhere failed")
                continue
            for locker_id in found:
                self._wake(locker_id)

    def close(self) -> None:
        """End every waiting poll now (server shutdown); new polls answer at once."""
        self.closing = True
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        events, self._events = self._events, {}
        for event in events.values():
            event.set()


SyncView = Callable[[str, _Call], _Reply]


def create_app(
    core: BackendCore,
    *,
    threads: int = DEFAULT_THREADS,
    poll_recheck_s: float = POLL_RECHECK_S,
    partners: PartnerService | None = None,
) -> Starlette:
    """The ASGI application over ``core``.

    Args:
        core: the backend rules and store; the app does not close it.
        threads: the pool that runs the core's (blocking) calls.
        poll_recheck_s: how often a waiting long poll looks at the store itself.
        partners: the partner API's rules (``/v1/partner/``); one over ``core`` with the
            defaults when None. Its webhook dispatcher runs while the app does.
    """
    partners = PartnerService(core) if partners is None else partners
    pool = _Pool(threads)

    def with_commands(lockers: list[str]) -> list[str]:
        return [locker_id for locker_id in lockers if core.pending_commands(locker_id)]

    async def find_commands(lockers: list[str]) -> list[str]:
        # A few dozen lockers per turn in the pool: a thousand queries in one go would
        # hold the GIL for tens of ms and every request meanwhile would wait on it.
        found: list[str] = []
        for start in range(0, len(lockers), SWEEP_CHUNK):
            found += await pool.run(with_commands, lockers[start : start + SWEEP_CHUNK])
        return found

    polls = LongPolls(find_commands, poll_recheck_s)
    core.add_command_listener(polls.notify)
    fingerprint_key = core.store.secret("idempotency")
    # Replays must be atomic with the first answer: a repeat of a key waits until the first
    # call with that key has stored its answer. Striped by key, so verifies with different
    # keys still run side by side (a key derivation releases the GIL).
    key_locks = [threading.Lock() for _ in range(64)]
    last_purge = [0.0]

    def authed(call: _Call) -> str:
        """The bearer token's locker; a path locker must be that locker.

        Another locker and no locker at all get the same 401: a different answer would
        let a token holder list every locker id.
        """
        token_locker = core.authenticate(_bearer(call))
        path_locker = call.params.get("locker_id")
        if path_locker is not None and path_locker != token_locker:
            raise Unauthorized("token is not for this locker")
        return token_locker

    def keyed(view: SyncView, locker_id: str, call: _Call) -> _Reply:
        """Honour ``Idempotency-Key``: store the first answer, replay it for a repeat."""
        key = call.headers.get("Idempotency-Key")
        if key is None:
            return view(locker_id, call)
        if not (1 <= len(key) <= 200) or not key.isprintable() or not key.isascii():
            raise BadRequest("Idempotency-Key must be 1-200 printable ASCII characters")
        # Keyed: the body holds a pickup code, and a plain hash of a 6-digit code is
        # reversed by trying all 10^6 of them. Without the server's key it cannot be.
        fingerprint = hmac.new(
            fingerprint_key,
            b"\0".join([call.method.encode(), call.path.encode(), call.body]),
            hashlib.sha256,
        ).hexdigest()
        stripe = int.from_bytes(hashlib.blake2s(f"{locker_id}\0{key}".encode()).digest()[:4])
        with key_locks[stripe % len(key_locks)]:
            stored = core.store.stored_response(core.store.read(), locker_id, key)
            if stored is not None:
                if stored.fingerprint != fingerprint:
                    raise IdempotencyKeyReused("key was used with another request")
                return _Reply(
                    stored.status,
                    stored.body.encode(),
                    stored.content_type if stored.body else None,
                    (("Idempotent-Replayed", "true"),),
                )
            try:
                reply = view(locker_id, call)
            except BackendError as err:
                reply = _problem(err)
            if reply.status < 500:
                now = time.time()
                with core.store.transaction() as db:
                    core.store.store_response(
                        db,
                        locker_id,
                        key,
                        StoredResponse(
                            fingerprint,
                            reply.status,
                            reply.media_type or JSON,
                            reply.body.decode(),
                        ),
                        now,
                    )
                    if now - last_purge[0] > 3600:
                        last_purge[0] = now
                        core.store.purge_responses(db, now - IDEMPOTENCY_KEEP_S)
            return reply

    def run_view(view: SyncView, is_keyed: bool, call: _Call) -> _Reply:
        locker_id = authed(call)
        return keyed(view, locker_id, call) if is_keyed else view(locker_id, call)

    async def answer(work: Awaitable[_Reply], call: _Call | None) -> Response:
        try:
            reply = await work
        except BackendError as err:
            reply = _problem(err)
        except Exception:
            where = f"{call.method} {call.path}" if call else "a request"
            log.exception("unhandled error in %s", where)
            reply = _problem(ServerError("internal error"))
        return reply.response()

    def endpoint(
        view: SyncView, *, is_keyed: bool = False
    ) -> Callable[[Request], Awaitable[Response]]:
        async def handle(request: Request) -> Response:
            try:
                call = await _call_of(request)
            except BackendError as err:
                return problem_response(err)
            return await answer(pool.run(run_view, view, is_keyed, call), call)

        handle.__name__ = view.__name__
        return handle

    # ------------------------------------------------------------ 1
    def get_locker(locker_id: str, call: _Call) -> _Reply:
        return _json(core.get_locker(locker_id))

    # ------------------------------------------------------------ 2
    def pickups(locker_id: str, call: _Call) -> _Reply:
        body = _decode(PickupRequest, call)
        return _json(core.verify_pickup(locker_id, body.code, body.phone))

    # ------------------------------------------------------------ 3
    def sends(locker_id: str, call: _Call) -> _Reply:
        body = _decode(SendRequest, call)
        return _json(core.verify_send(locker_id, body.code))

    # ------------------------------------------------------------ 4
    def courier_sessions(locker_id: str, call: _Call) -> _Reply:
        body = _decode(CourierLogin, call)
        session = core.courier_login(
            locker_id, courier_id=body.courier_id, pin=body.pin, badge=body.badge
        )
        return _json(session, 201)

    # ------------------------------------------------------------ 5
    def courier_logout(locker_id: str, call: _Call) -> _Reply:
        core.courier_logout(locker_id, call.headers.get("X-Courier-Session"))
        return _NO_CONTENT

    # ------------------------------------------------------------ 6
    def courier_tasks(locker_id: str, call: _Call) -> _Reply:
        return _json(core.courier_tasks(locker_id, call.headers.get("X-Courier-Session")))

    # ------------------------------------------------------------ 7
    def put_rent(locker_id: str, call: _Call) -> _Reply:
        body = _decode(RentRequest, call)
        rent = core.reserve_rent(
            locker_id,
            call.params["rent_id"],
            body,
            session_token=call.headers.get("X-Courier-Session"),
        )
        return _json(rent)

    # ------------------------------------------------------------ 8
    def events(locker_id: str, call: _Call) -> _Reply:
        batch = _decode(EventBatch, call)
        if len(batch.events) > MAX_BATCH:
            raise BadRequest(f"at most {MAX_BATCH} events per batch")
        return _json({"results": core.send_events(locker_id, batch.events)})

    # ------------------------------------------------------------ 9
    def heartbeat(locker_id: str, call: _Call) -> _Reply:
        return _json(core.heartbeat(locker_id, _decode(Heartbeat, call)))

    # ------------------------------------------------------------ 10
    def poll_start(call: _Call) -> tuple[str, float, list[Command]]:
        locker_id = authed(call)
        return locker_id, _wait_s(call), core.pending_commands(locker_id)

    async def wait_for_commands(call: _Call) -> _Reply:
        """The long poll: pending commands now, or when one is queued, or [] at the end.

        Waits on the loop, not in a thread: only the look at the store runs in the pool.
        """
        loop = asyncio.get_running_loop()
        polls.open(loop)
        seen = polls.seq  # wakes numbered above this came after the store was read
        locker_id, wait, pending = await pool.run(poll_start, call)
        deadline = loop.time() + wait
        if not pending and wait > 0:
            log.debug("long poll for %s waits up to %g s", locker_id, wait)
        while not pending and not polls.closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            if not polls.woken_since(locker_id, seen):
                await polls.wait(locker_id, remaining)
            seen = polls.seq
            pending = await pool.run(core.pending_commands, locker_id)
        return _json({"commands": pending})

    async def commands(request: Request) -> Response:
        call = await _call_of(request)
        return await answer(wait_for_commands(call), call)

    # ------------------------------------------------------------ 11
    def ack(locker_id: str, call: _Call) -> _Reply:
        body = _decode(CommandAck, call)
        core.ack_command(locker_id, call.params["command_id"], body.result, body.detail)
        return _NO_CONTENT

    # ------------------------------------------------------------ 12
    def app_pairings(locker_id: str, call: _Call) -> _Reply:
        return _json(core.app_pairing(locker_id), 201)

    # ------------------------------------------------------------ 13
    def offline_codes(locker_id: str, call: _Call) -> _Reply:
        return _json(core.offline_codes(locker_id))

    lockers = "/v1/lockers/{locker_id}"
    routes = [
        Route(lockers, endpoint(get_locker), methods=["GET"]),
        Route(lockers + "/pickups", endpoint(pickups, is_keyed=True), methods=["POST"]),
        Route(lockers + "/sends", endpoint(sends, is_keyed=True), methods=["POST"]),
        Route(
            lockers + "/courier-sessions",
            endpoint(courier_sessions, is_keyed=True),
            methods=["POST"],
        ),
        Route("/v1/courier-sessions/current", endpoint(courier_logout), methods=["DELETE"]),
        Route(lockers + "/courier-tasks", endpoint(courier_tasks), methods=["GET"]),
        Route(lockers + "/rents/{rent_id}", endpoint(put_rent), methods=["PUT"]),
        Route(lockers + "/events", endpoint(events, is_keyed=True), methods=["POST"]),
        Route(lockers + "/heartbeat", endpoint(heartbeat), methods=["POST"]),
        Route(lockers + "/commands", commands, methods=["GET"]),
        Route("/v1/commands/{command_id}/ack", endpoint(ack, is_keyed=True), methods=["POST"]),
        Route(lockers + "/app-pairings", endpoint(app_pairings, is_keyed=True), methods=["POST"]),
        Route(lockers + "/offline-codes", endpoint(offline_codes), methods=["GET"]),
        *partner_routes(core, partners),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        """The router's own answers (404, 405 with ``Allow``) as problems."""
        assert isinstance(exc, HTTPException)
        resp = problem_response(_http_error(exc.status_code, exc.detail))
        allow = (exc.headers or {}).get("Allow")
        if allow:
            resp.headers["Allow"] = allow
        return resp

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
        return problem_response(ServerError("internal error"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        polls.open(asyncio.get_running_loop())
        partners.start()
        try:
            yield
        finally:
            polls.close()
            await asyncio.to_thread(partners.stop)  # a webhook post under way finishes
            pool.shutdown()

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: unexpected},
        lifespan=lifespan,
    )
    # A wrong trailing slash is a 404 problem, as it always was, not a redirect.
    app.router.redirect_slashes = False
    app.state.long_polls = polls
    return app


# ---------------------------------------------------------------- serving
def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (0 = an ephemeral port).

    Raises:
        OSError: the port is taken, the address is not on this machine, no permission.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    # With its protocol (TCP) named: asyncio sets TCP_NODELAY only on such sockets, and
    # without it every answer written in two parts waits out the client's delayed ACK.
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _config(app: Starlette, *, access_log: bool = False) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http="h11",
        loop="asyncio",
        lifespan="on",
        # The caller's logging stays as it is (uvicorn would install its own handlers).
        log_config=None,
        access_log=access_log,
        proxy_headers=False,
        server_header=False,
        headers=[("Server", "locker-kiosk")],
        timeout_keep_alive=KEEP_ALIVE_S,
    )


class _Server(uvicorn.Server):
    """uvicorn's server, which ends the app's long polls first when it shuts down.

    uvicorn waits for every open request before it tells the app (lifespan) it is
    stopping, and a long poll may have 60 s left: ending them first lets a stop take a
    fraction of a second.
    """

    def __init__(self, config: uvicorn.Config, polls: LongPolls | None) -> None:
        super().__init__(config)
        self._polls = polls
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets)
        finally:
            self.ready.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self._polls is not None:
            self._polls.close()
        await super().shutdown(sockets)


def _polls_of(app: Starlette) -> LongPolls | None:
    polls = getattr(app.state, "long_polls", None)
    return polls if isinstance(polls, LongPolls) else None


class ServerHandle:
    """uvicorn serving ``app`` on a thread; :meth:`stop` ends it and joins the thread.

    The socket is bound here, so :attr:`port` and :attr:`url` are known (and a taken port
    is an ``OSError``) before :meth:`start`.
    """

    def __init__(self, app: Starlette, host: str, port: int, *, access_log: bool = False) -> None:
        self._sock = _bind(host, port)
        self.host = host
        self.port = int(self._sock.getsockname()[1])
        self.url = _url(host, self.port)
        self._server = _Server(_config(app, access_log=access_log), _polls_of(app))
        self._thread = threading.Thread(target=self.run, name=f"server-{self.port}", daemon=True)
        self._stopped = False

    def start(self) -> ServerHandle:
        """Start serving on a thread; returns once the server accepts connections.

        Raises:
            RuntimeError: the server did not start (its log says why).
        """
        self._thread.start()
        self._server.ready.wait(30)
        if not self._server.started:
            self.stop()
            raise RuntimeError(f"server on {self.url} did not start")
        return self

    def run(self) -> None:
        """Serve on this thread until :meth:`stop` (or, on the main thread, a signal)."""
        try:
            self._server.run(sockets=[self._sock])
        finally:
            self._server.ready.set()
            self._sock.close()

    def stop(self) -> None:
        """End the long polls, finish open requests, close every connection, join."""
        if self._stopped:
            return
        self._stopped = True
        self._server.should_exit = True
        if not self._thread.is_alive():
            self._sock.close()
            return
        self._thread.join(10)
        if self._thread.is_alive():
            log.warning("server on %s did not stop in 10 s; closing connections", self.url)
            self._server.force_exit = True
            self._thread.join(5)


def serve_in_thread(
    core: BackendCore, host: str = "127.0.0.1", port: int = 0
) -> tuple[str, Callable[[], None]]:
    """Serve ``core`` on ``host:port`` (0 = an ephemeral port) in a thread.

    Returns:
        The base URL (``http://127.0.0.1:PORT/``) and a function that stops the server.
        The core is not closed by stopping: a test may restart on the same port.
    """
    handle = ServerHandle(create_app(core), host, port).start()
    return handle.url, handle.stop


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not verbose:  # uvicorn's start and stop chatter
        logging.getLogger("uvicorn.error").setLevel(logging.WARNING)


def _end_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # uvicorn shuts down gracefully on SIGTERM and then raises it again under the handler
    # it found: ending by SystemExit lets the caller close the store on the way out.
    raise SystemExit(0)


def _serve_here(
    core: BackendCore,
    sock: socket.socket,
    threads: int,
    verbose: bool,
    retention_days: float = DEFAULT_RETENTION_DAYS,
) -> bool:
    """Serve ``core`` on ``sock`` on this (main) thread until SIGINT or SIGTERM.

    Returns:
        Whether the server started (the application's startup can fail).
    """
    partners = PartnerService(core, retention_s=retention_days * DAY_S)
    app = create_app(core, threads=threads, partners=partners)
    server = _Server(_config(app, access_log=verbose), _polls_of(app))
    signal.signal(signal.SIGTERM, _end_on_sigterm)
    # Everything imported and built so far lives as long as the process: leave it out of
    # the collector's full passes, which otherwise walk it all while a thousand held long
    # polls wait (a 0.2 s pause of the loop at 1000 kiosks, measured).
    gc.collect()
    gc.freeze()
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        server.run(sockets=[sock])
    return server.started


def _worker(
    db: str, sock: socket.socket, threads: int, verbose: bool, retention_days: float
) -> None:
    """One of ``--workers N`` processes: its own core over the shared database."""
    _setup_logging(verbose)
    core = BackendCore.open(db)
    try:
        started = _serve_here(core, sock, threads, verbose, retention_days)
    finally:
        core.close()
    if not started:
        raise SystemExit(3)


def _supervise(
    db: str,
    sock: socket.socket,
    workers: int,
    threads: int,
    verbose: bool,
    retention_days: float = DEFAULT_RETENTION_DAYS,
) -> None:
    """Run ``workers`` server processes on ``sock``; one that dies is started again.

    SIGINT or SIGTERM here ends them all (each finishes its open requests first).
    """
    spawn = multiprocessing.get_context("spawn")
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    def start() -> BaseProcess:
        proc = spawn.Process(
            target=_worker,
            args=(db, sock, threads, verbose, retention_days),
            name="locker-kiosk-worker",
        )
        proc.start()
        return proc

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    try:
        while not stop.wait(0.5):
            for i, proc in enumerate(procs):
                if not proc.is_alive() and not stop.is_set():
                    log.error("worker %s ended (exit code %s); starting another",
                              proc.pid, proc.exitcode)  # fmt: skip
                    procs[i] = start()
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(15)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``locker-kiosk-server``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["command"]:
        return command_main(argv[1:])
    if argv[:1] and argv[0] in ("locker", "courier", "parcel", "send", "events"):
        from kiosk.backend import operator_cli

        return operator_cli.main(argv)
    if argv[:1] == ["partner"]:
        from kiosk.backend.partner import partner_main

        return partner_main(argv[1:])
    if argv[:1] == ["purge"]:
        from kiosk.backend.partner import purge_main

        return purge_main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="locker-kiosk-server",
        description="Reference backend for locker-kiosk: the embedded backend over HTTP.",
        epilog="Operator commands (each with --help): locker add|token, courier add, parcel "
        "announce, send add, events, command, partner add|key|revoke|webhook|status, purge.",
    )
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on")
    parser.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help="threads per process that run the backend (long polls hold none)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes on the one port, each with its own connection to --db",
    )
    parser.add_argument(
        "--seed-demo",
        action="store_true",
        help="create locker 'demo' (token 'demo') with parcels and print their codes",
    )
    parser.add_argument(
        "--kdf-iterations",
        type=int,
        default=DEFAULT_KDF_ITERATIONS,
        help="PBKDF2 work factor for the demo locker's code hashes (lower only for tests)",
    )
    parser.add_argument(
        "--retention-days",
        type=float,
        default=DEFAULT_RETENTION_DAYS,
        help="erase the phone numbers and e-mails of parcels picked up, collected or "
        "cancelled this many days ago (events are kept); default %(default)s",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log requests")
    args = parser.parse_args(argv)
    if args.threads < 1 or args.workers < 1:
        parser.error("--threads and --workers must be at least 1")
    if not 0 < args.retention_days <= 3650:
        parser.error("--retention-days must be more than 0 and at most 3650")
    _setup_logging(args.verbose)
    try:
        core = BackendCore.open(args.db)
    except (sqlite3.Error, OSError) as exc:
        print(f"locker-kiosk-server: cannot open database {args.db}: {exc}", file=sys.stderr)
        return 2
    try:
        if args.seed_demo:
            try:
                codes = seed_demo(core, kdf_iterations=args.kdf_iterations)
            except ValueError as exc:
                print(f"locker-kiosk-server: {exc}", file=sys.stderr)
                return 2
            print("seeded locker 'demo' (token 'demo')")
            for demo_code in codes:
                if demo_code.kind != "deliver":
                    print(demo_code.line())
            for line in courier_lines():
                print(line)
            for demo_code in codes:
                if demo_code.kind == "deliver":
                    print(demo_code.line())
            sys.stdout.flush()
        try:
            sock = _bind(args.host, args.port)
        except OSError as exc:  # port in use, address not on this machine, no permission
            reason = exc.strerror or str(exc)
            print(
                f"locker-kiosk-server: cannot listen on {args.host}:{args.port}: {reason}",
                file=sys.stderr,
            )
            return 2
        with sock:
            print(f"serving on {_url(args.host, sock.getsockname()[1])}", flush=True)
            if args.workers == 1:
                if not _serve_here(core, sock, args.threads, args.verbose, args.retention_days):
                    return 1
            else:
                core.close()  # each worker opens its own
                _supervise(
                    args.db, sock, args.workers, args.threads, args.verbose, args.retention_days
                )
    finally:
        core.close()
    return 0


# ---------------------------------------------------------------- operator CLI: commands
def command_parser() -> argparse.ArgumentParser:
    """``locker-kiosk-server command``: queue a back-office command for a kiosk."""
    parser = argparse.ArgumentParser(
        prog="locker-kiosk-server command",
        description="Queue a back-office command for a locker's kiosk (#10); it is sent on "
        "the kiosk's next long poll. Prints the command_id.",
    )
    parser.add_argument(
        "--db", required=True, help="the server's database: a SQLite file or a postgresql:// URL"
    )
    parser.add_argument("--locker", required=True, help="locker id (e.g. demo)")
    sub = parser.add_subparsers(dest="what", required=True, metavar="COMMAND")
    opening = sub.add_parser("open", help="open a compartment (open_compartment)")
    opening.add_argument("compartment", help="compartment id, e.g. A07")
    opening.add_argument(
        "--reason",
        choices=["backoffice", "app_pickup", "app_send"],
        default="backoffice",
        help="why (default backoffice)",
    )
    opening.add_argument(
        "--app",
        action="store_true",
        help="as the operator's app picking up the parcel in that compartment "
        "(reason app_pickup, the compartment's deposited rent)",
    )
    opening.add_argument("--rent", help="rent id the events belong to")
    opening.add_argument("--name", default="", help="display_name shown at the open door")
    oos = sub.add_parser("out-of-service", help="set_out_of_service")
    oos.add_argument("compartment", help="compartment id, or 'all' for the whole locker")
    oos.add_argument("state", choices=["on", "off"])
    message = sub.add_parser("message", help="a banner on the idle screen (show_message)")
    message.add_argument("text", help="the text ('' clears the banner)")
    message.add_argument(
        "--until", required=True, help="RFC 3339 / ISO time, e.g. 2026-12-01T18:00:00+01:00"
    )
    sub.add_parser("reload", help="fetch layout and settings again (reload_config)")
    status = sub.add_parser("status", help="show a command's acknowledgement")
    status.add_argument("command_id")
    return parser


def command_args(core: BackendCore, args: argparse.Namespace) -> tuple[str, dict[str, object]]:
    """The command type and args for ``args``.

    Raises:
        ValueError: the arguments do not make a command (said in one line).
    """
    if args.what == "open":
        body: dict[str, object] = {"compartment_id": args.compartment}
        reason = "app_pickup" if args.app else args.reason
        body["reason"] = reason
        rent = args.rent
        if args.app and not rent:
            db = core.store.read()
            rows = core.store.rents_in(db, args.locker, args.compartment, "deposited")
            if len(rows) != 1:
                raise ValueError(f"no parcel waiting in {args.compartment}: give --rent")
            rent = str(rows[0]["rent_id"])
        if rent:
            body["rent_id"] = rent
        if args.name:
            body["display_name"] = args.name
        return "open_compartment", body
    if args.what == "out-of-service":
        compartment = None if args.compartment == "all" else args.compartment
        return "set_out_of_service", {"compartment_id": compartment, "on": args.state == "on"}
    if args.what == "message":
        try:
            until = datetime.fromisoformat(args.until)
        except ValueError:
            raise ValueError(f"--until {args.until!r} is not an ISO time") from None
        if until.tzinfo is None:
            until = until.astimezone()  # the operator's local time
        return "show_message", {"text": args.text, "until": until.isoformat()}
    return "reload_config", {}


def command_main(argv: Sequence[str]) -> int:
    """``locker-kiosk-server command --db FILE --locker ID ...``; prints the command_id."""
    from kiosk.backend.operator_cli import OperatorError, open_core

    args = command_parser().parse_args(argv)
    try:
        core = open_core(args.db)  # a missing file is an error, not a new empty database
    except OperatorError as err:
        print(f"locker-kiosk-server: {err}", file=sys.stderr)
        return 2
    try:
        if core.store.locker(core.store.read(), args.locker) is None:
            print(f"locker-kiosk-server: no locker {args.locker!r} in {args.db}", file=sys.stderr)
            return 2
        if args.what == "status":
            row = core.store.command(core.store.read(), args.command_id)
            if row is None or row["locker_id"] != args.locker:
                print(f"locker-kiosk-server: no command {args.command_id}", file=sys.stderr)
                return 2
            if row["acked_at"] is None:
                print("pending")
            else:
                print(f"{row['result']}: {row['detail']}")
            return 0
        try:
            type_, body = command_args(core, args)
        except ValueError as exc:
            print(f"locker-kiosk-server: {exc}", file=sys.stderr)
            return 2
        print(core.enqueue_command(args.locker, type_, body), flush=True)
    finally:
        core.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
