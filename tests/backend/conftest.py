"""Backend fixtures live in ``fixtures.py`` so the services tests can import them too."""

from tests.backend.fixtures import (  # noqa: F401
    client,
    core,
    db_path,
    embedded,
    seeded,
    server_url,
)
