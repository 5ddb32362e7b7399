#!/usr/bin/env bash
# Scores the understanding pipeline on CLINC150 (Larson et al., 2019: 150 intents plus an out-of-scope class), the
# public benchmark issue 2 names. The data is not shipped here (it is not in any registry this project builds from):
# get `data_full.json` or `data_oos_plus.json` from https://github.com/clinc/oos-eval (data/, CC BY 3.0) and pass it.
#
#   bench/clinc150.sh path/to/data_oos_plus.json            # train on train + oos_train, score test + oos_test
#   SPLIT=val bench/clinc150.sh path/to/data_oos_plus.json  # score val + oos_val instead (for choosing settings)
#
# Converts the JSON to the `text,intent` CSVs that `nlu-eval` reads (in a temporary directory), builds the host in
# Release unless SKIP_BUILD=1 (bench/common.sh, as load.sh does; CHATCARE_DLL picks another build), and runs
# `nlu-eval --oos-label oos`; its last line is the JSON result.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/common.sh"
trap cleanup EXIT
DATA=${1:?usage: bench/clinc150.sh data_full.json|data_oos_plus.json}
SPLIT=${SPLIT:-test}
[[ "$SPLIT" == test || "$SPLIT" == val ]] || { echo "SPLIT must be test or val" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 not found (Debian: apt-get install -y python3)" >&2; exit 1; }

python3 - "$DATA" "$SPLIT" "$WORK_DIR" <<'PY'
import csv, json, sys
data_path, split, out = sys.argv[1:4]
with open(data_path, encoding="utf-8") as f:
    data = json.load(f)
for name, sections in (("train", ("train", "oos_train")), ("score", (split, "oos_" + split))):
    rows = [row for section in sections for row in data[section]]
    with open(f"{out}/{name}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "intent"])
        writer.writerows(rows)
    print(f"{name}: {len(rows)} utterances from {' + '.join(sections)}")
PY

build_release
dotnet "$CHATCARE_DLL" nlu-eval --train "$WORK_DIR/train.csv" \
    --test "$WORK_DIR/score.csv" --oos-label oos
