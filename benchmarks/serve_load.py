"""Load test of `quotegraph serve` on loopback: a bounded number of search requests, a few at a time.

Starts the server in a subprocess on 127.0.0.1 (a free port) over a store (built from the bundled
samples unless --db is given), sends --requests GET /api/quotes searches with --concurrency
threads, and prints requests/s and latency percentiles. Bounded in count and in time (--seconds);
it only ever talks to 127.0.0.1. Any error status or failed request makes it exit 1.

    python benchmarks/serve_load.py                       # 2,000 searches, 8 concurrent
    python benchmarks/serve_load.py --requests 200 --db quotegraph.db
"""

from __future__ import annotations

import argparse
import itertools
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
WORDS = ["harbour", "rates", "inflation", "strike", "budget", "climate", "kettles", "nurses", "council",
         "fund", "game", "we will", "not", "people"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "quotegraph"), "ingest", str(REPO / "quotegraph" / "samples"), "--db", str(path),
                    "--no-progress"], check=True)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/quotes", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit("server did not start within 60 s")


def run_load(base: str, n: int, concurrency: int, seconds: float) -> tuple[list[float], list[str], float]:
    """Send `n` searches over `concurrency` keep-alive connections; latencies (s), errors, wall time."""
    queries = itertools.cycle([{"q": w} for w in WORDS] + [{"q": "the", "page": 2}, {"speaker": "Lopez"}])
    lock = threading.Lock()
    todo = iter(range(n))
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if next(todo, None) is None:
                        return
                    params = next(queries)
                t0 = time.perf_counter()
                try:
                    r = client.get("/api/quotes", params=params)
                    ok = r.status_code == 200
                    detail = f"{r.status_code} for {params}"
                except httpx.HTTPError as exc:
                    ok, detail = False, f"{type(exc).__name__} for {params}"
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(detail)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=300, help="stop sending after this long")
    parser.add_argument("--db", help="an existing store (default: a temporary one from the samples)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        if not args.db:
            build_store(Path(db))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([str(Path(sys.executable).parent / "quotegraph"), "serve", "--db", db,
                                 "--host", "127.0.0.1", "--port", str(port)])
        try:
            wait_ready(base, proc)
            latencies, errors, wall = run_load(base, args.requests, args.concurrency, args.seconds)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    if not latencies:
        print("no request was sent")
        return 1
    cuts = statistics.quantiles(latencies, n=100)
    print(f"{len(latencies)} search requests, {args.concurrency} concurrent, in {wall:.2f} s: "
          f"{len(latencies) / wall:.0f} requests/s; latency p50 {cuts[49] * 1000:.1f} ms, "
          f"p95 {cuts[94] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms; "
          f"{len(errors)} errors")
    for e in errors[:10]:
        print("error:", e)
    return 1 if errors or len(latencies) < args.requests else 0


if __name__ == "__main__":
    sys.exit(main())
