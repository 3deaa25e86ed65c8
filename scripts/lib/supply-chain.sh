# Sourced (bash) by scripts/ci-prepare, scripts/supply-check and scripts/release (ADR 0023).
#
#   supply_tools_install
#       Installs the pinned cargo-deny and cargo-cyclonedx from crates.io with `cargo install
#       --locked` (compiled: their prebuilt binaries live on GitHub, which our machines cannot
#       reach), unless the pinned version is already on PATH. Once per machine.
#   advisory_db_prepare
#       Finds the offline RustSec snapshot — $ADVISORY_DB, else ../shared/advisory-db next to the
#       repository, else /work/shared/advisory-db — and lays it out where cargo-deny looks for it
#       (deny.toml: db-path = "$TODO_API_ADVISORY_DBS"): a one-commit git repository dated like
#       the snapshot, so cargo-deny's staleness check sees the snapshot's real age. Fails when no
#       snapshot is found; never fetches.
#   sbom OUT_FILE
#       CycloneDX 1.5 JSON SBOM of the server (package todo-api: its normal dependencies for
#       Linux, from Cargo.lock), written to OUT_FILE.

CARGO_DENY_VERSION=0.20.2
CARGO_CYCLONEDX_VERSION=0.5.9

supply_tools_install() {
  # LTO off and more codegen units: the tools' own release profiles (cargo-deny: fat LTO, one
  # codegen unit) would triple the compile time on a fresh two-core machine for no gain here.
  local -a build_env=(CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16)
  if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
    echo "supply-chain: installing cargo-deny $CARGO_DENY_VERSION"
    env "${build_env[@]}" cargo install --quiet --locked --force --version "$CARGO_DENY_VERSION" cargo-deny
  fi
  # cargo-cyclonedx prints "cargo-cyclonedx-cyclonedx X" (its clap name is doubled).
  if ! cargo cyclonedx --version 2>/dev/null | grep -qx "cargo-cyclonedx.* $CARGO_CYCLONEDX_VERSION"; then
    echo "supply-chain: installing cargo-cyclonedx $CARGO_CYCLONEDX_VERSION"
    env "${build_env[@]}" cargo install --quiet --locked --force --version "$CARGO_CYCLONEDX_VERSION" cargo-cyclonedx
  fi
}

advisory_db_prepare() {
  local root src="" candidate
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  for candidate in "${ADVISORY_DB:-}" "$root/../shared/advisory-db" /work/shared/advisory-db; do
    if [ -n "$candidate" ] && [ -d "$candidate/crates" ]; then
      src=$(cd "$candidate" && pwd)
      break
    fi
  done
  if [ -z "$src" ]; then
    echo "supply-chain: no RustSec advisory snapshot found (looked at \$ADVISORY_DB='${ADVISORY_DB:-}'," \
      "$root/../shared/advisory-db and /work/shared/advisory-db; each needs a crates/ folder)." \
      "Set ADVISORY_DB to a copy of https://github.com/rustsec/advisory-db." >&2
    return 1
  fi
  if [ -n "${ADVISORY_DB:-}" ] && [ "$src" != "$(cd "$ADVISORY_DB" 2>/dev/null && pwd)" ]; then
    echo "supply-chain: ADVISORY_DB=$ADVISORY_DB has no crates/ folder" >&2
    return 1
  fi

  # The snapshot's date: "(YYYY-MM-DD)" in its SNAPSHOT.md, else the newest file in it.
  local date
  date=$(grep -oEm1 '\(20[0-9]{2}-[0-9]{2}-[0-9]{2}\)' "$src/SNAPSHOT.md" 2>/dev/null | tr -d '()' || true)
  [ -n "$date" ] || date=$(find "$src/crates" -type f -printf '%TY-%Tm-%Td\n' | sort | tail -1)
  echo "supply-chain: advisory snapshot $src, taken $date"

  # cargo-deny opens <db-path>/advisory-db-<hash of the default db URL> as a git checkout.
  export TODO_API_ADVISORY_DBS=$root/target/advisory-dbs
  local repo=$TODO_API_ADVISORY_DBS/advisory-db-3157b0e258782691
  rm -rf "$repo"
  mkdir -p "$repo"
  cp -R "$src/crates" "$src/rust" "$repo/" 2>/dev/null || cp -R "$src/crates" "$repo/"
  [ ! -f "$src/LICENSE.txt" ] || cp "$src/LICENSE.txt" "$repo/"
  (
    cd "$repo"
    export GIT_AUTHOR_DATE="${date}T00:00:00Z" GIT_COMMITTER_DATE="${date}T00:00:00Z"
    git init -q -b main .
    git add -A
    git -c user.name=snapshot -c user.email=snapshot@invalid -c commit.gpgsign=false \
      commit -qm "RustSec advisory snapshot $date"
    # cargo-deny takes the last fetch time from FETCH_HEAD's modification time.
    : >.git/FETCH_HEAD
    touch -d "${date}T00:00:00Z" .git/FETCH_HEAD
  )
}

sbom() {
  local out=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  # The binary target only; normal dependencies for the Linux target, build-time ones left out.
  # SOURCE_DATE_EPOCH (the commit's time unless set) fixes the timestamp; the repository's
  # absolute path in the workspace crates' references becomes relative ("file://.").
  (
    cd "$root"
    export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
    cargo cyclonedx --manifest-path server-impl/Cargo.toml --describe binaries --format json \
      --spec-version 1.5 --target x86_64-unknown-linux-gnu --no-build-deps -q
  )
  sed "s|file://$root/|file://./|g" "$root/server-impl/todo-api_bin.cdx.json" >"$out"
  rm "$root/server-impl/todo-api_bin.cdx.json"
}
