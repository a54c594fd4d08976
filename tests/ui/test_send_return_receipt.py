"""The receipt screen: its QR code and Code 128 barcode, read back off the rendered pixels
by zxing-cpp, give the receipt number; both are drawn on whole pixels (crisp)."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.flows.screendata import Choice, ReceiptData
from kiosk.ui.receipt import ReceiptScreen

RECEIPT = "R-7F3K-92QD"


def decode(image: QImage) -> dict[str, str]:
    """Every code zxing-cpp finds in ``image``: format name → text."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    # Kept in a name while zxing reads it: ImageView does not hold a reference.
    pixels = bytes(gray.constBits())
    view = zxingcpp.ImageView(
        pixels,
        gray.width(),
        gray.height(),
        zxingcpp.ImageFormat.Lum,
        gray.bytesPerLine(),
        1,
    )
    return {r.format.name: r.text for r in zxingcpp.read_barcodes(view)}


@pytest.fixture
def screen(qtbot: QtBot) -> ReceiptScreen:
    s = ReceiptScreen()
    qtbot.addWidget(s)
    s.resize(1280, 720)
    s.show_data(
        ReceiptData(
            headline="Thank you! Your parcel is in the locker",
            receipt=RECEIPT,
            when="2026-11-30 05:12",
            locker="Demo locker",
            compartment_id="B07",
            body="Take a photo of this receipt.",
            choices=(Choice("done", "Done", primary=True),),
        )
    )
    s.show()
    qtbot.waitExposed(s)
    return s


def test_send_return_receipt_qr_and_barcode_decode_to_the_receipt_number(
    screen: ReceiptScreen,
) -> None:
    found = decode(screen.grab().toImage())
    assert found.get("QRCode") == RECEIPT
    assert found.get("Code128") == RECEIPT
    # Each code on its own, too (a photo may catch only one of them).
    assert decode(screen.qr.grab().toImage()) == {"QRCode": RECEIPT}
    assert decode(screen.barcode.grab().toImage()) == {"Code128": RECEIPT}


def test_send_return_receipt_codes_are_crisp_black_and_white(screen: ReceiptScreen) -> None:
    # Vector modules on whole pixels: no grey pixel from scaling a bitmap.
    for widget in (screen.qr, screen.barcode):
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(image.constBits())
        stride, width = image.bytesPerLine(), image.width()
        values = {data[y * stride + x] for y in range(image.height()) for x in range(width)}
        values -= {0, 255}
        # Outside the white code area the screen's background shows: one colour only.
        assert len(values) <= 1, sorted(values)


def test_send_return_receipt_shows_the_facts_and_a_big_done(screen: ReceiptScreen) -> None:
    assert screen.number.text() == RECEIPT
    assert screen.values["compartment"].text() == "B07"
    # The date as the person's language writes it (the kiosk's default locale here).
    when = QDateTime(QDate(2026, 11, 30), QTime(5, 12))
    assert screen.values["when"].text() == QLocale().toString(when, QLocale.FormatType.ShortFormat)
    assert screen.buttons[0].height() >= 90
    # The QR code is big enough to photograph from arm's length.
    assert min(screen.qr.width(), screen.qr.height()) >= 250
