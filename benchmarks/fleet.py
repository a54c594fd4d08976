"""Fleet: N simulated kiosks against one ``locker-kiosk-server`` on loopback.

Each kiosk is what a real one does to the server, on its own connections: one command long
poll held open for ever (``wait=25``, re-opened at once; a command is acknowledged; the
first poll is shorter by a random amount, so re-opens are spread as in a fleet that has
run a while, not all in the few seconds after the ramp), a heartbeat every 60 s and an
event batch every 30 s (at random phases). Across the fleet, pickups (verify, ``POST
/pickups`` with a right code) and reservations (``PUT /rents``, a shopper's send moved
between two compartments) arrive at fixed rates, open loop: a slow answer does not slow
the arrivals. Commands are queued from this process through its own core on the same
database, as ``locker-kiosk-server command`` does, and the time until the kiosk's poll
returns them is the wake-up latency (with no listener in the server's process, that is
the server's re-check interval).

Code hashes keep the default PBKDF2 work factor, so a verify costs what it really costs.
The guess limiter of the benchmark's lockers is opened wide (the fleet's pickups would
otherwise run into it on a small fleet).

Baseline, measured in the same run before the fleet: one kiosk alone on the same server,
each operation one after another. The table prints the fleet's p50/p99 and the ratio of
its p50 to the baseline's.

Printed, not asserted. Bounded: ``--seconds`` of measurement after a ramp of at most 5 s,
and every request has a timeout.

    uv run python benchmarks/fleet.py --kiosks 10 --seconds 5            # quick look
    uv run python benchmarks/fleet.py --kiosks 500 --seconds 60 --workers 2
    uv run python benchmarks/fleet.py --kiosks 500 --db postgresql://...  # another store
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from kiosk.backend.api import DEFAULT_KDF_ITERATIONS, LockerSettings
from kiosk.backend.demo import demo_layout
from kiosk.backend.embedded import BackendCore

OPS = ("heartbeat", "events", "verify", "reserve", "ack", "wake-up")
#: Kiosks that get a parcel and a send (each costs two key derivations to set up);
#: pickups and reservations go to these.
BUSY_KIOSKS = 100
POLL_WAIT_S = 25
REQUEST_TIMEOUT_S = 10.0
HEARTBEAT_S = 60.0
EVENTS_S = 30.0
#: Compartments a kiosk's send is moved between (any size fits an S parcel).
RESERVE_IN = ("A09", "A10")


@dataclass
class Kiosk:
    """One simulated kiosk: its locker, token and, for a busy one, a code and a send."""

    locker_id: str
    token: str
    code: str | None = None
    send_id: str | None = None
    reservations: int = 0
    reserve_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class Results:
    """Latencies (ms) and errors per operation, and the fleet's poll state."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0
    recording: bool = False
    polls_open: int = 0
    min_polls_open: int | None = None
    queued: dict[str, float] = field(default_factory=dict)
    lag_ms: list[float] = field(default_factory=list)
    client_cpu_s: float = 0.0
    load: tuple[float, float] = (0.0, 0.0)

    def record(self, op: str, started: float, ok: bool, kind: str = "") -> None:
        if not self.recording:
            return
        self.requests += 1
        if ok:
            self.latencies[op].append((time.perf_counter() - started) * 1000)
        else:
            self.errors[op] += 1
            self.error_kinds[f"{op}: {kind}"] += 1


# ---------------------------------------------------------------- setup
def make_fleet(db: str, n: int, run: str) -> list[Kiosk]:
    """Create ``n`` lockers in ``db``; the first :data:`BUSY_KIOSKS` get a parcel and a send."""
    core = BackendCore.open(db)
    settings = LockerSettings(guess_burst=100_000, guess_interval_s=1)
    kiosks = [Kiosk(f"fleet-{run}-{i:05d}", f"token-{run}-{i:05d}") for i in range(n)]
    layout = demo_layout()

    def create(k: Kiosk) -> None:
        core.create_locker(
            k.locker_id, token=k.token, name=k.locker_id, settings=settings, compartments=layout,
            kdf_iterations=DEFAULT_KDF_ITERATIONS,
        )  # fmt: skip

    def stock(i_k: tuple[int, Kiosk]) -> None:
        i, k = i_k
        k.code = f"{100000 + i:06d}"
        core.announce_parcel(k.locker_id, parcel_id=f"p-{k.locker_id}", barcode=f"BC{i:08d}",
                             size="S", code=k.code, phone="+48 600 000 000")  # fmt: skip
        core.place_parcel(k.locker_id, parcel_id=f"p-{k.locker_id}", compartment_id="A01")
        k.send_id = core.add_send(k.locker_id, code=f"{500000 + i:06d}", size="S")

    try:
        with ThreadPoolExecutor(2) as pool:  # a key derivation releases the GIL
            list(pool.map(create, kiosks))
            list(pool.map(stock, enumerate(kiosks[:BUSY_KIOSKS])))
    finally:
        core.close()
    return kiosks


