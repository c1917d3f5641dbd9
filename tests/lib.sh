# tests/lib.sh: helpers sourced by the test scripts.
# pass NAME / fail NAME WHY print the lines tests/run counts.
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# check NAME COMMAND...: PASS when the command succeeds.
check() {
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "$*"; fi
}
# need TOOL NAME: a missing validator is a failure under CI=true, and a
# skip (reported, not counted as passed) otherwise.  Returns 1 if missing.
need() {
	if command -v "$1" >/dev/null 2>&1 || [ -e "$1" ]; then return 0; fi
	if [ "${CI:-}" = true ]; then
		fail "$2" "$1 is not installed (run scripts/install-deps)"
	else
		echo "SKIP $2: $1 is not installed (run scripts/install-deps)"
	fi
	return 1
}
# nonspace FILE: the non-space characters of a UTF-8 file, one per line.
nonspace() {
	python3 -c 'import sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
sys.stdout.write("".join(c for c in t if not c.isspace()))' "$1"
}
B=${GALLEY_TOP:-$PWD}/bin
TMPROOT=${GALLEY_TOP:-$PWD}/tests/tmp
mkdir -p "$TMPROOT"
T=$(mktemp -d "$TMPROOT/t.XXXXXX")
trap 'rm -rf "$T"' EXIT
