"""The idle screen's App-flow parts: the pairing QR (read back off the pixels by
zxing-cpp, drawn crisp), gone when the pairing is; the back office's banner."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.flows.screendata import IdleData
from kiosk.ui.idle import IdleScreen
from tests.ui.test_send_return_receipt import decode

URL = "https://app.example.com/pair/Xq3v9LmT0bKc2RwY8nPa1g"


def data(**kwargs: str) -> IdleData:
    return IdleData("Parcel Point", ("en", "de"), "en", **kwargs)  # type: ignore[arg-type]


def screen_of(qtbot: QtBot) -> IdleScreen:
    screen = IdleScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    return screen


def test_app_flow_idle_qr_decodes_to_the_pairing_url_and_is_crisp(qtbot: QtBot) -> None:
    screen = screen_of(qtbot)
    screen.show_data(data(pairing_url=URL))
    assert screen.pairing_box.isVisible()
    assert decode(screen.grab().toImage()) == {"QRCode": URL}
    qr = screen.pairing_qr
    assert qr is not None
    image = qr.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = bytes(image.constBits())
    stride = image.bytesPerLine()
    values = {pixels[y * stride + x] for y in range(image.height()) for x in range(image.width())}
    values -= {0, 255}  # modules on whole pixels: no grey from scaling
    # Around the white square the box's own background shows: one colour only.
    assert len(values) <= 1, sorted(values)


def test_app_flow_idle_qr_gone_with_its_pairing_never_stale(qtbot: QtBot) -> None:
    screen = screen_of(qtbot)
    screen.show_data(data(pairing_url=URL))
    screen.show_data(data())
    assert not screen.pairing_box.isVisible()
    assert decode(screen.grab().toImage()) == {}
    renewed = URL.replace("Xq3v", "Zz9k")
    screen.show_data(data(pairing_url=renewed))
    assert decode(screen.grab().toImage()) == {"QRCode": renewed}


def test_app_flow_idle_banner_shows_the_back_office_message(qtbot: QtBot) -> None:
    screen = screen_of(qtbot)
    assert not screen.banner.isVisible()
    screen.show_data(data(message="Closed on 24 December."))
    assert screen.banner.isVisible()
    assert screen.banner.text() == "Closed on 24 December."
    screen.show_data(data())
    assert not screen.banner.isVisible()
