#!/usr/bin/env bash
# t_galley.sh: the one-shot galley(1) writes the same bytes as the
# pipeline galley-split | galley-mend | galley-tag | galley-epub (or
# galley-docbook), with the same exit status, on every raw input among
# the fixtures (the sample, and every galley-split case with its
# arguments), on the files of the shared corpus when it is there, with
# several inputs at once, from standard input, and with options of
# every stage.  Also: a failed run leaves no book behind.
. tests/lib.sh

# pipe SPLITARGS MENDARGS BOOKARGS OUT FILE...: the pipeline; its status
# is that of the first stage that failed, which is where galley stops.
pipe() {
	local sa=$1 ma=$2 ba=$3 out=$4 st
	shift 4
	# shellcheck disable=SC2086
	case $out in
	*.epub)	"$B/galley-split" $sa "$@" | "$B/galley-mend" $ma |
		    "$B/galley-tag" | "$B/galley-epub" $ba -o "$out" ;;
	*)	"$B/galley-split" $sa "$@" | "$B/galley-mend" $ma |
		    "$B/galley-tag" | "$B/galley-docbook" $ba -o "$out" ;;
	esac
	for st in "${PIPESTATUS[@]}"; do
		[ "$st" = 0 ] || return "$st"
	done
	return 0
}

# same NAME SPLITARGS MENDARGS BOOKARGS FILE...: galley gives the same,
# as EPUB and as DocBook (only DocBook when FORMATS=xml).
FORMATS="epub xml"
same() {
	local name=$1 sa=$2 ma=$3 ba=$4 ext rc1 rc2 bba
	shift 4
	for ext in $FORMATS; do
		rm -f "$T/p.$ext" "$T/g.$ext"
		pipe "$sa" "$ma" "$ba" "$T/p.$ext" "$@" >/dev/null 2>"$T/e1"
		rc1=$?
		# galley-mend's --lang is galley's --lang; the writers'
		# --lang is galley's --language.
		bba=${ba//--lang/--language}
		# shellcheck disable=SC2086
		"$B/galley" $sa $ma $bba -o "$T/g.$ext" "$@" >/dev/null \
		    2>"$T/e2"
		rc2=$?
		if [ $rc1 != $rc2 ]; then
			fail "galley = pipeline: $name ($ext)" \
			    "exit $rc2, pipeline $rc1: $(head -c 200 "$T/e2")"
		elif [ $rc1 != 0 ]; then
			if [ -e "$T/g.$ext" ]; then
				fail "galley = pipeline: $name ($ext)" \
				    "failed but left $T/g.$ext"
			else
				pass "galley = pipeline: $name ($ext, both exit $rc1)"
			fi
		elif cmp -s "$T/p.$ext" "$T/g.$ext"; then
			pass "galley = pipeline: $name ($ext)"
		else
			fail "galley = pipeline: $name ($ext)" "outputs differ"
		fi
	done
}

same sample "" "" "" fixtures/city-news-2-articles.txt
same "sample, options" "" "--lang cjk --cjk-punct" \
    "--title T --lang zh --creator C --publisher P --date 2021-08-30 --identifier urn:x:1" \
    fixtures/city-news-2-articles.txt
same "sample, --no-unwrap --no-dehyphenate" "" \
    "--no-unwrap --no-dehyphenate" "" fixtures/city-news-2-articles.txt
same "sample twice" "" "" "" fixtures/city-news-2-articles.txt \
    fixtures/city-news-2-articles.txt
gzip -n -c fixtures/city-news-2-articles.txt >"$T/sample.txt.gz"
same "sample, gzip" "" "" "" "$T/sample.txt.gz"
iconv -f UTF-8 -t GB18030 fixtures/city-news-2-articles.txt >"$T/gb.txt"
same "sample, GB18030" "--encoding GB18030" "" "" "$T/gb.txt"

# Every galley-split case, with its arguments.
if [ -f fixtures/galley-split/cases ]; then
	while read -r c status; do
		case $c in ''|'#'*) continue ;; esac
		args=
		[ -f "fixtures/galley-split/$c.args" ] &&
		    args=$(cat "fixtures/galley-split/$c.args")
		same "galley-split/$c" "$args" "" "" "fixtures/galley-split/$c.in"
	done <fixtures/galley-split/cases
fi

