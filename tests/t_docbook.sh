#!/usr/bin/env bash
# t_docbook.sh: galley-docbook, beyond its golden cases.
#  - The DocBook toolchain takes its output: jing and xmllint --relaxng
#    validate every golden case's output against the DocBook 5.0 RELAX NG
#    schema (docbook5-xml), and jing against its Schematron rules;
#    xsltproc runs docbook-xsl-ns html/docbook.xsl,
#    epub3/chunk.xsl and galley's customization layer (xsl/) on it without
#    an error; pandoc -f docbook reads back all the text of the body.
#  - The customization layer adds no "." after a CJK run-in head and
#    shows the byline.
#  - Command line: -h, --version, usage errors, several inputs, stdin,
#    -o FILE written atomically, a full disk.
#  - Streaming: output comes before the input ends; memory stays flat
#    and time linear from n to 8n articles, and from 125,000 to a
#    million one-line articles (issue 6); ids given cost a few bytes
#    each, ids made none.
# With CI=true a missing validator is a failure, never a skip.
. tests/lib.sh

RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
XSL=/usr/share/xml/docbook/stylesheet/docbook-xsl-ns
D=fixtures/galley-docbook
DB=$B/galley-docbook

# The golden cases that succeed: their .out is DocBook.
outs=()
while read -r c status; do
	case $c in ''|'#'*) continue ;; esac
	[ "$status" = 0 ] && [ -f "$D/$c.out" ] && outs+=("$c")
done <"$D/cases"

# --- Validation -------------------------------------------------------

if need jing docbook-jing && need "$RNG" docbook-jing-schema; then
	# One jing for all (a JVM start each would be slow); its messages,
	# on stdout, name the file.  It complains on stderr about optional
	# jars, which does not count.
	files=()
	for c in "${outs[@]}"; do files+=("$D/$c.out"); done
	jing "$RNG" "${files[@]}" >"$T/jing" 2>/dev/null
	rc=$?
	for c in "${outs[@]}"; do
		if grep -q -F "$D/$c.out:" "$T/jing"; then
			fail "docbook-jing/$c" "$(grep -F "$D/$c.out:" \
			    "$T/jing" | head -c 400)"
		elif [ $rc -ne 0 ] && ! grep -q . "$T/jing"; then
			fail "docbook-jing/$c" "jing exit $rc"
		else
			pass "docbook-jing/$c"
		fi
	done
fi

# The Schematron rules of DocBook 5.0 (root version, ids that links
# point to, ...), which RELAX NG validation does not check.
SCH=/usr/share/xml/docbook/schema/schematron/5.0/docbook.sch
if need jing docbook-schematron && need "$SCH" docbook-schematron-schema
then
	files=()
	for c in "${outs[@]}"; do files+=("$D/$c.out"); done
	jing "$SCH" "${files[@]}" >"$T/sch" 2>/dev/null
	rc=$?
	for c in "${outs[@]}"; do
		if grep -q -F "$D/$c.out:" "$T/sch"; then
			fail "docbook-schematron/$c" "$(grep -F "$D/$c.out:" \
			    "$T/sch" | head -c 400)"
		elif [ $rc -ne 0 ] && ! grep -q . "$T/sch"; then
			fail "docbook-schematron/$c" "jing exit $rc"
		else
			pass "docbook-schematron/$c"
		fi
	done
fi

if need xmllint docbook-xmllint && need "$RNG" docbook-xmllint-schema; then
	for c in "${outs[@]}"; do
		if xmllint --noout --relaxng "$RNG" "$D/$c.out" \
		    >"$T/xmllint" 2>&1; then
			pass "docbook-xmllint/$c"
		else
			fail "docbook-xmllint/$c" "$(head -c 400 "$T/xmllint")"
		fi
	done
fi

# --- docbook-xsl ------------------------------------------------------

# xslt NAME STYLESHEET FILE [ARGS...]: runs without an error; messages
# other than docbook-xsl's progress notes count as errors.
xslt() {
	local name=$1 xsl=$2 in=$3
	shift 3
	rm -rf "$T/x" && mkdir -p "$T/x"
	if ! (cd "$T/x" && xsltproc --nonet "$@" "$xsl" "$OLDPWD/$in" \
	    >"$T/x/out" 2>"$T/x/err"); then
		fail "$name" "exit status $?: $(head -c 300 "$T/x/err")"
		return 1
	fi
	# "und" (no letter in the text) has no docbook-xsl localization:
	# a note, not an error.
	if grep -v -e '^Writing ' -e '^Generating ' \
	    -e '^No localization exists for "und"' "$T/x/err" | grep -q .
	then
		fail "$name" "$(grep -v -e '^Writing ' -e '^Generating ' \
		    "$T/x/err" | head -c 300)"
		return 1
	fi
	pass "$name"
}

