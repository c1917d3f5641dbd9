#!/usr/bin/env bash
# t_tag.sh: galley-tag beyond the golden files.
# - nothing lost: the non-space characters of every fixture's input are
#   those of its tagged output (record kinds and heading levels aside);
# - the sample: the counts issue 2 and 9 ask for, and the full pipeline
#   from the raw page gives the golden output;
# - per-article independence: tagging articles one by one and
#   concatenating gives the same bytes;
# - small command-line cases: empty input, no final newline, a lone
#   form feed, CRLF, a tagged stream as input;
# - linear time on a huge single block and on many small articles.
. tests/lib.sh
TAG=$B/galley-tag
SAMPLE=fixtures/galley-tag/city-news.in

# fields FILE: the text of a tagged stream's fields, unescaped, without
# the kind names and heading levels, and without author and org records,
# which repeat what their byline says.
fields() {
	awk -F'\t' 'NR > 1 && $1 != "galley-tagged" && $1 != "author" &&
	    $1 != "org" {
		for (i = 2; i <= NF; i++) {
			if ($1 == "heading" && i == 2)
				continue
			s = $i
			gsub(/\\\\/, "\001", s)
			gsub(/\\t|\\n/, " ", s)
			gsub(/\001/, "\\", s)
			print s
		}
	}' "$1"
}

# sorted FILE: its non-space characters, one per line, sorted.
sorted() {
	nonspace "$1" | python3 -c 'import sys
sys.stdout.write("\n".join(sorted(sys.stdin.read())) + "\n")'
}

