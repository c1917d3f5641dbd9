#!/usr/bin/env bash
# t_golden.sh: every golden case in fixtures/<tool>/, byte for byte.
# fixtures/<tool>/cases lists "case status" lines.  For each case, the
# tool runs with <case>.args (if any) and <case>.in as its input file;
# stdout must equal <case>.out, stderr <case>.err (empty when absent),
# and the exit status the listed one.  With <case>.explain, the tool
# runs again with --explain and stderr must equal that file.  For
# galley-epub, stdout is the dump of the EPUB written (tests/epubdump).
. tests/lib.sh
# GALLEY_WRAP runs each tool under another program (valgrind in CI).
WRAP=${GALLEY_WRAP:-}

run() {	# tool args input stdout stderr -> exit status
	local tool=$1 args=$2 in=$3 o=$4 e=$5 rc
	if [ "$tool" = galley-epub ]; then
		rm -f "$T/book.epub"
		# shellcheck disable=SC2086
		$WRAP "$B/$tool" $args -o "$T/book.epub" "$in" >"$o" 2>"$e"
		rc=$?
		[ -f "$T/book.epub" ] && tests/epubdump "$T/book.epub" >"$o"
	else
		# shellcheck disable=SC2086
		$WRAP "$B/$tool" $args "$in" >"$o" 2>"$e"
		rc=$?
	fi
	return $rc
}

for dir in fixtures/galley-*/; do
	tool=$(basename "$dir")
	[ -f "$dir/cases" ] || continue
	while read -r c status; do
		case $c in ''|'#'*) continue ;; esac
		in=$dir$c.in
		args=
		[ -f "$dir$c.args" ] && args=$(cat "$dir$c.args")
		name="$tool/$c"
		if [ ! -f "$in" ]; then
			fail "$name" "no $in"
			continue
		fi
		run "$tool" "$args" "$in" "$T/out" "$T/err"
		rc=$?
		if [ "$rc" != "$status" ]; then
			fail "$name" "exit $rc, expected $status: $(head -c 300 "$T/err")"
			continue
		fi
		if [ ! -f "$dir$c.out" ]; then
			fail "$name" "no $dir$c.out"
			continue
		fi
		if ! diff -u "$dir$c.out" "$T/out" >"$T/diff"; then
			fail "$name" "stdout differs"
			head -n 40 "$T/diff" | sed 's/^/    /'
			continue
		fi
		exp_err=/dev/null
		[ -f "$dir$c.err" ] && exp_err=$dir$c.err
		if ! diff -u "$exp_err" "$T/err" >"$T/diff"; then
			fail "$name" "stderr differs"
			head -n 40 "$T/diff" | sed 's/^/    /'
			continue
		fi
		if [ -f "$dir$c.explain" ]; then
			run "$tool" "--explain $args" "$in" "$T/out2" "$T/err2"
			if ! diff -u "$dir$c.explain" "$T/err2" >"$T/diff"; then
				fail "$name" "--explain output differs"
				head -n 40 "$T/diff" | sed 's/^/    /'
				continue
			fi
			if ! cmp -s "$T/out" "$T/out2"; then
				fail "$name" "--explain changed the output"
				continue
			fi
		fi
		pass "$name"
	done <"$dir/cases"
done
