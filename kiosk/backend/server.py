"""``locker-kiosk-server``: the embedded backend served over HTTP per ``openapi.yaml``.

Flask makes the routes (a small synchronous framework that matches the synchronous SQLite
store) and waitress serves them (a pure-Python, multi-threaded production WSGI server:
a long poll holds one thread, not the whole server). See ``README.md`` in this package.

Every error answer is ``application/problem+json`` with a stable ``code`` — including
Flask's own 404/405/413 and bodies that do not parse. POSTs that change state honour
``Idempotency-Key``: the first answer for a key is stored and replayed for a repeat with
the same body; the same key with another body is 422 ``idempotency_key_reused``. The body
is remembered only as an HMAC-SHA256 under a key the database made for itself, because
a pickup body holds a code.

For tests, :func:`serve_in_thread` starts the server on an ephemeral loopback port and
returns its URL and a stop function.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import hmac
import logging
import math
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import msgspec
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from kiosk.backend.api import (
    DEFAULT_KDF_ITERATIONS,
    BackendError,
    BadRequest,
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
from kiosk.backend.db import is_postgres
from kiosk.backend.demo import courier_lines, seed_demo
from kiosk.backend.embedded import BackendCore
from kiosk.backend.store import StoredResponse

log = logging.getLogger("kiosk.backend.server")

T = TypeVar("T")

MAX_BODY_BYTES = 1_000_000
MAX_BATCH = 500
#: How long an answer stays replayable for its Idempotency-Key (the contract asks >= 24 h).
IDEMPOTENCY_KEEP_S = 48 * 3600.0
JSON = "application/json"
PROBLEM_JSON = "application/problem+json"

View = Callable[..., Response]


def _json(obj: object, status: int = 200) -> Response:
    return Response(msgspec.json.encode(obj), status=status, mimetype=JSON)


def problem_response(err: BackendError) -> Response:
    """The problem+json answer for an error (with ``Retry-After`` when it has one)."""
    resp = Response(msgspec.json.encode(err.problem()), status=err.status, mimetype=PROBLEM_JSON)
    if err.retry_after is not None:
        resp.headers["Retry-After"] = str(max(1, math.ceil(err.retry_after)))
    return resp


def _http_error(exc: HTTPException) -> BackendError:
    status = exc.code or 500
    detail = exc.description or ""
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


def _decode(type_: type[T], *, allow_empty: bool = False) -> T:
    raw = request.get_data(cache=True)
    if not raw and allow_empty:
        raw = b"{}"
    try:
        return msgspec.json.decode(raw, type=type_)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise BadRequest(f"request body: {exc}") from None
    except RecursionError:
        # msgspec's own depth limit, hit by a body of thousands of nested arrays.
        raise BadRequest("request body nested too deeply") from None


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def create_app(core: BackendCore, *, name: str = "kiosk.backend.server") -> Flask:
    """The WSGI application over ``core``.

    Args:
        core: the backend rules and store; the app does not close it.
        name: Flask import name (only used for logging).
    """
    app = Flask(name)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    # Replays must be atomic with the first answer: one keyed POST at a time. SQLite
    # serializes writes anyway, and long polls (GET) do not take this lock.
    keyed_lock = threading.Lock()
    last_purge = [0.0]
    fingerprint_key = core.store.secret("idempotency")

    def authed(view: View) -> View:
        """Resolve the bearer token to a locker; a path locker must be that locker.

        Another locker and no locker at all get the same 401: a different answer would
        let a token holder list every locker id.
        """

        @functools.wraps(view)
        def wrapper(**kwargs: Any) -> Response:
            token_locker = core.authenticate(_bearer())
            path_locker = kwargs.pop("locker_id", None)
            if path_locker is not None and path_locker != token_locker:
                raise Unauthorized("token is not for this locker")
            return view(token_locker, **kwargs)

        return wrapper

    def keyed(view: View) -> View:
        """Honour ``Idempotency-Key``: store the first answer, replay it for a repeat."""

        @functools.wraps(view)
        def wrapper(locker_id: str, **kwargs: Any) -> Response:
            key = request.headers.get("Idempotency-Key")
            if key is None:
                return view(locker_id, **kwargs)
            if not (1 <= len(key) <= 200) or not key.isprintable() or not key.isascii():
                raise BadRequest("Idempotency-Key must be 1-200 printable ASCII characters")
            raw = request.get_data(cache=True)
            # Keyed: the body holds a pickup code, and a plain hash of a 6-digit code is
            # reversed by trying all 10^6 of them. Without the server's key it cannot be.
            fingerprint = hmac.new(
                fingerprint_key,
                b"\0".join([request.method.encode(), request.path.encode(), raw]),
                hashlib.sha256,
            ).hexdigest()
            with keyed_lock:
                stored = core.store.stored_response(core.store.read(), locker_id, key)
                if stored is not None:
                    if stored.fingerprint != fingerprint:
                        raise IdempotencyKeyReused("key was used with another request")
                    resp = Response(
                        stored.body, status=stored.status, content_type=stored.content_type
                    )
                    resp.headers["Idempotent-Replayed"] = "true"
                    return resp
                try:
                    resp = view(locker_id, **kwargs)
                except BackendError as err:
                    resp = problem_response(err)
                if resp.status_code < 500:
                    now = time.time()
                    with core.store.transaction() as db:
                        core.store.store_response(
                            db,
                            locker_id,
                            key,
                            StoredResponse(
                                fingerprint,
                                resp.status_code,
                                resp.content_type or JSON,
                                resp.get_data(as_text=True),
                            ),
                            now,
                        )
                        if now - last_purge[0] > 3600:
                            last_purge[0] = now
                            core.store.purge_responses(db, now - IDEMPOTENCY_KEEP_S)
                return resp

        return wrapper

    @app.errorhandler(BackendError)
    def _backend_error(err: BackendError) -> Response:
        return problem_response(err)

    @app.errorhandler(HTTPException)
    def _werkzeug_error(exc: HTTPException) -> Response:
        resp = problem_response(_http_error(exc))
        valid = getattr(exc, "valid_methods", None)
        if valid:
            resp.headers["Allow"] = ", ".join(valid)
        return resp

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.error("unhandled error in %s %s", request.method, request.path, exc_info=exc)
        return problem_response(ServerError("internal error"))

    def route(rule: str, methods: Sequence[str]) -> Callable[[View], View]:
        return app.route(rule, methods=list(methods), provide_automatic_options=False)

    # ------------------------------------------------------------ 1
    @route("/v1/lockers/<locker_id>", ["GET"])
    @authed
    def get_locker(locker_id: str) -> Response:
        return _json(core.get_locker(locker_id))

    # ------------------------------------------------------------ 2
    @route("/v1/lockers/<locker_id>/pickups", ["POST"])
    @authed
    @keyed
    def pickups(locker_id: str) -> Response:
        body = _decode(PickupRequest)
        return _json(core.verify_pickup(locker_id, body.code, body.phone))

    # ------------------------------------------------------------ 3
    @route("/v1/lockers/<locker_id>/sends", ["POST"])
    @authed
    @keyed
    def sends(locker_id: str) -> Response:
        body = _decode(SendRequest)
        return _json(core.verify_send(locker_id, body.code))

    # ------------------------------------------------------------ 4
    @route("/v1/lockers/<locker_id>/courier-sessions", ["POST"])
    @authed
    @keyed
    def courier_sessions(locker_id: str) -> Response:
        body = _decode(CourierLogin)
        session = core.courier_login(
            locker_id, courier_id=body.courier_id, pin=body.pin, badge=body.badge
        )
        return _json(session, 201)

    # ------------------------------------------------------------ 5
    @route("/v1/courier-sessions/current", ["DELETE"])
    @authed
    def courier_logout(locker_id: str) -> Response:
        core.courier_logout(locker_id, request.headers.get("X-Courier-Session"))
        return Response(status=204)

    # ------------------------------------------------------------ 6
    @route("/v1/lockers/<locker_id>/courier-tasks", ["GET"])
    @authed
    def courier_tasks(locker_id: str) -> Response:
        return _json(core.courier_tasks(locker_id, request.headers.get("X-Courier-Session")))

    # ------------------------------------------------------------ 7
    @route("/v1/lockers/<locker_id>/rents/<rent_id>", ["PUT"])
    @authed
    def put_rent(locker_id: str, rent_id: str) -> Response:
        body = _decode(RentRequest)
        rent = core.reserve_rent(
            locker_id, rent_id, body, session_token=request.headers.get("X-Courier-Session")
        )
        return _json(rent)

    # ------------------------------------------------------------ 8
    @route("/v1/lockers/<locker_id>/events", ["POST"])
    @authed
    @keyed
    def events(locker_id: str) -> Response:
        batch = _decode(EventBatch)
        if len(batch.events) > MAX_BATCH:
            raise BadRequest(f"at most {MAX_BATCH} events per batch")
        return _json({"results": core.send_events(locker_id, batch.events)})

    # ------------------------------------------------------------ 9
    @route("/v1/lockers/<locker_id>/heartbeat", ["POST"])
    @authed
    def heartbeat(locker_id: str) -> Response:
        return _json(core.heartbeat(locker_id, _decode(Heartbeat)))

    # ------------------------------------------------------------ 10
    @route("/v1/lockers/<locker_id>/commands", ["GET"])
    @authed
    def commands(locker_id: str) -> Response:
        raw = request.args.get("wait", "0")
        try:
            wait = float(raw)
        except ValueError:
            raise BadRequest("wait must be a number of seconds") from None
        if not (0 <= wait <= 60):
            raise BadRequest("wait must be between 0 and 60 seconds")
        return _json({"commands": core.poll_commands(locker_id, wait)})

    # ------------------------------------------------------------ 11
    @route("/v1/commands/<command_id>/ack", ["POST"])
    @authed
    @keyed
    def ack(locker_id: str, command_id: str) -> Response:
        body = _decode(CommandAck)
        core.ack_command(locker_id, command_id, body.result, body.detail)
        return Response(status=204)

    # ------------------------------------------------------------ 12
    @route("/v1/lockers/<locker_id>/app-pairings", ["POST"])
    @authed
    @keyed
    def app_pairings(locker_id: str) -> Response:
        return _json(core.app_pairing(locker_id), 201)

    # ------------------------------------------------------------ 13
    @route("/v1/lockers/<locker_id>/offline-codes", ["GET"])
    @authed
    def offline_codes(locker_id: str) -> Response:
        return _json(core.offline_codes(locker_id))

    return app


class ServerHandle:
    """A waitress server running on a thread; :meth:`stop` closes it and joins the thread."""

    def __init__(self, app: Flask, host: str, port: int, threads: int = 8) -> None:
        from waitress.server import create_server

        self._server = create_server(
            app, host=host, port=port, threads=threads, channel_timeout=120, ident="locker-kiosk"
        )
        self.host = host
        self.port = int(self._server.effective_port)
        self.url = f"http://{host}:{self.port}/"
        self._thread = threading.Thread(
            target=self._server.run, name=f"server-{self.port}", daemon=True
        )
        self._stopped = False

    def start(self) -> ServerHandle:
        """Start serving."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection and the listening socket, then join the serving thread."""
        if self._stopped:
            return
        self._stopped = True
        server = self._server

        def close_all() -> None:
            # Runs on the serving thread: closing the map's sockets ends its loop. The
            # listening server last: its close() also closes the trigger.
            for dispatcher in list(server._map.values()):
                if dispatcher is not server and dispatcher is not server.trigger:
                    with contextlib.suppress(OSError):
                        dispatcher.close()
            with contextlib.suppress(OSError):
                server.close()

        try:
            server.trigger.pull_trigger(close_all)
        except OSError:  # the trigger is gone already: the loop has ended or is ending
            log.warning("server trigger unavailable at stop; closing from this thread")
            close_all()
        self._thread.join(10)
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``locker-kiosk-server``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["command"]:
        return command_main(argv[1:])
    if argv[:1] and argv[0] in ("locker", "courier", "parcel", "send", "events"):
        from kiosk.backend import operator_cli

        return operator_cli.main(argv)
    parser = argparse.ArgumentParser(
        prog="locker-kiosk-server",
        description="Reference backend for locker-kiosk: the embedded backend over HTTP.",
    )
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on")
    parser.add_argument("--threads", type=int, default=8, help="worker threads")
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
    parser.add_argument("--verbose", "-v", action="store_true", help="log requests")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
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
            handle = ServerHandle(create_app(core), args.host, args.port, args.threads)
        except OSError as exc:  # port in use, address not on this machine, no permission
            reason = exc.strerror or str(exc)
            print(
                f"locker-kiosk-server: cannot listen on {args.host}:{args.port}: {reason}",
                file=sys.stderr,
            )
            return 2
        print(f"serving on {handle.url}", flush=True)
        try:
            handle._server.run()
        except KeyboardInterrupt:
            pass
        finally:
            handle._server.task_dispatcher.shutdown()
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
    args = command_parser().parse_args(argv)
    if not is_postgres(args.db) and not Path(args.db).is_file():
        print(f"locker-kiosk-server: no database {args.db}", file=sys.stderr)
        return 2
    try:
        core = BackendCore.open(args.db)
    except (sqlite3.Error, OSError) as exc:
        print(f"locker-kiosk-server: cannot open database {args.db}: {exc}", file=sys.stderr)
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
