#!/usr/bin/env bash
# Re-measures every accuracy figure of docs/accuracy.md with `palmkey evaluate` and rewrites the
# generated sections (between <!-- BEGIN name --> and <!-- END name -->) and the DET curves in docs/.
# Usage: scripts/accuracy.sh [DATASETS_FOLDER]   (default: ../shared/datasets beside the repository)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
datasets="${1:-$root/../shared/datasets}"
json="$root/artifacts/accuracy"
mkdir -p "$json"
export PALMKEY_COMMIT="$(git -C "$root" describe --always --dirty --abbrev=7)"

run() {
  local section="$1"; shift
  echo "== $section" >&2
  "$root/palmkey" evaluate "$@" --json "$json/$section.json" --det "$root/docs/det-$section.svg" \
    --markdown "$root/docs/accuracy.md" --section "$section"
}

tongji="$datasets/tongji-roi"
run tongji-s1-s2 --dataset "$tongji" --enroll 's1_*' --probe 's2_*'
run tongji-s1-s2-enroll5 --dataset "$tongji" --enroll 's1_*' --probe 's2_*' --enroll-count 5
run tongji-s1-s2-enroll2 --dataset "$tongji" --enroll 's1_*' --probe 's2_*' --enroll-count 2
run tongji-all-pairs --dataset "$tongji"
