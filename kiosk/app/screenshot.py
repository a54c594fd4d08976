"""``locker-kiosk --screenshot DIR``: every screen rendered to a PNG, offscreen.

Used for the README and for looking at the UI as a shopper would. Each screen is shown
with representative data (the same kind of data its flow gives it), the window is laid
out at the configured size, and ``QWidget.grab()`` writes the pixels.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import msgspec
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop

from kiosk.app.kiosk import Kiosk, demo_courier_lines
from kiosk.flows.screendata import (
    BankCell,
    BusyData,
    CameraData,
    Choice,
    CodeEntryData,
    CourierGridData,
    CourierHomeData,
    CourierTaskData,
    DemoCode,
    DoorData,
    IdleData,
    MessageData,
    PhoneEntryData,
    ReceiptData,
)

log = logging.getLogger("kiosk.app.screenshot")


def sample_data(kiosk: Kiosk, name: str) -> Any:
    """Representative data for the screen ``name``."""
    if name == "idle":
        codes = kiosk.demo_codes or (
            DemoCode("482913", "A03"),
            DemoCode("105577", "A11"),
            DemoCode("730264", "B02"),
            DemoCode("S7K3M9QD", "M", kind="send"),
            DemoCode("RH4W2XPB", "S", kind="return"),
        )
        return IdleData(
            kiosk.config.kiosk.operator_name,
            tuple(kiosk.languages.languages),
            kiosk.languages.current,
            codes,
            kiosk.demo_courier or demo_courier_lines(),
            # What the demo backend says about its locker (kiosk/backend/demo.py).
            locker_id="demo",
            address="1 Example Street, Demo Town",
            help="Help: +48 000 000 000",
            accessible=kiosk.accessible,
        )
    if name == "message":
        return MessageData(
            headline=QCoreApplication.translate("PickupFlow", "Wrong code"),
            body=QCoreApplication.translate(
                "PickupFlow", "Please check the code in your message. 2 attempts left."
            ),
            tone="error",
            choices=(
                Choice(
                    "retry", QCoreApplication.translate("PickupFlow", "Try again"), primary=True
                ),
                Choice("cancel", QCoreApplication.translate("PickupFlow", "Cancel")),
            ),
        )
    if name == "code_entry":
        return CodeEntryData(
            title=QCoreApplication.translate("PickupFlow", "Enter your pickup code"),
            hint=QCoreApplication.translate(
                "PickupFlow", "You find it in the text message or e-mail about your parcel."
            ),
            length=6,
        )
    if name == "phone_entry":
        return PhoneEntryData(
            title=QCoreApplication.translate("PickupFlow", "Enter your phone number")
        )
    if name == "camera":
        return CameraData(
            title=QCoreApplication.translate("PickupFlow", "Hold the code up to the camera"),
            hint=QCoreApplication.translate(
                "PickupFlow", "The QR code or barcode from your message, about 20 cm away."
            ),
        )
    if name == "busy":
        return BusyData(QCoreApplication.translate("PickupFlow", "Checking your code…"))
    if name == "door":
        return DoorData(
            compartment_id="A07",
            headline=QCoreApplication.translate("DoorCycle", "Door %1 is open").replace(
                "%1", "A07"
            ),
            body=QCoreApplication.translate(
                "PickupFlow", "Take your parcel and close the door firmly."
            ),
            cells=sized_cells(),
        )
    if name == "receipt":
        return ReceiptData(
            headline=QCoreApplication.translate(
                "SendFlow", "Thank you! Your parcel is in the locker"
            ),
            receipt="R-7F3K-92QD",
            when="2026-11-30 05:12",
            locker="Demo locker",
            compartment_id="B07",
            body=QCoreApplication.translate("SendFlow", "Take a photo of this receipt."),
            choices=(Choice("done", QCoreApplication.translate("SendFlow", "Done"), primary=True),),
        )
    courier = courier_sample(name)
    if courier is not None:
        return courier
    if name == "admin":  # ---- admin panel ----
        return admin_samples()[1][2]
    return None


# ---- admin panel: every page, from a panel filled with sample readings ----
def admin_samples() -> list[tuple[str, str, Any]]:
    """(file name, screen, data) of every admin panel page."""
    from kiosk.domain.compartments import Bank, Size, Spec
    from kiosk.flows.admin import AdminFlow, AdminPorts, NullDoors, NullGateway

    cells = sample_cells()
    sizes: tuple[Size, ...] = ("S", "S", "M", "M", "M", "L", "L", "XL")
    bank = Bank.of(Spec(c.compartment_id, sizes[c.row], c.column, c.row) for c in cells)
    bank.out_of_service.add("B05")
    doors = {c.compartment_id: "closed" for c in cells} | {"A03": "open", "B12": "unknown"}
    occupied: dict[str, bool | None] = {c.compartment_id: c.row % 3 == 0 for c in cells}
    occupied["B12"] = None
    log_lines = (
        "05:12:03 INFO    kiosk.flows.pickup: flow pickup started",
        "05:12:09 INFO    kiosk.services.doors: door A03 opened (picked_up expected)",
        "05:12:31 INFO    kiosk.services.doors: door A03 closed",
        "05:14:00 WARNING kiosk.hardware.driver: board 2: no answer (retry 1 of 2)",
        "05:14:00 INFO    kiosk.hardware.driver: board 2 answers again",
        "05:20:45 WARNING kiosk.flows.admin: wrong admin PIN (1 in a row)",
        "05:20:52 INFO    kiosk.flows.admin: admin logged in",
    )
    ports = AdminPorts(
        door_readings=lambda: (doors, occupied),
        diagnostics=lambda: (
            "locker-kiosk 0.1.0",
            "board 1: answering",
            "board 2: answering",
            "frames dropped (checksum, framing...): checksum 2",
            "serial port: /dev/lockerboard (serial)",
            "outbox: 0 waiting, oldest 0 s, 0 rejected",
            "backend (rest): reachable",
            "last heartbeat: 12 s ago",
            "offline codes: 41, refreshed 312 s ago",
            "free disk: 5120 MiB of 7300 MiB",
        ),
        log_lines=lambda _prefix: log_lines,
        compartment_events=lambda comp: (
            f"05:12 door {comp} opened (picked_up expected)",
            f"05:12 door {comp} closed",
        ),
        site_settings=lambda: {"default_language": "de", "inactivity_timeout_s": 60},
        languages=lambda: ("en", "de", "pl"),
    )
    flow = AdminFlow(NullGateway(), NullDoors(), bank, ports)
    flow.apply_layout(cells)
    samples: list[tuple[str, str, Any]] = [("admin_pin", "code_entry", flow.pin_data())]
    for page in ("doors", "compartment", "open_all", "diagnostics", "logs", "settings"):
        flow.page = page
        flow.selected = "A03" if page == "compartment" else ""
        if page == "settings":
            flow._pending_settings = dict(ports.site_settings())
        samples.append((f"admin_{page}", "admin", flow.page_data()))
    flow._bulk_total, flow._bulk_done = 32, ["A01", "A02", "A03"]
    samples.append(("admin_open_all_progress", "admin", flow.bulk_data("A04")))
    flow.deleteLater()
    return samples


# ---- end admin panel ----


# ---- send / return: the shared screens as the send flow fills them ----
def send_samples() -> list[tuple[str, str, Any]]:
    """(file name, screen, data) of the send flow's views of shared screens."""
    return [
        (
            "send_code_entry",
            "code_entry",
            CodeEntryData(
                title=QCoreApplication.translate("SendFlow", "Enter your drop-off code"),
                hint=QCoreApplication.translate(
                    "SendFlow", "You got it from the carrier or the shop, to send or return."
                ),
                max_length=14,
                alphabet="alnum",
                confirm_label=QCoreApplication.translate("SendFlow", "Continue"),
            ),
        ),
        (
            "send_door",
            "door",
            DoorData(
                compartment_id="A07",
                headline=QCoreApplication.translate("DoorCycle", "Door %1 is open").replace(
                    "%1", "A07"
                ),
                body=QCoreApplication.translate(
                    "SendFlow", "Put your parcel in and close the door."
                ),
                cells=sized_cells(),
                choices=(
                    Choice(
                        "larger",
                        QCoreApplication.translate("SendFlow", "Larger compartment"),
                    ),
                    Choice("cancel", QCoreApplication.translate("SendFlow", "Cancel")),
                ),
            ),
        ),
        (
            "send_cancelled",
            "message",
            MessageData(
                QCoreApplication.translate("SendFlow", "Nothing was sent"),
                QCoreApplication.translate(
                    "SendFlow", "Please close the door. Your code was not used up."
                ),
                "info",
                (Choice("done", QCoreApplication.translate("SendFlow", "OK"), primary=True),),
            ),
        ),
        (
            "send_no_larger",
            "message",
            MessageData(
                QCoreApplication.translate("SendFlow", "There is no larger compartment free"),
                QCoreApplication.translate(
                    "SendFlow", "Please take your parcel with you. Your code was not used up."
                ),
                "error",
                (Choice("cancel", QCoreApplication.translate("SendFlow", "OK"), primary=True),),
            ),
        ),
    ]