if need xsltproc docbook-xsltproc && need "$XSL/html/docbook.xsl" \
    docbook-xsl-ns; then
	for c in "${outs[@]}"; do
		xslt "docbook-xsl-html/$c" "$XSL/html/docbook.xsl" "$D/$c.out"
		xslt "docbook-xsl-epub3/$c" "$XSL/epub3/chunk.xsl" \
		    "$D/$c.out" --stringparam base.dir "$T/x/OEBPS/"
		xslt "galley-xsl-epub3/$c" "$PWD/xsl/galley-epub3.xsl" \
		    "$D/$c.out" --stringparam base.dir "$T/x/OEBPS/"
		if [ -f "$T/x/OEBPS/package.opf" ]; then
			pass "galley-xsl-epub3-package/$c"
		else
			fail "galley-xsl-epub3-package/$c" "no package.opf"
		fi
		xslt "galley-xsl-html/$c" "$PWD/xsl/galley-html.xsl" \
		    "$D/$c.out"
	done

	# What the layer changes, on the sample.
	xslt galley-xsl-html/sample "$PWD/xsl/galley-html.xsl" \
	    "$D/city-news.out" && cp "$T/x/out" "$T/sample.html"
	xslt docbook-xsl-html/sample "$XSL/html/docbook.xsl" \
	    "$D/city-news.out" && cp "$T/x/out" "$T/stock.html"
	if [ -f "$T/sample.html" ]; then
		n=$(grep -o 'formalpara-title">[^<]*' "$T/sample.html" | wc -l)
		bad=$(grep -c '。\.' "$T/sample.html")
		if [ "$n" -ge 9 ] && [ "$bad" -eq 0 ]; then
			pass galley-xsl-runin-punct
		else
			fail galley-xsl-runin-punct \
			    "$n run-in heads, $bad lines with '。.'"
		fi
		if [ "$(grep -o '<p class="byline">■中国城市报记者' \
		    "$T/sample.html" | wc -l)" -eq 2 ]; then
			pass galley-xsl-byline
		else
			fail galley-xsl-byline "byline not shown twice"
		fi
		if grep -q 'Noto Serif CJK SC' "$T/sample.html"; then
			pass galley-xsl-fonts
		else
			fail galley-xsl-fonts "no CJK font in the style sheet"
		fi
		if grep -q 'charset=UTF-8' "$T/sample.html"; then
			pass galley-xsl-utf8
		else
			fail galley-xsl-utf8 "the HTML is not UTF-8"
		fi
	fi
	# The stock stylesheet has the fault the layer mends.
	if [ -f "$T/stock.html" ] &&
    grep -q -e '。\.' -e '&#12290;\.' "$T/stock.html"; then
		pass docbook-xsl-stock-adds-period
	elif [ -f "$T/stock.html" ]; then
		fail docbook-xsl-stock-adds-period \
		    "docbook-xsl no longer adds '.'; the layer may be moot"
	fi
fi

# --- The man page's EXAMPLES ------------------------------------------

