"""Composition root: the command line (:mod:`kiosk.app.cli`) and the wiring of the kiosk
(:mod:`kiosk.app.kiosk`). Only this package knows every layer; the cheap command-line
paths import no Qt.
"""

from kiosk.app.cli import main

__all__ = ["main"]
