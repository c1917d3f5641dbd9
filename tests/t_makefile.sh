#!/usr/bin/env bash
# t_makefile.sh: examples/Makefile, the Makefile of galley(7) and the
# README, on two issues of a newspaper: it builds one EPUB per issue and
# a volume (EPUB and DocBook); a second run does nothing; a second build
# from scratch, in another directory and with make -j2, gives the same
# bytes; touching one issue rebuilds only that issue and the volume.
. tests/lib.sh

SAMPLE=$GALLEY_TOP/fixtures/city-news-2-articles.txt
export PATH=$B:$PATH
unset MAKEFLAGS MFLAGS MAKELEVEL
# Commands only in the logs, never "Entering directory".
make() { command make --no-print-directory "$@"; }

# project DIR: a newspaper project with two issues.
project() {
	mkdir -p "$1/issues"
	cp examples/Makefile "$1/Makefile"
	sed -n '1,38p' "$SAMPLE" >"$1/issues/2021-08-30.txt"
	sed -n '39,$p' "$SAMPLE" >"$1/issues/2021-08-31.txt"
	# Both with the same old time, so that make sees them as sources.
	touch -d @1630281600 "$1"/issues/*.txt
}

# sums DIR: the checksum of every output, by name.
sums() {
	(cd "$1" && sha256sum out/* build/*)
}

project "$T/a"
if make -C "$T/a" >"$T/log" 2>&1; then pass "makefile: builds"
else fail "makefile: builds" "$(tail -n 5 "$T/log")"; fi
want="out/2021-08-30.epub out/2021-08-31.epub out/volume.epub out/volume.xml"
miss=
for f in $want; do [ -s "$T/a/$f" ] || miss="$miss $f"; done
if [ -z "$miss" ]; then pass "makefile: one EPUB per issue, and the volume"
else fail "makefile: one EPUB per issue, and the volume" "missing$miss"; fi

sums "$T/a" >"$T/sums1"
if make -C "$T/a" -q; then pass "makefile: up to date after one run (make -q)"
else fail "makefile: up to date after one run (make -q)" "make -q exits $?"; fi
make -C "$T/a" >"$T/log2" 2>&1
if ! grep -q '^galley' "$T/log2" && sums "$T/a" | cmp -s - "$T/sums1"
then pass "makefile: second run does nothing"
else fail "makefile: second run does nothing" "$(grep '^galley' "$T/log2" | head -n 2)"; fi

project "$T/b"
make -C "$T/b" -j2 >"$T/log3" 2>&1
if sums "$T/b" | cmp -s - "$T/sums1"
then pass "makefile: make -j2 elsewhere gives the same bytes"
else fail "makefile: make -j2 elsewhere gives the same bytes" \
    "$(sums "$T/b" | diff - "$T/sums1" | head -n 4)"; fi

make -C "$T/b" clean >/dev/null 2>&1
make -C "$T/b" >/dev/null 2>&1
if sums "$T/b" | cmp -s - "$T/sums1"
then pass "makefile: rebuilt from scratch, the same bytes"
else fail "makefile: rebuilt from scratch, the same bytes" "differs"; fi

# Touch one issue: that issue and the volume are rebuilt, not the other.
touch "$T/a/issues/2021-08-31.txt"
make -C "$T/a" >"$T/log4" 2>&1
if grep -q -- '-o out/2021-08-31.epub' "$T/log4" &&
    ! grep -q -E -- '-o out/2021-08-30.epub|> build/2021-08-30' "$T/log4" &&
    grep -q 'volume.epub' "$T/log4"
then pass "makefile: a touched issue rebuilds it and the volume only"
else fail "makefile: a touched issue rebuilds it and the volume only" \
    "$(grep galley "$T/log4" | head -n 3)"; fi

# A failing stage leaves no output that make would take as up to date.
project "$T/c"
printf 'not UTF-8: \377\376\n' >"$T/c/issues/2021-09-01.txt"
make -C "$T/c" SPLITFLAGS='--encoding UTF-8' out/2021-09-01.epub \
    >"$T/log5" 2>&1
rc=$?
if [ $rc != 0 ] && [ ! -e "$T/c/build/2021-09-01.tagged" ] &&
    [ ! -e "$T/c/out/2021-09-01.epub" ]
then pass "makefile: a failed stage stops make and leaves no output"
else fail "makefile: a failed stage stops make and leaves no output" \
    "exit $rc; $(ls "$T/c/build" "$T/c/out" 2>&1 | tr '\n' ' ')"; fi

# No issue: a message, not a galley-epub waiting on standard input.
mkdir -p "$T/d"
cp examples/Makefile "$T/d/Makefile"
timeout 20 make -C "$T/d" </dev/null >"$T/log6" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q 'no issues' "$T/log6"
then pass "makefile: no issue is an error"
else fail "makefile: no issue is an error" "exit $rc: $(head -n 2 "$T/log6")"; fi

# galley(7) shows this Makefile, comments aside.
if python3 - cmd/galley/galley.7 examples/Makefile <<'PY'
import sys
man = open(sys.argv[1], encoding='utf-8').read().split('\n')
i = man.index('SOURCE_DATE_EPOCH ?= 1630281600')
j = man.index('.Ed', i)
shown = [l.replace('\\&', '').replace('\\e', '\\') for l in man[i:j]]
mk = [l for l in open(sys.argv[2], encoding='utf-8').read().split('\n')
      if not l.startswith('#')]
while mk and mk[0] == '':
    mk.pop(0)
while mk and mk[-1] == '':
    mk.pop()
sys.exit(0 if shown == mk else 1)
PY
then pass "makefile: galley(7) shows examples/Makefile"
else fail "makefile: galley(7) shows examples/Makefile" "they differ"; fi

# The books are valid.
EPUBCHECK=${EPUBCHECK:-/usr/share/java/epubcheck.jar}
if need "$EPUBCHECK" "makefile: epubcheck"; then
	for f in out/volume.epub; do
		java -jar "$EPUBCHECK" "$T/a/$f" >"$T/ec" 2>&1
		if grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$T/ec"
		then pass "makefile: epubcheck $f"
		else fail "makefile: epubcheck $f" "$(grep -E \
		    '^(ERROR|WARNING|FATAL)' "$T/ec" | head -n 3 | tr '\n' ' ')"
		fi
	done
fi
exit 0
