#!/usr/bin/env bash
# t_split.sh: galley-split beyond the golden cases.  Encoded copies of
# the sample (made here with iconv and gzip) must give the very bytes of
# the UTF-8 one; several files, standard input, nothing lost, articles
# split again give themselves; errors and their exit status; streaming
# a large input in bounded memory, and pathological inputs in linear
# time.  GALLEY_BIG=1 also pipes 1 GB through.
. tests/lib.sh
S=fixtures/city-news-2-articles.txt
FF=$(printf '\f')
SPLIT=$B/galley-split

# nart FILE: the number of articles in an article stream.
nart() {
	if [ ! -s "$1" ]; then echo 0; return; fi
	echo $(( $(grep -c "^$FF\$" "$1") + 1 ))
}
# same NAME FILE ARGS...: galley-split ARGS gives the reference output.
same() {
	local name=$1
	shift
	if "$SPLIT" "$@" >"$T/o" 2>"$T/e" && cmp -s "$T/o" "$T/ref" &&
	    [ ! -s "$T/e" ]
	then pass "split: $name"
	else fail "split: $name" "differs from the UTF-8 output: $(head -c 200 "$T/e")"
	fi
}
# status NAME WANT ARGS...: exit status WANT, stderr saved in $T/e.
status() {
	local name=$1 want=$2 rc
	shift 2
	"$SPLIT" "$@" >"$T/o" 2>"$T/e" </dev/null
	rc=$?
	if [ $rc = "$want" ]; then pass "split: $name"
	else fail "split: $name" "exit $rc, expected $want: $(head -c 200 "$T/e")"; fi
}
# errmsg NAME TEXT: stderr holds TEXT.
errmsg() {
	if grep -q -F -- "$2" "$T/e"; then pass "split: $1"
	else fail "split: $1" "no \"$2\" in: $(head -c 200 "$T/e")"; fi
}

"$SPLIT" "$S" >"$T/ref" 2>"$T/err"
if [ $? = 0 ] && [ "$(nart "$T/ref")" = 2 ] && [ ! -s "$T/err" ]
then pass "split: sample has 2 articles"
else fail "split: sample has 2 articles" "$(nart "$T/ref") articles"; fi

# --- the same bytes from every encoding ---------------------------------
iconv -f UTF-8 -t GB18030 "$S" >"$T/gb18030.txt"
same "GB18030 copy" "$T/gb18030.txt"
same "GB18030 copy, --encoding GB18030" --encoding GB18030 "$T/gb18030.txt"
iconv -f UTF-8 -t UTF-16 "$S" >"$T/utf16.txt"
same "UTF-16 copy (iconv's byte order mark)" "$T/utf16.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$S"; } >"$T/utf16le.txt"
same "UTF-16LE copy with BOM" "$T/utf16le.txt"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$S"; } >"$T/utf16be.txt"
same "UTF-16BE copy with BOM" "$T/utf16be.txt"
{ printf '\377\376\0\0'; iconv -f UTF-8 -t UTF-32LE "$S"; } >"$T/utf32.txt"
same "UTF-32LE copy with BOM" "$T/utf32.txt"
gzip -c "$S" >"$T/s.gz"
same "gzip copy" "$T/s.gz"
gzip -c "$T/gb18030.txt" >"$T/gb.gz"
same "gzipped GB18030 copy" "$T/gb.gz"
gzip -c "$T/utf16.txt" >"$T/u16.gz"
same "gzipped UTF-16 copy" "$T/u16.gz"
# Two gzip members, as "cat a.gz b.gz" makes.
head -c 3000 "$S" | gzip -c >"$T/m.gz"
tail -c +3001 "$S" | gzip -c >>"$T/m.gz"
same "gzip file of two members" "$T/m.gz"
{ printf '\357\273\277'; sed 's/$/\r/' "$S"; } >"$T/bomcrlf.txt"
same "BOM and CRLF copy" "$T/bomcrlf.txt"
tr '\n' '\r' <"$S" >"$T/cr.txt"
same "CR copy" "$T/cr.txt"
same "standard input" - <"$S"
same "standard input, no operand" <"$S"
same "gzip on standard input" <"$T/s.gz"
# Feeds of one byte: every sequence is cut between two reads.
cat "$T/gb18030.txt" | python3 -c '
import sys, os
d = sys.stdin.buffer.read()
for i in range(len(d)):
    os.write(1, d[i:i + 1])' | same "GB18030 one byte a read" -

