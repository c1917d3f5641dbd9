#!/usr/bin/env bash
# tests/t_parallel.sh: per-article independence (DESIGN.md, principle 6).
# Running galley-mend and galley-tag under GNU parallel, the article
# stream cut into chunks at article boundaries, gives the same bytes as
# one process.
#
# How the chunks are cut: --pipe with --recstart $'\f\n' (and the default
# --recend '\n') cuts only between a LF and a line holding a single form
# feed, that is, exactly before an article separator, so chunk 1 starts
# with the first article and every later chunk starts with "\f\n".
# (--recend $'\n\f\n' cuts right after the separator instead; it gives
# the same chunks but for where the separator sits.)
#
# An article-stream writer writes a separator between the articles it
# writes, not before the first one, so the separator at a chunk boundary
# is not in any job's output: every job but the first ({#} > 1) prints it
# back.  The tagged stream needs nothing of the kind: streams concatenate,
# with repeated header lines, which the format allows; they are compared
# here after removing the repeats, and through galley-docbook.
. tests/lib.sh

need parallel parallel || exit 0
for t in galley-split galley-mend galley-tag galley-docbook; do
	if [ ! -x "$B/$t" ]; then
		fail "parallel" "bin/$t is not built"
		exit 0
	fi
done

# Small blocks, so that even the fixtures make many chunks; two jobs.
PAR=(parallel --will-cite --pipe -k --recstart $'\f\n' --block 2k -j 2)

# The input: the article streams among the fixtures (cases that exit 0
# with no extra arguments), the split output of the raw fixtures, and,
# when the shared corpus is there, 1 MB of the benchmark input.
IN=$T/in.art
: >"$IN"
sep=
add() {
	[ -s "$1" ] || return 0
	printf '%s' "$sep" >>"$IN"
	cat "$1" >>"$IN"
	sep=$'\f\n'
}
for tool in galley-mend galley-tag; do
	[ -f "fixtures/$tool/cases" ] || continue
	while read -r c st; do
		[ "$st" = 0 ] && [ ! -e "fixtures/$tool/$c.args" ] &&
		    add "fixtures/$tool/$c.in"
	done <"fixtures/$tool/cases"
done
for f in fixtures/*.txt; do
	"$B/galley-split" "$f" >"$T/split.out" 2>/dev/null && add "$T/split.out"
done
CORPUS=${GALLEY_CORPUS:-../shared/corpus}
if [ -d "$CORPUS/pfr-199801" ] &&
    GALLEY_CORPUS=$CORPUS python3 scripts/bench-input 1000000 "$T/raw.txt" \
    2>/dev/null && "$B/galley-split" "$T/raw.txt" >"$T/split.out" 2>/dev/null
then
	add "$T/split.out"
fi
# The input must be an article stream galley-mend takes as it is.
if ! "$B/galley-mend" <"$IN" >"$T/mend.one" 2>"$T/mend.err"; then
	fail parallel-input "galley-mend fails on the input: $(head -n 1 "$T/mend.err")"
	exit 0
fi
n=$(grep -c $'^\f$' "$IN")
chunks=$("${PAR[@]}" 'echo {#}' <"$IN" 2>/dev/null | wc -l)
if [ "$n" -ge 10 ] && [ "$chunks" -ge 4 ]; then
	pass parallel-chunks
else
	fail parallel-chunks "$((n + 1)) articles in $chunks chunks: too few to test"
fi
# Every chunk starts at an article: chunk 1 with text, the others with
# the separator line, and no separator line is split.
"${PAR[@]}" '{ head -c 2; cat >/dev/null; } | od -An -c | tr -d " \n"; echo' <"$IN" \
    2>/dev/null | sed 1d | sort -u >"$T/starts"
if [ "$(cat "$T/starts")" = '\f\n' ]; then
	pass parallel-boundaries
else
	fail parallel-boundaries "a chunk starts with $(grep -v -x -F '\f\n' "$T/starts" | head -n 1)"
fi

# galley-mend: the same bytes, separators printed back between jobs.
"${PAR[@]}" "[ {#} -eq 1 ] || printf '\\f\\n'; '$B/galley-mend'" \
    <"$IN" >"$T/mend.par" 2>/dev/null
if cmp -s "$T/mend.one" "$T/mend.par"; then
	pass parallel-mend
else
	fail parallel-mend "$(diff "$T/mend.one" "$T/mend.par" | head -n 3 | tr '\n' ' ')"
fi

# galley-tag on the mended stream: the same records; only the header
# line repeats, once per job.
strip() { awk 'NR == 1 || $0 != "galley-tagged\t1"' "$@"; }
"$B/galley-tag" <"$T/mend.one" >"$T/tag.one" 2>/dev/null
"${PAR[@]}" "'$B/galley-tag'" <"$T/mend.one" >"$T/tag.par" 2>/dev/null
jobs=$(grep -c $'^galley-tagged\t' "$T/tag.par")
if [ "$jobs" -gt 1 ] && strip "$T/tag.par" | cmp -s "$T/tag.one" -; then
	pass parallel-tag
else
	fail parallel-tag "$jobs headers; $(strip "$T/tag.par" | diff "$T/tag.one" - | head -n 3 | tr '\n' ' ')"
fi

# Both stages in each job, fed straight from split; then galley-docbook
# reads the concatenated tagged streams (repeated headers and all) and
# writes the same book as from one process.
"${PAR[@]}" "'$B/galley-mend' | '$B/galley-tag'" <"$IN" >"$T/mt.par" 2>/dev/null
if strip "$T/mt.par" | cmp -s "$T/tag.one" -; then
	pass parallel-mend-tag
else
	fail parallel-mend-tag "$(strip "$T/mt.par" | diff "$T/tag.one" - | head -n 3 | tr '\n' ' ')"
fi
"$B/galley-docbook" <"$T/tag.one" >"$T/db.one" 2>/dev/null
if "$B/galley-docbook" <"$T/mt.par" >"$T/db.par" 2>/dev/null &&
    cmp -s "$T/db.one" "$T/db.par"; then
	pass parallel-docbook
else
	fail parallel-docbook "$(diff "$T/db.one" "$T/db.par" | head -n 3 | tr '\n' ' ')"
fi

# The other way to cut, right after the separator: the same records.
parallel --will-cite --pipe -k --recend $'\n\f\n' --block 2k -j 2 \
    "'$B/galley-mend' | '$B/galley-tag'" <"$IN" >"$T/mt2.par" 2>/dev/null
if strip "$T/mt2.par" | cmp -s "$T/tag.one" -; then
	pass parallel-recend
else
	fail parallel-recend "$(strip "$T/mt2.par" | diff "$T/tag.one" - | head -n 3 | tr '\n' ' ')"
fi
exit 0
