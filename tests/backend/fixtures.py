"""Shared backend fixtures: a real store, a real server on loopback, a client.

Registered for the whole suite by ``tests/conftest.py``; services tests use
:func:`served_backend`.

Everything is real: the store is a SQLite file in ``tmp_path`` or a PostgreSQL database of
a throwaway cluster (:mod:`tests.backend.pg`), the server is uvicorn on an ephemeral
127.0.0.1 port in a thread, the client is ``RestBackend`` over HTTP. Code hashes use a low
PBKDF2 work factor so the suite stays fast (the format is the same).

Which store: the ``store_kind`` fixture, ``"sqlite"`` here; ``tests/backend/conftest.py``
runs every backend test that uses a store on both (``[sqlite]`` / ``[postgres]`` ids).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.backend.api import LockerSettings
from kiosk.backend.embedded import BackendCore, CompartmentSpec, EmbeddedBackend
from kiosk.backend.rest import RestBackend, RestConfig
from kiosk.backend.server import serve_in_thread
from tests.backend.pg import SKIP_REASON, Cluster, find_bin

LOCKER = "L1"
TOKEN = "t1-secret-token"
OTHER_LOCKER = "L2"
OTHER_TOKEN = "t2-secret-token"
ITERATIONS = 1000
SETTINGS = LockerSettings(guess_burst=8, guess_interval_s=60, heartbeat_s=1)
#: A locker with the contract's default settings, for the guess limiter's tests.
GUESS_LOCKER = "G1"
GUESS_TOKEN = "g1-secret-token"
GUESS_CODE = "777777"


class FakeClock:
    """Seconds since the epoch that move only when a test says so (thread-safe to read)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Seeded:
    """Codes and ids the ``core`` fixture created."""

    code_a: str = "111111"  # parcel in A1
    code_ab: str = "222222"  # two parcels: A2 and A3
    code_expired: str = "333333"  # parcel in B1, expired
    send_code: str = "444444"  # drop-off, size M
    courier_pin: str = "9876"
    rents: dict[str, str] = field(default_factory=dict)  # compartment -> rent_id
    send_id: str = ""


def layout() -> list[CompartmentSpec]:
    """Six compartments: A1-A3 (S, M, L) on board 1, B1-B3 (S, M, XL) on board 2."""
    return [
        CompartmentSpec("A1", 1, 1, "S", 0, 0, accessible=True),
        CompartmentSpec("A2", 1, 2, "M", 0, 1),
        CompartmentSpec("A3", 1, 3, "L", 0, 2),
        CompartmentSpec("B1", 2, 1, "S", 1, 0, sensor=False),
        CompartmentSpec("B2", 2, 2, "M", 1, 1),
        CompartmentSpec("B3", 2, 3, "XL", 1, 2),
    ]


def seed(core: BackendCore) -> Seeded:
    """Two lockers; L1 with parcels, a send code and a courier."""
    s = Seeded()
    core.create_locker(
        LOCKER, token=TOKEN, name="Test", settings=SETTINGS, compartments=layout(),
        kdf_iterations=ITERATIONS,
    )  # fmt: skip
    core.create_locker(
        OTHER_LOCKER, token=OTHER_TOKEN, name="Other", compartments=layout(),
        kdf_iterations=ITERATIONS,
    )  # fmt: skip
    parcels = [
        ("p1", "BC1", "S", s.code_a, "A1", 3600.0),
        ("p2", "BC2", "M", s.code_ab, "A2", 3600.0),
        ("p3", "BC3", "L", s.code_ab, "A3", 3600.0),
        ("p4", "BC4", "S", s.code_expired, "B1", -60.0),
    ]
    for pid, barcode, size, code, comp, ttl in parcels:
        core.announce_parcel(
            LOCKER, parcel_id=pid, barcode=barcode, size=size, code=code, phone="+48 600 111 222"
        )
        s.rents[comp] = core.place_parcel(
            LOCKER, parcel_id=pid, compartment_id=comp, expires_in_s=ttl
        )
    core.announce_parcel(LOCKER, parcel_id="p5", barcode="BC5", size="M", code="555555")
    core.announce_parcel(LOCKER, parcel_id="p6", barcode="BC6", size="XL", code="666666")
    s.send_id = core.add_send(LOCKER, code=s.send_code, size="M")
    core.add_courier(
        "c1", name="Courier One", company="Co", pin=s.courier_pin, badge="BADGE-1",
        iterations=ITERATIONS,
    )  # fmt: skip
    return s


