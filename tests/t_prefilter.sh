#!/usr/bin/env bash
# t_prefilter.sh: galley-split's cheap tests before its PCRE2 patterns
# (lib/split_rules.c) are necessary conditions of the patterns.  The
# build tests/unit_split_checked (-DSPLIT_CHECK_PREFILTER) runs every
# pattern anyway and aborts when a prefilter rejected a match or a hand
# match disagrees with PCRE2.  Run here over every fixture, every file
# of the corpora and a generated benchmark input; its output must also
# be the bytes bin/galley-split writes.
. tests/lib.sh

X=tests/unit_split_checked
if ! [ -x "$X" ]; then
	fail prefilter "$X not built (make $X)"
	exit 0
fi
CORPUS=${GALLEY_CORPUS:-$GALLEY_TOP/../shared/corpus}
T=$(mktemp -d tests/tmp/prefilter.XXXXXX)
python3 scripts/bench-input 3000000 "$T/bench.txt" >/dev/null 2>&1 ||
	fail prefilter/bench-input "scripts/bench-input failed"
n=0
for f in fixtures/*.txt fixtures/galley-split/*.in "$T/bench.txt" \
    "$CORPUS"/*/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=prefilter/${f#"$CORPUS"/}
	"$X" --lossy "$f" >"$T/x.out" 2>"$T/x.err"
	rx=$?
	bin/galley-split --lossy "$f" >"$T/b.out" 2>/dev/null
	rb=$?
	if [ "$rx" -ne "$rb" ]; then
		fail "$name" "exit $rx, bin/galley-split $rb: $(grep -m1 prefilter "$T/x.err")"
	elif ! cmp -s "$T/x.out" "$T/b.out"; then
		fail "$name" "output differs from bin/galley-split"
	else
		pass "$name"
	fi
done
[ "$n" -gt 20 ] || fail prefilter "only $n inputs found"
rm -rf "$T"
exit 0