class Server:
    """``locker-kiosk-server`` in a subprocess, stopped with SIGTERM."""

    def __init__(self, db: str, workers: int, threads: int) -> None:
        args = [sys.executable, "-m", "kiosk.backend.server", "--db", db, "--port", "0",
                "--workers", str(workers), "--threads", str(threads)]  # fmt: skip
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("serving on "):
            self.proc.kill()
            raise SystemExit(f"server did not start: {line!r}")
        self.url = line.split()[-1]

    def cpu_s(self) -> float:
        """CPU seconds used so far by the server and its worker processes."""
        total = 0.0
        pids = [self.proc.pid]
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids += [int(p) for p in children.split()]
        except OSError:
            pass
        tick = os.sysconf("SC_CLK_TCK")
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


# ---------------------------------------------------------------- one kiosk's requests
def heartbeat_body() -> dict[str, object]:
    doors = [
        {"compartment_id": c.id, "door": "closed", "occupied": False, "out_of_service": False}
        for c in demo_layout()
    ]
    return {"app_version": "fleet", "uptime_s": 1.0, "outbox_depth": 0,
            "oldest_event_age_s": 0.0, "doors": doors}  # fmt: skip


HEARTBEAT = heartbeat_body()


def events_body() -> dict[str, object]:
    at = datetime.now(UTC).isoformat()
    return {
        "events": [
            {
                "event_id": str(uuid.uuid4()),
                "type": t,
                "at": at,
                "compartment_id": "A16",
                "actor": "shopper",
            }
            for t in ("door_opened", "door_closed")
        ]
    }


async def call(
    results: Results, op: str, client: httpx.AsyncClient, method: str, url: str,
    expect: int, **kwargs: object,
) -> httpx.Response | None:  # fmt: skip
    started = time.perf_counter()
    try:
        resp = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        results.record(op, started, False, type(exc).__name__)
        return None
    results.record(op, started, resp.status_code == expect, str(resp.status_code))
    return resp


def keyed() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def verify(results: Results, client: httpx.AsyncClient, k: Kiosk) -> None:
    await call(results, "verify", client, "POST", f"v1/lockers/{k.locker_id}/pickups", 200,
               json={"code": k.code}, headers=keyed())  # fmt: skip


async def reserve(results: Results, client: httpx.AsyncClient, k: Kiosk) -> None:
    async with k.reserve_lock:  # one shopper at a time at one kiosk
        compartment = RESERVE_IN[k.reservations % len(RESERVE_IN)]
        k.reservations += 1
        body = {"send_id": k.send_id, "compartment_id": compartment, "kind": "send"}
        await call(results, "reserve", client, "PUT",
                   f"v1/lockers/{k.locker_id}/rents/{uuid.uuid4()}", 200, json=body)  # fmt: skip


async def periodic(
    results: Results, client: httpx.AsyncClient, k: Kiosk, rng: random.Random, stop: asyncio.Event
) -> None:
    """Heartbeats and event batches at their periods, from a random phase."""
    next_beat = time.monotonic() + rng.uniform(0, HEARTBEAT_S)
    next_events = time.monotonic() + rng.uniform(0, EVENTS_S)
    while not stop.is_set():
        now = time.monotonic()
        if now >= next_beat:
            next_beat += HEARTBEAT_S
            await call(results, "heartbeat", client, "POST",
                       f"v1/lockers/{k.locker_id}/heartbeat", 200, json=HEARTBEAT)  # fmt: skip
        elif now >= next_events:
            next_events += EVENTS_S
            await call(results, "events", client, "POST", f"v1/lockers/{k.locker_id}/events",
                       200, json=events_body(), headers=keyed())  # fmt: skip
        else:
            try:
                async with asyncio.timeout(min(next_beat, next_events) - now):
                    await stop.wait()
            except TimeoutError:
                pass


