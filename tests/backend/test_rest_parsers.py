"""Property tests: whatever a server answers, the client's parsers give a typed result or a
typed error, never another exception and never a wrong code."""

from __future__ import annotations

import json
from collections.abc import Callable

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.backend.api import (
    ERRORS_BY_CODE,
    BackendError,
    CodeUnknown,
    CourierSession,
    EventResults,
    InvalidResponse,
    LockerInfo,
    OfflineCodes,
    PickupResult,
    Unavailable,
)
from kiosk.backend.rest import parse_empty, parse_error, parse_response

ANSWERS = [LockerInfo, PickupResult, CourierSession, EventResults, OfflineCodes]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=25,
)
statuses = st.integers(min_value=100, max_value=599)
content_types = st.sampled_from(
    [
        "application/json",
        "application/problem+json",
        "text/html",
        "",
        "application/json; charset=utf-8",
    ]
)
codes = st.sampled_from([*ERRORS_BY_CODE, "whatever", ""]) | st.text(max_size=20)
problems = st.fixed_dictionaries(
    {
        "type": st.text(max_size=10),
        "title": st.text(max_size=10),
        "status": statuses,
        "code": codes,
    },
    optional={"detail": st.text(max_size=20) | st.integers()},
)
bodies = (
    st.binary(max_size=200)
    | json_values.map(lambda v: json.dumps(v).encode())
    | problems.map(lambda v: json.dumps(v).encode())
)
headers = st.fixed_dictionaries(
    {"Content-Type": content_types},
    optional={"Retry-After": st.text(max_size=8) | st.integers(-5, 10**9).map(str)},
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(status=statuses, hdrs=headers, body=bodies, answer=st.sampled_from(ANSWERS))
def test_parse_response_gives_typed_results_or_typed_errors(status, hdrs, body, answer) -> None:  # type: ignore[no-untyped-def]
    outcome = outcome_of(lambda: parse_response(status, hdrs, body, answer, ok=(200,)))
    if isinstance(outcome, BackendError):
        assert isinstance(outcome.code, str)
        if outcome.retry_after is not None:
            assert 0 <= outcome.retry_after <= 86_400 * 7
        if status >= 500:
            assert isinstance(outcome, Unavailable)
        if isinstance(outcome, CodeUnknown):  # only from a problem that says so, status 404
            assert status == 404
            assert msgspec.json.decode(body)["code"] == "code_unknown"
    else:
        assert status == 200
        assert isinstance(outcome, answer)


def outcome_of(fn: Callable[[], object]) -> object:
    """The result, or the BackendError raised (any other exception fails the test)."""
    try:
        return fn()
    except BackendError as err:
        return err


@FAST
@given(status=statuses, hdrs=headers, body=bodies)
def test_parse_empty_never_crashes(status, hdrs, body) -> None:  # type: ignore[no-untyped-def]
    try:
        parse_empty(status, hdrs, body)
    except BackendError:
        pass
    else:
        assert status in (200, 204)


@FAST
@given(
    status=st.integers(400, 499),
    body=st.binary(max_size=100) | json_values.map(lambda v: json.dumps(v).encode()),
)
def test_error_without_a_problem_is_invalid_not_a_code(status, body) -> None:  # type: ignore[no-untyped-def]
    try:
        problem = msgspec.json.decode(body)
    except msgspec.DecodeError:
        problem = None
    for ctype in ("text/html", ""):
        assert isinstance(parse_error(status, {"Content-Type": ctype}, body), InvalidResponse)
    if not (isinstance(problem, dict) and {"type", "title", "status", "code"} <= problem.keys()):
        err = parse_error(status, {"Content-Type": "application/problem+json"}, body)
        assert isinstance(err, InvalidResponse)
