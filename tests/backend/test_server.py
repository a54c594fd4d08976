"""The reference server over real HTTP on loopback: problem+json, auth, idempotency, routes."""

from __future__ import annotations

import hashlib
import re
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest
import requests
import yaml
from starlette.routing import Route

import kiosk.backend
from kiosk.backend.api import Event, EventBatch
from kiosk.backend.embedded import BackendCore
from kiosk.backend.server import _bind, create_app, serve_in_thread
from kiosk.backend.store import StoredResponse
from tests.backend.fixtures import LOCKER, OTHER_LOCKER, TOKEN, Seeded

OPENAPI = Path(kiosk.backend.__file__).with_name("openapi.yaml")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def http(server_url: str) -> Iterator[requests.Session]:
    s = requests.Session()
    s.headers.update(AUTH)
    yield s
    s.close()


def assert_problem(resp: requests.Response, status: int, code: str) -> dict[str, object]:
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("application/problem+json")
    body = resp.json()
    assert body["code"] == code
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body  # type: ignore[no-any-return]


def test_routes_match_the_openapi_document(core: BackendCore) -> None:
    doc = yaml.safe_load(OPENAPI.read_text())
    documented = {
        (method.upper(), path)
        for path, item in doc["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch"}
    }
    app = create_app(core)
    served = set()
    for route in app.routes:
        assert isinstance(route, Route)
        for method in route.methods or ():
            if method not in {"HEAD", "OPTIONS"}:
                served.add((method, route.path))
    assert served == documented


def test_auth(server_url: str, http: requests.Session) -> None:
    url = server_url + f"v1/lockers/{LOCKER}"
    assert_problem(requests.get(url, timeout=5), 401, "unauthorized")
    assert_problem(requests.get(url, headers={"Authorization": "Bearer nope"}, timeout=5), 401,
                   "unauthorized")  # fmt: skip
    assert_problem(http.get(server_url + f"v1/lockers/{OTHER_LOCKER}"), 401, "unauthorized")
    # an unknown locker answers like another locker's: ids cannot be enumerated
    assert_problem(http.get(server_url + "v1/lockers/nowhere"), 401, "unauthorized")
    assert_problem(http.post(server_url + "v1/lockers/nowhere/pickups", json={"code": "1"}), 401,
                   "unauthorized")  # fmt: skip
    assert http.get(url).json()["locker_id"] == LOCKER


def test_every_error_is_a_problem(server_url: str, http: requests.Session) -> None:
    base = server_url + f"v1/lockers/{LOCKER}"
    assert_problem(http.get(server_url + "nothing/here"), 404, "not_found")
    assert_problem(http.delete(base), 405, "method_not_allowed")
    assert_problem(http.post(base + "/pickups", data=b"{not json"), 400, "bad_request")
    assert_problem(http.post(base + "/pickups", json={"code": 5}), 400, "bad_request")
    assert_problem(http.post(base + "/pickups", data=b""), 400, "bad_request")
    assert_problem(http.post(base + "/pickups", data=b"x" * 2_000_000), 413, "payload_too_large")
    assert_problem(http.get(base + "/commands?wait=abc"), 400, "bad_request")
    assert_problem(http.post(base + "/events", json={"events": [{"event_id": "e"}]}), 400,
                   "bad_request")  # fmt: skip
    deep = b"[" * 100_000 + b"]" * 100_000
    for path, body in [
        ("/pickups", b'{"code": "1", "extra": %s}' % deep),
        ("/events", b'{"events": %s}' % deep),
        ("/heartbeat", deep),
    ]:
        assert_problem(http.post(base + path, data=body), 400, "bad_request")


@pytest.mark.parametrize("code", ["0", "ABCDEF", "ąę€", "9" * 64, "\x00", " "])
def test_any_unmatched_code_is_code_unknown(
    server_url: str, http: requests.Session, code: str
) -> None:
    resp = http.post(server_url + f"v1/lockers/{LOCKER}/pickups", json={"code": code})
    assert_problem(resp, 404, "code_unknown")