# The real corpora, when they are at hand (not part of the tree); the
# stages chained are the same for both writers, so DocBook is enough.
CORPUS=${GALLEY_CORPUS:-$GALLEY_TOP/../shared/corpus}
if [ -d "$CORPUS" ]; then
	FORMATS=xml
	for f in "$CORPUS"/*/*; do
		case $f in *.md) continue ;; esac
		[ -f "$f" ] || continue
		same "corpus/${f#"$CORPUS"/}" "--lossy" "" "" "$f"
	done
	FORMATS="epub xml"
else
	echo "SKIP corpus: $CORPUS not found"
fi

# Standard input.
rm -f "$T/p.epub" "$T/g.epub"
pipe "" "" "" "$T/p.epub" - <fixtures/city-news-2-articles.txt 2>/dev/null
"$B/galley" -o "$T/g.epub" <fixtures/city-news-2-articles.txt 2>/dev/null
if cmp -s "$T/p.epub" "$T/g.epub"; then pass "galley = pipeline: stdin"
else fail "galley = pipeline: stdin" "outputs differ"; fi

# DocBook on standard output, -f, and the choice of format.
"$B/galley" -f docbook fixtures/city-news-2-articles.txt >"$T/s.xml" 2>/dev/null
"$B/galley" fixtures/city-news-2-articles.txt -o "$T/f.xml" 2>/dev/null
if cmp -s "$T/s.xml" "$T/f.xml"; then pass "galley -f docbook to stdout"
else fail "galley -f docbook to stdout" "differs from -o f.xml"; fi
"$B/galley" -f epub fixtures/city-news-2-articles.txt -o "$T/book.bin" 2>/dev/null
if [ "$(head -c 4 "$T/book.bin" 2>/dev/null | od -An -c | tr -d ' ')" = 'PK003004' ]
then pass "galley -f epub -o book.bin"
else fail "galley -f epub -o book.bin" "not a zip"; fi

# galley takes every option of the filters (the writers' --lang is its
# --language), and galley-mend's --lang values mean the same.
for t in split mend tag epub docbook; do
	"$B/galley-$t" --help 2>/dev/null
done | grep -o -E -- '--[a-z][a-z-]*' | sort -u >"$T/fopts"
"$B/galley" --help 2>/dev/null | grep -o -E -- '--[a-z][a-z-]*' |
    sort -u >"$T/gopts"
miss=$(comm -23 "$T/fopts" "$T/gopts" | tr '\n' ' ')
if [ -z "$miss" ] && grep -q -x -- --language "$T/gopts"
then pass "galley takes every option of the filters"
else fail "galley takes every option of the filters" "missing $miss"; fi
bad=
for v in auto cjk latin zh ja ko en de fr xx ''; do
	printf 'x\n' | "$B/galley-mend" --lang "$v" >/dev/null 2>&1
	rc1=$?
	"$B/galley" --lang "$v" -f docbook fixtures/city-news-2-articles.txt \
	    >/dev/null 2>&1
	rc2=$?
	[ $rc1 = $rc2 ] || bad="$bad '$v'($rc1/$rc2)"
done
if [ -z "$bad" ]; then pass "galley --lang takes what galley-mend --lang takes"
else fail "galley --lang takes what galley-mend --lang takes" "$bad"; fi

# Usage errors exit 2 and write nothing.
while IFS='|' read -r name args; do
	rm -f "$T/u.epub"
	# shellcheck disable=SC2086
	"$B/galley" $args fixtures/city-news-2-articles.txt >"$T/o" 2>"$T/e"
	rc=$?
	if [ $rc = 2 ] && [ ! -e "$T/u.epub" ] && grep -q '^usage: ' "$T/e"
	then pass "galley usage: $name"
	else fail "galley usage: $name" "exit $rc"; fi
done <<EOF2
no -o|
unknown suffix|-o $T/u.txt
epub to stdout|-f epub -o -
bad -f|-f pdf -o $T/u.epub
bad --lang|--lang xx -o $T/u.epub
bad --root|--root chapter -o $T/u.epub
EOF2

# --explain: the same decisions as the stages' --explain, named by the
# lines of the input rather than of the streams between the stages.
msgs() { sed -E 's/^[a-z-]+: [^:]+(:[0-9]+)*: //' | sort; }
for f in fixtures/city-news-2-articles.txt \
    "$CORPUS/icdar2017/eng_periodical-5.txt"; do
	[ -f "$f" ] || continue
	{ "$B/galley-split" --explain "$f" | "$B/galley-mend" --explain |
	    "$B/galley-tag" --explain |
	    "$B/galley-epub" -o "$T/p.epub"; } 2>&1 >/dev/null | msgs >"$T/pe"
	"$B/galley" --explain "$f" -o "$T/g.epub" 2>&1 >/dev/null | msgs >"$T/ge"
	if [ -s "$T/pe" ] && cmp -s "$T/pe" "$T/ge"
	then pass "galley --explain = the stages' --explain: ${f##*/}"
	else fail "galley --explain = the stages' --explain: ${f##*/}" \
	    "$(diff "$T/pe" "$T/ge" | head -n 4 | tr '\n' ' ')"; fi
done
if grep -q 'city-news-2-articles.txt:41: ' <("$B/galley" --explain \
    fixtures/city-news-2-articles.txt -o "$T/g.epub" 2>&1)
then pass "galley --explain names the lines of the input"
else fail "galley --explain names the lines of the input" "no file:41"; fi

# Articles are independent: mending and tagging pieces of the article
# stream in parallel, cut after form-feed lines, gives the same book.
if need parallel "galley: parallel --pipe"; then
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		cat fixtures/city-news-2-articles.txt
	done >"$T/big.txt"
	"$B/galley" "$T/big.txt" -o "$T/one.epub" 2>/dev/null
	"$B/galley-split" "$T/big.txt" 2>/dev/null |
	    PATH=$B:$PATH parallel --pipe --block 8k --keep-order \
	    --recend $'\f\n' 'galley-mend | galley-tag' 2>/dev/null |
	    "$B/galley-epub" -o "$T/par.epub" 2>/dev/null
	if cmp -s "$T/one.epub" "$T/par.epub"
	then pass "galley: parallel --pipe gives the same book"
	else fail "galley: parallel --pipe gives the same book" "differs"; fi
fi

# Bad data: exit 1, no book, no temporary file left.
printf 'ok\n' >"$T/bad.txt"
rm -rf "$T/out" && mkdir "$T/out"
"$B/galley" "$T/bad.txt" "$T/missing.txt" -o "$T/out/x.epub" 2>"$T/e"
rc=$?
if [ $rc = 1 ] && [ -z "$(ls -A "$T/out")" ] && grep -q 'missing.txt' "$T/e"
then pass "galley: missing input leaves nothing"
else fail "galley: missing input leaves nothing" "exit $rc: $(ls -A "$T/out")"; fi
exit 0
