# Sourced (bash) by scripts/generate (server stubs) and scripts/sdk-generate (client SDKs): one
# pinned openapi-generator for everything made from openapi.yaml.
#
#   openapi_generator_install
#       Installs openapi-generator-cli, hash-pinned in scripts/generator-requirements.txt (the PyPI
#       wheel bundles the jar; needs python3 and Java >= 11), into <repo>/.venv on first use, and
#       again when the pin file changed. Sets OPENAPI_GENERATOR to the executable.
#   openapi_generator_batch <log> <config.yaml>...
#       Runs `openapi-generator-cli batch --clean` on the configs (paths in them are relative to the
#       current directory), full output to <log>; on failure prints its errors and returns 1.

OPENAPI_GENERATOR=""

openapi_generator_install() {
  local root venv
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  venv=$root/.venv
  if [ ! -x "$venv/bin/openapi-generator-cli" ] ||
    ! cmp -s "$root/scripts/generator-requirements.txt" "$venv/installed-requirements.txt"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --require-hashes -r "$root/scripts/generator-requirements.txt"
    cp "$root/scripts/generator-requirements.txt" "$venv/installed-requirements.txt"
  fi
  OPENAPI_GENERATOR=$venv/bin/openapi-generator-cli
}

openapi_generator_batch() {
  local log=$1; shift
  [ -n "$OPENAPI_GENERATOR" ] || openapi_generator_install
  "$OPENAPI_GENERATOR" batch --clean "$@" >"$log" 2>&1 || {
    # The errors, and the spec validation findings listed under them ("\t-attribute ..."), once each.
    grep -E "ERROR|FAIL|Exception:|^[[:space:]]+-" "$log" | awk '!seen[$0]++' | head -30 >&2
    return 1
  }
}
