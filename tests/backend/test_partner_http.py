"""The partner API over real HTTP: Starlette on uvicorn on loopback, requests as the client.

The route-vs-contract check and schemathesis cover the partner paths of ``openapi.yaml``
here too, against the partner routes served on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route

import kiosk.backend
from kiosk.backend.embedded import BackendCore
from kiosk.backend.partner import PartnerService
from kiosk.backend.partner_http import MAX_BODY_BYTES, partner_app, partner_routes
from tests.backend.fixtures import LOCKER, OTHER_LOCKER, Seeded
from tests.backend.partner_helpers import serve_asgi, webhook_receiver

OPENAPI = Path(kiosk.backend.__file__).with_name("openapi.yaml")


@pytest.fixture
def partners(core: BackendCore, seeded: Seeded) -> PartnerService:
    return PartnerService(core, poll_s=0.05, backoff_base_s=0.05, backoff_cap_s=0.2)


@pytest.fixture
def api_key(partners: PartnerService) -> str:
    return partners.add_partner("Shop", [LOCKER])[1]


@pytest.fixture
def base(core: BackendCore, partners: PartnerService) -> Iterator[str]:
    with serve_asgi(partner_app(core, partners)) as url:
        yield url + "v1/partner/"


@pytest.fixture
def http(api_key: str) -> Iterator[requests.Session]:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {api_key}"
    yield s
    s.close()


def assert_problem(resp: requests.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("application/problem+json")
    body = resp.json()
    assert (body["status"], body["code"]) == (status, code)


def test_partner_http_pre_advise_query_cancel_and_send_code(
    base: str, http: requests.Session
) -> None:
    resp = http.post(
        base + f"lockers/{LOCKER}/parcels",
        json={"barcode": "PB1", "size": "S", "email": "anna@shop.example"},
    )
    assert resp.status_code == 201, resp.text
    parcel = resp.json()
    assert re.fullmatch(r"[0-9]{6}", parcel["pickup_code"])
    assert parcel["status"] == "announced"
    got = http.get(base + f"parcels/{parcel['parcel_id']}").json()
    assert got["status"] == "announced"
    assert "pickup_code" not in got
    assert http.delete(base + f"parcels/{parcel['parcel_id']}").json()["status"] == "cancelled"
    resp = http.post(base + f"lockers/{LOCKER}/sends", json={"size": "M"})
    assert resp.status_code == 201, resp.text
    assert re.fullmatch(r"S[2-9A-HJ-NP-Z]{7}", resp.json()["code"])


def test_partner_http_errors_are_problems(
    base: str, http: requests.Session, partners: PartnerService
) -> None:
    good = {"barcode": "PB1", "size": "S", "phone": "+48 600 000 001"}
    url = base + f"lockers/{LOCKER}/parcels"
    assert_problem(requests.post(url, json=good, timeout=5), 401, "unauthorized")
    assert_problem(
        requests.post(url, json=good, headers={"Authorization": "Bearer lkp_nope"}, timeout=5),
        401,
        "unauthorized",
    )
    assert_problem(http.post(base + f"lockers/{OTHER_LOCKER}/parcels", json=good), 403, "forbidden")
    assert_problem(http.post(base + "lockers/nowhere/parcels", json=good), 403, "forbidden")
    assert_problem(http.post(url, data=b"{not json"), 400, "bad_request")
    assert_problem(http.post(url, json={"barcode": "PB1", "size": "S"}), 400, "bad_request")
    assert_problem(http.post(url, json={**good, "size": "XXL"}), 400, "bad_request")
    assert_problem(http.post(url, data=b"[" * (MAX_BODY_BYTES + 1)), 413, "payload_too_large")
    assert http.post(url, json=good).status_code == 201
    assert_problem(http.post(url, json=good), 409, "already_announced")
    assert_problem(
        http.post(url, json={**good, "barcode": "PB2", "pickup_code": "111111"}), 409, "code_in_use"
    )
    assert_problem(http.get(base + "parcels/pp_nothing"), 404, "unknown_parcel")
    assert_problem(http.get(base + "nowhere"), 404, "not_found")
    assert_problem(http.post(base + "webhook", json={}), 405, "method_not_allowed")
    assert_problem(http.put(base + "webhook", json={"url": "file:///etc/passwd"}), 400,
                   "bad_request")  # fmt: skip


def test_partner_http_webhook_registration_and_status(base: str, http: requests.Session) -> None:
    with webhook_receiver() as rec:
        assert http.get(base + "webhook").json()["state"] == "none"
        reg = http.put(base + "webhook", json={"url": rec.url}).json()
        rec.secret = reg["secret"]
        assert reg["url"] == rec.url
        assert reg["secret"].startswith("whsec_")
        parcel = http.post(
            base + f"lockers/{LOCKER}/parcels",
            json={"barcode": "PB1", "size": "S", "phone": "600000001"},
        ).json()
        rec.status = 503
        http.delete(base + f"parcels/{parcel['parcel_id']}")
        rec.wait_for(lambda r: len(r.received) >= 2)  # the dispatcher retries
        status = http.get(base + "webhook").json()
        assert status["state"] == "failing"
        assert status["pending"] == 1
        rec.status = 200
        rec.wait_for(lambda r: len(r.accepted()) == 1)
        assert all(r.valid for r in rec.received)
        assert rec.accepted_types() == ["cancelled"]


def test_partner_routes_match_the_openapi_document(
    core: BackendCore, partners: PartnerService
) -> None:
    doc = yaml.safe_load(OPENAPI.read_text())
    documented = {
        (method.upper(), path)
        for path, item in doc["paths"].items()
        if path.startswith("/v1/partner/")
        for method in item
        if method in {"get", "put", "post", "delete", "patch"}
    }
    served = set()
    for route in partner_routes(core, partners):
        assert isinstance(route, Route)
        for method in route.methods or ():
            if method != "HEAD":
                served.add((method, route.path))
    assert served == documented


@pytest.mark.slow
def test_partner_http_keeps_to_the_openapi_document(
    base: str, api_key: str, partners: PartnerService
) -> None:
    partners.add_partner("Other", [OTHER_LOCKER])
    schema = schemathesis.openapi.from_path(OPENAPI)
    operations = [
        op
        for op in (r.ok() for r in schema.get_all_operations())  # type: ignore[union-attr]
        if op.path.startswith("/v1/partner/")
    ]
    assert len(operations) == 6
    cases = st.one_of([op.as_strategy() for op in operations])
    root = base.removesuffix("v1/partner/")

    @settings(
        max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=cases, real_locker=st.integers(0, 4))
    def check(case, real_locker: int) -> None:  # type: ignore[no-untyped-def]
        if real_locker and "locker_id" in (case.path_parameters or {}):
            case.path_parameters["locker_id"] = LOCKER
        resp = case.call(base_url=root.rstrip("/"), headers={"Authorization": f"Bearer {api_key}"})
        label = f"{case.operation.label} -> {resp.status_code}"
        assert resp.status_code < 500, f"{label}: {resp.text}"
        if resp.status_code >= 400:
            ctype = resp.headers.get("content-type", [""])[0]
            assert ctype.startswith("application/problem+json"), label
            problem = resp.json()
            assert problem["status"] == resp.status_code, label
            assert problem["code"], label

    check()
