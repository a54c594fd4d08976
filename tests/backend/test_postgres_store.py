"""The database layer on both stores: one migration path, the same SQL, commands heard by
every core of a PostgreSQL database.

Parametrized over ``store_kind`` by ``tests/backend/conftest.py`` (``[sqlite]`` and
``[postgres]`` ids); the few SQLite-only facts are marked so.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from kiosk.backend.api import RentRequest
from kiosk.backend.db import DatabaseUnreachable, postgres_sql, split_url
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.server import main as server_main
from kiosk.backend.store import MIGRATIONS, SCHEMA_VERSION
from tests.backend.fixtures import LOCKER, TOKEN, Seeded, seed
from tests.backend.pg import Cluster


@pytest.fixture
def fresh_target(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A store target nobody has opened yet (no tables at all)."""
    if store_kind == "sqlite":
        return str(tmp_path / "fresh.db")
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


def versions(core: BackendCore) -> list[int]:
    rows = core.store.read().execute("SELECT version FROM schema_version ORDER BY version")
    return [int(r["version"]) for r in rows.fetchall()]


def columns(core: BackendCore, table: str) -> set[str]:
    return {d[0] for d in core.store.read().execute(f"SELECT * FROM {table} LIMIT 0").description}


# ---------------------------------------------------------------- the SQL dialect


def test_postgres_sql_translates_placeholders_outside_quotes_only() -> None:
    assert postgres_sql("SELECT a FROM t WHERE b = ? AND c = '?'") == (
        "SELECT a FROM t WHERE b = %s AND c = '?'"
    )
    # psycopg reads % everywhere, inside literals too; '' is a quote inside a literal
    assert postgres_sql("SELECT 'it''s ?' LIKE 'a%', ?") == "SELECT 'it''s ?' LIKE 'a%%', %s"
    assert postgres_sql('SELECT "odd?name" FROM t') == 'SELECT "odd?name" FROM t'


def test_postgres_url_pool_size_is_ours_not_libpqs() -> None:
    assert split_url("postgresql://u@h/db?pool_max=4&sslmode=require") == (
        "postgresql://u@h/db?sslmode=require",
        4,
    )
    with pytest.raises(ValueError, match="pool_max"):
        split_url("postgresql://u@h/db?pool_max=0")


def test_postgres_and_sqlite_run_the_same_statements(core: BackendCore) -> None:
    """qmark parameters, rows by name, rowcount, a literal ``%`` and ``?`` in a string."""
    with core.store.transaction() as db:
        row = db.execute("SELECT ? AS a, '%?' AS b, ? + 1 AS c", ("x", 41)).fetchone()
        assert (row["a"], row["b"], row["c"]) == ("x", "%?", 42)
        db.execute("INSERT INTO server_secrets (name, value) VALUES (?, ?)", ("t1", "v1"))
        # the thread's own uncommitted write is visible to read() inside its transaction
        got = core.store.read().execute("SELECT value FROM server_secrets WHERE name = 't1'")
        assert got.fetchone()["value"] == "v1"
        again = db.execute(
            "INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
            ("t1", "v2"),
        )
        assert again.rowcount == 0
    missing = core.store.read().execute("SELECT * FROM server_secrets WHERE name = ?", ("no",))
    assert missing.fetchone() is None


