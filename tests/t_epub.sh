#!/usr/bin/env bash
# t_epub.sh: galley-epub's books are valid and complete.  Every golden
# case that succeeds is built again and must pass epubcheck with 0
# errors and 0 warnings, and read back through pandoc with all its text
# (the non-space characters of every text field, in order).  Also: a
# book with a cover, the same book twice gives the same bytes, and the
# container's first member is an uncompressed mimetype without extras.
# Grouping (--group-size): documents close at the size given, 0 gives
# one document per article, every nav and NCX target (document and
# fragment) exists, grouped Chinese, English, vertical and covered books
# validate and read back with the same text, and bad sizes are usage
# errors.
# With CI=true a missing epubcheck or pandoc is a failure, never a skip.
. tests/lib.sh

D=fixtures/galley-epub
EPUBCHECK=${EPUBCHECK:-/usr/share/java/epubcheck.jar}

# epubcheck_start FILE: run epubcheck on FILE in the background, into
# FILE.ec; epubcheck_result NAME FILE: 0 errors, 0 warnings (fatals and
# errors fail too).  The JVM is slow to start: run two at a time, with
# the quick compiler only.
njobs=0
epubcheck_start() {
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$EPUBCHECK" \
	    "$1" >"$1.ec" 2>&1 &
	njobs=$((njobs + 1))
	[ $((njobs % 2)) = 0 ] && wait
}
epubcheck_result() {
	if grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$2.ec"; then
		pass "$1"
	else
		fail "$1" "$(grep -E '^(ERROR|WARNING|FATAL)|Messages' "$2.ec" |
		    head -n 5 | tr '\n' ' ')"
	fi
}

# alltext NAME INPUT EPUB: pandoc's plain text of the book holds every
# text field of the tagged stream, in order, spaces aside.
alltext() {
	if ! pandoc -f epub -t plain "$3" -o "$T/plain.txt" 2>"$T/pd"; then
		fail "$1" "pandoc: $(head -c 300 "$T/pd")"
		return
	fi
	if python3 - "$2" "$T/plain.txt" >"$T/missing" <<'EOF'
import sys
def ns(s):
    return "".join(c for c in s if not c.isspace())
def unesc(f):
    return f.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")
out = ns(open(sys.argv[2], encoding="utf-8").read())
pos = 0
text = {"title": lambda f: f[1:2] + f[:1], "subtitle": lambda f: f,
        "byline": lambda f: f, "dateline": lambda f: f,
        "heading": lambda f: f[1:], "runin": lambda f: f,
        "para": lambda f: f, "credit": lambda f: f}
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    f = [unesc(x) for x in line.rstrip("\n").split("\t")]
    if f[0] not in text:
        continue
    want = ns("".join(text[f[0]](f[1:])))
    want = "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in want)
    at = out.find(want, pos)
    if at < 0:
        print("line %d: %s" % (n, want[:40]))
        sys.exit(1)
    pos = at + len(want)
EOF
	then
		pass "$1"
	else
		fail "$1" "text missing from pandoc's reading: $(cat "$T/missing")"
	fi
}

# The golden cases that make a book, with their arguments.
cases=()
while read -r c status; do
	case $c in ''|'#'*) continue ;; esac
	[ "$status" = 0 ] && cases+=("$c")
done <"$D/cases"

for c in "${cases[@]}"; do
	args=
	[ -f "$D/$c.args" ] && args=$(cat "$D/$c.args")
	# shellcheck disable=SC2086
	if "$B/galley-epub" $args -o "$T/$c.epub" "$D/$c.in" 2>/dev/null; then
		pass "epub-build/$c"
	else
		fail "epub-build/$c" "exit $?"
	fi
done

# Books with a cover, from a tiny PNG and a tiny JPEG made here.
python3 - "$T/cover.png" "$T/cover.jpg" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    c = struct.pack(">I", len(d)) + t + d
    return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 3, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"\0" + b"\xc0\x20\x20" * 2 + (b"\0" + b"\x20\x20\xc0" * 2) * 2))
png += chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
# A baseline JPEG of one grey 8x8 block: every coefficient zero.
def seg(m, d):
    return b"\xff" + bytes([m]) + struct.pack(">H", len(d) + 2) + d
