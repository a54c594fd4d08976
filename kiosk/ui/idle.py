"""The idle screen: what a passer-by sees, and the way into every flow."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QSize, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.screendata import DemoCode, IdleData, Intent, ScreenName
from kiosk.resources import icon_path
from kiosk.ui.base import (
    MIN_TOUCH_PX,
    Screen,
    TileButton,
    set_enum_property,
    text_label,
    touch_button,
)

log = logging.getLogger("kiosk.ui.idle")

if TYPE_CHECKING:
    from kiosk.ui.receipt import QrCodeView


def logo_pixmap(path: str, height: int) -> QPixmap | None:
    """An SVG or PNG file as a pixmap ``height`` px high (None if it cannot be read)."""
    if not os.access(path, os.R_OK):
        return None  # before Qt tries: its own warning would be a second line
    if path.lower().endswith(".svg"):
        renderer = QSvgRenderer(path)
        if not renderer.isValid():
            return None
        size = renderer.defaultSize()
        width = max(1, round(height * size.width() / max(1, size.height())))
        pixmap = QPixmap(QSize(width, height))
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        return pixmap
    image = QPixmap(path)
    if image.isNull():
        return None
    from PySide6.QtCore import Qt  # only with an operator's logo (first-frame cost)

    return image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


def svg_pixmap(name: str, size: QSize) -> QPixmap:
    """Render an SVG icon sharply at ``size`` (QIcon would scale a bitmap)."""
    renderer = QSvgRenderer(str(icon_path(name)))
    pixmap = QPixmap(size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


class TopBar(QFrame):
    """Operator logo and name, and the clock. (The languages are in the window's footer,
    under every customer screen.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setFixedHeight(MIN_TOUCH_PX + 12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 6)
        layout.setSpacing(16)
        self.logo = QLabel(self)
        self.logo.setPixmap(svg_pixmap("logo", QSize(64, 64)))
        self.operator = QLabel(self)
        self.operator.setObjectName("OperatorName")
        layout.addWidget(self.logo)
        layout.addWidget(self.operator)
        layout.addStretch(1)
        self.courier_button = touch_button("TopBarAction", "courier_light", 40, self)
        self.courier_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.courier_button.setFixedHeight(MIN_TOUCH_PX)
        layout.addWidget(self.courier_button)
        self.clock = QLabel(self)
        self.clock.setObjectName("Clock")
        self.clock.setMinimumWidth(150)
        set_enum_property(self.clock, "alignment", "AlignRight|AlignVCenter")
        layout.addWidget(self.clock)
        # Ticks only while visible: a hidden screen must not keep a timer running.
        self._tick = QTimer(self)
        self._tick.setObjectName("idle-clock")
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.update_clock)
        self.update_clock()

    def set_logo(self, path: str) -> bool:
        """The operator's logo from an SVG or PNG file, 64 px high; False (and the built-in
        logo kept, with one log line) if it cannot be read."""
        pixmap = logo_pixmap(path, 64)
        if pixmap is None:
            log.error("logo %s cannot be read (SVG or PNG): using the built-in one", path)
            return False
        self.logo.setPixmap(pixmap)
        return True

    def update_clock(self) -> None:
        """Show the current local time, hours and minutes."""
        self.clock.setText(QDateTime.currentDateTime().toString("HH:mm"))

    def showEvent(self, event: QShowEvent) -> None:
        self.update_clock()
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)