# Big5: a traditional text is detected from a small sample.
printf '臺灣新聞報導，今天天氣很好，市民紛紛出門踏青。這是一個測試的段落，用來檢查繁體中文的編碼偵測。\n\n第二段文字在這裡，我們繼續寫更多的繁體中文內容，讓偵測器有足夠的樣本可以判斷。\n' >"$T/tw.txt"
"$SPLIT" "$T/tw.txt" >"$T/ref"
iconv -f UTF-8 -t BIG5 "$T/tw.txt" >"$T/tw.big5"
same "Big5 copy" "$T/tw.big5"
"$SPLIT" "$S" >"$T/ref"

# --- several files -------------------------------------------------------
# The sample cut between its articles: the two files give the same
# stream as the whole, each file ending its last article.
head -n 38 "$S" >"$T/a1.txt"
tail -n +39 "$S" >"$T/a2.txt"
same "two files, cut between articles" "$T/a1.txt" "$T/a2.txt"
"$SPLIT" "$S" "$S" >"$T/o"
if [ "$(nart "$T/o")" = 4 ]; then pass "split: a file twice gives 4 articles"
else fail "split: a file twice gives 4 articles" "$(nart "$T/o")"; fi
# A file ending inside an article ends it.
printf '标题一\n\n■本报记者 张三\n\n正文没有结束' >"$T/b1.txt"
printf '接着的文字。\n' >"$T/b2.txt"
"$SPLIT" "$T/b1.txt" "$T/b2.txt" >"$T/o"
if [ "$(nart "$T/o")" = 2 ]; then pass "split: each file ends its last article"
else fail "split: each file ends its last article" "$(nart "$T/o") articles"; fi

# --- nothing lost --------------------------------------------------------
# Every non-space character of the input is in the output, or in a
# removal listed by --explain.
lost() {	# FILE [ARGS]: prints what is missing or extra
	local f=$1
	shift
	"$SPLIT" --explain "$@" "$f" >"$T/lo" 2>"$T/le"
	python3 - "$f" "$T/lo" "$T/le" <<'EOF'
import collections, re, sys
inp = open(sys.argv[1], encoding='utf-8').read()
out = open(sys.argv[2], encoding='utf-8').read()
removed = ''.join(m.group(1) for m in re.finditer(
    r': removed [^"]*"(.*)"$', open(sys.argv[3], encoding='utf-8').read(), re.M))
ns = lambda s: collections.Counter(c for c in s if not c.isspace())
a, b = ns(inp), ns(out) + ns(removed)
if a != b:
    print('missing %r extra %r' % (dict(a - b), dict(b - a)))
EOF
}
for f in "$S" fixtures/galley-split/furniture.in \
    fixtures/galley-split/furniture-ff.in fixtures/galley-split/continued.in \
    fixtures/galley-split/english.in fixtures/galley-split/hostile.in \
    fixtures/galley-split/front-matter.in; do
	r=$(lost "$f")
	if [ -z "$r" ]; then pass "split: nothing lost from $(basename "$f")"
	else fail "split: nothing lost from $(basename "$f")" "$r"; fi
done

# --- articles split again give themselves --------------------------------
for f in "$S" fixtures/galley-split/english.in fixtures/galley-split/briefs.in
do
	"$SPLIT" "$f" >"$T/whole"
	rm -f "$T"/art.*
	awk -v d="$T" 'BEGIN { n = 0 } /^\f$/ { n++; next }
	    { print > (d "/art." n) }' "$T/whole"
	"$SPLIT" "$T"/art.* >"$T/again"
	if cmp -s "$T/whole" "$T/again"
	then pass "split: $(basename "$f") split per article gives the same bytes"
	else fail "split: $(basename "$f") split per article gives the same bytes" \
	    "$(diff "$T/whole" "$T/again" | head -n 5)"
	fi
