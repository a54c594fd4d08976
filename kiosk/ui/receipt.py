"""The drop-off receipt: the receipt number as a QR code and a Code 128 barcode.

The shopper takes a photo of the screen; the carrier or the shop scans the photo later.
A photo of a blurred, scaled-up bitmap scans badly, so both codes are drawn as vectors
from the encoders' module matrices (``qrcode``'s ``get_matrix()``, ``python-barcode``'s
``build()``): every module is a rectangle on whole device pixels, sharp at any size.
"""

from __future__ import annotations

from typing import Any

import barcode
import qrcode
from PySide6.QtCore import QDateTime, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.flows.screendata import Intent, ReceiptData, ScreenName
from kiosk.ui.base import ChoiceRow, Screen, flip_layout, text_label

# Quiet zones scanners need around the codes, in modules.
QR_QUIET = 4
BARCODE_QUIET = 10


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code of ``text`` as rows of dark (True) / light modules, without border."""
    qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def code128_modules(text: str) -> str:
    """The Code 128 symbol of ``text`` as a string of ``1`` (bar) and ``0`` (space)."""
    return "".join(barcode.get("code128", text).build())


class QrCodeView(QWidget):
    """A QR code drawn module by module on a white square, with its quiet zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiptQr")
        self.modules: list[list[bool]] = []
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_text(self, text: str) -> None:
        self.modules = qr_modules(text) if text else []
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.modules:
            return
        n = len(self.modules) + 2 * QR_QUIET
        # Whole device pixels per module: no module is smeared over two pixels.
        ratio = self.devicePixelRatioF()
        side_px = min(self.width(), self.height()) * ratio
        module = max(1, int(side_px // n)) / ratio
        side = module * n
        x0 = (self.width() - side) / 2
        y0 = (self.height() - side) / 2
        painter = QPainter(self)
        painter.fillRect(QRectF(x0, y0, side, side), QColor("#ffffff"))
        dark = QColor("#000000")
        for r, row in enumerate(self.modules):
            for c, on in enumerate(row):
                if on:
                    painter.fillRect(
                        QRectF(
                            x0 + (c + QR_QUIET) * module,
                            y0 + (r + QR_QUIET) * module,
                            module,
                            module,
                        ),
                        dark,
                    )
        painter.end()


class BarcodeView(QWidget):
    """A Code 128 barcode drawn bar by bar on white, with its quiet zones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiptBarcode")
        self.modules = ""
        self.setMinimumSize(300, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self.modules = code128_modules(text) if text else ""
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.modules:
            return
        n = len(self.modules) + 2 * BARCODE_QUIET
        ratio = self.devicePixelRatioF()
        module = max(1, int(self.width() * ratio // n)) / ratio
        width = module * n
        x0 = (self.width() - width) / 2
        painter = QPainter(self)
        painter.fillRect(QRectF(x0, 0, width, self.height()), QColor("#ffffff"))
        dark = QColor("#000000")
        x = x0 + BARCODE_QUIET * module
        run = 0
        # One rectangle per bar (a run of dark modules), not per module.
        for i, bit in enumerate(self.modules + "0"):
            if bit == "1":
                run += 1
                continue
            if run:
                start = x + (i - run) * module
                painter.fillRect(QRectF(start, 8, run * module, self.height() - 16), dark)
                run = 0
        painter.end()


def local_datetime(when: str) -> str:
    """``2026-11-30 05:12`` (as the flow gives it) the way the chosen language writes a
    date and time ("30.11.26 05:12", "30/11/2026 05:12"); anything else as it is."""
    moment = QDateTime.fromString(when, "yyyy-MM-dd HH:mm")
    if not moment.isValid():
        return when
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


class ReceiptScreen(Screen):
    """Thank you, the receipt number as QR + barcode + text, date, locker, compartment.

    Intents: ``choice`` (the key of the tapped answer, e.g. "done").
    """

    name = ScreenName.RECEIPT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(40)
        self.outer = outer
        left = self.left = QVBoxLayout()
        left.setSpacing(18)
        self.headline = text_label("Headline", self)
        self.body = text_label("Body", self)
        left.addWidget(self.headline)
        left.addWidget(self.body)
        details = QGridLayout()
        details.setHorizontalSpacing(20)
        details.setVerticalSpacing(8)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(("receipt", "when", "locker", "compartment")):
            label = text_label("ReceiptLabel", self)
            value = text_label("ReceiptValue", self)
            details.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            details.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.labels[key], self.values[key] = label, value
        details.setColumnStretch(1, 1)
        left.addLayout(details)
        left.addStretch(1)
        self.choices = ChoiceRow(110, 520, parent=self)
        self.choices.chosen.connect(lambda key: self.intent.emit(Intent.CHOICE, key))
        left.addWidget(self.choices)
        outer.addLayout(left, 5)

        codes = QVBoxLayout()
        codes.setSpacing(16)
        self.qr = QrCodeView(self)
        self.barcode = BarcodeView(self)
        self.number = QLabel(self)
        self.number.setObjectName("ReceiptNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        codes.addWidget(self.qr, 1)
        codes.addWidget(self.barcode)
        codes.addWidget(self.number)
        outer.addLayout(codes, 4)
        self.data = ReceiptData("", "", "", "", "")
        self.retranslate()

    def set_portrait(self, portrait: bool) -> None:
        flip_layout(self.outer, portrait, [self.choices], self.left)
        # Portrait: the words take the room they need, the picture the rest.
        self.outer.setStretch(0, 0 if portrait else 5)

    @property
    def buttons(self) -> list[Any]:
        """The answer buttons now shown."""
        return self.choices.buttons

    def show_data(self, data: Any) -> None:
        assert isinstance(data, ReceiptData)
        self.data = data
        self.headline.setText(data.headline)
        self.body.setText(data.body)
        self.body.setVisible(bool(data.body))
        self.values["receipt"].setText(data.receipt)
        self.values["when"].setText(local_datetime(data.when))
        self.values["locker"].setText(data.locker)
        self.values["compartment"].setText(data.compartment_id)
        for key in ("locker",):
            self.labels[key].setVisible(bool(data.locker))
            self.values[key].setVisible(bool(data.locker))
        self.qr.set_text(data.receipt)
        self.barcode.set_text(data.receipt)
        self.number.setText(data.receipt)
        self.choices.set_choices(data.choices)

    def retranslate(self) -> None:
        self.values["when"].setText(local_datetime(self.data.when))
        self.labels["receipt"].setText(self.tr("Receipt"))
        self.labels["when"].setText(self.tr("Date"))
        self.labels["locker"].setText(self.tr("Locker"))
        self.labels["compartment"].setText(self.tr("Compartment"))