def seed_guess_locker(core: BackendCore) -> str:
    """Locker ``G1`` with the default settings and one parcel (code ``GUESS_CODE``) in A1.

    Returns the parcel's rent id.
    """
    core.create_locker(
        GUESS_LOCKER, token=GUESS_TOKEN, name="Guessed at", compartments=layout(),
        kdf_iterations=ITERATIONS,
    )  # fmt: skip
    core.announce_parcel(GUESS_LOCKER, parcel_id="g1", barcode="G-BC1", size="S", code=GUESS_CODE)
    return core.place_parcel(GUESS_LOCKER, parcel_id="g1", compartment_id="A1")


@contextmanager
def served_backend(db: str | Path) -> Iterator[tuple[BackendCore, Seeded, str]]:
    """A seeded core on ``db`` (file or URL) served on loopback: (core, seeded, base URL)."""
    c = BackendCore.open(db)
    try:
        s = seed(c)
        url, stop = serve_in_thread(c)
        try:
            yield c, s, url
        finally:
            stop()
    finally:
        c.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL cluster for the session, started at its first use."""
    bindir = find_bin()
    if bindir is None:
        pytest.skip(SKIP_REASON)
    cluster = Cluster(bindir)
    yield cluster
    cluster.stop()


@pytest.fixture
def store_kind() -> str:
    """``"sqlite"`` or ``"postgres"``; the backend tests are parametrized over both."""
    return "sqlite"


@pytest.fixture
def make_db(
    store_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[str], str]:
    """``make_db(name)``: an empty store's target of this test, one per name.

    A file ``<name>.db`` in ``tmp_path`` on SQLite; on PostgreSQL the connection string of
    an emptied schema of the session's cluster (each name its own).
    """
    if store_kind == "sqlite":
        return lambda name: str(tmp_path / f"{name}.db")
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    slots: dict[str, str] = {}

    def make(name: str) -> str:
        if name not in slots:
            slots[name] = cluster.clean_database(len(slots) + 1)
        return slots[name]

    return make


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The SQLite file of the ``core`` fixture (when ``store_kind`` is ``sqlite``)."""
    return tmp_path / "backend.db"


@pytest.fixture
def core(make_db: Callable[[str], str]) -> Iterator[BackendCore]:
    c = BackendCore.open(make_db("backend"))
    yield c
    c.close()


@pytest.fixture
def backend_clock() -> FakeClock:
    """The ``clocked_core`` fixture's clock: real time at the start, then moved by the test."""
    return FakeClock(time.time())


@pytest.fixture
def clocked_core(make_db: Callable[[str], str], backend_clock: FakeClock) -> Iterator[BackendCore]:
    """A core on its own store whose clock moves only when the test moves it."""
    c = BackendCore.open(make_db("clocked"), clock=backend_clock)
    yield c
    c.close()


@pytest.fixture
def seeded(core: BackendCore) -> Seeded:
    return seed(core)


@pytest.fixture
def embedded(core: BackendCore, seeded: Seeded) -> EmbeddedBackend:
    return EmbeddedBackend(core, LOCKER)


@pytest.fixture
def server_url(core: BackendCore, seeded: Seeded) -> Iterator[str]:
    url, stop = serve_in_thread(core)
    yield url
    stop()


def dump(core: BackendCore) -> str:
    """Every row of every table of a core's store, as text (what a stolen disk shows)."""
    db = core.store.read()
    if core.store.dialect == "sqlite":
        sql = "SELECT name AS t FROM sqlite_master WHERE type = 'table'"
    else:
        sql = "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()"
    lines = []
    for table in sorted(str(r["t"]) for r in db.execute(sql).fetchall()):
        for row in db.execute(f"SELECT * FROM {table}").fetchall():
            lines.append(f"{table}: {dict(row)!r}")
    return "\n".join(lines)


def make_client(url: str, **kwargs: object) -> RestBackend:
    options: dict[str, object] = {"timeout_s": 4.0, "retries": 1, "backoff_s": 0.05}
    options.update(kwargs)
    return RestBackend(RestConfig(base_url=url, locker_id=LOCKER, token=TOKEN, **options))  # type: ignore[arg-type]


@pytest.fixture
def client(server_url: str) -> Iterator[RestBackend]:
    c = make_client(server_url)
    yield c
    c.close()
