"""The backend tests run on both stores: SQLite and PostgreSQL.

Every test here that uses a store (the ``store_kind`` fixture, through ``core``,
``embedded``, ``client`` ...) runs twice, with ids ``[sqlite]`` and ``[postgres]``; one
marked ``sqlite_only`` (it reads the SQLite file itself) runs once. Tests of PostgreSQL
alone use the ``pg_cluster`` fixture.

Where PostgreSQL is not installed the PostgreSQL tests are left out, with one line at the
end of the run saying so (not one skip line per test).
"""

from __future__ import annotations

import pytest

from tests.backend.pg import SKIP_REASON, find_bin

_NOT_RUN = pytest.StashKey[int]()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_kind" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        metafunc.parametrize("store_kind", ["sqlite", "postgres"])


def _needs_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("store_kind") == "postgres":
        return True
    return "pg_cluster" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if find_bin() is not None:
        return
    left_out = [item for item in items if _needs_postgres(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not _needs_postgres(item)]
    config.stash[_NOT_RUN] = len(left_out)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    left_out = terminalreporter.config.stash.get(_NOT_RUN, 0)
    if left_out:
        terminalreporter.write_line(
            f"SKIPPED {left_out} PostgreSQL tests: {SKIP_REASON}", yellow=True
        )
