#!/usr/bin/env bash
# Runs every test: unit, component (bUnit) and end-to-end (Kestrel + headless Chromium through Playwright).
# Installs what the tests need when it is missing: Debian's chromium, an SMTP server (python3-aiosmtpd) and axe-core (npm).
# Ends with one line "N passed, N failed[, N skipped]" and exits non-zero when any test fails.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing test dependencies: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || {
        echo "Could not install ${missing[*]} with apt-get."
        echo "0 passed, 1 failed"
        exit 1
    }
fi

# axe-core (pinned in ApprovalsPortal.Tests/package-lock.json) checks every screen for WCAG 2.1 A/AA in the end-to-end tests.
if [ ! -f ApprovalsPortal.Tests/node_modules/axe-core/axe.min.js ]; then
    echo "Installing axe-core for the accessibility tests"
    (cd ApprovalsPortal.Tests && npm ci --no-audit --no-fund >/dev/null) || {
        echo "Could not install axe-core with npm."
        echo "0 passed, 1 failed"
        exit 1
    }
fi

dotnet tool restore >/dev/null
if ! dotnet build ApprovalsPortal.sln --nologo -v quiet; then
    echo "The build failed."
    echo "0 passed, 1 failed"
    exit 1
fi

results=$(mktemp -d)
dotnet test ApprovalsPortal.sln --no-build --nologo \
    --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
    --results-directory "$results"
status=$?

trx="$results/tests.trx"
if [ ! -f "$trx" ]; then
    echo "No test results were written."
    echo "0 passed, 1 failed"
    exit 1
fi
# The failures' names, messages and test lines again, just above the count, where a log's tail shows them.
if grep -q 'outcome="Failed"' "$trx"; then
    echo "Failed tests:"
    python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
    print("  " + result.get("testName"))
    message = result.findtext(".//t:ErrorInfo/t:Message", "", ns).strip().splitlines()
    for line in message[:6]:
        print("      " + line[:300])
    trace = result.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).splitlines()
    for line in [l.strip() for l in trace if "ApprovalsPortal.Tests" in l and ".cs:line" in l][:2]:
        print("      " + line[:300])
PY
fi
counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*"; }
passed=$(counter passed)
failed=$(counter failed)
total=$(counter total)
executed=$(counter executed)
skipped=$((total - executed))
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
