#!/usr/bin/env bash
# t_epub_io.sh: galley-epub's command line and output file.  Usage errors
# exit 2; the output is atomic (on any error: exit 1, nothing at the
# target, an existing target untouched, no temporary file left behind);
# SOURCE_DATE_EPOCH is checked and clamped for ZIP; standard input and
# several files are read as one stream; memory stays bounded on a large
# input and no progress line is written when stderr is not a terminal.
. tests/lib.sh

E=$B/galley-epub
IN=fixtures/galley-epub/city-news.in
BAD=$T/bad.in
# A good article, then a record galley-epub rejects.
{ cat "$IN"; printf 'heading\t9\tbad\n'; } >"$BAD"

# expect NAME STATUS CMD...: the command exits with STATUS.
expect() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "exit $rc, expected $want: $(head -c 200 "$T/err")"
	fi
}

# only NAME DIR FILE...: DIR holds exactly the files named (no temporary).
only() {
	local name=$1 dir=$2 got want
	shift 2
	got=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "found '$got', expected '$want'"
	fi
}

# Usage.
expect epub-usage-no-output 2 "$E" "$IN"
expect epub-usage-stdout 2 "$E" -o - "$IN"
expect epub-usage-bad-option 2 "$E" --no-such-option -o "$T/x.epub" "$IN"
expect epub-help 0 "$E" --help
if grep -q '^usage: galley-epub' "$T/out" && [ ! -s "$T/err" ]; then
	pass epub-help-stdout
else
	fail epub-help-stdout "usage not on stdout"
fi
expect epub-version 0 "$E" --version
expect epub-missing-input 1 "$E" -o "$T/x.epub" "$T/no-such-file"
[ -e "$T/x.epub" ] && fail epub-missing-input-nofile "$T/x.epub written" ||
    pass epub-missing-input-nofile

# Success leaves the book and nothing else.
mkdir "$T/ok"
expect epub-ok 0 "$E" -o "$T/ok/book.epub" "$IN"
only epub-ok-no-temporary "$T/ok" book.epub

# Bad data: exit 1, no file, no temporary.
mkdir "$T/bad"
expect epub-bad-data 1 "$E" -o "$T/bad/book.epub" "$BAD"
only epub-bad-data-nothing-left "$T/bad"

# ...and an existing target is left as it was, whether the error comes
# while reading or at the end (an ill-formed language in a meta record).
echo old >"$T/bad/book.epub"
expect epub-bad-data-existing 1 "$E" -o "$T/bad/book.epub" "$BAD"
check epub-existing-untouched grep -qx old "$T/bad/book.epub"
{ printf 'galley-tagged\t1\nmeta\tlanguage\tC\n'; tail -n +2 "$IN"; } \
    >"$T/badlang.in"
expect epub-late-error 1 "$E" -o "$T/bad/book.epub" "$T/badlang.in"
check epub-late-error-untouched grep -qx old "$T/bad/book.epub"
only epub-late-error-nothing-left "$T/bad" book.epub

# Killed while reading: nothing is left behind (the spools are unlinked
# at once, the container's temporary file is made only at the end).
mkdir "$T/kill"
mkfifo "$T/fifo"
"$E" -o "$T/kill/book.epub" <"$T/fifo" 2>/dev/null &
pid=$!
exec 3>"$T/fifo"
cat "$IN" >&3
sleep 1
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exec 3>&-
only epub-killed-nothing-left "$T/kill"

# A missing output folder.
expect epub-missing-folder 1 "$E" -o "$T/no/such/dir/book.epub" "$IN"
check epub-missing-folder-message grep -q 'cannot create a temporary' \
    "$T/err"
# A folder that cannot be written (root writes anywhere: then use /sys,
# which is read-only in containers and to root).
mkdir "$T/ro"
chmod 555 "$T/ro"
if touch "$T/ro/probe" 2>/dev/null; then
	rm -f "$T/ro/probe"
	ro=/sys
else
	ro=$T/ro
fi
expect epub-readonly-folder 1 "$E" -o "$ro/galley-test.epub" "$IN"
[ -e "$ro/galley-test.epub" ] && fail epub-readonly-nofile "file written" ||
    pass epub-readonly-nofile
chmod 755 "$T/ro"
# The target is a folder: rename fails at the very end.
mkdir -p "$T/isdir/book.epub"
expect epub-target-is-folder 1 "$E" -o "$T/isdir/book.epub" "$IN"
only epub-target-is-folder-nothing-left "$T/isdir" book.epub

# Bad cover and stylesheet files are found before any input is read.
echo 'not an image' >"$T/cover.txt"
expect epub-bad-cover 1 "$E" --cover "$T/cover.txt" -o "$T/c.epub" "$IN"
check epub-bad-cover-message grep -q 'not a PNG or JPEG image' "$T/err"
printf '\xff\xfe' >"$T/bad.css"
expect epub-bad-css 1 "$E" --css "$T/bad.css" -o "$T/c.epub" "$IN"
[ -e "$T/c.epub" ] && fail epub-bad-files-nofile "file written" ||
    pass epub-bad-files-nofile

# SOURCE_DATE_EPOCH: checked; before 1980 the ZIP times are clamped.
SOURCE_DATE_EPOCH=yesterday expect epub-bad-epoch 1 "$E" -o "$T/e.epub" "$IN"
SOURCE_DATE_EPOCH=0 expect epub-epoch-zero 0 "$E" -o "$T/e.epub" "$IN"
tests/epubdump "$T/e.epub" >"$T/dump"
check epub-epoch-zip-1980 grep -q '^== mimetype (stored, extra 0, 1980-01-01 00:00:00)' "$T/dump"
check epub-epoch-modified grep -q 'dcterms:modified">1970-01-01T00:00:00Z<' "$T/dump"

# Standard input, and several files, read as one stream.
"$E" -o "$T/a.epub" "$IN" 2>/dev/null
"$E" -o "$T/b.epub" <"$IN" 2>/dev/null
check epub-stdin cmp "$T/a.epub" "$T/b.epub"
printf 'galley-tagged\t1\nmeta\ttitle\tT\n' >"$T/meta.in"
"$E" -o "$T/a.epub" "$T/meta.in" "$IN" 2>/dev/null
cat "$T/meta.in" "$IN" | "$E" -o "$T/b.epub" 2>/dev/null
check epub-files-as-one-stream cmp "$T/a.epub" "$T/b.epub"

# Memory: a 64 MB input of many articles stays far under 64 MB of RSS,
# and no progress line goes to a stderr that is not a terminal.
if [ -x /usr/bin/time ]; then
	python3 - "$IN" "$T/big.in" <<'EOF'
import sys
body = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n")[1:] if l]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("galley-tagged\t1\n")
    size = 0
    while size < 64 * 1024 * 1024:
        for l in body:
            out.write(l + "\n")
            size += len(l.encode()) + 1
EOF
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
	    /usr/bin/time -f '%M' -o "$T/rss" "$E" -o "$T/big.epub" "$T/big.in" \
	    2>"$T/err"
	rss=$(tail -n 1 "$T/rss")
	if [ "$rss" -lt 65536 ]; then
		pass "epub-memory-64MB-input (${rss} kB)"
	else
		fail epub-memory-64MB-input "peak RSS ${rss} kB"
	fi
	if grep -q 'articles' "$T/err"; then
		fail epub-no-progress-off-terminal "$(head -c 200 "$T/err")"
	else
		pass epub-no-progress-off-terminal
	fi
else
	need /usr/bin/time epub-memory
fi

exit 0