# The commands of galley-docbook(1)'s EXAMPLES, run as written, on the
# sample as page.txt and a one-article stream as article.tagged, with
# bin/ first in PATH and the layer's directory in the tree; then
# epubcheck on the EPUB they make.
EPUBCHECK=${EPUBCHECK:-/usr/share/java/epubcheck.jar}
if need xsltproc docbook-man-examples && need zip docbook-man-examples-zip &&
    need jing docbook-man-examples-jing; then
	mkdir -p "$T/ex"
	cp fixtures/city-news-2-articles.txt "$T/ex/page.txt"
	cp "$D/single.in" "$T/ex/article.tagged"
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' \
	    cmd/galley-docbook/galley-docbook.1 |
	    sed -n '/^\.Bd -literal/,/^\.Ed/p' | sed '/^\.[BE]d/d' |
	    sed 's/\\e$/\\/' |
	    sed "s|/usr/local/share/galley/xsl|$PWD/xsl|" >"$T/ex/run.sh"
	if (cd "$T/ex" && PATH="$B:$PATH" bash -e -o pipefail run.sh \
	    >log 2>&1) && [ -s "$T/ex/page.html" ] &&
	    [ -s "$T/ex/page.epub" ] && [ -s "$T/ex/article.xml" ]; then
		pass docbook-man-examples
	else
		fail docbook-man-examples "$(head -c 300 "$T/ex/log")"
	fi
	if [ -s "$T/ex/page.epub" ] && need java docbook-man-epubcheck &&
	    need "$EPUBCHECK" docbook-man-epubcheck; then
		java -jar "$EPUBCHECK" "$T/ex/page.epub" >"$T/ex/ec" 2>&1
		if grep -q '0 fatals / 0 errors / 0 warnings' "$T/ex/ec"; then
			pass docbook-man-epubcheck
		else
			fail docbook-man-epubcheck "$(grep -m3 -e ERROR \
			    -e WARNING -e FATAL "$T/ex/ec")"
		fi
	fi
fi

# --- pandoc reads it back ---------------------------------------------

# pandoc's DocBook reader takes book and article info as the document's
# metadata (titles and authors, the last one winning), so the text
# compared is that of everything else: every non-space character, in
# order.
cat >"$T/body.xsl" <<'EOF'
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="http://docbook.org/ns/docbook">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="d:book/d:info | d:article/d:info"/>
</xsl:stylesheet>
EOF
if need pandoc docbook-pandoc && need xsltproc docbook-pandoc-xsltproc; then
	for c in "${outs[@]}"; do
		xsltproc "$T/body.xsl" "$D/$c.out" >"$T/body.txt"
		if ! pandoc -f docbook -t plain --wrap=none "$D/$c.out" \
		    >"$T/pandoc.txt" 2>"$T/pandoc.err"; then
			fail "docbook-pandoc/$c" "$(head -c 300 "$T/pandoc.err")"
			continue
		fi
		nonspace "$T/body.txt" >"$T/a"
		nonspace "$T/pandoc.txt" >"$T/b"
		if [ ! -s "$T/a" ] && [ "$c" != empty ]; then
			fail "docbook-pandoc/$c" "no text in the body"
		elif cmp -s "$T/a" "$T/b"; then
			pass "docbook-pandoc/$c"
		else
			fail "docbook-pandoc/$c" "text differs: $(cmp "$T/a" "$T/b")"
		fi
	done
fi

# --- Command line -----------------------------------------------------

"$DB" -h >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^usage: galley-docbook' "$T/out" &&
    [ ! -s "$T/err" ]; then
	pass docbook-help
else
	fail docbook-help "exit $rc"
fi
if "$DB" --version | grep -q '^galley-docbook (galley) '; then
	pass docbook-version
else
	fail docbook-version "no version line"
fi
for args in "--bogus" "--root chapter" "--root" "-o"; do
	# shellcheck disable=SC2086
	"$DB" $args </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q 'usage:' "$T/err" && [ ! -s "$T/out" ]
	then
		pass "docbook-usage/$args"
	else
		fail "docbook-usage/$args" "exit $rc"
	fi
done
"$DB" "$T/nonexistent" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "nonexistent: No such file" "$T/err"; then
	pass docbook-missing-input
else
	fail docbook-missing-input "exit $rc: $(cat "$T/err")"
fi

# Several inputs read as one stream, as with cat; "-" is stdin.
{ sed -n '1,/^para/p' "$D/english.in"; } >"$T/part1"
{ echo "galley-tagged	1"; sed -n '/^para/,$p' "$D/english.in" |
    sed 1d; } >"$T/part2"
"$DB" "$T/part1" "$T/part2" >"$T/two" 2>"$T/err"
if cmp -s "$T/two" "$D/english.out"; then
	pass docbook-several-inputs
else
	fail docbook-several-inputs "differs from one input"
fi
"$DB" - <"$D/english.in" >"$T/stdin" 2>"$T/err"
if cmp -s "$T/stdin" "$D/english.out"; then
	pass docbook-stdin
else
	fail docbook-stdin "differs from the file"
fi