def test_over_budget_answers_429_with_retry_after(
    server_url: str, http: requests.Session, seeded: Seeded
) -> None:
    url = server_url + f"v1/lockers/{LOCKER}/pickups"
    for _ in range(8):  # the fixture's guess_burst
        assert_problem(http.post(url, json={"code": "1"}), 404, "code_unknown")
    resp = http.post(url, json={"code": seeded.code_a})  # right or wrong: not checked
    assert_problem(resp, 429, "too_many_attempts")
    assert resp.headers["Retry-After"] in ("59", "60")  # guess_interval_s, less time passed


def test_a_code_longer_than_64_is_bad_request_and_costs_nothing(
    server_url: str, http: requests.Session, core: BackendCore
) -> None:
    base = server_url + f"v1/lockers/{LOCKER}"
    assert_problem(http.post(base + "/pickups", json={"code": "4" * 4096}), 400, "bad_request")
    assert_problem(http.post(base + "/sends", json={"code": "4" * 65}), 400, "bad_request")
    assert core.guess_tokens(LOCKER) == 8


def test_idempotency_key_replay_and_reuse(
    server_url: str, http: requests.Session, core: BackendCore, seeded: Seeded
) -> None:
    url = server_url + f"v1/lockers/{LOCKER}/pickups"
    key = {"Idempotency-Key": str(uuid.uuid4())}
    # a wrong code replayed under its key: one attempt counted, the same answer twice
    first = http.post(url, json={"code": "000000"}, headers=key)
    again = http.post(url, json={"code": "000000"}, headers=key)
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert 7 <= core.guess_tokens(LOCKER) < 7.5  # one check spent (and a little refill)
    assert_problem(http.post(url, json={"code": seeded.code_a}, headers=key), 422,
                   "idempotency_key_reused")  # fmt: skip


def test_the_stored_fingerprint_does_not_give_the_code_away(
    server_url: str, http: requests.Session, core: BackendCore, seeded: Seeded
) -> None:
    path = f"/v1/lockers/{LOCKER}/pickups"
    body = b'{"code":"%s"}' % seeded.code_a.encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": "fp-1"}
    assert http.post(server_url.rstrip("/") + path, data=body, headers=headers).ok
    row = core.store.read().execute("SELECT * FROM idempotency WHERE idem_key = 'fp-1'").fetchone()
    stored = " ".join(str(v) for v in tuple(row))
    assert seeded.code_a not in stored
    plain = hashlib.sha256(b"\0".join([b"POST", path.encode(), body])).hexdigest()
    assert row["fingerprint"] not in (plain, hashlib.sha256(body).hexdigest())
    # keyed with the database's own secret: a replay still matches after a restart
    url, stop = serve_in_thread(core)
    try:
        again = requests.post(
            url.rstrip("/") + path, data=body, headers={**AUTH, **headers}, timeout=10
        )
        assert again.headers["Idempotent-Replayed"] == "true"
    finally:
        stop()


def test_unkeyed_fingerprints_of_an_older_database_are_dropped(db_path: Path) -> None:
    old = BackendCore.open(db_path)
    with old.store.transaction() as db:
        old.store.store_response(db, LOCKER, "k", StoredResponse("plain-sha256", 200, "j", "{}"), 0)
        db.execute("DELETE FROM server_secrets")  # as a database made before the key was
    old.close()
    core = BackendCore.open(db_path)
    assert core.store.stored_response(core.store.read(), LOCKER, "k") is None
    core.close()


def test_one_event_under_two_keys_is_accepted_then_duplicate(
    server_url: str, http: requests.Session, core: BackendCore
) -> None:
    url = server_url + f"v1/lockers/{LOCKER}/events"
    event = Event(str(uuid.uuid4()), "door_opened", datetime.now(UTC), "A1")
    body = msgspec.json.encode(EventBatch([event]))
    headers = {"Content-Type": "application/json"}
    r1 = http.post(url, data=body, headers={**headers, "Idempotency-Key": "k-1"}).json()
    r2 = http.post(url, data=body, headers={**headers, "Idempotency-Key": "k-2"}).json()
    assert r1["results"][0]["status"] == "accepted"
    assert r2["results"][0]["status"] == "duplicate"
    assert core.store.count_events(core.store.read(), LOCKER) == 1