# ---- end send / return ----


def courier_sample(name: str) -> Any:
    """Representative data for courier mode's screens (``None`` for any other)."""

    def _t(text: str) -> str:
        return QCoreApplication.translate("CourierFlow", text)

    if name == "courier_home":
        return CourierHomeData(
            name="Anna Kowalska",
            company="Demo Parcel Co.",
            to_deliver=27,
            to_collect=4,
            note=_t("Compartment %1 is now out of service. Thank you.").replace("%1", "B05"),
            tone="success",
        )
    if name == "courier_task":
        return CourierTaskData(
            headline=_t("Scan the next parcel"),
            body=_t("The right door opens at once. Scan the next while it is open."),
            counter="3 / 30",
            counter_label=_t("delivered"),
            note=_t("Parcel %1 is in compartment %2.")
            .replace("%1", "JJD000000000008")
            .replace("%2", "A09"),
            tone="success",
            choices=(
                Choice("type", _t("Type the barcode")),
                Choice("home", _t("Done"), primary=True),
            ),
        )
    if name == "courier_grid":
        states = ("free", "occupied", "occupied", "free", "out_of_service")
        cells = tuple(
            BankCell(c.compartment_id, c.column, c.row, c.height, states[i % 5])  # type: ignore[arg-type]
            for i, c in enumerate(sample_cells())
        )
        return CourierGridData(
            title=_t("Compartment %1: what is wrong?").replace("%1", "A06"),
            hint=_t("Tap the compartment on the picture."),
            cells=cells,
            selected="A06",
            choices=(
                Choice("broken_door", _t("Broken door"), primary=True),
                Choice("dirty", _t("Dirty / damaged")),
                Choice("other", _t("Other")),
                Choice("home", _t("Back")),
            ),
        )
    return None


