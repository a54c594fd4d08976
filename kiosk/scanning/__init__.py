"""Code decoding and scanner input parsing: pure Python, no Qt, no I/O.

- :mod:`kiosk.scanning.decode`: QR codes and barcodes from grayscale images (zxing-cpp, zbar).
- :mod:`kiosk.scanning.wedge`: keyboard-wedge scanner bursts told from typing by timing.
- :mod:`kiosk.scanning.serial_lines`: codes from a serial scanner's byte stream.
- :mod:`kiosk.scanning.sanitize`: garbage refused with a typed reason.

The Qt-facing adapters are in :mod:`kiosk.services.scanner` and :mod:`kiosk.services.camera`.
"""
