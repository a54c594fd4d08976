"""Decode benchmark: share of real photos decoded exactly, and time per image.

Usage::

    uv run python benchmarks/decode.py ../shared/testdata/barcodes

Each image ``NAME.png|jpg|webp`` has its expected text in ``NAME.txt`` (compared byte for
byte; ``NAME.result.txt`` files are metadata and ignored). Images are loaded with QImage,
scaled to at most 1600 px on the long side and converted to 8-bit grayscale; loading is not
timed. Three decoders run over the same pixels in the same run, so the numbers compare on
this machine: zxing-cpp alone, zbar alone (the baselines) and the kiosk's
:class:`kiosk.scanning.decode.Decoder` (zxing-cpp, zbar second pass, second look).

The last line is ``decoded N/TOTAL median_ms X`` for the kiosk decoder.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.scanning.decode import Decoder, GrayImage, load_pyzbar

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
MAX_SIDE = 1600


@dataclass
class Sample:
    path: Path
    group: str
    expected: str
    image: GrayImage


def load(root: Path) -> list[Sample]:
    samples = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        txt = path.with_suffix(".txt")
        if not txt.exists():
            print(f"skipping {path}: no {txt.name}", file=sys.stderr)
            continue
        img = QImage(str(path))
        if img.isNull():
            print(f"skipping {path}: QImage cannot read it", file=sys.stderr)
            continue
        if max(img.width(), img.height()) > MAX_SIDE:
            img = img.scaled(
                MAX_SIDE,
                MAX_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        gray = img.convertToFormat(QImage.Format.Format_Grayscale8)
        pixels = bytes(gray.constBits())
        image = GrayImage(pixels, gray.width(), gray.height(), gray.bytesPerLine())
        group = path.parent.name.split("-")[0]
        # Read as bytes: several QR codes hold CR LF, which text mode would rewrite.
        samples.append(Sample(path, group, txt.read_bytes().decode("utf-8"), image))
    return samples


REPEATS = 3


def run(
    name: str,
    decode: Callable[[GrayImage], list[str]],
    samples: list[Sample],
    baseline_ms: float | None = None,
) -> tuple[list[bool], list[float]]:
    """Decode every sample; its time is the best of REPEATS runs (less scheduler noise)."""
    hits, times = [], []
    for s in samples:
        best = math.inf
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            found = decode(s.image)
            best = min(best, (time.perf_counter() - t0) * 1000)
        times.append(best)
        hits.append(s.expected in found)
    median = statistics.median(times)
    ratio = f"  {median / baseline_ms:4.2f}x zxing-cpp alone" if baseline_ms else ""
    print(
        f"{name:<22} {sum(hits):>4}/{len(samples)}  median {median:6.2f} ms"
        f"  p90 {statistics.quantiles(times, n=10)[-1]:6.2f} ms{ratio}"
    )
    return hits, times


def no_code_frame(zxing_only: Decoder, kiosk: Decoder) -> None:
    """The steady cost of a scanning camera: a 640x480 frame with no code in it."""
    rng = random.Random(7)
    width, height = 640, 480
    # A soft gradient with sensor-like noise: texture for the binarisers, no code.
    frame = GrayImage.from_bytes(
        bytes(
            (x // 4 + y // 3 + rng.randrange(6)) % 256 for y in range(height) for x in range(width)
        ),
        width,
        height,
    )
    no_retry = Decoder(retry=False)
    for name, decoder in (
        ("zxing-cpp alone", zxing_only),
        ("both, no second look", no_retry),
        ("kiosk Decoder", kiosk),
    ):
        times = []
        for _ in range(15):
            t0 = time.perf_counter()
            assert decoder.decode(frame) == []
            times.append((time.perf_counter() - t0) * 1000)
        print(f"no-code 640x480 frame, {name:<22} median {statistics.median(times):6.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder of images with NAME.txt beside each")
    args = parser.parse_args()
    samples = load(args.dir)
    if not samples:
        print(f"no images with expected text under {args.dir}", file=sys.stderr)
        return 2

    zxing_only = Decoder(use_zbar=False, retry=False)
    try:
        zbar = load_pyzbar(["QRCODE", "EAN13", "EAN8", "UPCA", "CODE128", "CODE39", "I25"])
    except ImportError as exc:
        print(f"zbar baseline skipped: {exc}", file=sys.stderr)
        zbar = None
    kiosk = Decoder()
    print(f"{len(samples)} images, zbar pass {'on' if kiosk.zbar_available else 'OFF'}")

    # Warm-up: first calls pay for lazy loading, not for decoding.
    for s in samples[:3]:
        kiosk.decode(s.image)

    _, base_times = run(
        "zxing-cpp alone", lambda im: [c.text for c in zxing_only.decode(im)], samples
    )
    baseline = statistics.median(base_times)
    if zbar is not None:
        zb = zbar

        def zbar_texts(im: GrayImage) -> list[str]:
            out = []
            for data, symbol in zb(im.packed(), im.width, im.height):
                text = data.decode("utf-8", "replace")
                out.append("0" + text if symbol == "UPCA" and len(text) == 12 else text)
            return out

        run("zbar alone", zbar_texts, samples, baseline)

    def kiosk_texts(im: GrayImage) -> list[str]:
        return [c.text for c in kiosk.decode(im)]

    hits, times = run("kiosk Decoder", kiosk_texts, samples, baseline)

    no_code_frame(zxing_only, kiosk)

    print()
    print(f"{'format':<10} {'images':>6} {'decoded':>8} {'median_ms':>10}")
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(samples):
        by_group[s.group].append(i)
    for group, idx in sorted(by_group.items()):
        ok = sum(hits[i] for i in idx)
        med = statistics.median(times[i] for i in idx)
        print(f"{group:<10} {len(idx):>6} {ok:>8} {med:>10.2f}")
    engines: dict[str, int] = defaultdict(int)
    for s, ok in zip(samples, hits, strict=True):
        if ok:
            engines[next(c.engine for c in kiosk.decode(s.image) if c.text == s.expected)] += 1
    print()
    print(
        "pass that read the expected code: "
        + ", ".join(f"{k} {v}" for k, v in sorted(engines.items()))
    )
    missed = [s.path.relative_to(args.dir) for s, ok in zip(samples, hits, strict=True) if not ok]
    print("missed: " + " ".join(str(m) for m in missed))
    print(f"decoded {sum(hits)}/{len(samples)} median_ms {statistics.median(times):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
