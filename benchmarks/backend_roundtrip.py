"""Backend numbers: verify round trip on loopback, outbox throughput, delivery after an outage.

Runs the real ``locker-kiosk-server`` in a subprocess (seeded demo locker, default PBKDF2
work factor) and the real ``RestBackend`` and ``Outbox`` in this process. Baselines are
measured in the same run: the same verify in-process on ``EmbeddedBackend`` (no HTTP), and
one bare key derivation.

    uv run python benchmarks/backend_roundtrip.py             # 10 s outage
    uv run python benchmarks/backend_roundtrip.py --outage 60 # the issue's 1-minute outage
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from kiosk.backend.api import DEFAULT_KDF_ITERATIONS, Event, Heartbeat, hash_code
from kiosk.backend.demo import DEMO_LOCKER_ID, DEMO_TOKEN, seed_demo
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.outbox import Outbox
from kiosk.backend.rest import RestBackend, RestConfig


class Server:
    """``locker-kiosk-server`` in a subprocess."""

    def __init__(self, db: Path, port: int = 0, seed: bool = False) -> None:
        args = [sys.executable, "-m", "kiosk.backend.server", "--db", str(db), "--port", str(port)]
        if seed:
            args.append("--seed-demo")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())
            if line.startswith("serving on "):
                break
        self.url = self.lines[-1].removeprefix("serving on ")
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def codes(self) -> list[str]:
        return [m.group(1) for ln in self.lines if (m := re.match(r"pickup code: (\d+)", ln))]

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait(10)


def event() -> Event:
    return Event(str(uuid.uuid4()), "door_opened", datetime.now(UTC), "A01")


def median_ms(fn: object, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench_verify(tmp: Path, n: int) -> None:
    server = Server(tmp / "server.db", seed=True)
    try:
        client = RestBackend(RestConfig(server.url, DEMO_LOCKER_ID, DEMO_TOKEN))
        code = server.codes()[0]
        client.verify_pickup(code)  # warm the connection pool
        rest_ms = median_ms(lambda: client.verify_pickup(code), n)
        core = BackendCore.open(tmp / "embedded.db")
        codes = seed_demo(core, rng=random.Random(1))
        embedded = EmbeddedBackend(core, DEMO_LOCKER_ID)
        emb_ms = median_ms(lambda: embedded.verify_pickup(codes[0].code), n)
        kdf_ms = median_ms(lambda: hash_code("123456", "00" * 16, DEFAULT_KDF_ITERATIONS), n)
        beat = Heartbeat("bench", 1.0, 0, 0.0)
        hb_ms = median_ms(lambda: client.heartbeat(beat), n)
        print(f"verify round trip, loopback REST   median {rest_ms:7.2f} ms  (n={n})")
        print(f"verify in-process (EmbeddedBackend) median {emb_ms:7.2f} ms")
        print(f"one PBKDF2 ({DEFAULT_KDF_ITERATIONS} it.)          median {kdf_ms:7.2f} ms")
        print(f"heartbeat round trip (no KDF)       median {hb_ms:7.2f} ms")
        print(
            f"  HTTP overhead {rest_ms - emb_ms:6.2f} ms;"
            f" REST/embedded ratio {rest_ms / emb_ms:.2f}"
        )
        client.close()
        core.close()
    finally:
        server.stop()


def bench_outbox(tmp: Path, n: int) -> None:
    server = Server(tmp / "outbox-server.db", seed=True)
    try:
        client = RestBackend(RestConfig(server.url, DEMO_LOCKER_ID, DEMO_TOKEN))
        outbox = Outbox(tmp / "outbox.db")
        t = time.perf_counter()
        for _ in range(n):
            outbox.record(event())
        rec = time.perf_counter() - t
        t = time.perf_counter()
        delivered = outbox.deliver_all(client)
        dlv = time.perf_counter() - t
        assert delivered == n, delivered
        print(f"outbox record (commit, synchronous=FULL): {n / rec:8.0f} events/s ({n} events)")
        print(f"outbox delivery to the server (batches of 50): {n / dlv:8.0f} events/s")
        outbox.close()
        client.close()
    finally:
        server.stop()


def bench_outage(tmp: Path, outage_s: float, n: int) -> None:
    """Events recorded during an outage; time from the server's return to all delivered.

    The sender loop follows OutboxService's defaults: retry after 1 s, doubling to 30 s,
    with +-20 % jitter.
    """
    db = tmp / "outage-server.db"
    server = Server(db, seed=True)
    port = server.port
    client = RestBackend(RestConfig(server.url, DEMO_LOCKER_ID, DEMO_TOKEN, timeout_s=2.0))
    outbox = Outbox(tmp / "outage-outbox.db")
    stop = threading.Event()
    delivered_all = threading.Event()
    total = [0]

    def sender() -> None:
        backoff = 0.0
        while not stop.is_set():
            report = outbox.deliver_once(client)
            total[0] += report.delivered
            if report.error is not None:
                backoff = min(30.0, max(1.0, backoff * 2))
                stop.wait(backoff * random.uniform(0.8, 1.2))
                continue
            backoff = 0.0
            if total[0] >= n:
                delivered_all.set()
            if report.remaining == 0:
                stop.wait(0.05)

    thread = threading.Thread(target=sender, daemon=True)
    thread.start()
    server.stop()
    started = time.monotonic()
    for i in range(n):
        outbox.record(event())
        if i < n - 1:
            time.sleep(outage_s / n * 0.9)
    remaining = outage_s - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)
    back = Server(db, port=port)
    back_at = time.monotonic()
    ok = delivered_all.wait(outage_s + 120)
    took = time.monotonic() - back_at
    stop.set()
    thread.join(10)
    print(
        f"outage {outage_s:.0f} s, {n} events recorded meanwhile: all delivered "
        f"{took:.2f} s after the server returned (ok={ok}, depth now {outbox.stats().depth})"
    )
    back.stop()
    outbox.close()
    client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verifies", type=int, default=60)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--outage", type=float, default=10.0, help="outage seconds")
    parser.add_argument("--outage-events", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_verify(tmp, args.verifies)
        bench_outbox(tmp, args.events)
        bench_outage(tmp, args.outage, args.outage_events)


if __name__ == "__main__":
    main()