async def long_poll(
    results: Results, client: httpx.AsyncClient, k: Kiosk, stop: asyncio.Event,
    first_wait: float = POLL_WAIT_S,
) -> None:  # fmt: skip
    """Hold a command poll open for ever; acknowledge what it brings.

    The first poll may be shorter: a fleet that has run a while re-opens its polls at
    random moments, not all in the same few seconds after the ramp.
    """
    url = f"v1/lockers/{k.locker_id}/commands?wait={first_wait:.1f}"
    while not stop.is_set():
        results.polls_open += 1
        started = time.perf_counter()
        try:
            resp = await client.get(url, timeout=POLL_WAIT_S + REQUEST_TIMEOUT_S)
            ok = resp.status_code == 200
            url = f"v1/lockers/{k.locker_id}/commands?wait={POLL_WAIT_S}"
        except httpx.HTTPError as exc:
            resp, ok = None, False
            kind = type(exc).__name__
        finally:
            results.polls_open -= 1
        if stop.is_set():
            return
        if not ok:
            kind = kind if resp is None else str(resp.status_code)
            results.record("poll", started, False, kind)
            await asyncio.sleep(1)  # as the kiosk's client backs off
            continue
        assert resp is not None
        now = time.perf_counter()
        for command in resp.json()["commands"]:
            queued_at = results.queued.pop(command["command_id"], None)
            if queued_at is not None and results.recording:
                results.latencies["wake-up"].append((now - queued_at) * 1000)
            await call(results, "ack", client, "POST", f"v1/commands/{command['command_id']}/ack",
                       204, json={"result": "ok", "detail": ""}, headers=keyed())  # fmt: skip


async def arrivals(
    rate: float, stop: asyncio.Event, fire: Callable[[], Coroutine[object, object, None]]
) -> None:
    """``fire()`` ``rate`` times a second, evenly, until ``stop`` (open loop)."""
    if rate <= 0:
        return
    tasks: set[asyncio.Task[None]] = set()
    start = time.monotonic()
    i = 0
    while not stop.is_set():
        i += 1
        try:
            async with asyncio.timeout(max(0.0, start + i / rate - time.monotonic())):
                await stop.wait()
        except TimeoutError:
            task = asyncio.create_task(fire())
            tasks.add(task)
            task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=REQUEST_TIMEOUT_S + 1)


def client_for(url: str, k: Kiosk) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=url,
        headers={"Authorization": f"Bearer {k.token}"},
        timeout=REQUEST_TIMEOUT_S,
        limits=httpx.Limits(max_connections=4, max_keepalive_connections=4),
    )


