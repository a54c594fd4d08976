"""The admin panel's "Stop kiosk" leaves the kiosk stopped under the shipped unit."""

from __future__ import annotations

from tests.packaging.test_systemd_unit import SYSTEMD, parse, values


def test_admin_stop_status_is_one_the_unit_does_not_restart_on() -> None:
    from kiosk.flows.admin import EXIT_RESTART, EXIT_STOP

    unit = parse(SYSTEMD / "locker-kiosk.service")
    assert values(unit, "Service", "Restart") == ["always"]
    prevented = " ".join(values(unit, "Service", "RestartPreventExitStatus")).split()
    assert str(EXIT_STOP) in prevented
    assert str(EXIT_RESTART) not in prevented  # "Restart kiosk" comes back
