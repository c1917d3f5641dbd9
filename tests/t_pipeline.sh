#!/usr/bin/env bash
# t_pipeline.sh: the walking skeleton end to end on the sample page.
# The five filters in a pipe give an epubcheck-clean EPUB and a
# jing-valid DocBook that hold the five words the page broke, rejoined,
# and the golden inputs of each stage are the outputs of the one before.
. tests/lib.sh
EPUBCHECK=/usr/share/java/epubcheck.jar
RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
S=fixtures/city-news-2-articles.txt

"$B/galley-split" "$S" >"$T/split" && "$B/galley-mend" <"$T/split" >"$T/mend" &&
	"$B/galley-tag" <"$T/mend" >"$T/tag" &&
	"$B/galley-epub" -o "$T/city.epub" <"$T/tag" 2>"$T/epub.err" &&
	"$B/galley-docbook" <"$T/tag" >"$T/city.xml" 2>"$T/db.err"
rc=$?
if [ $rc -eq 0 ]; then pass "pipeline runs"; else fail "pipeline runs" "exit $rc"; fi

n=$(grep -c "$(printf '^\f$')" "$T/split")
[ "$n" = 1 ] && pass "split finds 2 articles" || fail "split finds 2 articles" "$((n + 1)) articles"

# Each rejoined word, in context, in one paragraph; no half left alone.
words="落户板块分别 堵点、痛点 市政协党组 探索创新 义务教育"
python3 - "$T/city.epub" $words >"$T/words" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = ""
for n in z.namelist():
    if n.endswith(".xhtml") and "nav" not in n:
        x = z.read(n).decode("utf-8")
        # the text of each block element, tags inside it removed
        for m in re.finditer(r"<(p|h1|h2|h3|div)\b[^>]*>(.*?)</\1>", x, re.S):
            text += re.sub(r"<[^>]+>", "", m.group(2)) + "\n"
for w in sys.argv[2:]:
    print(w, "yes" if any(w in line for line in text.split("\n")) else "no")
PY
for w in $words; do
	if grep -qx "$w yes" "$T/words"; then pass "epub holds $w"; else fail "epub holds $w" "not in one paragraph"; fi
	if grep -q "$w" "$T/city.xml"; then pass "docbook holds $w"; else fail "docbook holds $w" "missing"; fi
done
if grep -q '落户板$' "$T/mend" || grep -q '^块分别' "$T/mend"; then
	fail "no broken halves" "落户板|块 still cut"
else
	pass "no broken halves"
fi

if need java "epubcheck on the sample"; then
	if [ -f "$EPUBCHECK" ]; then
		java -jar "$EPUBCHECK" "$T/city.epub" >"$T/ec.out" 2>&1
		if grep -q 'No errors or warnings detected' "$T/ec.out"; then
			pass "epubcheck on the sample"
		else
			fail "epubcheck on the sample" "$(grep -E 'ERROR|WARNING' "$T/ec.out" | head -n 3)"
		fi
	else
		need "$EPUBCHECK" "epubcheck on the sample"
	fi
fi
if need jing "jing on the sample DocBook" && need "$RNG" "DocBook 5.0 schema"; then
	if jing "$RNG" "$T/city.xml" >"$T/jing.out" 2>&1; then
		pass "jing on the sample DocBook"
	else
		fail "jing on the sample DocBook" "$(grep -v '^\[warning\]' "$T/jing.out" | head -n 3)"
	fi
fi

# The golden inputs chain: each stage's .in is the stage before's .out.
chain() {
	if cmp -s "$1" "$2"; then pass "chain $2"; else fail "chain $2" "differs from $1"; fi
}
chain "$S" fixtures/galley-split/city-news.in
chain fixtures/galley-split/city-news.out fixtures/galley-mend/city-news.in
chain fixtures/galley-mend/city-news.out fixtures/galley-tag/city-news.in
chain fixtures/galley-tag/city-news.out fixtures/galley-epub/city-news.in
chain fixtures/galley-tag/city-news.out fixtures/galley-docbook/city-news.in
