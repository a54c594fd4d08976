"""The partner API (``/v1/partner/...``) as Starlette routes over :mod:`kiosk.backend.partner`.

Mounted by the reference server's ``create_app``; :func:`partner_app` serves them alone
(tests, or a partner-only front). Every handler runs its core call in the thread pool
(the store is blocking), answers JSON, and every error is ``application/problem+json``
with a stable ``code``, as the kiosk's API does. Auth: ``Authorization: Bearer <API key>``.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import msgspec
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.backend.api import (
    BackendError,
    BadRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    ServerError,
    UnexpectedError,
)
from kiosk.backend.embedded import BackendCore
from kiosk.backend.partner import (
    PartnerKey,
    PartnerService,
    PreAdvice,
    SendCodeRequest,
    WebhookRequest,
)

log = logging.getLogger("kiosk.backend.partner_http")

T = TypeVar("T")
JSON = "application/json"
PROBLEM_JSON = "application/problem+json"
#: A partner's request is a few hundred bytes; anything far larger is a mistake or abuse.
MAX_BODY_BYTES = 64 * 1024

Endpoint = Callable[[Request], Awaitable[Response]]


def json_response(obj: object, status: int = 200) -> Response:
    """``obj`` encoded by msgspec as ``application/json``."""
    return Response(msgspec.json.encode(obj), status_code=status, media_type=JSON)


def problem_response(err: BackendError) -> Response:
    """The problem+json answer for an error (with ``Retry-After`` when it has one)."""
    headers = {}
    if err.retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(err.retry_after)))
    return Response(
        msgspec.json.encode(err.problem()),
        status_code=err.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


async def _body(request: Request) -> bytes:
    """The request body, refused (413) past :data:`MAX_BODY_BYTES` without reading it all."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"at most {MAX_BODY_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"at most {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _decode(request: Request, type_: type[T]) -> T:
    raw = await _body(request)
    try:
        return msgspec.json.decode(raw, type=type_)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise BadRequest(f"request body: {exc}") from None
    except RecursionError:
        raise BadRequest("request body nested too deeply") from None


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def partner_routes(core: BackendCore, partners: PartnerService) -> list[Route]:
    """The ``/v1/partner/...`` routes (see ``openapi.yaml``).

    Args:
        core: the backend core (unused beyond ``partners``'; kept for symmetry with the
            server's routes and for later checks such as maintenance mode).
        partners: the partner rules over the same store.
    """
    del core

    def handler(
        view: Callable[[Request, PartnerKey], Awaitable[Response]],
    ) -> Endpoint:
        """Authenticate the key, run ``view``, turn errors into problem answers."""

        async def endpoint(request: Request) -> Response:
            try:
                key = await run_in_threadpool(partners.authenticate, _bearer(request))
                return await view(request, key)
            except BackendError as err:
                return problem_response(err)
            except Exception:
                log.exception("unhandled error in %s %s", request.method, request.url.path)
                return problem_response(ServerError("internal error"))

        return endpoint

    async def pre_advise(request: Request, key: PartnerKey) -> Response:
        locker_id = request.path_params["locker_id"]
        key.check_locker(locker_id)
        advice = await _decode(request, PreAdvice)
        parcel = await run_in_threadpool(partners.pre_advise, key, locker_id, advice)
        return json_response(parcel, 201)

    async def get_parcel(request: Request, key: PartnerKey) -> Response:
        parcel_id = request.path_params["parcel_id"]
        return json_response(await run_in_threadpool(partners.parcel, key, parcel_id))

    async def cancel_parcel(request: Request, key: PartnerKey) -> Response:
        parcel_id = request.path_params["parcel_id"]
        return json_response(await run_in_threadpool(partners.cancel, key, parcel_id))

    async def create_send(request: Request, key: PartnerKey) -> Response:
        locker_id = request.path_params["locker_id"]
        key.check_locker(locker_id)
        body = await _decode(request, SendCodeRequest)
        return json_response(
            await run_in_threadpool(partners.create_send, key, locker_id, body), 201
        )

    async def put_webhook(request: Request, key: PartnerKey) -> Response:
        body = await _decode(request, WebhookRequest)
        reg = await run_in_threadpool(partners.set_webhook, key.partner_id, body.url)
        return json_response(reg)

    async def get_webhook(request: Request, key: PartnerKey) -> Response:
        return json_response(await run_in_threadpool(partners.webhook_status, key.partner_id))

    return [
        Route("/v1/partner/lockers/{locker_id}/parcels", handler(pre_advise), methods=["POST"]),
        Route("/v1/partner/parcels/{parcel_id}", handler(get_parcel), methods=["GET"]),
        Route("/v1/partner/parcels/{parcel_id}", handler(cancel_parcel), methods=["DELETE"]),
        Route("/v1/partner/lockers/{locker_id}/sends", handler(create_send), methods=["POST"]),
        Route("/v1/partner/webhook", handler(put_webhook), methods=["PUT"]),
        Route("/v1/partner/webhook", handler(get_webhook), methods=["GET"]),
    ]


async def _http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 as problem+json, like every other error."""
    assert isinstance(exc, HTTPException)
    mapping: dict[int, type[BackendError]] = {404: NotFound, 405: MethodNotAllowed}
    cls = mapping.get(exc.status_code)
    err = cls(exc.detail) if cls else UnexpectedError(f"http_{exc.status_code}", exc.status_code)
    resp = problem_response(err)
    if exc.headers:
        for name, value in exc.headers.items():
            resp.headers[name] = value
    return resp


def partner_app(core: BackendCore, partners: PartnerService) -> Starlette:
    """A Starlette app serving only the partner routes (tests; a partner-only front).

    Starts the webhook dispatcher with the app and stops it at shutdown.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        partners.start()
        try:
            yield
        finally:
            await run_in_threadpool(partners.stop)

    return Starlette(
        routes=partner_routes(core, partners),
        exception_handlers={HTTPException: _http_exception},
        lifespan=lifespan,
    )
