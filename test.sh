#!/usr/bin/env bash
# Sets up what the tests need and runs every test of the solution, then prints the totals.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/ensure-packages.sh libturbojpeg0 postgresql chromium
results="$root/artifacts/test-results"
rm -rf "$results"
status=0

# The storage tests run against SQLite and against a real PostgreSQL, started here and stopped on exit.
postgres="$root/artifacts/postgres"
trap 'scripts/test-postgres.sh stop "$postgres"' EXIT
if PALMKEY_TEST_POSTGRES=$(scripts/test-postgres.sh start "$postgres"); then
  export PALMKEY_TEST_POSTGRES
else
  echo "test.sh: PostgreSQL did not start; its tests will be skipped and the run counted as failed" >&2
  postgres_failed=1
fi
dotnet build PalmKey.slnx -c Release -nologo -clp:ErrorsOnly || status=$?
if [ "$status" -eq 0 ]; then
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=$?
  done
fi

# Count from the TRX files, one per test project.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ "${postgres_failed:-0}" -eq 1 ]; then
  failed=$((failed + 1))
fi
if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  # The build or the test host failed before any test could report: count that as a failure.
  failed=$((failed + 1))
fi
echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