for in in fixtures/galley-tag/*.in; do
	c=$(basename "$in" .in)
	args=
	[ -f "${in%.in}.args" ] && args=$(cat "${in%.in}.args")
	# shellcheck disable=SC2086
	"$TAG" $args "$in" >"$T/out" 2>/dev/null || continue
	fields "$T/out" >"$T/f"
	sorted "$in" >"$T/a"
	sorted "$T/f" >"$T/b"
	if cmp -s "$T/a" "$T/b"; then pass "tag $c: nothing lost"
	else fail "tag $c: nothing lost" "$(diff "$T/a" "$T/b" | head -n 6 |
	    tr '\n' ' ')"; fi
done

# --- record order -------------------------------------------------------
# Inside an article: article, title?, subtitle?, then bylines (each
# with its author* org*) and at most one dateline in the order of the
# text, then heading/runin/para/credit only.
order() {
	awk -F'\t' '
	function bad(why) { print FILENAME ":" NR ": " why; exit 1 }
	$1 == "galley-tagged" { next }
	$1 == "article" { st = 0; art++; next }
	$1 == "title" { if (st >= 1) bad("title late"); st = 1; next }
	$1 == "subtitle" { if (st >= 2) bad("subtitle late"); st = 2; next }
	$1 == "byline" { if (st >= 5) bad("byline late"); st = 3; next }
	$1 == "author" || $1 == "org" { if (st != 3) bad($1 " not after a byline"); next }
	$1 == "dateline" { if (st >= 5 || dl == art) bad("dateline late"); dl = art; st = 4; next }
	{ st = 5 }' "$1"
}
for out in fixtures/galley-tag/*.out; do
	c=$(basename "$out" .out)
	if why=$(order "$out"); then pass "tag $c: records in order"
	else fail "tag $c: records in order" "$why"; fi
done

# --- the sample -----------------------------------------------------------
"$TAG" "$SAMPLE" >"$T/s.out"
count() { awk -F'\t' -v k="$1" '$1 == k' "$T/s.out" | wc -l | tr -d ' '; }
want() {	# name kind n
	local n
	n=$(count "$2")
	if [ "$n" = "$3" ]; then pass "tag sample: $1"
	else fail "tag sample: $1" "$n $2 records, expected $3"; fi
}
want "2 articles" article 2
want "2 headlines" title 2
want "2 bylines" byline 2
want "4 authors" author 4
want "an org per byline" org 2
want "6 section headings" heading 6
want "9 run-in heads" runin 9
got=$(awk -F'\t' '$1 == "author" { printf "%s/%s ", $2, $3 }' "$T/s.out")
if [ "$got" = "郭文治/记者 李彤彤/记者 孟航/记者 李彤彤/记者 " ]
then pass "tag sample: author names and roles"
else fail "tag sample: author names and roles" "$got"; fi
got=$(awk -F'\t' '$1 == "title" { printf "%s|", $3 }' "$T/s.out")
if [ "$got" = "江苏省镇江市：|四川省巴中市巴州区：|" ]
then pass "tag sample: headline labels"
else fail "tag sample: headline labels" "$got"; fi
# Run-in heads only in the second article.
got=$(awk -F'\t' '$1 == "article" { a++ } $1 == "runin" { print a }' \
    "$T/s.out" | sort -u | tr '\n' ' ')
if [ "$got" = "2 " ]; then pass "tag sample: run-in heads in article 2"
else fail "tag sample: run-in heads in article 2" "in articles $got"; fi

if [ -x "$B/galley-split" ] && [ -x "$B/galley-mend" ]; then
	"$B/galley-split" fixtures/city-news-2-articles.txt 2>/dev/null |
	    "$B/galley-mend" 2>/dev/null | "$TAG" >"$T/p.out"
	if cmp -s "$T/p.out" fixtures/galley-tag/city-news.out
	then pass "tag sample: split | mend | tag gives the golden output"
	else fail "tag sample: split | mend | tag gives the golden output" \
	    "$(diff fixtures/galley-tag/city-news.out "$T/p.out" | head -n 4 |
	    tr '\n' ' ')"; fi
fi

# --- per-article independence ----------------------------------------------
for in in fixtures/galley-tag/*.in; do
	c=$(basename "$in" .in)
	[ -f "${in%.in}.args" ] && continue
	rm -f "$T"/part.*
	awk -v d="$T" 'BEGIN { n = 0; f = sprintf("%s/part.%04d", d, n) }
	    $0 == "\f" { n++; f = sprintf("%s/part.%04d", d, n); next }
	    { print > f }' "$in"
	: >"$T/cat.out"
	for p in "$T"/part.*; do "$TAG" "$p" >>"$T/cat.out" 2>/dev/null; done
	"$TAG" "$in" >"$T/whole.out" 2>/dev/null
	# The concatenation repeats the header line; drop the repeats.
	awk 'NR == 1 || $0 != "galley-tagged\t1"' "$T/cat.out" >"$T/cat2.out"
	if cmp -s "$T/whole.out" "$T/cat2.out"
	then pass "tag $c: articles tagged one by one give the same bytes"
	else fail "tag $c: articles tagged one by one give the same bytes" \
	    "$(diff "$T/whole.out" "$T/cat2.out" | head -n 4 | tr '\n' ' ')"; fi
done

# --- small cases -------------------------------------------------------
hdr=$(printf 'galley-tagged\t1')
tcase() {	# name input expected-stdout expected-status
	local out rc
	out=$(printf '%b' "$2" | "$TAG" 2>"$T/e")
	rc=$?
	if [ "$out" = "$(printf '%b' "$3")" ] && [ "$rc" = "$4" ]
	then pass "tag: $1"
	else fail "tag: $1" "exit $rc, output $(printf '%q' "$out")"; fi
}
tcase "empty input" '' "$hdr" 0
tcase "no final newline" 'one para。' "$hdr\narticle\npara\tone para。" 0
tcase "lone form feed" '\f\n' "$hdr" 0
tcase "CRLF" 'a para。\r\n' "$hdr\narticle\npara\ta para。" 0
printf 'tab\there, back\\slash.\n' | "$TAG" >"$T/o" 2>"$T/e"
printf 'galley-tagged\t1\narticle\npara\t%s\n' 'tab\there, back\\slash.' \
    >"$T/x"
if cmp -s "$T/o" "$T/x"; then pass "tag: tab and backslash escaped"
else fail "tag: tab and backslash escaped" "$(cat -A "$T/o" | tail -n 1)"; fi
tcase "hostile text stays text" '<b>&amp;</b> "x" <!-- y -->.' \
    "$hdr\narticle\npara\t<b>&amp;</b> \"x\" <!-- y -->." 0
printf 'galley-tagged\t1\narticle\n' | "$TAG" >/dev/null 2>"$T/e"
rc=$?
if [ $rc = 1 ] && grep -q 'galley-tag has run already' "$T/e"
then pass "tag: a tagged stream is refused"
else fail "tag: a tagged stream is refused" "exit $rc: $(cat "$T/e")"; fi

# --- linear time -------------------------------------------------------
# seconds CMD...: the user+system time of a command, in seconds.
seconds() {
	local s
	s=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 )
	awk '{ print $1 + $2 }' <<<"$s"
}
linear() {	# name generator-function n
	local small big
	"$2" "$3" >"$T/lin1"
	"$2" $(( $3 * 8 )) >"$T/lin8"
	small=$(seconds "$TAG" "$T/lin1")
	big=$(seconds "$TAG" "$T/lin8")
	if awk -v s="$small" -v b="$big" 'BEGIN { exit !(b <= 16 * s + 0.5) }'
	then pass "tag: linear on $1 (${small}s, 8n ${big}s)"
	else fail "tag: linear on $1" "${small}s at n, ${big}s at 8n"; fi
	rm -f "$T/lin1" "$T/lin8"
}
gen_line() {	# one block of n copies of a sentence
	awk -v n="$1" 'BEGIN { s = "建机制增强执行力。"
	    for (i = 0; i < n; i++) printf "%s", s; print "" }'
}
gen_short() {	# n short blocks: no headings, all candidates
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print "短标题\n" }'
}
gen_articles() {	# n one-block articles
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
	    print "本报记者李济国贾建舟\n\n正文一句。\n\f" }'
}
gen_runins() {	# n paragraphs, each opening with a short sentence
	awk -v n="$1" 'BEGIN { split("建 抓 聚 推 围 在 把 让 使 给", f, " ")
	    for (i = 0; i < n; i++) {
		h = f[i % 10]; for (j = 0; j < i % 7; j++) h = h "机"
		print h "制增强执行力。巴州区委常委会定期听取汇报。\n" } }'
}
linear "a huge single block" gen_line 200000
linear "many run-in candidates in one section" gen_runins 20000
linear "many short blocks" gen_short 20000
linear "many small articles" gen_articles 10000

# --- random text: nothing lost, no crash --------------------------------
# Random articles made of the pieces the rules look for; the tagged
# stream must hold every non-space character once (author and org
# records aside) and the exit status must be 0.
python3 - "$TAG" <<'PY' >"$T/rand"
import random, subprocess, sys
random.seed(20211)
atoms = ['记者', '通讯员', '本报', '新华社', '讯', '电', '１月', '１７日',
         '报道', '：', '（', '）', '(', ')', '■', '、', '，', '。', '？',
         '！', '…', '——', '-', ' - ', '　', ' ', '\n', '\n\n', '\f\n', '李',
         '王', '济国', '贾', '建舟', '摄', '照片', 'By ', 'LONDON', ', ',
         'March 1.', '.', 'THE WAR', 'Title Case', '一、', '（一）', '1.',
         '２．１', '推动', '增强', '力。', '说：', '《', '》', '驻',
         '中国城市报', '江苏省镇江市：', '图为', 'From the ',
         'OUR WAR CORRESPONDENT, ', '欧阳', '本报讯', '据新华社', '（记者',
         '特约撰稿人', '评论员', '<b>', '&amp;', '\\', '\t']
def fields(out):
    res = []
    for line in out.split('\n')[1:]:
        f = line.split('\t')
        if not line or f[0] in ('galley-tagged', 'author', 'org'):
            continue
        fs = f[2:] if f[0] == 'heading' else f[1:]
        res += [x.replace('\\t', '\t').replace('\\n', '\n')
                .replace('\\\\', '\\') for x in fs]
    return ''.join(res)
bad = 0
for n in range(300):
    s = ''.join(random.choice(atoms) for _ in range(random.randint(0, 80)))
    r = subprocess.run([sys.argv[1]], input=s.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    a = sorted(c for c in s if not c.isspace())
    b = sorted(c for c in fields(r.stdout.decode()) if not c.isspace())
    if r.returncode != 0 or a != b:
        bad += 1
        print('case %d: exit %d: %r' % (n, r.returncode, s[:80]))
print('bad %d' % bad)
PY
if grep -q '^bad 0$' "$T/rand"; then pass "tag: 300 random articles, nothing lost"
else fail "tag: 300 random articles, nothing lost" "$(head -n 2 "$T/rand" | tr '\n' ' ')"; fi
