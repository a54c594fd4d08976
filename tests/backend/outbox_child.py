"""Child process for the SIGKILL test: record events, say so, then wait to be killed."""

from __future__ import annotations

import sys
import threading
import uuid
from datetime import UTC, datetime

from kiosk.backend.api import Event
from kiosk.backend.outbox import Outbox


def main() -> None:
    path, count = sys.argv[1], int(sys.argv[2])
    outbox = Outbox(path)
    for _ in range(count):
        outbox.record(Event(str(uuid.uuid4()), "door_opened", datetime.now(UTC), "A1"))
    sys.stdout.write("committed\n")
    sys.stdout.flush()
    threading.Event().wait()  # killed here, before any send


if __name__ == "__main__":
    main()
