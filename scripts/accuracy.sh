#!/usr/bin/env bash
# Re-measures every accuracy figure of docs/accuracy.md with `palmkey evaluate` and rewrites the
# generated sections (between <!-- BEGIN name --> and <!-- END name -->) and the DET curves in docs/.
# Usage: scripts/accuracy.sh [DATASETS_FOLDER [SECTIONS]]
#   DATASETS_FOLDER  default: ../shared/datasets beside the repository
#   SECTIONS         a bash pattern of the sections to rerun, such as 'polyu-*' (default: all)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
datasets="${1:-$root/../shared/datasets}"
sections="${2:-*}"
json="$root/artifacts/accuracy"
mkdir -p "$json"
export PALMKEY_COMMIT="$(git -C "$root" describe --always --dirty --abbrev=7)"

run() {
  local section="$1"; shift
  # shellcheck disable=SC2053
  [[ "$section" == $sections ]] || return 0
  echo "== $section" >&2
  "$root/palmkey" evaluate "$@" --json "$json/$section.json" --det "$root/docs/det-$section.svg" \
    --markdown "$root/docs/accuracy.md" --section "$section"
}

tongji="$datasets/tongji-roi"
run tongji-s1-s2 --dataset "$tongji" --enroll 's1_*' --probe 's2_*'
run tongji-s1-s2-enroll5 --dataset "$tongji" --enroll 's1_*' --probe 's2_*' --enroll-count 5
run tongji-s1-s2-enroll2 --dataset "$tongji" --enroll 's1_*' --probe 's2_*' --enroll-count 2
run tongji-all-pairs --dataset "$tongji"

# Whole-hand frames: PalmLocalizer cuts the ROI; frames it rejects count as failures to enroll.
polyu="$datasets/polyu-palm"
coep="$datasets/coep-hand"
run polyu-hand-s1-s2 --dataset "$polyu" --input hand --enroll '*_[123].bmp' --probe '*_[456].bmp'
run coep-hand-all-pairs --dataset "$coep" --input hand

# The same, with the probe frames turned or mirrored before localization.
run polyu-hand-rotated-30 --dataset "$polyu" --input hand --enroll '*_[123].bmp' --probe '*_[456].bmp' --rotate-probes 30
run polyu-hand-rotated-minus-30 --dataset "$polyu" --input hand --enroll '*_[123].bmp' --probe '*_[456].bmp' --rotate-probes -30
run polyu-hand-rotated-90 --dataset "$polyu" --input hand --enroll '*_[123].bmp' --probe '*_[456].bmp' --rotate-probes 90
run polyu-hand-mirrored --dataset "$polyu" --input hand --enroll '*_[123].bmp' --probe '*_[456].bmp' --mirror-probes
run coep-hand-rotated-minus-90 --dataset "$coep" --input hand --enroll '*([12]).*' --probe '*([34]).*' --rotate-probes -90