def test_commands_long_poll_wakes_on_enqueue(
    server_url: str, http: requests.Session, core: BackendCore
) -> None:
    import threading

    got: list[dict[str, object]] = []
    done = threading.Event()

    def poll() -> None:
        got.append(http.get(server_url + f"v1/lockers/{LOCKER}/commands?wait=20").json())
        done.set()

    t = threading.Thread(target=poll)
    t.start()
    cid = core.enqueue_command(LOCKER, "reload_config")
    assert done.wait(10)
    t.join()
    assert got[0]["commands"][0]["command_id"] == cid  # type: ignore[index]
    ack = server_url + f"v1/commands/{cid}/ack"
    assert http.post(ack, json={"result": "ok"}).status_code == 204
    assert http.post(ack, json={"result": "ok"}).status_code == 204
    assert http.get(server_url + f"v1/lockers/{LOCKER}/commands").json() == {"commands": []}
    assert_problem(http.post(server_url + "v1/commands/nope/ack", json={"result": "ok"}), 404,
                   "unknown_command")  # fmt: skip


@pytest.mark.slow
def test_cli_seed_demo_prints_codes_and_serves(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.backend.server", "--db", str(tmp_path / "d.db"),
         "--port", "0", "--seed-demo", "--kdf-iterations", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("serving on "):
                break
        url = lines[-1].removeprefix("serving on ")
        codes = [
            re.fullmatch(r"pickup code: (\d+) \(compartment ([A-B]\d\d)\)", ln) for ln in lines
        ]
        found = [m for m in codes if m]
        assert len(found) >= 3
        code, comp = found[0].groups()
        resp = requests.post(
            url + "v1/lockers/demo/pickups", json={"code": code},
            headers={"Authorization": "Bearer demo"}, timeout=10,
        )  # fmt: skip
        assert resp.json()["rents"][0]["compartment_id"] == comp
    finally:
        proc.kill()
        proc.wait(10)


def run_server_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.backend.server", *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_cli_unwritable_db_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    proc = run_server_cli("--db", str(tmp_path / "a-file" / "x.db"), "--port", "0")
    assert proc.returncode == 2
    assert proc.stderr.startswith("locker-kiosk-server: cannot open database ")
    assert proc.stderr.count("\n") == 1, proc.stderr


@pytest.mark.slow
def test_cli_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = run_server_cli("--db", str(tmp_path / "x.db"), "--port", str(port))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"locker-kiosk-server: cannot listen on 127.0.0.1:{port}: ")
    assert proc.stderr.count("\n") == 1, proc.stderr


def test_the_listening_socket_is_tcp_so_answers_go_out_without_nagle_delay() -> None:
    # asyncio turns on TCP_NODELAY only for sockets whose protocol is IPPROTO_TCP; a socket
    # made with protocol 0 made every answer wait ~40 ms for the client's delayed ACK.
    with _bind("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP


def test_one_idempotency_key_sent_ten_times_at_once_is_checked_once(
    server_url: str, core: BackendCore
) -> None:
    # The keyed call runs whole under its key's lock: the nine repeats wait for the first
    # answer and replay it, and only one attempt is spent. A slow key derivation (as in
    # production) keeps the first check running while the repeats arrive.
    from concurrent.futures import ThreadPoolExecutor

    core.create_locker("slow", token="slow-token", name="Slow", kdf_iterations=100_000)
    url = server_url + "v1/lockers/slow/pickups"
    headers = {"Authorization": "Bearer slow-token", "Idempotency-Key": "same-10"}

    def send(_: int) -> tuple[int, bytes]:
        resp = requests.post(url, json={"code": "000000"}, headers=headers, timeout=20)
        return resp.status_code, resp.content

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(send, range(10)))
    assert len(set(answers)) == 1
    assert answers[0][0] == 404
    assert 9 <= core.guess_tokens("slow") < 9.5  # one of ten spent (and a little refill)
