"""The idle screen: what a passer-by sees, and the way into every flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPixmap, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
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
from kiosk.ui.i18n import LANGUAGE_NAMES

if TYPE_CHECKING:
    from kiosk.ui.receipt import QrCodeView


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
    """Operator logo and name, language buttons and the clock.

    Signals:
        language_chosen(str): the language code the person tapped.
    """

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setFixedHeight(MIN_TOUCH_PX + 24)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(16)
        self.logo = QLabel(self)
        self.logo.setPixmap(svg_pixmap("logo", QSize(64, 64)))
        self.operator = QLabel(self)
        self.operator.setObjectName("OperatorName")
        layout.addWidget(self.logo)
        layout.addWidget(self.operator)
        layout.addStretch(1)
        self._languages = QHBoxLayout()
        self._languages.setSpacing(12)
        layout.addLayout(self._languages)
        self.clock = QLabel(self)
        self.clock.setObjectName("Clock")
        self.clock.setMinimumWidth(150)
        set_enum_property(self.clock, "alignment", "AlignRight|AlignVCenter")
        layout.addWidget(self.clock)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QPushButton] = {}
        # Ticks only while visible: a hidden screen must not keep a timer running.
        self._tick = QTimer(self)
        self._tick.setObjectName("idle-clock")
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.update_clock)
        self.update_clock()

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """Show one toggle button per language, the current one checked."""
        if tuple(self._buttons) != languages:
            for button in self._buttons.values():
                self._group.removeButton(button)
                button.deleteLater()
            self._buttons = {}
            for code in languages:
                button = touch_button("LanguageButton", parent=self)
                button.setText(code.upper() if code != "pseudo" else "XX")
                button.setToolTip(LANGUAGE_NAMES.get(code, code))
                button.setCheckable(True)
                button.setFixedSize(MIN_TOUCH_PX + 10, MIN_TOUCH_PX)
                button.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
                self._group.addButton(button)
                self._languages.addWidget(button)
                self._buttons[code] = button
        if current in self._buttons:
            self._buttons[current].setChecked(True)

    def language_button(self, code: str) -> QPushButton:
        """The button for ``code`` (for tests and the screenshot tool)."""
        return self._buttons[code]

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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.top_bar = TopBar(self)
        self.top_bar.language_chosen.connect(lambda code: self.intent.emit(Intent.LANGUAGE, code))
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
        grid.setContentsMargins(48, 40, 48, 32)
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(28)
        self.welcome = text_label("Headline", body)
        grid.addWidget(self.welcome, 0, 0, 1, 2)

        self.pickup_button = TileButton("PrimaryAction", "pickup", 112, body)
        self.pickup_button.setMinimumHeight(280)
        self.pickup_button.clicked.connect(lambda: self.intent.emit(Intent.START_FLOW, "pickup"))
        self.send_button = TileButton("SecondaryAction", "send", 96, body)
        self.send_button.setMinimumHeight(280)
        self.send_button.clicked.connect(lambda: self.intent.emit(Intent.START_FLOW, "send"))
        grid.addWidget(self.pickup_button, 1, 0)
        grid.addWidget(self.send_button, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        self.courier_button = touch_button("QuietAction", "courier", 40, body)
        self.courier_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.courier_button.setFixedHeight(MIN_TOUCH_PX)
        self.courier_button.setMinimumWidth(220)
        self.courier_button.clicked.connect(lambda: self.intent.emit(Intent.START_FLOW, "courier"))
        # Down at the bottom edge, however tall the demo box beside it is.
        courier_column = QVBoxLayout()
        courier_column.addStretch(1)
        courier_column.addWidget(self.courier_button)
        bottom.addLayout(courier_column)
        bottom.addStretch(1)
        self.demo_box = QFrame(body)
        self.demo_box.setObjectName("DemoCodes")
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.setContentsMargins(16, 8, 16, 8)
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
            label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
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
        self.pairing_label = QLabel(self.pairing_box)
        self.pairing_label.setObjectName("AppPairingLabel")
        self.pairing_label.setWordWrap(True)
        self.pairing_label.setFixedWidth(104)
        pairing_layout.addWidget(self.pairing_label)
        self.pairing_qr: QrCodeView | None = None
        self.pairing_url = ""
        self.pairing_box.hide()
        bottom.addWidget(self.pairing_box)
        # ---- end App flow pairing QR ----
        grid.addLayout(bottom, 2, 0, 1, 2)
        outer.addWidget(body, 1)
        self._demo: tuple[DemoCode, ...] = ()
        self.retranslate()

    def show_data(self, data: Any) -> None:
        assert isinstance(data, IdleData)
        self.top_bar.operator.setText(data.operator_name)
        self.top_bar.set_languages(data.languages, data.current_language)
        self._demo = data.demo_codes
        self.demo_box.setVisible(bool(data.demo_codes))
        self.demo_courier.setText("\n".join(data.demo_courier))
        self.demo_courier.setVisible(bool(data.demo_courier))
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
        self.pairing_label.setText(self.tr("Open with the app"))
        # ---- send / return demo codes (the compartment field holds the size) ----
        # Six lines at most, as before: the box must not push the idle screen taller.
        drop_offs = [c for c in self._demo if c.kind in ("send", "return")][:2]
        pickups = [c for c in self._demo if c.kind == "pickup"][: 6 - len(drop_offs)]
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