# ---------------------------------------------------------------- runs
async def baseline(url: str, k: Kiosk, db: str, repeats: int) -> Results:
    """One kiosk alone: each operation ``repeats`` times, one after another."""
    results = Results(recording=True)
    stop = asyncio.Event()
    core = BackendCore.open(db)
    async with client_for(url, k) as client:
        for _ in range(repeats):
            await call(results, "heartbeat", client, "POST",
                       f"v1/lockers/{k.locker_id}/heartbeat", 200, json=HEARTBEAT)  # fmt: skip
            await call(results, "events", client, "POST", f"v1/lockers/{k.locker_id}/events",
                       200, json=events_body(), headers=keyed())  # fmt: skip
            await verify(results, client, k)
            await reserve(results, client, k)
        poller = asyncio.create_task(long_poll(results, client, k, stop))
        for _ in range(max(3, repeats // 5)):
            before = len(results.latencies["wake-up"])
            await queue_command(core, results, k)
            while len(results.latencies["wake-up"]) == before:
                await asyncio.sleep(0.01)
        stop.set()
        poller.cancel()
    core.close()
    return results


async def queue_command(core: BackendCore, results: Results, k: Kiosk) -> None:
    queued_at = time.perf_counter()
    command_id = await asyncio.to_thread(core.enqueue_command, k.locker_id, "reload_config")
    results.queued[command_id] = queued_at


async def fleet(
    url: str, kiosks: list[Kiosk], db: str, seconds: float, args: argparse.Namespace,
    server: Server,
) -> tuple[Results, float, float]:  # fmt: skip
    """The whole fleet for ``seconds`` after a ramp; returns results, wall and CPU seconds."""
    results = Results()
    stop = asyncio.Event()
    rng = random.Random(15)
    clients = [client_for(url, k) for k in kiosks]
    core = BackendCore.open(db)
    busy = [(c, k) for c, k in zip(clients, kiosks, strict=True) if k.code]
    tasks: list[asyncio.Task[None]] = []
    ramp = min(5.0, seconds / 4)
    for i, (client, k) in enumerate(zip(clients, kiosks, strict=True)):
        first = rng.uniform(1, POLL_WAIT_S)
        tasks.append(asyncio.create_task(long_poll(results, client, k, stop, first)))
        tasks.append(asyncio.create_task(periodic(results, client, k, rng, stop)))
        if i % 50 == 49:
            await asyncio.sleep(ramp * 50 / len(kiosks))
    await asyncio.sleep(max(0.5, ramp / 2))

    async def pickup() -> None:
        client, k = rng.choice(busy)
        await verify(results, client, k)

    async def reservation() -> None:
        client, k = rng.choice(busy)
        await reserve(results, client, k)

    async def command() -> None:
        await queue_command(core, results, rng.choice(kiosks))

    async def watch_polls() -> None:
        """The lowest number of polls open, and how late this loop wakes (client lag)."""
        while not stop.is_set():
            held = results.polls_open
            if results.min_polls_open is None or held < results.min_polls_open:
                results.min_polls_open = held
            before = time.perf_counter()
            await asyncio.sleep(0.05)
            results.lag_ms.append((time.perf_counter() - before - 0.05) * 1000)

    results.recording = True
    load0 = os.getloadavg()[0]
    cpu0, t0, own0 = server.cpu_s(), time.perf_counter(), time.process_time()
    load = [
        asyncio.create_task(arrivals(args.pickups, stop, pickup)),
        asyncio.create_task(arrivals(args.reserves, stop, reservation)),
        asyncio.create_task(arrivals(args.commands, stop, command)),
        asyncio.create_task(watch_polls()),
    ]
    await asyncio.sleep(seconds)
    results.recording = False
    wall, cpu = time.perf_counter() - t0, server.cpu_s() - cpu0
    results.client_cpu_s = time.process_time() - own0
    results.load = (load0, os.getloadavg()[0])
    held = results.polls_open
    stop.set()
    await asyncio.gather(*load)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.gather(*(c.aclose() for c in clients))
    core.close()
    results.polls_open = held
    return results, wall, cpu


def pct(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def report(
    args: argparse.Namespace, store: str, base: Results, run: Results, wall: float, cpu: float
) -> None:
    n = args.kiosks
    print(f"\nfleet: {n} kiosks, {args.seconds:g} s, {store}, {args.workers} server "
          f"process(es) x {args.threads} threads")  # fmt: skip
    low = run.min_polls_open if run.min_polls_open is not None else 0
    print(f"kiosks held: {run.polls_open}/{n} polls open at the end (lowest {low}); "
          f"requests {run.requests} = {run.requests / wall:.1f}/s besides the polls; "
          f"server CPU {100 * cpu / wall:.0f}% of one core")  # fmt: skip
    print(f"this client: CPU {100 * run.client_cpu_s / wall:.0f}% of one core, event loop "
          f"late by p50 {pct(run.lag_ms, 0.5):.1f} / p99 {pct(run.lag_ms, 0.99):.1f} ms; "
          f"machine load average {run.load[0]:.1f} -> {run.load[1]:.1f} "
          f"({os.cpu_count()} cores, other work included)")  # fmt: skip
    print(f"{'operation':<10} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'errors':>6} {'base p50':>9} {'p50/base':>8}")  # fmt: skip
    for op in (*OPS, "poll"):
        lat = run.latencies.get(op, [])
        errors = run.errors.get(op, 0)
        if not lat and not errors:
            continue
        b = base.latencies.get(op, [])
        b50 = statistics.median(b) if b else math.nan
        p50 = pct(lat, 0.5)
        ratio = p50 / b50 if b and lat else math.nan
        p99, top = pct(lat, 0.99), max(lat, default=math.nan)
        print(f"{op:<10} {len(lat):>6} {p50:>8.1f} {p99:>8.1f} {top:>8.1f} {errors:>6} "
              f"{b50:>9.1f} {ratio:>8.2f}")  # fmt: skip
    if run.error_kinds:
        print("errors: " + ", ".join(f"{k} x{v}" for k, v in sorted(run.error_kinds.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured, after the ramp")
    parser.add_argument("--db", help="SQLite file or database URL (default: a new temp file)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per server process")
    parser.add_argument("--pickups", type=float, default=5.0, help="verifies per second")
    parser.add_argument("--reserves", type=float, default=2.0, help="reservations per second")
    parser.add_argument("--commands", type=float, default=1.0, help="commands per second")
    parser.add_argument("--baseline", type=int, default=20, help="repeats of the baseline")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # two sockets per kiosk
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "fleet.db")
        store = db.split(":", 1)[0] if "://" in db else "sqlite"
        run_id = uuid.uuid4().hex[:6]
        t = time.perf_counter()
        kiosks = make_fleet(db, max(args.kiosks, 1), run_id)
        print(f"set up {len(kiosks)} lockers in {time.perf_counter() - t:.1f} s")
        # This client's own full collections over thousands of connections' objects would
        # show up as the server's latency: keep them rare and small.
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
        server = Server(db, args.workers, args.threads)
        try:
            base = asyncio.run(baseline(server.url, kiosks[0], db, args.baseline))
            run, wall, cpu = asyncio.run(fleet(server.url, kiosks, db, args.seconds, args, server))
        finally:
            server.stop()
        report(args, store, base, run, wall, cpu)


if __name__ == "__main__":
    main()
