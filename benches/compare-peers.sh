#!/usr/bin/env bash
# Side-by-side throughput of noticelint and two Chinese-text linters (issue 6, part 3).
#
#   benches/compare-peers.sh [N] [--seed S] [--out FILE] [--noticelint BIN]
#                            [--gen-corpus BIN] [--cache DIR] [--keep]
#
# 1. Generates N notices (default 4000, about 12 MB) with the repository's generator
#    (`cargo run --release --example gen_corpus -- DIR N SEED`) into a temporary folder.
# 2. Installs the peers into a cache folder outside the repository
#    (${XDG_CACHE_HOME:-~/.cache}/noticelint-peers): AutoCorrect's Node build
#    `autocorrect-node` from npm, run through its `lintFor(text, filename)` API from a small
#    Node script, and `limae` from PyPI in a venv (its wheel ships the `limae` binary).
#    A peer that cannot be installed or run is skipped with a message.
# 3. Runs each tool once over the same files: noticelint with RAYON_NUM_THREADS=1 (json and
#    human output) and with 2 threads (json); each peer in one process for all files. The
#    one-thread runs are pinned to one CPU with taskset when it exists. User+sys CPU seconds
#    and peak RSS come from /usr/bin/time -v (Debian package `time`), or from Python's
#    resource module when it is missing.
# 4. Prints a Markdown table to stdout (and to FILE with --out). Nothing is written into the
#    repository apart from cargo's usual build output (target/ or $CARGO_TARGET_DIR).
#
# Versions: AUTOCORRECT_NODE_VERSION (default 2.14.0) and LIMAE_VERSION (default 0.13.4)
# choose the peers' versions; "latest" takes the newest. Findings are counted as each tool
# counts them (noticelint: diagnostics; AutoCorrect: lines with a suggested change; limae:
# its "N error(s), M warning(s)" total), so they are not comparable between tools.
set -euo pipefail

N=4000
SEED=1
OUT=""
NOTICELINT=""
GEN=""
KEEP=0
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/noticelint-peers"
AC_VERSION="${AUTOCORRECT_NODE_VERSION:-2.14.0}"
LIMAE_VERSION="${LIMAE_VERSION:-0.13.4}"

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --seed) SEED="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --noticelint) NOTICELINT="$2"; shift 2 ;;
        --gen-corpus) GEN="$2"; shift 2 ;;
        --cache) CACHE="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        [0-9]*) N="$1"; shift ;;
        *) echo "compare-peers: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { echo "compare-peers: $*" >&2; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/noticelint-peers.XXXXXX")"
if [ "$KEEP" = 1 ]; then
    say "keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi

# ---------------------------------------------------------------- noticelint and corpus
if [ -z "$NOTICELINT" ] || [ -z "$GEN" ]; then
    say "building noticelint and gen_corpus (cargo build --release)"
    (cd "$REPO" && cargo build --release --quiet --bin noticelint --example gen_corpus) >&2
    TD="${CARGO_TARGET_DIR:-$REPO/target}"
    case "$TD" in /*) ;; *) TD="$REPO/$TD" ;; esac
    [ -n "$NOTICELINT" ] || NOTICELINT="$TD/release/noticelint"
    [ -n "$GEN" ] || GEN="$TD/release/examples/gen_corpus"
fi
NL_VERSION="$("$NOTICELINT" --version | awk '{print $2}')"
NL_COMMIT="$(git -C "$(dirname "$NOTICELINT")" rev-parse --short HEAD 2>/dev/null || echo '?')"
if [ "$NL_COMMIT" != "?" ] && [ -n "$(git -C "$(dirname "$NOTICELINT")" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    NL_COMMIT="$NL_COMMIT+changes"
fi

CORPUS="$WORK/corpus"
say "generating $N notices (seed $SEED)"
"$GEN" "$CORPUS" "$N" "$SEED" >&2
(cd "$CORPUS" && find . -type f -name '*.txt' | sed 's|^\./||' | LC_ALL=C sort) > "$WORK/files"
BYTES="$(cd "$CORPUS" && xargs -d '\n' stat -c %s < "$WORK/files" | awk '{s+=$1} END {print s}')"
NFILES="$(wc -l < "$WORK/files")"
say "$NFILES files, $BYTES bytes"

# ---------------------------------------------------------------- peers
mkdir -p "$CACHE"
AC_OK=0
AC_MSG=""
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    AC_MSG="node/npm not found"
else
    AC_DIR="$CACHE/autocorrect-node"
    mkdir -p "$AC_DIR"
    have="$(cd "$AC_DIR" && node -p "require('autocorrect-node/package.json').version" 2>/dev/null || true)"
    if [ "$AC_VERSION" = latest ] || [ "$have" != "$AC_VERSION" ]; then
        say "npm install autocorrect-node@$AC_VERSION into $AC_DIR"
        [ -f "$AC_DIR/package.json" ] || echo '{"private": true}' > "$AC_DIR/package.json"
        if ! (cd "$AC_DIR" && npm install --no-audit --no-fund --silent "autocorrect-node@$AC_VERSION") >&2; then
            AC_MSG="npm install autocorrect-node@$AC_VERSION failed"
        fi
    fi
    # The driver: lint every listed file with lintFor(text, filename), write each result
    # as one JSON line, print the number of lines with a suggested change.
    cat > "$AC_DIR/lint-files.js" <<'EOF'
const fs = require('fs');
const autocorrect = require('autocorrect-node');
const [list, out] = process.argv.slice(2);
const files = fs.readFileSync(list, 'utf8').split('\n').filter((f) => f.length > 0);
const fd = fs.openSync(out, 'w');
let findings = 0;
let errors = 0;
for (const f of files) {
  const r = autocorrect.lintFor(fs.readFileSync(f, 'utf8'), f);
  if (r.error) errors += 1;
  findings += r.lines.length;
  fs.writeSync(fd, JSON.stringify(r) + '\n');
}
fs.closeSync(fd);
console.log(`findings ${findings} errors ${errors}`);
EOF
    if [ -z "$AC_MSG" ]; then
        if AC_REAL="$(cd "$AC_DIR" && node -e "require('autocorrect-node').format('a中b'); console.log(require('autocorrect-node/package.json').version)" 2>"$WORK/ac-check.err")"; then
            AC_OK=1
        else
            AC_MSG="autocorrect-node does not load under node $(node --version): $(head -c 300 "$WORK/ac-check.err" | tr '\n' ' ')"
        fi
    fi
fi
[ "$AC_OK" = 1 ] || say "skipping AutoCorrect: $AC_MSG"

LIMAE_OK=0
LIMAE_MSG=""
PY="$(command -v python3 || true)"
if [ -z "$PY" ]; then
    LIMAE_MSG="python3 not found"
else
    VENV="$CACHE/limae-venv"
    if [ ! -x "$VENV/bin/pip" ]; then
        say "creating venv $VENV"
        "$PY" -m venv "$VENV" >&2 || LIMAE_MSG="python3 -m venv failed (Debian: apt-get install python3-venv)"
    fi
    if [ -z "$LIMAE_MSG" ]; then
        have="$("$VENV/bin/pip" show limae 2>/dev/null | awk '/^Version:/ {print $2}' || true)"
        if [ "$LIMAE_VERSION" = latest ] || [ "$have" != "$LIMAE_VERSION" ]; then
            spec="limae==$LIMAE_VERSION"
            [ "$LIMAE_VERSION" = latest ] && spec="limae"
            say "pip install $spec into $VENV"
            "$VENV/bin/pip" install --quiet --upgrade "$spec" >&2 || LIMAE_MSG="pip install $spec failed"
        fi
    fi
    if [ -z "$LIMAE_MSG" ]; then
        LIMAE_REAL="$("$VENV/bin/pip" show limae | awk '/^Version:/ {print $2}')"
        if "$VENV/bin/limae" --help >/dev/null 2>"$WORK/limae-check.err"; then
            LIMAE_OK=1
        else
            LIMAE_MSG="the limae binary does not run: $(head -c 300 "$WORK/limae-check.err" | tr '\n' ' ')"
        fi
    fi
fi
[ "$LIMAE_OK" = 1 ] || say "skipping limae: $LIMAE_MSG"

# ---------------------------------------------------------------- measuring
# measure NAME CMD... : runs CMD in the corpus folder, stdout to $WORK/NAME.out; writes
# "wall user sys maxrss_kib" to $WORK/NAME.m
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    measure() {
        local name="$1"; shift
        (cd "$CORPUS" && /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err") || {
            say "$name failed (exit $?): $(tail -c 300 "$WORK/$name.err")"; return 1; }
        awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
            /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set size/ { m = $2 }
            END { print w, u, s, m }' "$WORK/$name.time" > "$WORK/$name.m"
    }
elif [ -n "$PY" ]; then
    say "/usr/bin/time not found (Debian: apt-get install time); using Python's resource module"
    measure() {
        local name="$1"; shift
        (cd "$CORPUS" && "$PY" -c '
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "wb") as o, open(sys.argv[2], "wb") as e:
    rc = subprocess.call(sys.argv[4:], stdout=o, stderr=e)
w = time.monotonic() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[3], "w").write(f"{w} {r.ru_utime} {r.ru_stime} {r.ru_maxrss}\n")
sys.exit(rc)' "$WORK/$name.out" "$WORK/$name.err" "$WORK/$name.m" "$@") || {
            say "$name failed (exit $?): $(tail -c 300 "$WORK/$name.err")"; return 1; }
    }
else
    say "need /usr/bin/time (apt-get install time) or python3 to measure"; exit 1
fi

PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c "$(taskset -pc $$ | awk -F': ' '{split($2, a, "[,-]"); print a[1]}')"); fi

ROWS="$WORK/rows"
: > "$ROWS"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
row() { # name tool version threads findings
    local m
    m="$(cat "$WORK/$1.m")"
    echo "$2|$3|$4|$m|$5" >> "$ROWS"
}

say "noticelint, 1 thread, json"
if RAYON_NUM_THREADS=1 measure nl-json-1 "${PIN[@]}" "$NOTICELINT" check --format jsonl --exit-zero -o "$WORK/nl-json-1.jsonl" .; then
    row nl-json-1 "noticelint (jsonl)" "$NL_VERSION @ $NL_COMMIT" 1 "$(grep -c '"code":' "$WORK/nl-json-1.jsonl" || true)"
fi
say "noticelint, 1 thread, human"
if RAYON_NUM_THREADS=1 measure nl-human-1 "${PIN[@]}" "$NOTICELINT" check --format human --color never --exit-zero -o "$WORK/nl-human-1.txt" .; then
    row nl-human-1 "noticelint (human)" "$NL_VERSION @ $NL_COMMIT" 1 "-"
fi
say "noticelint, 2 threads, json"
if RAYON_NUM_THREADS=2 measure nl-json-2 "$NOTICELINT" check --format jsonl --exit-zero -o "$WORK/nl-json-2.jsonl" .; then
    row nl-json-2 "noticelint (jsonl)" "$NL_VERSION @ $NL_COMMIT" 2 "$(grep -c '"code":' "$WORK/nl-json-2.jsonl" || true)"
fi
if [ "$AC_OK" = 1 ]; then
    say "AutoCorrect (autocorrect-node $AC_REAL)"
    if measure autocorrect "${PIN[@]}" node "$AC_DIR/lint-files.js" "$WORK/files" "$WORK/autocorrect.jsonl"; then
        row autocorrect "AutoCorrect (autocorrect-node, lintFor)" "$AC_REAL" 1 "$(awk '{print $2}' "$WORK/autocorrect.out")"
    else
        AC_MSG="run failed"
    fi
fi
if [ "$LIMAE_OK" = 1 ]; then
    say "limae $LIMAE_REAL"
    mapfile -t FILES < "$WORK/files"
    # limae exits 1 when it finds something: wrap it so only a crash counts as failure.
    if measure limae "${PIN[@]}" sh -c '"$0" "$@"; rc=$?; [ $rc -le 1 ] || exit $rc' "$VENV/bin/limae" "${FILES[@]}"; then
        row limae "limae" "$LIMAE_REAL" 1 "$(tail -n 3 "$WORK/limae.out" | awk '/error\(s\)/ {gsub(/,/, ""); print $1 + $3}')"
    else
        LIMAE_MSG="run failed"
    fi
fi

# ---------------------------------------------------------------- table
{
    echo "Corpus: $NFILES notices from gen_corpus (N=$N, seed $SEED), $BYTES bytes."
    echo "Machine: $(nproc) CPUs, $(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); load average $LOAD before the runs; $(date -u +%Y-%m-%d)."
    echo
    awk -F'|' -v bytes="$BYTES" '
        { tool[NR] = $1; ver[NR] = $2; thr[NR] = $3; split($4, m, " "); fnd[NR] = $5
          wall[NR] = m[1]; cpu[NR] = m[2] + m[3]; rss[NR] = m[4] / 1024
          rate[NR] = cpu[NR] > 0 ? bytes / 1e6 / cpu[NR] : 0
          if (ref == "" && $1 ~ /^noticelint/ && $3 == 1) ref = rate[NR] }
        END {
          print "| tool | version | threads | MB | wall s | CPU s (user+sys) | MB per CPU-s | MB/s wall | peak RSS MiB | findings | noticelint 1-thread MB/CPU-s ÷ this |"
          print "|---|---|---|---|---|---|---|---|---|---|---|"
          for (i = 1; i <= NR; i++)
            printf "| %s | %s | %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.0f | %s | %s |\n",
              tool[i], ver[i], thr[i], bytes / 1e6, wall[i], cpu[i], rate[i],
              (wall[i] > 0 ? bytes / 1e6 / wall[i] : 0), rss[i], fnd[i],
              (tool[i] ~ /^noticelint/ ? "—" : (rate[i] > 0 ? sprintf("%.2f×", ref / rate[i]) : "?"))
        }' "$ROWS"
    [ "$AC_OK" = 1 ] && [ "$AC_MSG" = "" ] || echo "AutoCorrect skipped: $AC_MSG"
    [ "$LIMAE_OK" = 1 ] && [ "$LIMAE_MSG" = "" ] || echo "limae skipped: $LIMAE_MSG"
    echo "Node $(node --version 2>/dev/null || echo absent), $(${PY:-false} --version 2>/dev/null || echo 'no python3')."
} | tee ${OUT:+"$OUT"}