# -o FILE: the same bytes; on failure no file, the old one untouched,
# no temporary left.
mkdir -p "$T/o"
"$DB" -o "$T/o/book.xml" "$D/city-news.in" 2>/dev/null
rc=$?
if [ $rc -eq 0 ] && cmp -s "$T/o/book.xml" "$D/city-news.out" &&
    [ "$(ls -A "$T/o")" = book.xml ]; then
	pass docbook-o
else
	fail docbook-o "exit $rc, files: $(ls -A "$T/o")"
fi
rm -f "$T/o/book.xml"
"$DB" -o "$T/o/book.xml" "$D/root-two.in" --root article 2>/dev/null
rc=$?
if [ $rc -eq 1 ] && [ -z "$(ls -A "$T/o")" ]; then
	pass docbook-o-error-no-file
else
	fail docbook-o-error-no-file "exit $rc, files: $(ls -A "$T/o")"
fi
echo old >"$T/o/book.xml"
"$DB" -o "$T/o/book.xml" "$D/raw.in" 2>/dev/null
rc=$?
if [ $rc -eq 1 ] && [ "$(cat "$T/o/book.xml")" = old ] &&
    [ "$(ls -A "$T/o")" = book.xml ]; then
	pass docbook-o-error-keeps-target
else
	fail docbook-o-error-keeps-target "exit $rc, files: $(ls -A "$T/o")"
fi
"$DB" -o "$T/nodir/book.xml" "$D/english.in" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'nodir/book.xml' "$T/err"; then
	pass docbook-o-bad-dir
else
	fail docbook-o-bad-dir "exit $rc: $(cat "$T/err")"
fi
if [ -w /dev/full ]; then
	"$DB" "$D/city-news.in" >/dev/full 2>"$T/err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q 'No space left' "$T/err"; then
		pass docbook-full-disk
	else
		fail docbook-full-disk "exit $rc: $(cat "$T/err")"
	fi
fi

# --- Streaming --------------------------------------------------------

# gen N [SIZE]: a tagged stream of N articles of about SIZE bytes each.
gen() {
	awk -v n="$1" -v size="${2:-600}" 'BEGIN {
		print "galley-tagged\t1"
		p = "城市基层治理的具体内容、目的及意义。"
		while (length(body) < size) body = body p
		for (i = 1; i <= n; i++) {
			print "article"
			print "title\t第" i "篇\t标签："
			print "byline\t■记者 王明"
			print "author\t王明\t记者"
			print "heading\t1\t小标题"
			print "para\t" body
			print "runin\t推动服务前移。\t" body
		}
	}'
}

# The first articles come out while the input is still open.
if python3 - "$DB" <<'EOF'
import os, select, subprocess, sys, threading, time
p = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE,
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
body = "城市基层治理的具体内容。" * 4000
head = "galley-tagged\t1\n"
art = "article\ntitle\tT\npara\t" + body + "\n"
def feed():
	# A thread, so that a full pipe either way cannot deadlock.
	try:
		p.stdin.write((head + art * 3).encode())
		p.stdin.flush()
		# Hold the input open until the test has seen output.
		seen.wait(20)
		p.stdin.close()
	except (BrokenPipeError, ValueError):
		pass
seen = threading.Event()
threading.Thread(target=feed, daemon=True).start()
got = 0
end = time.time() + 10
while got < len(body.encode()) and time.time() < end:
	r, _, _ = select.select([p.stdout], [], [], 0.5)
	if r:
		b = os.read(p.stdout.fileno(), 65536)
		if not b:
			break
		got += len(b)
ok = got >= len(body.encode())
if not ok:
	p.kill()
seen.set()
p.stdout.read()
p.wait()
sys.exit(0 if ok and p.returncode == 0 else 1)
EOF
then
	pass docbook-streams
else
	fail docbook-streams "no output before the end of the input"
fi