def courier_shared_samples() -> list[tuple[str, str, Any]]:
    """Courier mode's looks of the shared screens: (file name, screen name, data)."""

    def _t(text: str) -> str:
        return QCoreApplication.translate("CourierFlow", text)

    door = DoorData(
        compartment_id="A09",
        headline=QCoreApplication.translate("DoorCycle", "Door %1 is open").replace("%1", "A09"),
        body=_t("Put the parcel in and close the door.") + "\n+48 *** *** 123",
        cells=sized_cells(),
        step=_t("Parcel %1 · size %2").replace("%1", "JJD000000000008").replace("%2", "S"),
        choices=(Choice("doesnt_fit", _t("Doesn't fit")), Choice("broken", _t("Door is broken"))),
    )
    pin = CodeEntryData(
        title=_t("Enter your PIN"),
        hint=_t("Courier ID: %1").replace("%1", "COURIER1"),
        max_length=12,
        alphabet="digits",
        allow_scan=False,
        confirm_label=_t("Log in"),
        masked=True,
    )
    return [("courier_door", "door", door), ("courier_pin", "code_entry", pin)]


# ---- App flow and back-office message ----
def app_samples(kiosk: Kiosk) -> list[tuple[str, str, Any]]:
    """(file name, screen, data) of the App flow's views: the idle screen with the pairing
    QR code and a back-office banner, and a door opened for the app."""
    idle = sample_data(kiosk, "idle")
    assert isinstance(idle, IdleData)
    return [
        (
            "app_idle",
            "idle",
            msgspec.structs.replace(
                idle,
                pairing_url="https://app.example.com/pair/Xq3v9LmT0bKc2RwY8nPa1g",
                message="Closed on 24 December. Thank you for your understanding.",
            ),
        ),
        (
            "app_door",
            "door",
            DoorData(
                compartment_id="A07",
                headline=QCoreApplication.translate(
                    "AppOpenFlow", "Door %1 is open for your app"
                ).replace("%1", "A07"),
                body=QCoreApplication.translate(
                    "AppOpenFlow", "%1, please take your parcel and close the door firmly."
                ).replace("%1", "Anna"),
                cells=sized_cells(),
            ),
        ),
    ]


# ---- end App flow and back-office message ----


