"""Scaling of `quotegraph batch`: articles/s with 1 and 2 workers, local and Ray, and one worker's memory.

Each configuration runs `run_batch` on the same first --limit articles of bbc.jsonl into a fresh
output directory, so nothing is skipped as already done. Two rates are printed: end to end (start
of the run to the last table written: process or Ray start-up and model loading included) and
net of start-up, where start-up is the time the same configuration takes for a single article;
their ratio (2 workers / 1 worker) is the scaling. (Timing from the first result on would favour
Ray, whose ordered output reaches the driver in bursts.)
The memory of one worker is the peak RSS of a process doing a worker's job (load the pipeline,
extract batches of articles), measured on its own so the engines' bookkeeping stays out of it.

Data: ../shared/data/bbc.jsonl (BBC News 2004-05, Greene & Cunningham, ICML 2006), read in place.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from quotegraph.scale import run_batch

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "data" / "bbc.jsonl"

WORKER_SCRIPT = """
import json, resource, sys
from quotegraph.pipeline import load_nlp
from quotegraph.scale.sources import read_input
from quotegraph.scale.work import Settings, extract_records
nlp = load_nlp()
records = list(read_input(sys.argv[1]))
for i in range(0, len(records), 32):
    extract_records(records[i:i + 32], nlp, Settings())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles of bbc.jsonl to process")
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeats", type=int, default=1, help="rounds; the best rate of each is kept")
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"bbc.jsonl not found at {BBC} (see shared/data/README.md)")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bbc.jsonl"
        with open(BBC, encoding="utf-8") as src, open(data, "w", encoding="utf-8") as dst:
            for _, line in zip(range(args.limit), src):
                dst.write(line)
        print(f"{args.limit} BBC articles, {os.cpu_count()} cores; rates in articles/s", flush=True)
        print(f"{'engine':<7} {'workers':>7} {'end-to-end':>11} {'net':>8} {'seconds':>8} {'start-up':>8}", flush=True)
        one = Path(tmp) / "one.jsonl"
        one.write_text(data.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
        rates: dict[tuple[str, int], float] = {}
        for round_ in range(args.repeats):
            for engine in args.engines.split(","):
                for workers in map(int, args.workers.split(",")):
                    out = Path(tmp) / f"{engine}-{workers}-{round_}"
                    start = run_batch([str(one)], str(out) + "-one", engine=engine, workers=workers, progress=False)
                    report = run_batch([str(data)], str(out), engine=engine, workers=workers, progress=False)
                    assert report.articles == args.limit, report
                    net = args.limit / max(report.seconds - start.seconds, 1e-9)
                    rates[engine, workers] = max(rates.get((engine, workers), 0.0), net)
                    print(f"{engine:<7} {workers:>7} {report.rate:>11.2f} {net:>8.2f} "
                          f"{report.seconds:>8.1f} {start.seconds:>8.1f}", flush=True)
        for engine in args.engines.split(","):
            if (engine, 1) in rates and (engine, 2) in rates:
                print(f"{engine}: 2 workers / 1 worker (best net) = {rates[engine, 2] / rates[engine, 1]:.2f}x")
        rss = subprocess.run([sys.executable, "-c", WORKER_SCRIPT, str(data)], capture_output=True,
                             text=True, check=True).stdout.split()[-1]
        print(f"one worker's peak RSS: {int(rss) / 2**20:.0f} MiB")
        print(json.dumps({f"{e}-{w}": round(r, 2) for (e, w), r in rates.items()}))


if __name__ == "__main__":
    main()