done

# --- errors --------------------------------------------------------------
printf '第一行\n第二行\n坏的\377字节\n' >"$T/bad.txt"
status "bad UTF-8 exits 1" 1 "$T/bad.txt"
errmsg "bad UTF-8 names line and byte" "bad.txt:3: invalid UTF-8 at byte 26"
status "--lossy exits 0" 0 --lossy "$T/bad.txt"
errmsg "--lossy warns" "warning: invalid UTF-8 at byte 26, replaced by U+FFFD"
if grep -q "$(printf '\357\277\275')" "$T/o"; then pass "split: --lossy writes U+FFFD"
else fail "split: --lossy writes U+FFFD" "none in the output"; fi
printf '\201\060\201' >"$T/badgb.txt"	# GB18030 four-byte form cut short
status "bad GB18030 exits 1" 1 --encoding GB18030 "$T/badgb.txt"
errmsg "bad GB18030 names the encoding" "invalid GB18030 at byte 0"
head -c 1000 "$T/s.gz" >"$T/trunc.gz"
status "truncated gzip exits 1" 1 "$T/trunc.gz"
errmsg "truncated gzip message" "truncated gzip data"
{ printf '\037\213'; head -c 100 /dev/zero; } >"$T/junk.gz"
status "bad gzip exits 1" 1 "$T/junk.gz"
errmsg "bad gzip message" "invalid gzip data"
status "unknown encoding exits 2" 2 --encoding NO-SUCH "$S"
errmsg "unknown encoding message" "--encoding: unknown encoding: NO-SUCH"
status "bad --headline exits 2" 2 --headline '(' "$S"
errmsg "bad --headline names the option" "--headline: bad regular expression"
status "bad --byline exits 2" 2 --byline '[a' "$S"
errmsg "bad --byline names the option" "--byline: bad regular expression"
status "look-behind in --headline" 0 --headline '(?<=^===)\s' "$S"
status "missing file exits 1" 1 "$T/no-such-file"
printf 'a\0b\001c\033d\177e\n' >"$T/ctl.txt"
status "control characters exit 0" 0 "$T/ctl.txt"
if [ "$(cat "$T/o")" = "$(printf 'a\357\277\275b\357\277\275c\357\277\275d\357\277\275e')" ]
then pass "split: control characters become U+FFFD"
else fail "split: control characters become U+FFFD" "$(od -c "$T/o" | head -n 2)"; fi
errmsg "control characters warn" "4 control characters replaced by U+FFFD"
head -c 20000 /dev/urandom >"$T/random.bin"
"$SPLIT" --lossy "$T/random.bin" >/dev/null 2>&1
rc=$?
if [ $rc = 0 ] || [ $rc = 1 ]; then pass "split: random bytes do not crash it"
else fail "split: random bytes do not crash it" "exit $rc"; fi

