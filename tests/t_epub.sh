#!/usr/bin/env bash
# t_epub.sh: galley-epub's books are valid and complete.  Every golden
# case that succeeds is built again and must pass epubcheck with 0
# errors and 0 warnings, and read back through pandoc with all its text
# (the non-space characters of every text field, in order).  Also: a
# book with a cover, the same book twice gives the same bytes, and the
# container's first member is an uncompressed mimetype without extras.
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

if need "$EPUBCHECK" epubcheck && need java epubcheck-java; then
	for c in "${cases[@]}"; do
		[ -f "$T/$c.epub" ] && epubcheck_start "$T/$c.epub"
	done
	for c in "${covers[@]}"; do
		epubcheck_start "$T/$c.epub"
	done
	wait
	for c in "${cases[@]}"; do
		[ -f "$T/$c.epub" ] && epubcheck_result "epubcheck/$c" \
		    "$T/$c.epub"
	done
	for c in "${covers[@]}"; do
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