# A header of many authors, each byline with its organisation, and one
# byline naming them all: time linear from n to 8n authors.  (In the
# second article: the first one's records also go to the book's
# metadata, whose distinct-author list is not this writer's.)
authors() {
	awk -v n="$1" 'BEGIN {
		print "galley-tagged\t1"
		print "article\ntitle\tFirst\npara\tx"
		print "article"
		print "title\tT"
		for (i = 1; i <= n; i++) {
			print "byline\t记者" i
			print "author\t作者" i "\t记者"
			print "org\t报社" i
		}
		print "byline\tall"
		for (i = 1; i <= n; i++) print "author\t作者" i
		print "org\t报社"
		print "para\tx"
	}'
}
authors 5000 >"$T/an.in"
authors 40000 >"$T/a8n.in"
if python3 - "$DB" "$T/an.in" "$T/a8n.in" >"$T/ascale" <<'EOF'
import subprocess, sys, time
def run(path):
	t = time.time()
	with open(path, "rb") as f:
		subprocess.run([sys.argv[1], "--title", "x"], stdin=f,
		    stdout=subprocess.DEVNULL, check=True)
	return time.time() - t
t1 = run(sys.argv[2])
t8 = run(sys.argv[3])
print("time %.2fs %.2fs" % (t1, t8))
sys.exit(0 if t8 <= 16 * t1 + 0.5 else 1)
EOF
then
	pass "docbook-scale-authors ($(cat "$T/ascale"))"
else
	fail docbook-scale-authors "$(cat "$T/ascale")"
fi

# Peak memory flat and time linear from n to 8n articles (CPU time and
# peak RSS from GNU time: a child's ru_maxrss as Python reads it starts
# at the size of the Python that forked it, which hid galley-docbook's
# own).  Under AddressSanitizer (CI), freed memory waits in a quarantine
# that would grow the peak: no quarantine here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
# run FILE: "CPU-seconds peak-KB" of galley-docbook on FILE.
run() {
	/usr/bin/time -o "$T/run" -f '%U %S %M' "$DB" --title x "$1" \
	    >/dev/null 2>&1 && awk '{ print $1 + $2, $3 }' "$T/run"
}
if [ -x /usr/bin/time ]; then
	gen 2000 >"$T/n.in"
	gen 16000 >"$T/8n.in"
	read -r t1 m1 < <(run "$T/n.in")
	read -r t8 m8 < <(run "$T/8n.in")
	why="time ${t1:-?}s ${t8:-?}s, peak ${m1:-?} KB ${m8:-?} KB"
	if [ -n "${m1:-}" ] && [ -n "${m8:-}" ] && awk -v t1="$t1" \
	    -v t8="$t8" -v m1="$m1" -v m8="$m8" 'BEGIN {
		exit !(m8 <= m1 * 1.25 + 1024 && t8 <= 16 * t1 + 0.5) }'; then
		pass "docbook-scale ($why)"
	else
		fail docbook-scale "$why"
	fi
else
	echo "SKIP docbook-scale: GNU time is not installed at /usr/bin/time"
fi

# A million one-line articles (issue 6): the memory that grows with them
# is what is kept of their ids: nothing for those made (a1, a2, ...), a
# hash and a number for those given, as galley-docbook(1) says (at most
# 48 bytes an id here, with the table's growth).  Smaller sizes under
# the sanitizers, which are slow.
one_line() {
	awk -v n="$1" -v ids="$2" 'BEGIN {
		print "galley-tagged\t1"
		for (i = 1; i <= n; i++) {
			if (ids)
				printf "article\tid-%d\n", i
			else
				print "article"
			printf "title\tArticle %d\npara\tText of article %d.\n", i, i
		}
	}'
}
if grep -qa -e __asan_init -e __ubsan_handle "$DB"; then
	N1=15625
else
	N1=125000
fi
for ids in 0 1; do
	[ -x /usr/bin/time ] || { echo "SKIP docbook-scale-one-line:" \
	    "GNU time is not installed at /usr/bin/time"; break; }
	one_line "$N1" "$ids" >"$T/n.in"
	one_line "$((N1 * 8))" "$ids" >"$T/8n.in"
	name=docbook-scale-one-line/ids=$ids
	read -r _ m1 < <(run "$T/n.in")
	read -r _ m8 < <(run "$T/8n.in")
	why="$N1 and $((N1 * 8)) articles, peak ${m1:-?} KB ${m8:-?} KB"
	# Nothing more for the articles; at most 48 bytes a given id.
	allow=$((ids ? 7 * N1 * 48 / 1024 : 0))
	if [ -n "${m1:-}" ] && [ -n "${m8:-}" ] &&
	    [ "$m8" -le $((m1 + allow + 1024)) ]; then
		pass "$name ($why)"
	else
		fail "$name" "$why"
	fi
done
rm -f "$T/n.in" "$T/8n.in"

exit 0
