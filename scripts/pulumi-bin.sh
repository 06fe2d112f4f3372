#!/usr/bin/env bash
# scripts/pulumi-bin.sh: print (on stdout, and nothing else) the absolute path of a bin directory
# holding the Pulumi CLI for this project:
#   pulumi                         the CLI, pinned to $PULUMI_VERSION
#   pulumi-language-nodejs         the Node.js language host: our own, from tools/pulumi-language-nodejs
#                                  (Pulumi's is not served by the Go module proxy; see its README.md)
#   pulumi-resource-pulumi-nodejs  the dynamic-provider launcher script
# Usage: PATH="$(npm run --silent pulumi:bin):$PATH" pulumi ...    (all diagnostics go to stderr)
#
# Design
# - No prebuilt CLI can be downloaded here, so the CLI is built from the Go module proxy, once per
#   user, into a cache that every checkout shares and none owns:
#     CACHE=${PULUMI_MSGRAPH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-msgraph-meetings}
#     $CACHE/pulumi-<ver>/bin                  pulumi + pulumi-resource-pulumi-nodejs (~10 min once)
#     $CACHE/pulumi-<ver>-nodejs-<hash>/bin    the dir printed: hard links to those two, plus the
#                                              language host built from tools/pulumi-language-nodejs
#   <hash> covers the language host's build inputs (go.mod, go.sum, non-test *.go) and the CLI
#   version, so editing the host rebuilds only the host (seconds with warm Go caches), and
#   checkouts with different host sources do not overwrite each other's binary.
#   Each dir is built in a temp dir beside it and renamed into place while holding a flock, so no
#   caller sees a half-built dir and concurrent callers build once; ".complete" marks a finished
#   one and records what went in. Go's module and build caches stay where they are.
# - pulumi-resource-pulumi-nodejs is a copy, not a symlink into some checkout's node_modules (which
#   could vanish): the script finds @pulumi/pulumi/cmd/dynamic-provider from the program's cwd, so
#   one copy serves every checkout. It comes from the same release's sdk/v3 module (nodejs/dist/).
# - All three sit in one dir (hard links, not symlinks: the engine looks for plugins beside the
#   resolved pulumi binary before it looks on PATH, and warns when it has to use PATH).
# - A real Pulumi installation wins: a pulumi of the same version on PATH (not from this cache)
#   with Pulumi's own pulumi-language-nodejs beside it or on PATH. Its dir is printed if it has all
#   three, else a dir of symlinks plus a copy of the launcher is made (pulumi-<ver>-path/bin).
# - Later calls cost a hash of a few small files and some stat calls: no go or pulumi process
#   (unless a real Pulumi installation is on PATH, which is asked for its version).
# Env: PULUMI_MSGRAPH_CACHE_DIR moves the cache.
set -euo pipefail

PULUMI_VERSION=v3.274.1
GO_MIN=1.26.6   # the `go` line of pkg/v3 v3.274.1's go.mod
CLI_PKG=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LANGHOST_SRC="$REPO/tools/pulumi-language-nodejs"

CACHE="${PULUMI_MSGRAPH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-msgraph-meetings}"
DEST="$CACHE/pulumi-$PULUMI_VERSION"
CACHE_REAL="$(readlink -m "$CACHE")"   # to tell our own binaries on PATH from a real installation

