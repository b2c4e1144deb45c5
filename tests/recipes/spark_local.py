"""Convert a tree of issues with Apache Spark (PySpark).

    python3 tests/recipes/spark_local.py ROOT OUTDIR [--master local[2]] [--partitions 4] [--newsconv PATH] [-- BATCH ARGS...]

The driver lists the issues (`newsconv batch ROOT --list-issues`) and
distributes the paths; each partition runs `newsconv batch ROOT
--files-from -` on its share and returns its manifest lines, which the
driver collects and writes, sorted by path, to OUTDIR.manifest.jsonl. On a
cluster, give --master (for example spark://host:7077 or yarn): ROOT and
OUTDIR must then be on a file system every executor sees, with newsconv
installed on each.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession


def convert_partition(paths, root, out, newsconv, extra):
    """Run one batch over this partition's issue paths; yield its manifest lines."""
    paths = list(paths)
    if not paths:
        return
    with tempfile.TemporaryDirectory() as tmp:
        manifest = os.path.join(tmp, "manifest.jsonl")
        cmd = [newsconv, "batch", root, "-o", out, "--files-from", "-", "--manifest", manifest, "--quiet", *extra]
        subprocess.run(cmd, input="\n".join(paths) + "\n", text=True, check=False)
        with open(manifest, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root")
    ap.add_argument("out")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--newsconv", default=os.environ.get("NEWSCONV", "newsconv"))
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    args = ap.parse_args(argv)
    root, out = os.path.abspath(args.root), os.path.abspath(args.out)
    listing = subprocess.run([args.newsconv, "batch", root, "--list-issues"], capture_output=True, text=True, check=True)
    paths = [p for p in listing.stdout.splitlines() if p]
    spark = SparkSession.builder.master(args.master).appName("newsconv").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        newsconv = args.newsconv
        records = spark.sparkContext.parallelize(paths, args.partitions).mapPartitions(lambda part: convert_partition(part, root, out, newsconv, extra)).collect()
    finally:
        spark.stop()
    records.sort(key=lambda r: r["path"])
    with open(out + ".manifest.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    failed = [r for r in records if r["status"] == "failed"]
    print(f"newsconv on spark: {len(records)} issues, {len(failed)} failed")
    return 1 if failed or len(records) != len(paths) else 0


if __name__ == "__main__":
    raise SystemExit(main())