class IdleScreen(Screen):
    """Pick up, send or return, courier entry, language and time.

    Intents: ``start_flow`` with "pickup", "send" or "courier" (the button tapped),
    ``language`` with the language code tapped.
    """

    name = ScreenName.IDLE
    footer = "idle"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.top_bar = TopBar(self)
        outer.addWidget(self.top_bar)
        # ---- back-office message banner ----
        self.banner = QLabel(self)
        self.banner.setObjectName("MessageBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        outer.addWidget(self.banner)
        # ---- end back-office message banner ----

        body = QWidget(self)
        grid = QGridLayout(body)
        grid.setContentsMargins(48, 16, 48, 16)
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(16)
        self._grid = grid
        head = QVBoxLayout()
        head.setSpacing(8)
        self.welcome = text_label("Headline", body)
        # Where am I and whom do I call: the locker's id and address, the help number.
        self.info = text_label("InfoLine", body)
        self.info.hide()
        head.addWidget(self.welcome)
        head.addWidget(self.info)
        grid.addLayout(head, 0, 0, 1, 2)

        self.pickup_button = TileButton("PrimaryAction", "pickup", 112, body)
        self.pickup_button.setMinimumHeight(160)
        self.pickup_button.clicked.connect(lambda: self.intent.emit(Intent.START_FLOW, "pickup"))
        self.send_button = TileButton("SecondaryAction", "send", 96, body)
        self.send_button.setMinimumHeight(160)
        self.send_button.clicked.connect(lambda: self.intent.emit(Intent.START_FLOW, "send"))
        grid.addWidget(self.pickup_button, 1, 0)
        grid.addWidget(self.send_button, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

        bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        bottom.setSpacing(16)
        # The courier's way in: in the top bar, readable (white on navy) but out of the
        # shoppers' way.
        self.courier_button = self.top_bar.courier_button
        self.courier_button.clicked.connect(lambda: self.intent.emit(Intent.START_FLOW, "courier"))
        bottom.addStretch(1)
        self.demo_box = QFrame(body)
        self.demo_box.setObjectName("DemoCodes")
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.setContentsMargins(16, 4, 16, 4)
        demo_layout.setSpacing(2)
        self.demo_title = QLabel(self.demo_box)
        self.demo_title.setObjectName("DemoTitle")
        self.demo_codes = QLabel(self.demo_box)
        self.demo_codes.setObjectName("DemoCode")
        set_enum_property(self.demo_codes, "textInteractionFlags", "TextSelectableByMouse")
        demo_layout.addWidget(self.demo_title)
        # The demo courier's login and parcels beside the pickup codes: the courier
        # journey can be tried by hand as well.
        demo_columns = QHBoxLayout()
        demo_columns.setSpacing(20)
        demo_columns.addWidget(self.demo_codes)
        self.demo_courier = QLabel(self.demo_box)
        self.demo_courier.setObjectName("DemoCode")
        set_enum_property(self.demo_courier, "textInteractionFlags", "TextSelectableByMouse")
        self.demo_courier.hide()
        for label in (self.demo_codes, self.demo_courier):
            set_enum_property(label, "alignment", "AlignLeft|AlignTop")
            # A code cut off is a code nobody can type: never narrower than its text.
            label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        demo_columns.addWidget(self.demo_courier)
        demo_layout.addLayout(demo_columns)
        self.demo_box.hide()
        bottom.addWidget(self.demo_box)
        # ---- App flow: the pairing QR code (built when the first pairing arrives) ----
        self.pairing_box = QFrame(body)
        self.pairing_box.setObjectName("AppPairing")
        pairing_layout = self._pairing_layout = QHBoxLayout(self.pairing_box)
        pairing_layout.setContentsMargins(12, 8, 16, 8)
        pairing_layout.setSpacing(12)
        self.pairing_label = text_label("AppPairingLabel", self.pairing_box)
        self.pairing_label.setFixedWidth(170)
        pairing_layout.addWidget(self.pairing_label)
        self.pairing_qr: QrCodeView | None = None
        self.pairing_url = ""
        self.pairing_box.hide()
        bottom.addWidget(self.pairing_box)
        # ---- end App flow pairing QR ----
        grid.addLayout(bottom, 3, 0, 1, 2)

        outer.addWidget(body, 1)
        self._bottom = bottom
        self._demo: tuple[DemoCode, ...] = ()
        self.data = IdleData("", (), "")
        self.retranslate()

    def set_portrait(self, portrait: bool) -> None:
        """Portrait: the two tiles one above the other, each the full width."""
        grid = self._grid
        grid.removeWidget(self.send_button)
        if portrait:
            grid.addWidget(self.send_button, 2, 0, 1, 2)
            grid.removeWidget(self.pickup_button)
            grid.addWidget(self.pickup_button, 1, 0, 1, 2)
            grid.setRowStretch(2, 1)
        else:
            grid.removeWidget(self.pickup_button)
            grid.addWidget(self.pickup_button, 1, 0)
            grid.addWidget(self.send_button, 1, 1)
            grid.setRowStretch(2, 0)
        self._place_tiles()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The demo codes and the app's QR code one above the other on a narrow screen.
        narrow = self.width() < 1200
        self._bottom.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    def _place_tiles(self) -> None:
        """A flow this locker does not offer has no tile (never a dead end)."""
        offered = self.data.offered
        self.pickup_button.setVisible("pickup" in offered)
        self.send_button.setVisible("send" in offered)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, IdleData)
        self.data = data
        self.top_bar.operator.setText(data.operator_name)
        self._place_tiles()
        self._demo = data.demo_codes
        self.demo_box.setVisible(bool(data.demo_codes))
        self.demo_courier.setText("\n".join(data.demo_courier))
        # Accessible mode (larger type, less room): the shopper's codes only, fewer.
        self.demo_courier.setVisible(bool(data.demo_courier) and not data.accessible)
        # ---- App flow and back-office message ----
        self.banner.setText(data.message)
        self.banner.setVisible(bool(data.message))
        self._show_pairing(data.pairing_url)
        # ---- end App flow and back-office message ----
        self.retranslate()

    # ---- App flow: the pairing QR code ----
    def _show_pairing(self, url: str) -> None:
        """The pairing URL as a crisp QR code, or no QR at all (never a stale one)."""
        if url and self.pairing_qr is None:
            # Imported on first use: the QR encoder is not needed for the first paint.
            from kiosk.ui.receipt import QrCodeView

            qr = QrCodeView(self.pairing_box)
            qr.setObjectName("AppPairingQr")
            qr.setMinimumSize(140, 140)
            qr.setFixedSize(140, 140)
            self._pairing_layout.addWidget(qr)
            self.pairing_qr = qr
        if url != self.pairing_url and self.pairing_qr is not None:
            self.pairing_qr.set_text(url)
        self.pairing_url = url
        self.pairing_box.setVisible(bool(url))

    # ---- end App flow pairing QR ----

    def retranslate(self) -> None:
        self.welcome.setText(self.tr("Welcome! What would you like to do?"))
        self.pickup_button.setText(self.tr("Pick up a parcel"))
        self.send_button.setText(self.tr("Send or return"))
        self.courier_button.setText(self.tr("Courier"))
        d = self.data
        parts = []
        if d.locker_id:
            parts.append(self.tr("Locker %1").replace("%1", d.locker_id))
        if d.address:
            parts.append(d.address)
        if d.help:
            parts.append(d.help)
        self.info.setText("  ·  ".join(parts))
        self.info.setVisible(bool(parts))
        self.pairing_label.setText(self.tr("Open with the app"))
        # ---- send / return demo codes (the compartment field holds the size) ----
        # Six lines at most, as before: the box must not push the idle screen taller.
        most = 3 if self.data.accessible else 6
        drop_offs = [c for c in self._demo if c.kind in ("send", "return")][: most // 3]
        pickups = [c for c in self._demo if c.kind == "pickup"][: most - len(drop_offs)]
        if drop_offs:
            self.demo_title.setText(self.tr("Demo codes"))
        else:
            self.demo_title.setText(self.tr("Demo pickup codes"))
        lines = [f"{c.code} → {c.compartment}" for c in pickups]
        for c in drop_offs:
            what = self.tr("send, size %1") if c.kind == "send" else self.tr("return, size %1")
            lines.append(f"{c.code} → {what.replace('%1', c.compartment)}")
        # ---- end send / return demo codes ----
        self.demo_codes.setText("\n".join(lines))
