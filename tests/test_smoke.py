"""The package imports without Qt: the cheap commands depend on it."""

import kiosk


def test_version_is_set() -> None:
    assert kiosk.__version__.count(".") == 2
