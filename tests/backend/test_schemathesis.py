"""schemathesis against the real server, driven by openapi.yaml: no 5xx, every error a problem.

Bounded (a few hundred generated requests, about ten seconds) so it can run in CI; most
cases use the real locker id so the generator reaches the handlers, not only the
"unknown locker" answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kiosk.backend
from kiosk.backend.embedded import BackendCore
from kiosk.backend.partner import PartnerService
from tests.backend.fixtures import LOCKER, TOKEN

OPENAPI = Path(kiosk.backend.__file__).with_name("openapi.yaml")
MAX_EXAMPLES = 200


@pytest.mark.slow
def test_server_keeps_to_its_openapi_document(server_url: str, core: BackendCore) -> None:
    # The partner API (/v1/partner/) is called with a partner's key for the same locker.
    partner_key = PartnerService(core).add_partner("Fuzzer", [LOCKER])[1]
    schema = schemathesis.openapi.from_path(OPENAPI)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 13 + 6
    cases = st.one_of([op.as_strategy() for op in operations])
    base = server_url.rstrip("/")

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases, real_locker=st.integers(0, 9))
    def check(case, real_locker: int) -> None:  # type: ignore[no-untyped-def]
        if real_locker and "locker_id" in (case.path_parameters or {}):
            case.path_parameters["locker_id"] = LOCKER
        if case.query and "wait" in case.query:
            case.query["wait"] = 0  # a long poll would only make the run slow
        token = partner_key if case.operation.path.startswith("/v1/partner/") else TOKEN
        resp = case.call(base_url=base, headers={"Authorization": f"Bearer {token}"})
        label = f"{case.operation.label} -> {resp.status_code}"
        assert resp.status_code < 500, f"{label}: {resp.text}"
        if resp.status_code >= 400:
            ctype = resp.headers.get("content-type", [""])[0]
            assert ctype.startswith("application/problem+json"), label
            problem = resp.json()
            assert problem["status"] == resp.status_code, label
            assert isinstance(problem["code"], str), label
            assert problem["code"], label

    check()
