"""``RestBackend``: the :class:`~kiosk.backend.api.LockerBackend` over HTTPS with requests.

What it guarantees the kiosk:

* Only typed results or :class:`~kiosk.backend.api.BackendError` subclasses come out. A
  transport failure (refused, timeout, TLS, 5xx after retries) is ``Unavailable``; an answer
  that cannot be trusted (malformed JSON, wrong types, an HTML page from a proxy, a
  truncated body, an error without a problem body, a problem whose code does not go with
  its status) is ``InvalidResponse`` — never a "wrong code" that costs a shopper an attempt.
* Retries (urllib3 ``Retry``: exponential backoff with jitter) only for GETs, PUTs and POSTs
  that carry an ``Idempotency-Key``; never for 429 (that is the answer). The heartbeat, the
  one unkeyed POST, is sent once. Each call's total time stays within its timeout budget:
  the budget is split over the attempts, and the body is read against one deadline (a
  server trickling its answer byte by byte is ``Unavailable`` when the budget is spent).
  An answer over 32 MiB, or JSON nested deeper than the decoder goes, is ``InvalidResponse``.
* Every state-changing POST carries a fresh ``Idempotency-Key`` (retries reuse it).
* TLS verification is always on (``ca_bundle`` may name a private CA); the bearer token
  comes from ``token_file``, which must not be readable by group or others.

One ``requests.Session`` per thread (sessions are not documented as thread-safe), each
with its own connection pool; the kiosk runs a few workers (interactive calls, heartbeat,
command long-poll, outbox), so that is a handful of sessions.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import msgspec
import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from kiosk.backend.api import (
    ERRORS_BY_CODE,
    AckResult,
    AppPairing,
    BackendError,
    CommandAck,
    Commands,
    CourierLogin,
    CourierSession,
    CourierTasks,
    Event,
    EventBatch,
    EventResult,
    EventResults,
    Heartbeat,
    HeartbeatReply,
    InvalidResponse,
    LockerInfo,
    OfflineCodes,
    PickupRequest,
    PickupResult,
    Problem,
    Rent,
    RentRequest,
    SendInfo,
    SendRequest,
    Unavailable,
    UnexpectedError,
    redact,
)
from kiosk.backend.api import Command as BackendCommand

log = logging.getLogger("kiosk.backend.rest")

T = TypeVar("T")

USER_AGENT = "locker-kiosk"
RETRY_STATUSES = frozenset({502, 503, 504})


class TokenFileError(ValueError):
    """The token file is missing, empty, or readable by others (the kiosk refuses to start)."""


def read_token_file(path: str | Path) -> str:
    """Read a bearer token from a file only its owner may read.

    Raises:
        TokenFileError: the file is missing, empty, not a regular file, or its mode lets the
            group or others read or write it (``chmod 600`` fixes that).
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise TokenFileError(f"cannot read token file {p}: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise TokenFileError(f"token file {p} is not a regular file")
    if st.st_mode & 0o077:
        raise TokenFileError(
            f"token file {p} is accessible by group or others (mode {stat.S_IMODE(st.st_mode):o});"
            " run: chmod 600 " + str(p)
        )
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise TokenFileError(f"token file {p} is not owned by the kiosk's user")
    token = p.read_text(encoding="utf-8").strip()
    if not token:
        raise TokenFileError(f"token file {p} is empty")
    return token


@dataclass(frozen=True, slots=True)
class RestConfig:
    """How to reach the backend.

    Attributes:
        base_url: e.g. ``https://api.example.com/locker/`` (a trailing slash is added).
        locker_id: this kiosk's locker id.
        token: the bearer token (see :func:`read_token_file`,
            :meth:`RestBackend.from_token_file`).
        ca_bundle: a CA bundle file for a private CA; None uses the system's/certifi's.
        timeout_s: the longest a call may take, retries included (what a person waits at
            most for an answer on screen; the contract's default is 8 s).
        connect_timeout_s: TCP/TLS connect timeout of one attempt.
        retries: extra attempts for retryable calls.
        backoff_s: first backoff; doubles each retry, plus up to ``backoff_s`` of jitter.
        pool_size: connections kept per host and thread.
    """

    base_url: str
    locker_id: str
    token: str
    ca_bundle: str | None = None
    timeout_s: float = 8.0
    connect_timeout_s: float = 3.0
    retries: int = 2
    backoff_s: float = 0.2
    pool_size: int = 4


#: The largest answer read: the biggest real one (offline codes of a large locker) is a
#: few hundred kilobytes; anything near this is a misbehaving server, not data.
MAX_ANSWER_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer, read in full within its call's time budget."""

    status: int
    headers: Mapping[str, str]
    content: bytes


class _TooSlow(Exception):
    pass


class _TooLarge(Exception):
    pass


def _read_body(resp: requests.Response, deadline: float) -> bytes:
    """The whole body of ``resp``, or _TooSlow past ``deadline`` / _TooLarge past the cap.

    ``read1`` returns what one read of the socket gives (``read`` would wait for a full
    buffer, however slowly it fills), so the deadline is looked at after every piece.

    Raises:
        _TooSlow, _TooLarge, and urllib3's errors (a cut or undecodable body, a timeout).
    """
    raw = resp.raw
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _TooSlow
        chunk = raw.read1(65536, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise _TooLarge
        chunks.append(chunk)


class RestBackend:
    """The backend contract over HTTPS (see the module docstring for the guarantees).

    Blocking: call it on a worker thread. Thread-safe (one session per thread).

    Args:
        config: where and how to connect.
    """

    def __init__(self, config: RestConfig) -> None:
        self.config = config
        self._base = config.base_url.rstrip("/") + "/"
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        # Time one call may spend on attempts: the budget minus the backoff sleeps.
        backoff_total = sum(
            config.backoff_s * (2**i) + config.backoff_s for i in range(config.retries)
        )
        self._attempt_budget = max(0.5, config.timeout_s - backoff_total)

    @classmethod
    def from_token_file(
        cls, base_url: str, locker_id: str, token_file: str | Path, **kwargs: Any
    ) -> RestBackend:
        """Build a client whose token is read (and permission-checked) from ``token_file``."""
        return cls(
            RestConfig(
                base_url=base_url, locker_id=locker_id, token=read_token_file(token_file), **kwargs
            )
        )

    @property
    def locker_id(self) -> str:
        """The locker this backend speaks for."""
        return self.config.locker_id

    # ------------------------------------------------------------ sessions
    def _new_session(self, retries: int) -> requests.Session:
        cfg = self.config
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            other=0,
            redirect=0,
            allowed_methods=frozenset({"GET", "PUT", "POST", "DELETE"}),
            status_forcelist=RETRY_STATUSES,
            backoff_factor=cfg.backoff_s,
            backoff_jitter=cfg.backoff_s,
            respect_retry_after_header=False,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        session = requests.Session()
        adapter = HTTPAdapter(
            max_retries=retry, pool_connections=1, pool_maxsize=cfg.pool_size, pool_block=False
        )
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.verify = cfg.ca_bundle if cfg.ca_bundle else True
        session.trust_env = False  # no proxy or netrc surprises on a kiosk
        session.headers.update(
            {
                "Authorization": f"Bearer {cfg.token}",
                "Accept": "application/json, application/problem+json",
                "User-Agent": USER_AGENT,
            }
        )
        with self._sessions_lock:
            self._sessions.append(session)
        return session

    def _session(self, retrying: bool) -> requests.Session:
        name = "retrying" if retrying else "once"
        session: requests.Session | None = getattr(self._local, name, None)
        if session is None:
            session = self._new_session(self.config.retries if retrying else 0)
            setattr(self._local, name, session)
        return session

    def close(self) -> None:
        """Close every thread's connection pool."""
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for s in sessions:
            s.close()
        self._local = threading.local()

    # ------------------------------------------------------------ transport
    def _url(self, *parts: str) -> str:
        return self._base + "/".join(quote(p, safe="") for p in parts)

    def _locker_url(self, *parts: str) -> str:
        return self._url("v1", "lockers", self.config.locker_id, *parts)

    def _request(
        self,
        method: str,
        url: str,
        *,
        body: object = None,
        keyed: bool = False,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        read_timeout_s: float | None = None,
    ) -> Answer:
        started = time.monotonic()
        send_headers = dict(headers or {})
        if keyed:
            send_headers["Idempotency-Key"] = idempotency_key or str(uuid.uuid4())
        data = None
        if body is not None:
            data = msgspec.json.encode(body)
            send_headers["Content-Type"] = "application/json"
        # GET/PUT/DELETE and keyed POSTs may be repeated safely; an unkeyed POST may not.
        retrying = method != "POST" or keyed
        attempts = (self.config.retries + 1) if retrying else 1
        per_attempt = self._attempt_budget / attempts
        timeout = (
            min(self.config.connect_timeout_s, per_attempt),
            read_timeout_s if read_timeout_s is not None else per_attempt,
        )
        # The socket timeouts bound each read, not the call: a server (or a middlebox)
        # that trickles its answer a byte at a time would hold a person at the screen for
        # ever. So the body is read here against one deadline for the whole call.
        deadline = started + self.config.timeout_s + (read_timeout_s or 0.0)
        try:
            resp = self._session(retrying).request(
                method,
                url,
                data=data,
                headers=send_headers,
                params=params,
                timeout=timeout,
                allow_redirects=False,
                stream=True,
            )
            try:
                content = _read_body(resp, deadline)
            except BaseException:
                resp.close()  # the connection is in an unknown state: not reused
                raise
            resp.raw.release_conn()  # read to the end: back to the pool (keep-alive)
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
            urllib3.exceptions.ProtocolError,
            urllib3.exceptions.DecodeError,
        ):
            raise InvalidResponse(f"{method} {url}: truncated or undecodable body") from None
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
            # ConnectionError (refused, DNS, TLS), Timeout, RetryError, ...: unreachable.
            raise Unavailable(f"{method} {url}: {type(exc).__name__}") from None
        except _TooSlow:
            raise Unavailable(
                f"{method} {url}: answer not complete within the time budget"
            ) from None
        except _TooLarge:
            raise InvalidResponse(
                f"{method} {url}: answer larger than {MAX_ANSWER_BYTES} bytes"
            ) from None
        return Answer(resp.status_code, resp.headers, content)

    # ------------------------------------------------------------ parsing
    def _call(
        self,
        method: str,
        url: str,
        answer: type[T],
        *,
        ok: Sequence[int] = (200,),
        **kwargs: Any,
    ) -> T:
        resp = self._request(method, url, **kwargs)
        return parse_response(resp.status, resp.headers, resp.content, answer, ok=ok)

    def _call_empty(self, method: str, url: str, **kwargs: Any) -> None:
        resp = self._request(method, url, **kwargs)
        parse_empty(resp.status, resp.headers, resp.content)

    # ------------------------------------------------------------ the contract
    def get_locker(self) -> LockerInfo:
        """#1."""
        return self._call("GET", self._locker_url(), LockerInfo)

    def verify_pickup(self, code: str, phone: str | None = None) -> PickupResult:
        """#2 (the code is never logged)."""
        log.debug("verifying pickup code %s", redact(code))
        return self._call(
            "POST",
            self._locker_url("pickups"),
            PickupResult,
            body=PickupRequest(code=code, phone=phone),
            keyed=True,
        )

    def verify_send(self, code: str) -> SendInfo:
        """#3."""
        return self._call(
            "POST", self._locker_url("sends"), SendInfo, body=SendRequest(code=code), keyed=True
        )

    def courier_login(
        self, *, courier_id: str | None = None, pin: str | None = None, badge: str | None = None
    ) -> CourierSession:
        """#4."""
        return self._call(
            "POST",
            self._locker_url("courier-sessions"),
            CourierSession,
            ok=(200, 201),
            body=CourierLogin(courier_id=courier_id, pin=pin, badge=badge),
            keyed=True,
        )

    def courier_logout(self, session_token: str) -> None:
        """#5."""
        self._call_empty(
            "DELETE",
            self._url("v1", "courier-sessions", "current"),
            headers={"X-Courier-Session": session_token},
        )

    def courier_tasks(self, session_token: str) -> CourierTasks:
        """#6."""
        return self._call(
            "GET",
            self._locker_url("courier-tasks"),
            CourierTasks,
            headers={"X-Courier-Session": session_token},
        )

    def reserve_rent(
        self, rent_id: str, request: RentRequest, *, session_token: str | None = None
    ) -> Rent:
        """#7 (a PUT: repeatable, so retried)."""
        headers = {"X-Courier-Session": session_token} if session_token else None
        return self._call(
            "PUT", self._locker_url("rents", rent_id), Rent, body=request, headers=headers
        )

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        """#8: one result per event; a result for an event not sent is an invalid answer."""
        answer = self._call(
            "POST",
            self._locker_url("events"),
            EventResults,
            body=EventBatch(events=list(events)),
            keyed=True,
            idempotency_key=idempotency_key,
        )
        sent = {e.event_id for e in events}
        if any(r.event_id not in sent for r in answer.results):
            raise InvalidResponse("event results name events that were not sent")
        return answer.results

    def heartbeat(self, beat: Heartbeat) -> HeartbeatReply:
        """#9 (unkeyed POST: sent once, never retried)."""
        return self._call("POST", self._locker_url("heartbeat"), HeartbeatReply, body=beat)

    def poll_commands(self, wait_s: float) -> list[BackendCommand]:
        """#10: the read timeout is ``wait_s`` plus the normal budget."""
        wait = max(0.0, min(wait_s, 60.0))
        answer = self._call(
            "GET",
            self._locker_url("commands"),
            Commands,
            params={"wait": f"{wait:g}"},
            read_timeout_s=wait + self._attempt_budget,
        )
        return answer.commands

    def ack_command(self, command_id: str, result: AckResult, detail: str = "") -> None:
        """#11."""
        self._call_empty(
            "POST",
            self._url("v1", "commands", command_id, "ack"),
            body=CommandAck(result=result, detail=detail),
            keyed=True,
        )

    def app_pairing(self) -> AppPairing:
        """#12."""
        return self._call(
            "POST", self._locker_url("app-pairings"), AppPairing, ok=(200, 201), keyed=True
        )

    def offline_codes(self) -> OfflineCodes:
        """#13."""
        return self._call("GET", self._locker_url("offline-codes"), OfflineCodes)


# ================================================================ pure parsers (fuzzed)


def _media_type(headers: Mapping[str, str]) -> str:
    return headers.get("Content-Type", "").split(";", 1)[0].strip().lower()


def _retry_after(headers: Mapping[str, str]) -> float | None:
    raw = headers.get("Retry-After")
    if raw is None:
        return None
    try:
        value = float(raw.strip())
    except ValueError:
        return None  # an HTTP-date or junk: we do not act on it
    if value != value or value < 0 or value > 86_400 * 7:  # NaN, negative, absurd
        return None
    return value


def parse_error(status: int, headers: Mapping[str, str], content: bytes) -> BackendError:
    """The typed error for a non-success answer.

    5xx is ``Unavailable`` whatever the body (the backend is not working). A 4xx must carry
    a problem document whose ``status`` equals the HTTP status and whose ``code`` is known
    for that status, else it is ``InvalidResponse``: a proxy's HTML 404 must never read as
    "code unknown".
    """
    if status >= 500:
        return Unavailable(f"HTTP {status}", retry_after=_retry_after(headers))
    if _media_type(headers) not in ("application/problem+json", "application/json"):
        return InvalidResponse(f"HTTP {status} without a problem document")
    try:
        problem = msgspec.json.decode(content, type=Problem)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
        # RecursionError: msgspec's answer to JSON nested thousands of levels deep.
        return InvalidResponse(f"HTTP {status} with a malformed problem document: {exc}")
    if problem.status != status:
        return InvalidResponse(f"HTTP {status} with a problem saying {problem.status}")
    detail = problem.detail[:500]
    cls = ERRORS_BY_CODE.get(problem.code)
    if cls is None:
        if not (400 <= status < 500):
            return InvalidResponse(f"HTTP {status} is not an error status")
        return UnexpectedError(problem.code[:100], status, detail)
    if cls.status != status:
        return InvalidResponse(f"code {problem.code!r} does not go with HTTP {status}")
    err = cls(detail)
    err.retry_after = _retry_after(headers)
    return err


def parse_response(
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    answer: type[T],
    *,
    ok: Sequence[int] = (200,),
) -> T:
    """Decode a success answer into ``answer``, or raise the typed error it stands for."""
    if status in ok:
        if _media_type(headers) != "application/json":
            raise InvalidResponse(f"HTTP {status} answer is not JSON")
        try:
            return msgspec.json.decode(content, type=answer)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
            # RecursionError: msgspec's answer to JSON nested thousands of levels deep.
            raise InvalidResponse(f"malformed {answer.__name__}: {exc}") from None
    raise parse_error(status, headers, content)


def parse_empty(status: int, headers: Mapping[str, str], content: bytes) -> None:
    """Accept a 204 (or an empty 200) answer, or raise the typed error it stands for."""
    if status == 204 or (status == 200 and not content.strip()):
        return
    if 200 <= status < 300:
        raise InvalidResponse(f"HTTP {status} where no content was expected")
    raise parse_error(status, headers, content)


__all__ = [
    "BackendCommand",
    "RestBackend",
    "RestConfig",
    "TokenFileError",
    "parse_empty",
    "parse_error",
    "parse_response",
    "read_token_file",
]
