"""A ``locker-kiosk-server`` that can be stopped and started again on the same port and
database, counting the reservations (PUT #7) it is sent: for the offline end-to-end tests."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from kiosk.backend.embedded import BackendCore
from kiosk.backend.server import ServerHandle, create_app


class RestartableServer:
    """The reference server on loopback; down is nothing listening on its port.

    Attributes:
        puts: ``PUT`` requests received, by path (``/v1/lockers/L/rents/<rent_id>``).
    """

    def __init__(self, core: BackendCore) -> None:
        self.core = core
        self.puts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._handle = ServerHandle(self._app(), "127.0.0.1", 0).start()
        self.port = self._handle.port
        self.url = self._handle.url
        self.up = True

    def _app(self) -> Any:
        app = create_app(self.core)
        server = self

        class CountPuts:
            """ASGI middleware: count each PUT by path before the app answers it."""

            def __init__(self, inner: Any) -> None:
                self.inner = inner

            async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
                if scope.get("type") == "http" and scope.get("method") == "PUT":
                    with server._lock:
                        server.puts[str(scope.get("path", ""))] += 1
                await self.inner(scope, receive, send)

        app.add_middleware(CountPuts)
        return app

    def stop(self) -> None:
        """Close every connection and stop listening."""
        self._handle.stop()
        self.up = False

    def start(self) -> None:
        """Serve again on the same port, from the same database."""
        self._handle = ServerHandle(self._app(), "127.0.0.1", self.port).start()
        self.up = True

    def close(self) -> None:
        if self.up:
            self.stop()

    def puts_for(self, rent_id: str) -> int:
        """How many times the reservation of ``rent_id`` was PUT."""
        with self._lock:
            return sum(n for path, n in self.puts.items() if path.endswith("/" + rent_id))
