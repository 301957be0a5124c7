#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seed inputs from the repository:
# - rule_loader: rules/*.yaml and rules/codes/*.yaml, prefixed with the
#   target's mode byte (see fuzz_targets/rule_loader.rs), singly, in pairs
#   split by NUL, and as overlays;
# - ecr_frame, at_reply: the simulator's answers for every fixture in
#   fixtures/terminals/ plus hand-made hostile inputs (examples/seed.rs);
# - all three: the inputs committed under tests/data/fuzz/<target>/.
# Existing corpus files are kept; running it twice changes nothing.
# Usage: fuzz/seed.sh            (from anywhere; builds with one job)
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
corpus="$fuzz/corpus"
mkdir -p "$corpus/rule_loader" "$corpus/ecr_frame" "$corpus/at_reply"

# seed FILE MODE PART [PART2]: MODE as one byte, then PART (and, given
# PART2, a NUL and PART2).
seed() {
    local out="$corpus/rule_loader/$1" mode="$2"
    {
        printf "\\x$(printf %02x "$mode")"
        cat "$3"
        if [ $# -ge 4 ]; then
            printf '\0'
            cat "$4"
        fi
    } >"$out"
}

n=0
for f in "$repo"/rules/*.yaml; do
    base="$(basename "$f" .yaml)"
    seed "tree-$base" 0 "$f"
    n=$((n + 1))
    # Mode 1: the tree with the triage root, as the real set loads it.
    if [ "$base" != triage ]; then
        seed "pair-$base" 1 "$repo/rules/triage.yaml" "$f"
        n=$((n + 1))
    fi
done
for f in "$repo"/rules/codes/*.yaml; do
    base="$(basename "$f" .yaml)"
    seed "table-$base" 2 "$f"
    seed "overlay-$base" 3 "$f"
    seed "tree-table-$base" 4 "$repo/rules/triage.yaml" "$f"
    n=$((n + 3))
done
# The small valid set the target loads tables against, as trees, and its
# valid base table, as a table and as an overlay over itself.
seed "mini-pair" 1 "$repo/tests/data/mini/triage.yaml" "$repo/tests/data/mini/printer.yaml"
seed "table-base" 2 "$repo/tests/data/fuzz/base_table.yaml"
seed "overlay-base" 3 "$repo/tests/data/fuzz/base_table.yaml"
echo "wrote $((n + 3)) rule_loader seed(s)"

# The inputs committed as regression tests are seeds too.
for target in rule_loader ecr_frame at_reply; do
    for f in "$repo/tests/data/fuzz/$target"/*; do
        [ -f "$f" ] && cp "$f" "$corpus/$target/regression-$(basename "$f")"
    done
done

# ECR and AT bytes from the simulator (a plain build: no fuzzing flags).
CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
    cargo run --quiet --manifest-path "$fuzz/Cargo.toml" --example seed -- "$corpus"