j = b"\xff\xd8" + seg(0xe0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")
j += seg(0xdb, b"\x00" + b"\x01" * 64)
j += seg(0xc0, b"\x08" + struct.pack(">HH", 8, 8) + b"\x01\x01\x11\x00")
j += seg(0xc4, b"\x00\x01" + b"\x00" * 15 + b"\x00")
j += seg(0xc4, b"\x10\x01" + b"\x00" * 15 + b"\x00")
j += seg(0xda, b"\x01\x01\x00\x00\x3f\x00") + b"\x3f\xff\xd9"
open(sys.argv[2], "wb").write(j)
EOF
# cover: Chinese with a PNG; cover-jpeg: English with a JPEG;
# cover-vertical: Chinese, vertical, with a JPEG.
covers=()
build_cover() {	# NAME ARGS...
	local name=$1
	shift
	if "$B/galley-epub" -o "$T/$name.epub" "$@" 2>/dev/null; then
		pass "epub-build/$name"
		covers+=("$name")
	else
		fail "epub-build/$name" "exit $?"
	fi
}
build_cover cover --cover "$T/cover.png" "$D/city-news.in"
build_cover cover-jpeg --cover "$T/cover.jpg" "$D/english.in"
build_cover cover-vertical --vertical --cover "$T/cover.jpg" "$D/city-news.in"
tests/epubdump "$T/cover-jpeg.epub" >"$T/dump" 2>&1
check epub-cover-jpeg-item grep -q 'href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"' "$T/dump"
tests/epubdump "$T/cover.epub" >"$T/dump" 2>&1
check epub-cover-png-item grep -q 'href="images/cover.png" media-type="image/png" properties="cover-image"' "$T/dump"
grep -A1 '<spine' "$T/dump" >"$T/spine"
check epub-cover-first-in-spine grep -q 'idref="cover"' "$T/spine"

# Grouped books: city-news (Chinese; its first article alone passes a
# kilobyte), vertical, covered, and a generated book of 120 articles.
python3 - "$T/many.in" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("galley-tagged\t1\nmeta\ttitle\tMany\nmeta\tlanguage\ten\n")
    for i in range(1, 121):
        f.write("article\n")
        if i % 7:
            f.write("title\tHeadline %d\n" % i)
        if i % 3 == 0:
            f.write("heading\t1\tPart %d\n" % i)
        for k in range(i % 5 + 1):
            f.write("para\t" + ("Word %d of article %d. " % (k, i)) * 9
                    + "\n")
        if i % 3 == 0:
            f.write("heading\t2\tSub %d\n" % i)
            f.write("para\tThe end of article %d.\n" % i)
EOF
grouped=()
build_group() {	# NAME ARGS...
	local name=$1
	shift
	if "$B/galley-epub" -o "$T/$name.epub" "$@" 2>/dev/null; then
		pass "epub-build/$name"
		grouped+=("$name")
	else
		fail "epub-build/$name" "exit $?"
	fi
}
build_group group-zh --group-size 1 "$D/city-news.in"
build_group group-vertical --group-size 1 --vertical "$D/vertical.in"
build_group group-cover --group-size 1 --cover "$T/cover.png" \
    "$D/city-news.in"
build_group group-many-2 --group-size 2 "$T/many.in"
build_group group-many-5 --group-size 5 "$T/many.in"
build_group group-many-0 --group-size 0 "$T/many.in"
build_group group-many "$T/many.in"

# groups NAME EPUB KB: every document but the last was closed by the
# first article that ended at KB kilobytes or more of its <body>: the
# bytes before each later article stay under KB, the whole reaches it.
# KB 0: one document per article.  Also: the articles are a1, a2, ... in
# order across the documents, and the spine lists the documents.
# Leaves "DOCUMENTS ARTICLES" in $T/why.
groups() {
	if python3 - "$2" "$3" >"$T/why" 2>&1 <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
kb = int(sys.argv[2])
docs = sorted(n for n in z.namelist()
              if re.fullmatch(r"EPUB/doc\d{5}\.xhtml", n))
assert docs, "no documents"
assert docs[0] == "EPUB/doc00001.xhtml", docs[0]
opf = z.read("EPUB/package.opf").decode()
spine = re.findall(r'<itemref idref="(doc\d+)"', opf)
assert spine == [d[5:-6] for d in docs], "spine %s" % spine[:3]
n = 0
for i, d in enumerate(docs):
    t = z.read(d).decode()
    b = t.index("<body>")
    ends = [m.end() for m in re.finditer(r"</article>", t)]
    ids = re.findall(r'<article id="(a\d+)"', t)
    assert ids == ["a%d" % k for k in range(n + 1, n + 1 + len(ids))], \
        "%s: articles %s" % (d, ids[:3])
    n += len(ids)
    if kb == 0:
        assert len(ids) == 1, "%s: %d articles" % (d, len(ids))
        continue
    lim = kb * 1024
    for e in ends[:-1]:
        assert len(t[b:e].encode()) < lim, "%s: full before its end" % d
    if i < len(docs) - 1:
        assert len(t[b:ends[-1]].encode()) >= lim, "%s: closed early" % d
print(len(docs), n)
EOF
	then
		pass "$1"
	else
		fail "$1" "$(tail -n 1 "$T/why")"
	fi
}
if [ -f "$T/group-many-2.epub" ]; then
	groups epub-group-2k "$T/group-many-2.epub" 2
	# 120 articles in 2 KB documents: more than one, fewer than 120.
	read -r nd na <"$T/why"
	check epub-group-2k-count test "${nd:-0}" -gt 1 -a "${nd:-0}" -lt 120
fi
[ -f "$T/group-many-5.epub" ] && groups epub-group-5k "$T/group-many-5.epub" 5
[ -f "$T/group-many.epub" ] && groups epub-group-64k "$T/group-many.epub" 64
if [ -f "$T/group-many-0.epub" ]; then
	groups epub-group-0 "$T/group-many-0.epub" 0
	check epub-group-0-count grep -qx '120 120' "$T/why"
fi
if [ -f "$T/group-zh.epub" ]; then
	groups epub-group-zh "$T/group-zh.epub" 1
	check epub-group-zh-count grep -qx '2 2' "$T/why"
fi

# targets NAME EPUB: every href of nav.xhtml and src of toc.ncx names a
# member, and its fragment an id in that member.
targets() {
	if python3 - "$2" >"$T/why" 2>&1 <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
ids = {}
n = 0
for doc, attr in (("EPUB/nav.xhtml", "href"), ("EPUB/toc.ncx", "src")):
    for t in re.findall(r' %s="([^"]*)"' % attr, z.read(doc).decode()):
        if t.startswith("css/"):
            continue
        f, _, frag = t.partition("#")
        m = "EPUB/" + f
        assert m in names, "%s: %s: no such member" % (doc, t)
        if frag:
            if m not in ids:
                ids[m] = set(re.findall(r' id="([^"]*)"',
                                        z.read(m).decode()))
            assert frag in ids[m], "%s: %s: no such id" % (doc, t)
        n += 1
assert n > 0
EOF
	then
		pass "$1"
	else
		fail "$1" "$(tail -n 1 "$T/why")"
	fi
}
for c in "${cases[@]}" "${covers[@]}" "${grouped[@]}"; do
	[ -f "$T/$c.epub" ] && targets "epub-targets/$c" "$T/$c.epub"
done

# Bad group sizes are usage errors: exit 2, a message, no book.
for bad in -1 x '' 1048577 99999999999999999999 1k ' 4' 4.5; do
	rm -f "$T/bad.epub"
	"$B/galley-epub" --group-size "$bad" -o "$T/bad.epub" \
	    "$D/english.in" 2>"$T/err"
	rc=$?
	if [ $rc = 2 ] && [ ! -e "$T/bad.epub" ] &&
	    grep -q "^galley-epub: group size '.*' is not 0 to 1048576" \
	    "$T/err"; then
		pass "epub-group-bad/'$bad'"
	else
		fail "epub-group-bad/'$bad'" "exit $rc: $(head -n 1 "$T/err")"
	fi
	"$B/galley" --group-size "$bad" -o "$T/bad.epub" "$D/english.in" \
	    2>/dev/null
	rc=$?
	check "galley-group-bad/'$bad'" test $rc = 2 -a ! -e "$T/bad.epub"
done
# galley(1) passes the option on: the same book as galley-epub's.
printf '%s\n' 'Harbour news' '' 'Ships wait outside the harbour.' '' \
    'Ferry times' '' 'The ferry leaves at seven.' >"$T/raw.txt"
"$B/galley-split" "$T/raw.txt" 2>/dev/null | "$B/galley-mend" 2>/dev/null |
    "$B/galley-tag" 2>/dev/null >"$T/raw.tag"
for g in 0 1 64; do
	"$B/galley" --group-size $g -o "$T/g1.epub" "$T/raw.txt" 2>/dev/null
	"$B/galley-epub" --group-size $g -o "$T/g2.epub" "$T/raw.tag" \
	    2>/dev/null
	check "galley-group-same/$g" cmp "$T/g1.epub" "$T/g2.epub"
done

if need "$EPUBCHECK" epubcheck && need java epubcheck-java; then
	for c in "${cases[@]}"; do
		[ -f "$T/$c.epub" ] && epubcheck_start "$T/$c.epub"
	done
	for c in "${covers[@]}" "${grouped[@]}"; do
		epubcheck_start "$T/$c.epub"
	done
	wait
	for c in "${cases[@]}"; do
		[ -f "$T/$c.epub" ] && epubcheck_result "epubcheck/$c" \
		    "$T/$c.epub"
	done
	for c in "${covers[@]}" "${grouped[@]}"; do
		epubcheck_result "epubcheck/$c" "$T/$c.epub"
	done
fi

if need pandoc epub-pandoc; then
	for c in "${cases[@]}"; do
		[ -f "$T/$c.epub" ] && alltext "epub-pandoc/$c" "$D/$c.in" \
		    "$T/$c.epub"
	done
	[ -f "$T/cover.epub" ] && alltext epub-pandoc/cover \
	    "$D/city-news.in" "$T/cover.epub"
	[ -f "$T/cover-jpeg.epub" ] && alltext epub-pandoc/cover-jpeg \
	    "$D/english.in" "$T/cover-jpeg.epub"
	for g in group-zh group-cover; do
		[ -f "$T/$g.epub" ] && alltext "epub-pandoc/$g" \
		    "$D/city-news.in" "$T/$g.epub"
	done
	[ -f "$T/group-vertical.epub" ] && alltext epub-pandoc/group-vertical \
	    "$D/vertical.in" "$T/group-vertical.epub"
	for g in group-many group-many-2 group-many-5 group-many-0; do
		[ -f "$T/$g.epub" ] && alltext "epub-pandoc/$g" "$T/many.in" \
		    "$T/$g.epub"
	done
	# The text is the same whatever the grouping.
	pandoc -f epub -t plain "$T/group-many.epub" 2>/dev/null |
	    tr -d ' \n' >"$T/b.txt"
	for g in group-many-2 group-many-5 group-many-0; do
		pandoc -f epub -t plain "$T/$g.epub" 2>/dev/null |
		    tr -d ' \n' >"$T/a.txt"
		check "epub-group-same-text/$g" cmp "$T/a.txt" "$T/b.txt"
	done
fi

# Reproducible: the same input and SOURCE_DATE_EPOCH, the same bytes.
"$B/galley-epub" -o "$T/again.epub" "$D/city-news.in" 2>/dev/null
check epub-reproducible cmp "$T/city-news.epub" "$T/again.epub"
"$B/galley-epub" --cover "$T/cover.png" -o "$T/again.epub" \
    "$D/city-news.in" 2>/dev/null
check epub-reproducible-cover cmp "$T/cover.epub" "$T/again.epub"
# ...whatever the time zone (ZIP times are local times).
TZ=Asia/Shanghai "$B/galley-epub" -o "$T/again.epub" "$D/city-news.in" \
    2>/dev/null
check epub-reproducible-tz cmp "$T/city-news.epub" "$T/again.epub"

# mimetype first, stored, no extra field, exact content.
tests/epubdump "$T/city-news.epub" >"$T/dump"
head -n 2 "$T/dump" >"$T/head"
printf '== mimetype (stored, extra 0, 2021-08-30 00:00:00)\napplication/epub+zip\n' \
    >"$T/want"
if [ "${SOURCE_DATE_EPOCH:-}" = 1630281600 ]; then
	check epub-mimetype-first cmp "$T/want" "$T/head"
fi

exit 0