# --- streaming and linear time -------------------------------------------
# peak KB: the peak resident set of a command, if GNU time is there.
peak() {
	if [ -x /usr/bin/time ]; then
		# Under AddressSanitizer (CI), freed memory waits in a
		# quarantine that would grow the peak: none here.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
		    /usr/bin/time -f '%M' -o "$T/peak" "$@" >/dev/null 2>&1
		cat "$T/peak"
	else
		"$@" >/dev/null 2>&1
		echo 0
	fi
}
python3 -c 'import sys
s = open(sys.argv[1], encoding="utf-8").read()
sys.stdout.write((s + "\n\n") * int(sys.argv[2]))' "$S" 1000 >"$T/n.txt"
python3 -c 'import sys
s = open(sys.argv[1], encoding="utf-8").read()
sys.stdout.write((s + "\n\n") * int(sys.argv[2]))' "$S" 8000 >"$T/8n.txt"
"$SPLIT" "$T/8n.txt" >"$T/o"
if [ "$(nart "$T/o")" = 16000 ]; then pass "split: 80 MB input gives 16000 articles"
else fail "split: 80 MB input gives 16000 articles" "$(nart "$T/o")"; fi
m1=$(peak "$SPLIT" "$T/n.txt")
m8=$(peak "$SPLIT" "$T/8n.txt")
if [ "$m8" -le $((m1 + 4096)) ]
then pass "split: memory does not grow with the input ($m1 KB, $m8 KB)"
else fail "split: memory does not grow with the input" "$m1 KB for n, $m8 KB for 8n"; fi
gzip -1 -c "$T/8n.txt" >"$T/8n.gz"
m8z=$(peak "$SPLIT" "$T/8n.gz")
if [ "$m8z" -le $((m1 + 4096)) ]
then pass "split: gzip input streams ($m8z KB)"
else fail "split: gzip input streams" "$m8z KB"; fi
iconv -f UTF-8 -t GB18030 "$T/8n.txt" >"$T/8n.gb"
m8g=$(peak "$SPLIT" "$T/8n.gb")
if [ "$m8g" -le $((m1 + 4096)) ]
then pass "split: GB18030 input streams ($m8g KB)"
else fail "split: GB18030 input streams" "$m8g KB"; fi
rm -f "$T/8n.gz" "$T/8n.gb" "$T/o"

# linear NAME GEN N: the time for size 8N is at most about 16 times
# that for N (GEN N writes the input on stdout).
linear() {
	local name=$1 gen=$2 n=$3 t1 t8
	$gen "$n" >"$T/p1"
	$gen $((n * 8)) >"$T/p8"
	t1=$(python3 -c 'import subprocess, sys, time
t = time.time(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
stderr=subprocess.DEVNULL); print(max(time.time() - t, 0.01))' "$SPLIT" "$T/p1")
	t8=$(python3 -c 'import subprocess, sys, time
t = time.time(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
stderr=subprocess.DEVNULL); print(time.time() - t)' "$SPLIT" "$T/p8")
	if python3 -c "import sys; sys.exit(0 if $t8 <= 16 * $t1 + 0.5 else 1)"
	then pass "split: linear time, $name (${t1}s, ${t8}s)"
	else fail "split: linear time, $name" "${t1}s for n, ${t8}s for 8n"; fi
	rm -f "$T/p1" "$T/p8"
}
gen_line() { python3 -c 'import sys; sys.stdout.write("字" * int(sys.argv[1]))' "$1"; }
gen_blank() { python3 -c 'import sys; sys.stdout.write("\n" * int(sys.argv[1]))' "$1"; }
gen_items() { python3 -c 'import sys
sys.stdout.write("标题\n\n本报讯 一条消息。\n\n" * int(sys.argv[1]))' "$1"; }
gen_heads() { python3 -c 'import sys
for i in range(int(sys.argv[1])):
    sys.stdout.write("\fRunning head %d / 999\n短\n\n" % i)' "$1"; }
gen_ff() { python3 -c 'import sys; sys.stdout.write("\f" * int(sys.argv[1]))' "$1"; }
linear "one long line" gen_line 2000000
linear "blank lines" gen_blank 1000000
linear "one-line articles" gen_items 30000
linear "a page every two lines" gen_heads 30000
linear "form feeds" gen_ff 1000000

if [ "${GALLEY_BIG:-}" = 1 ]; then
	# 1 GB: the sample 100,000 times, through a pipe.
	python3 -c 'import sys
s = (open(sys.argv[1], encoding="utf-8").read() + "\n\n").encode() * 1000
for i in range(100):
    sys.stdout.buffer.write(s)' "$S" | "$SPLIT" | grep -c "^$FF\$" >"$T/n"
	if [ "$(cat "$T/n")" = 199999 ]; then pass "split: 1 GB through a pipe"
	else fail "split: 1 GB through a pipe" "$(cat "$T/n") form feeds"; fi
fi