log() { printf 'pulumi-bin: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# 1. A real Pulumi installation on PATH (checked with stat calls first; `pulumi version` only then).
if p="$(command -v pulumi 2>/dev/null)" && p="$(readlink -f "$p")" && [[ "$p" != "$CACHE_REAL"/* ]]; then
  d="$(dirname "$p")"
  lh="$d/pulumi-language-nodejs"
  [[ -x "$lh" ]] || lh="$(command -v pulumi-language-nodejs 2>/dev/null || true)"
  [[ -z "$lh" ]] || lh="$(readlink -f "$lh")"
  if [[ -n "$lh" && "$lh" != "$CACHE_REAL"/* ]] &&
     [[ "$(PULUMI_SKIP_UPDATE_CHECK=true "$p" version </dev/null 2>/dev/null)" == "$PULUMI_VERSION" ]]; then
    if [[ -x "$d/pulumi-resource-pulumi-nodejs" && "$lh" == "$d/pulumi-language-nodejs" ]]; then
      echo "$d"; exit 0
    fi
    launcher="$REPO/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
    [[ -f "$launcher" ]] || launcher="$(command -v pulumi-resource-pulumi-nodejs 2>/dev/null || true)"
    if [[ -n "$launcher" ]]; then
      b="$CACHE/pulumi-$PULUMI_VERSION-path/bin"; mkdir -p "$b"
      ln -sfn "$p" "$b/pulumi"; ln -sfn "$lh" "$b/pulumi-language-nodejs"
      install -m 755 "$launcher" "$b/.launcher.$$" && mv -f "$b/.launcher.$$" "$b/pulumi-resource-pulumi-nodejs"
      echo "$b"; exit 0
    fi
  fi
fi

# 2. Fast path: CLI and this language host already built.
[[ -f "$LANGHOST_SRC/go.mod" ]] || die "$LANGHOST_SRC/go.mod not found (the language host's sources)"
langhost_inputs() {
  local f
  for f in "$LANGHOST_SRC"/go.mod "$LANGHOST_SRC"/go.sum "$LANGHOST_SRC"/*.go; do
    [[ -f "$f" && "$f" != *_test.go ]] && printf '%s\n' "$f"
  done
}
mapfile -t LH_FILES < <(langhost_inputs)
LH_HASH="$({ echo "$PULUMI_VERSION"; cd "$LANGHOST_SRC" && sha256sum -- "${LH_FILES[@]##*/}"; } |
  sha256sum | cut -c1-12)"
LH_DEST="$CACHE/pulumi-$PULUMI_VERSION-nodejs-$LH_HASH"
cli_ready() { [[ -f "$DEST/.complete" && -x "$DEST/bin/pulumi" && -x "$DEST/bin/pulumi-resource-pulumi-nodejs" ]]; }
lh_ready() {
  [[ -f "$LH_DEST/.complete" && -x "$LH_DEST/bin/pulumi" && -x "$LH_DEST/bin/pulumi-language-nodejs" &&
     -x "$LH_DEST/bin/pulumi-resource-pulumi-nodejs" ]]
}
if lh_ready; then echo "$LH_DEST/bin"; exit 0; fi

# 3. Build what is missing (once per user: concurrent callers wait on the lock, then find it built).
command -v go >/dev/null 2>&1 ||
  die "go not found on PATH: building Pulumi CLI $PULUMI_VERSION needs Go >= $GO_MIN (tested with go1.26.8)"
gov="$(go env GOVERSION)"; gov="${gov#go}"
[[ "$(printf '%s\n%s\n' "$GO_MIN" "${gov%%[!0-9.]*}" | sort -V | head -n1)" == "$GO_MIN" ]] ||
  die "found go$gov, but building Pulumi CLI $PULUMI_VERSION needs Go >= $GO_MIN (tested with go1.26.8)"
command -v flock >/dev/null 2>&1 || die "flock (util-linux) not found"

mkdir -p "$CACHE"
exec 9>"$CACHE/.pulumi-$PULUMI_VERSION.lock"
if ! flock -n 9; then log "another build of pulumi $PULUMI_VERSION is running; waiting for it"; flock 9; fi
if lh_ready; then echo "$LH_DEST/bin"; exit 0; fi

TMP="$(mktemp -d "$CACHE/.build-$PULUMI_VERSION.XXXXXX")"
BG=""
trap '[[ -n "$BG" ]] && kill "$BG" 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
START=$SECONDS
export CGO_ENABLED=0
# shellcheck disable=SC2054  # the comma belongs to -tags
BUILD=(go build -trimpath -buildvcs=false -tags osusergo,grpcnotrace
       -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION")

step() { STEP="$1"; log "$1 (${2:-$((SECONDS - START))s so far})"; }
# run_logged NAME DIR CMD...: run CMD in DIR with output to $TMP/NAME.log, reporting every 10 s how
# many modules it has downloaded (if that changed), else every 60 s that it still runs. On failure
# keep the log in $CACHE, show its tail and stop.
run_logged() {
  local name="$1" dir="$2" logf="$TMP/$1.log" n=0 m t=0; shift 2
  ( cd "$dir" && exec "$@" 9>&- ) >"$logf" 2>&1 & BG=$!
  while kill -0 "$BG" 2>/dev/null; do
    sleep 1; t=$((t + 1))
    if (( t % 10 == 0 )) && m="$(grep -c '^go: downloading' "$logf")" && (( m != n )); then
      log "$STEP ($m modules so far)"; n=$m
    elif (( t % 60 == 0 )); then log "$STEP (still running, $((SECONDS - START))s so far)"
    fi
  done
  if ! wait "$BG"; then
    BG=""; cp "$logf" "$CACHE/last-failed-$name.log"; tail -n 30 "$logf" >&2
    die "$STEP failed; full log: $CACHE/last-failed-$name.log"
  fi
  BG=""
}

# 3a. The CLI and the dynamic-provider launcher.
build_cli() {
  local out="$TMP/pulumi-$PULUMI_VERSION" src sdkdir got
  src="$out/src"; mkdir -p "$out/bin" "$src"
  log "building Pulumi CLI $PULUMI_VERSION with go$gov: first time only, ~10 min on 2 cores, ~3 GB of Go caches"
  cat >"$src/go.mod" <<EOF
module pulumi-msgraph-meetings/pulumi-cli-build

go $GO_MIN

require (
	github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 $PULUMI_VERSION
)

// as in pkg/v3's own go.mod (replace directives of dependencies are not inherited)
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
  step "[1/3] downloading the CLI's modules" "0s"
  # -mod=mod lets go fill in go.mod/go.sum; `list -deps` fetches only the modules the CLI
  # imports (go mod tidy would also fetch every test-only dependency).
  run_logged download "$src" go list -mod=mod -tags osusergo,grpcnotrace -deps "$CLI_PKG"
  step "[2/3] building pulumi"
  run_logged build-pulumi "$src" "${BUILD[@]}" -o "$out/bin/pulumi" "$CLI_PKG"
  sdkdir="$(cd "$src" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  install -m 755 "$sdkdir/nodejs/dist/pulumi-resource-pulumi-nodejs" "$out/bin/"  # zips keep no x bit
  got="$(PULUMI_SKIP_UPDATE_CHECK=true PULUMI_HOME="$TMP/home" "$out/bin/pulumi" version </dev/null 9>&-)"
  [[ "$got" == "$PULUMI_VERSION" ]] || die "the built pulumi reports version '$got', expected $PULUMI_VERSION"
  printf 'pulumi %s\ngo %s\nbuilt %s\n' "$PULUMI_VERSION" "$gov" "$(date -u +%FT%TZ)" >"$out/.complete"
  rm -rf "$DEST"   # an older or incomplete one (we hold the lock)
  mv "$out" "$DEST"
  log "Pulumi CLI $PULUMI_VERSION is in $DEST/bin ($((SECONDS - START))s)"
}

# 3b. Our language host, in a dir with (links to) the CLI.
build_langhost() {
  local out="$TMP/langhost" f
  mkdir -p "$out/bin"
  step "[3/3] building pulumi-language-nodejs from tools/pulumi-language-nodejs"
  # go.sum pins every module; the Go proxy fills the module cache on a fresh machine.
  run_logged build-langhost "$LANGHOST_SRC" "${BUILD[@]}" -o "$out/bin/pulumi-language-nodejs" .
  for f in pulumi pulumi-resource-pulumi-nodejs; do
    ln "$DEST/bin/$f" "$out/bin/$f" 2>/dev/null || cp -p "$DEST/bin/$f" "$out/bin/$f"
  done
  printf 'pulumi %s\nlanguage-host %s (tools/pulumi-language-nodejs)\ngo %s\nbuilt %s\n' "$PULUMI_VERSION" \
    "$LH_HASH" "$gov" "$(date -u +%FT%TZ)" >"$out/.complete"
  rm -rf "$LH_DEST"
  mv "$out" "$LH_DEST"
  # Hosts of other source versions: drop those unused for a week (a checkout still on one
  # rebuilds it in seconds).
  find "$CACHE" -maxdepth 1 -name "pulumi-$PULUMI_VERSION-nodejs-*" ! -name "${LH_DEST##*/}" \
    -mtime +7 -exec rm -rf {} + 2>/dev/null || true
  log "done in $((SECONDS - START))s: $LH_DEST/bin"
}

cli_ready || build_cli
build_langhost
touch "$LH_DEST"
echo "$LH_DEST/bin"
