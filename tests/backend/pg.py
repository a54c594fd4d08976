"""A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, a unix socket only.

Debian's ``postgresql`` package puts ``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/<version>/bin``, off PATH, and both refuse to run as root (which CI
is): as root they run as ``nobody``, with the data and the socket in a temp dir that user
owns. The server listens on no TCP port at all (``listen_addresses=''``), so nothing leaves
the machine and no port can clash; fsync is off (the cluster dies with the session).

Each test gets a fresh schema of one database (``CREATE SCHEMA`` takes a millisecond,
``CREATE DATABASE`` 200 ms), chosen by ``search_path`` in its connection string: two server
processes of a test share it exactly as a fleet shares a database.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    import psycopg

SKIP_REASON = "PostgreSQL not installed (apt-get install postgresql)"
PORT = 5432
DATABASE = "kiosk_tests"


def find_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has ``initdb``, or None."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        on_path = shutil.which("initdb")
        return None if on_path is None else Path(on_path).parent

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    return Path(max(found, key=version)).parent


class Cluster:
    """A started cluster; :meth:`new_database` makes a fresh database and returns its URL."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # /tmp when root: nobody must reach the dir (a root-only TMPDIR would not do), and a
        # unix socket's path must stay under 108 bytes.
        parent = "/tmp" if os.geteuid() == 0 and os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-pg-", dir=parent))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self._user: str | None = None
        self._admin: psycopg.Connection[tuple[object, ...]] | None = None
        if os.geteuid() == 0:
            # initdb and postgres refuse root: run them as nobody in a dir nobody owns.
            os.chown(self.root, 65534, 65534)
            self._user = "nobody"
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip
        options = (
            f"-k {self.root} -p {PORT} -c listen_addresses='' -F"
            " -c full_page_writes=off -c synchronous_commit=off -c max_connections=300"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options,
                  "start")  # fmt: skip

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [str(self.bindir / tool), *args],
            capture_output=True,
            text=True,
            cwd=self.root,
            check=False,
            user=self._user,
            group=None if self._user is None else 65534,
            extra_groups=None if self._user is None else [],
        )
        if done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed: {done.stdout}{done.stderr}{log}")

    def url(self, database: str = DATABASE, schema: str | None = None) -> str:
        """The connection string of a database (and schema) of this cluster (unix socket)."""
        url = f"postgresql://postgres@/{database}?host={quote(str(self.root), safe='')}&port={PORT}"
        if schema is not None:
            url += "&options=" + quote(f"-csearch_path={schema}", safe="")
        return url

    def new_database(self) -> str:
        """A fresh, empty schema; returns the connection string that works in it."""
        import psycopg

        name = f"t_{next(self._names)}"
        if self._admin is None:
            with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {DATABASE}")
            self._admin = psycopg.connect(self.url(), autocommit=True)
        self._admin.execute(f"CREATE SCHEMA {name}")
        return self.url(schema=name)

    def clean_database(self, slot: int) -> str:
        """The ``slot``-th reusable schema of this session, emptied; its connection string.

        Migrating a new schema costs 250 ms (PostgreSQL's DDL is slow), emptying a migrated
        one 5 ms: most tests get a reused one. A test that changes the schema itself uses
        :meth:`new_database`. A slot left without a migrated schema (first use) is made
        anew; its first store migrates it.
        """
        import psycopg

        from kiosk.backend.store import SCHEMA_VERSION

        if self._admin is None:
            self.new_database()
        assert self._admin is not None
        name = f"reused_{slot}"
        url = self.url(schema=name)
        with psycopg.connect(url, autocommit=True) as conn:
            try:
                row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
                migrated = row is not None and row[0] == SCHEMA_VERSION
            except psycopg.Error:
                migrated = False
            if not migrated:
                conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
                conn.execute(f"CREATE SCHEMA {name}")
                return url
            tables = [
                str(r[0])
                for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    " AND tablename <> 'schema_version'"
                )
            ]
            with conn.transaction():
                # No foreign-key triggers: the tables are emptied in any order.
                conn.execute("SET LOCAL session_replication_role = replica")
                for table in tables:
                    conn.execute(f"DELETE FROM {table}")
        return url

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