def test_a_failed_transaction_writes_nothing(core: BackendCore) -> None:
    def fail() -> None:
        with core.store.transaction() as db:
            db.execute("INSERT INTO server_secrets (name, value) VALUES ('gone', 'x')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail()
    assert (
        core.store.read().execute("SELECT * FROM server_secrets WHERE name = 'gone'").fetchone()
        is None
    )


# ---------------------------------------------------------------- one migration path


def test_a_new_store_records_every_migration_once(fresh_target: str) -> None:
    core = BackendCore.open(fresh_target)
    try:
        assert versions(core) == [v for v, _, _ in MIGRATIONS]
        assert versions(core)[-1] == SCHEMA_VERSION
    finally:
        core.close()
    core = BackendCore.open(fresh_target)  # a reopen applies nothing
    try:
        assert versions(core) == [v for v, _, _ in MIGRATIONS]
    finally:
        core.close()


def test_a_store_at_an_older_version_is_brought_up_to_date(fresh_target: str) -> None:
    core = BackendCore.open(fresh_target)
    seeded = seed(core)
    with core.store.transaction() as db:  # back to what version 3 made
        db.execute("DROP INDEX rents_active_compartment")
        db.execute("DROP INDEX commands_seq")
        db.execute("DROP TABLE courier_visits")
        db.execute("ALTER TABLE couriers DROP COLUMN badge_kdf_hash")
        db.execute("DELETE FROM schema_version WHERE version > 3")
    core.close()
    core = BackendCore.open(fresh_target)
    try:
        assert versions(core) == [v for v, _, _ in MIGRATIONS]
        assert "badge_kdf_hash" in columns(core, "couriers")
        # the data is still there and the upgraded tables work
        backend = EmbeddedBackend(core, LOCKER)
        assert backend.verify_pickup(seeded.code_a).rents[0].compartment_id == "A1"
        assert backend.courier_login(courier_id="c1", pin=seeded.courier_pin).courier.id == "c1"
    finally:
        core.close()


@pytest.mark.sqlite_only
def test_a_sqlite_file_of_a_release_before_migrations_opens_and_upgrades(db_path: Path) -> None:
    """A file made before ``schema_version`` existed (and before three later columns)."""
    core = BackendCore.open(db_path)
    seeded = seed(core)
    core.close()
    old = sqlite3.connect(db_path)  # what that release left on disk
    for sql in (
        "DROP TABLE schema_version",
        "DROP INDEX rents_active_compartment",
        "DROP INDEX commands_seq",
        "DROP TABLE courier_visits",
        "ALTER TABLE couriers DROP COLUMN badge_kdf_hash",
        "ALTER TABLE rents DROP COLUMN receipt",
        "ALTER TABLE events DROP COLUMN detail",
    ):
        old.execute(sql)
    old.commit()
    old.close()
    core = BackendCore.open(db_path)
    try:
        assert versions(core) == [v for v, _, _ in MIGRATIONS]
        assert {"detail"} <= columns(core, "events")
        assert {"receipt"} <= columns(core, "rents")
        backend = EmbeddedBackend(core, LOCKER)
        assert backend.verify_pickup(seeded.code_a).rents[0].compartment_id == "A1"
        rent = backend.reserve_rent(
            "r-after-upgrade",
            RentRequest(compartment_id="B2", kind="send", send_id=seeded.send_id),
        )
        assert rent.receipt is not None
    finally:
        core.close()


def test_two_cores_migrating_one_new_store_at_once_both_open(fresh_target: str) -> None:
    """Two server processes started together on an empty database: one migrates, the other
    waits for it and finds nothing to do."""
    start = threading.Barrier(2)
    cores: list[BackendCore] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        start.wait()
        try:
            cores.append(BackendCore.open(fresh_target))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert versions(cores[0]) == [v for v, _, _ in MIGRATIONS]
    finally:
        for c in cores:
            c.close()


def test_one_active_rent_per_compartment_is_a_constraint(core: BackendCore, seeded: Seeded) -> None:
    """The last line behind the reservation's check: the database refuses a second one."""

    def second_rent() -> None:
        with core.store.transaction() as db:
            core.store.add_rent(
                db, LOCKER, rent_id="second", compartment_id="A1", kind="delivery",
                status="reserved", parcel_id="p5", send_id=None, code_hash=None,
                phone_suffix=None, expires_at=0.0, fingerprint="x",
            )  # fmt: skip

    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        second_rent()


# ---------------------------------------------------------------- PostgreSQL only


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """An empty PostgreSQL database (not parametrized: these tests are about PostgreSQL)."""
    return pg_cluster.clean_database(1)


@pytest.fixture
def two_cores(pg_url: str) -> Iterator[tuple[BackendCore, BackendCore]]:
    """Two cores on one PostgreSQL database, as two server processes have."""
    a = BackendCore.open(pg_url)
    b = BackendCore.open(pg_url)
    seed(a)
    yield a, b
    b.close()
    a.close()


def test_postgres_a_long_poll_wakes_for_a_command_queued_by_another_core(
    two_cores: tuple[BackendCore, BackendCore],
) -> None:
    """Core B's poll (20 s) returns the command core A queued: A's NOTIFY woke B's LISTEN
    thread, which woke the poll and called B's command listeners."""
    a, b = two_cores
    polling = threading.Event()
    heard: list[str] = []
    b.add_command_listener(heard.append)
    got: list[list[str]] = []

    def poll() -> None:
        polling.set()
        got.append([c.command_id for c in b.poll_commands(LOCKER, 20.0)])

    poller = threading.Thread(target=poll)
    poller.start()
    polling.wait()
    command_id = a.enqueue_command(LOCKER, "reload_config")
    poller.join()
    assert got == [[command_id]]
    # B queued nothing itself: only A's NOTIFY tells B's listeners (an asynchronous
    # server's long polls) of the command.
    assert heard == [LOCKER]


def test_postgres_unreachable_database_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://nobody@/nothing?host={tmp_path}&connect_timeout=2"
    with pytest.raises(DatabaseUnreachable):
        BackendCore.open(url)
    assert server_main(["--db", url, "--port", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"locker-kiosk-server: cannot open database {url}: ")
    assert "\n" not in err


class CountingCondition(threading.Condition):
    def __init__(self) -> None:
        super().__init__()
        self.waits = 0

    def wait(self, timeout: float | None = None) -> bool:
        self.waits += 1
        return super().wait(timeout)


def test_a_command_queued_right_after_a_polls_read_is_not_slept_through(
    core: BackendCore, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wake-up that comes between a poll's read of the store and its wait."""
    condition = CountingCondition()
    monkeypatch.setattr(core, "_commands", condition)
    read = core.pending_commands
    queued: list[str] = []

    def read_then_queue(locker_id: str) -> list[object]:
        found = read(locker_id)
        if not queued:  # another thread queues one just after the first read
            queued.append(core.enqueue_command(LOCKER, "reload_config"))
        return found  # type: ignore[return-value]

    monkeypatch.setattr(core, "pending_commands", read_then_queue)
    assert [c.command_id for c in core.poll_commands(LOCKER, 20.0)] == queued
    assert condition.waits == 0


def test_text_with_nul_is_a_bad_request_on_postgres_not_a_crash(
    server_url: str, store_kind: str
) -> None:
    """PostgreSQL's text cannot hold NUL (SQLite's can): such input is answered 400."""
    body = {"events": [{"event_id": "e\u0000vil", "type": "door_opened",
                        "at": "2026-01-01T00:00:00Z", "compartment_id": "A1"}]}  # fmt: skip
    resp = requests.post(
        server_url + f"v1/lockers/{LOCKER}/events", json=body,
        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10,
    )  # fmt: skip
    if store_kind == "sqlite":
        assert resp.json()["results"][0]["status"] == "accepted"
    else:
        assert resp.status_code == 400
        assert resp.json()["type"].endswith("bad_request")
