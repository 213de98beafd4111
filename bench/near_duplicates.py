#!/usr/bin/env python
"""Benchmark: the import's near-duplicate title check for N rows of one agency (default 20,000).

    .venv/bin/python bench/near_duplicates.py [--rows 20000]

Generates realistic titles (3-7 words from a service vocabulary, a quarter with a stage or year
number, 3% repeating an earlier title with a typo), then runs the check the importer runs
(``intake.importer._TitleIndex``: add each new title, look each up) and prints the wall and CPU
time, the load average of the machine meanwhile, the merges found and the peak memory of the
process (``ru_maxrss``; tracemalloc would slow the check itself twofold). The pairwise scan it
replaced took 35 s for 300 rows and never finished 20,000. Figures go to stdout and
bench/results/near_duplicates.json.
"""
import argparse
import json
import os
import random
import resource
import time

from _setup import RESULTS, setup_django

WORDS = ["layanan", "pelayanan", "digital", "terpadu", "keliling", "desa", "kesehatan", "pendidikan", "perizinan",
         "sampah", "air", "bersih", "pangan", "antrean", "daring", "posyandu", "stunting", "akta", "kelahiran", "pasar",
         "pajak", "kendaraan", "nelayan", "petani", "sekolah", "lansia", "ibu", "anak", "gizi", "jalan", "pengaduan"]


def vocabulary():
    """The service words above, frequent, plus Indonesian root words (Sastrawi's dictionary,
    shipped with the search analyser) as the long tail a real catalogue has."""
    from pathlib import Path

    import Sastrawi

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    return [w.strip() for w in path.read_text().split() if 3 <= len(w.strip()) <= 12]


def titles(n, rng):
    tail = vocabulary()
    out = []
    for _ in range(n):
        if out and rng.random() < 0.03:
            base = rng.choice(out)
            cut = rng.randrange(len(base))
            out.append(base[:cut] + base[cut + 1:])  # a typo of an earlier title
            continue
        words = rng.sample(WORDS, rng.randint(1, 3)) + rng.sample(tail, rng.randint(2, 4))
        rng.shuffle(words)
        if rng.random() < 0.25:
            words += ["tahap", str(rng.randint(1, 4))] if rng.random() < 0.5 else [str(rng.randint(2010, 2025))]
        out.append(" ".join(words))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    setup_django("near_duplicates.sqlite3")  # no query runs; Django only for the import
    from intake.importer import _norm, _TitleIndex

    rows = [_norm(t) for t in titles(args.rows, random.Random(17))]
    started, cpu_started = time.perf_counter(), time.process_time()
    index = _TitleIndex(rows)
    merged = 0
    for i, title in enumerate(rows):
        if index.similar(title) is not None:
            merged += 1
        else:
            index.add((title, i, title))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"rows": args.rows, "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2), "merged": merged,
              "load_average_1min": round(os.getloadavg()[0], 2), "peak_rss_mb": round(peak_kb / 1024, 1)}
    print(json.dumps(result))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "near_duplicates.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
