"""locker-kiosk: touchscreen software for smart parcel lockers.

Kept import-free on purpose: ``locker-kiosk --version`` and ``--help`` must answer without
loading Qt or any other heavy module.
"""

__version__ = "0.1.0"