def sized_cells() -> tuple[BankCell, ...]:
    """Two boards of two columns, each column four S, two M, a L and an XL door from the
    top down, drawn in their real heights (S one unit, M two, L three, XL four)."""
    heights = (1, 1, 1, 1, 2, 2, 3, 4)
    cells = []
    for board, prefix in ((1, "A"), (2, "B")):
        for column in range(2):
            row = 0
            for index, height in enumerate(heights):
                lock = column * 8 + index + 1
                cells.append(BankCell(f"{prefix}{lock:02d}", (board - 1) * 2 + column, row, height))
                row += height
    return tuple(cells)


def sample_cells() -> tuple[BankCell, ...]:
    """Two boards of two columns of eight, as in the demo layout."""
    cells = []
    for board, prefix in ((1, "A"), (2, "B")):
        for lock in range(1, 17):
            cells.append(
                BankCell(f"{prefix}{lock:02d}", (board - 1) * 2 + (lock - 1) // 8, (lock - 1) % 8)
            )
    return tuple(cells)


def _settle() -> None:
    # Answer buttons a screen replaced (deleteLater) must not show through.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


#: The screen sizes rendered: the configured one for landscape, and a typical portrait
#: parcel-locker display (21-32", full HD on its side).
PORTRAIT_SIZE = (1080, 1920)


def screen_size(kiosk: Kiosk, orientation: str) -> tuple[int, int]:
    """Width and height of the kiosk's screen in ``orientation``."""
    width, height = kiosk.config.kiosk.width, kiosk.config.kiosk.height
    if orientation == "portrait":
        return (width, height) if height > width else PORTRAIT_SIZE
    return (width, height) if width >= height else (height, width)


def set_orientation(kiosk: Kiosk, orientation: str) -> None:
    """Lay the kiosk's screen out in ``orientation`` (``portrait`` or ``landscape``)."""
    kiosk.shell.set_size(*screen_size(kiosk, orientation))
    _settle()
    kiosk.window.set_languages(tuple(kiosk.languages.languages), kiosk.languages.current)


def samples(kiosk: Kiosk) -> list[tuple[str, str, Any]]:
    """(file stem, screen, data) of every screen view the tool renders."""
    rendered = [(name, name, sample_data(kiosk, name)) for name in kiosk.host.names()]
    rendered += [*send_samples(), *courier_shared_samples(), *admin_samples()]
    rendered += app_samples(kiosk)
    # The language picker open over the code entry (the language can change mid-flow).
    rendered.append(("language_picker", "code_entry", sample_data(kiosk, "code_entry")))
    return rendered


def show_sample(kiosk: Kiosk, stem: str, name: str, data: Any) -> None:
    """Show one sample view (the language picker is opened over its screen)."""
    kiosk.host.show_screen(name, data)
    if stem == "language_picker":
        kiosk.window.screen_area.toggle_picker()


def render_all(
    kiosk: Kiosk,
    outdir: Path,
    orientations: tuple[str, ...] = ("landscape",),
    *,
    accessible: bool = False,
) -> list[Path]:
    """Render every screen of ``kiosk`` into ``outdir`` (created if needed).

    Landscape views are ``<screen>.png``, portrait ones ``<screen>-portrait.png``;
    ``accessible`` renders them in accessible mode.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    kiosk.languages.reset()
    window = kiosk.window
    window.show()
    kiosk.set_accessible(accessible)
    kiosk.window.footer.scanner = True  # as on a locker: the hint where to scan
    kiosk.window.footer.help = "Help: +48 000 000 000"  # the demo backend's help line
    written: list[Path] = []
    for orientation in orientations:
        set_orientation(kiosk, orientation)
        suffix = "-portrait" if orientation == "portrait" else ""
        for stem, name, data in samples(kiosk):
            show_sample(kiosk, stem, name, data)
            _settle()
            # The kiosk's own screen only: what a shopper sees, without the demo's panel.
            path = outdir / f"{stem}{suffix}.png"
            if not window.screen_area.grab().save(str(path)):
                log.error("could not write %s", path)
                continue
            written.append(path)
    if window.side_panel is not None and "landscape" in orientations:
        set_orientation(kiosk, "landscape")
        kiosk.host.show_screen("idle", sample_data(kiosk, "idle"))
        _settle()
        path = outdir / "demo_window.png"
        if window.grab().save(str(path)):
            written.append(path)
    kiosk.set_accessible(False)
    window.hide()
    return written
