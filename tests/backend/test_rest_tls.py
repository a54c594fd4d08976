"""TLS: verification is always on; a private CA is trusted only through ``ca_bundle``."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.backend.api import Heartbeat, Unavailable
from kiosk.backend.rest import RestBackend, RestConfig

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = b'{"server_time": "2026-11-24T10:15:00Z"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"https://127.0.0.1:{srv.server_address[1]}/", cert
    srv.shutdown()
    srv.server_close()
    t.join(5)


def test_private_ca_through_ca_bundle(tls_server: tuple[str, Path]) -> None:
    url, cert = tls_server
    beat = Heartbeat("1", 1.0, 0, 0.0)
    trusted = RestBackend(RestConfig(url, "L1", "t", ca_bundle=str(cert), timeout_s=3))
    assert trusted.heartbeat(beat).server_time.year == 2026
    trusted.close()
    untrusted = RestBackend(RestConfig(url, "L1", "t", timeout_s=3))
    with pytest.raises(Unavailable):
        untrusted.heartbeat(beat)
    untrusted.close()
