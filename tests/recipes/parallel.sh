#!/usr/bin/env bash
# Convert a tree of issues on several machines with GNU parallel: one
# `newsconv batch --shard K/N` per job, spread over the machines given.
#
#   bash tests/recipes/parallel.sh ROOT OUTDIR SHARDS [SSHLOGINS] [-- BATCH ARGS...]
#
# SSHLOGINS is GNU parallel's --sshlogin list, e.g. "8/node1,8/node2"
# (8 jobs on each); the default ":" runs on this machine. Every machine
# must see ROOT and OUTDIR at the same paths (a shared file system) and
# have newsconv on its PATH (or NEWSCONV=/path/to/newsconv). The shards'
# manifests land in OUTDIR.manifests/ and are joined into
# OUTDIR.manifest.jsonl, sorted by path.
set -euo pipefail
root=$1 out=$2 shards=$3
logins=:
if [ $# -ge 4 ] && [ "$4" != "--" ]; then logins=$4; shift 4; else shift 3; fi
if [ "${1:-}" = "--" ]; then shift; fi
newsconv=${NEWSCONV:-newsconv}
mkdir -p "$out" "$out.manifests"
seq 1 "$shards" | parallel --sshlogin "$logins" --halt soon,fail=1 \
  "$newsconv" batch "$root" -o "$out" --shard "{}/$shards" \
  --manifest "$out.manifests/shard-{}.jsonl" --quiet "$@"
cat "$out.manifests"/shard-*.jsonl | LC_ALL=C sort > "$out.manifest.jsonl"
