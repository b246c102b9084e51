#!/bin/sh
# Seed the fuzz corpora from the repository's notices (run from anywhere).
# fuzz/corpus/ is generated and git-ignored: do not commit it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for target in parse check input; do
    mkdir -p "$root/fuzz/corpus/$target"
done
find "$root/corpus" -type f \( -name '*.txt' -o -name '*.md' \) | while read -r f; do
    name=$(printf '%s' "${f#"$root"/corpus/}" | tr '/' '_')
    cp "$f" "$root/fuzz/corpus/parse/$name"
    cp "$f" "$root/fuzz/corpus/check/$name"
    cp "$f" "$root/fuzz/corpus/input/$name"
done
# The web pages seed the extraction target.
find "$root/corpus" -type f -name '*.html' | while read -r f; do
    cp "$f" "$root/fuzz/corpus/input/$(basename "$f")"
done
echo "seeded: $(ls "$root/fuzz/corpus/check" | wc -l) notices, $(ls "$root/fuzz/corpus/input" | wc -l) inputs"
