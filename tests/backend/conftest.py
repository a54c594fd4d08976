"""The backend tests run on both stores: SQLite and PostgreSQL.

Every test here that uses a store (the ``store_kind`` fixture, through ``core``,
``embedded``, ``client`` ...) runs twice, with ids ``[sqlite]`` and ``[postgres]``; one
marked ``sqlite_only`` (it reads the SQLite file itself) runs once.
"""

from __future__ import annotations

import pytest


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_kind" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        metafunc.parametrize("store_kind", ["sqlite", "postgres"])
