"""Scale-out: news crawls (WARC, JSONL, Parquet, HTML, text) to Parquet quote tables.

`run_batch` (run.py) is the entry point; `sources` reads inputs, `work` is what a worker does,
`local` and `ray_job` are the two engines, `tables` the output schema, writer and manifest.
"""

from quotegraph.scale.run import ENGINES, BatchReport, run_batch
from quotegraph.scale.tables import is_output_dir, iter_results

__all__ = ["ENGINES", "BatchReport", "is_output_dir", "iter_results", "run_batch"]
