#!/usr/bin/env bash
# t_stream.sh: every tool given the wrong stream format exits 1 with a
# message naming the stage to run first, and leaves no output file.
. tests/lib.sh
S=fixtures/city-news-2-articles.txt
"$B/galley-split" "$S" >"$T/articles" 2>/dev/null
"$B/galley-tag" <"$T/articles" >"$T/tagged" 2>/dev/null

# case: name | command (stdin from file) | input | expected status | expected stderr
while IFS='|' read -r name cmd in want msg; do
	[ -n "$name" ] || continue
	rm -f "$T/out.epub" "$T/out.xml"
	# shellcheck disable=SC2086
	(cd "$T" && $B/$cmd) <"$in" >"$T/stdout" 2>"$T/stderr"
	rc=$?
	got=$(cat "$T/stderr")
	if [ "$rc" != "$want" ]; then
		fail "$name" "exit $rc, expected $want ($got)"
	elif [ "$got" != "$msg" ]; then
		fail "$name" "message '$got', expected '$msg'"
	elif [ -e "$T/out.epub" ] || [ -e "$T/out.xml" ] || ls "$T"/.out.* >/dev/null 2>&1; then
		fail "$name" "left an output file"
	else
		pass "$name"
	fi
done <<EOF2
epub given raw text|galley-epub -o out.epub|$S|1|galley-epub: <stdin>:1: not a tagged stream (run galley-tag first)
epub given an article stream|galley-epub -o out.epub|$T/articles|1|galley-epub: <stdin>:1: not a tagged stream (run galley-tag first)
docbook given raw text|galley-docbook -o out.xml|$S|1|galley-docbook: <stdin>:1: not a tagged stream (run galley-tag first)
mend given a tagged stream|galley-mend|$T/tagged|1|galley-mend: <stdin>:1: a tagged stream, not an article stream (galley-tag has run already)
tag given a tagged stream|galley-tag|$T/tagged|1|galley-tag: <stdin>:1: a tagged stream, not an article stream (galley-tag has run already)
EOF2
