#!/usr/bin/env bash
# t_install.sh: make install with DESTDIR and PREFIX puts every binary,
# man page (sections 1, 5 and 7), the docbook-xsl customisation layer
# and the bash completion where they belong; the installed tools run;
# make uninstall leaves nothing behind.  Then make dist: a reproducible
# tarball of the committed tree that builds on its own and passes the
# golden tests there (GALLEY_DISTCHECK=full runs all its tests).
. tests/lib.sh

TOOLS="galley galley-split galley-mend galley-tag galley-epub galley-docbook"
unset MAKEFLAGS MFLAGS MAKELEVEL
R=$T/root

if make -s install DESTDIR="$R" PREFIX=/usr >"$T/log" 2>&1
then pass "install: make install DESTDIR PREFIX=/usr"
else fail "install: make install DESTDIR PREFIX=/usr" "$(tail -n 3 "$T/log")"; fi

miss=
for t in $TOOLS; do
	[ -x "$R/usr/bin/$t" ] || miss="$miss usr/bin/$t"
	[ -f "$R/usr/share/man/man1/$t.1" ] || miss="$miss man1/$t.1"
	[ -e "$R/usr/share/bash-completion/completions/$t" ] ||
	    miss="$miss completions/$t"
done
[ -f "$R/usr/share/man/man5/galley.5" ] || miss="$miss man5/galley.5"
[ -f "$R/usr/share/man/man7/galley.7" ] || miss="$miss man7/galley.7"
for f in xsl/*.xsl; do
	[ -f "$f" ] || continue
	[ -f "$R/usr/share/galley/$f" ] || miss="$miss share/galley/$f"
done
if [ -z "$miss" ]; then pass "install: every file in place"
else fail "install: every file in place" "missing$miss"; fi

stray=$(cd "$R" && find . -type f -o -type l | grep -v -E \
    '^\./usr/(bin/galley|share/man/man[157]/galley|share/galley/xsl/|share/bash-completion/completions/galley)')
if [ -z "$stray" ]; then pass "install: nothing outside its places"
else fail "install: nothing outside its places" "$(head -n 3 <<<"$stray")"; fi

bad=
for t in $TOOLS; do
	"$R/usr/bin/$t" --version >/dev/null 2>&1 || bad="$bad $t"
done
if [ -z "$bad" ]; then pass "install: installed tools run"
else fail "install: installed tools run" "$bad"; fi

out=$(bash -c '. "$1/usr/share/bash-completion/completions/galley-mend" &&
	complete -p galley-mend' _ "$R" 2>&1)
if grep -q _galley <<<"$out"; then pass "install: completion loads"
else fail "install: completion loads" "$out"; fi

if need mandoc "install: installed man pages render"; then
	if mandoc -Tlint -Wwarning "$R"/usr/share/man/man*/* >"$T/lint" 2>&1
	then pass "install: installed man pages render"
	else fail "install: installed man pages render" "$(head -n 2 "$T/lint")"
	fi
fi

# The installed customisation layer finds its shared part.
if [ -f "$R/usr/share/galley/xsl/galley-html.xsl" ] &&
    need xsltproc "install: installed xsl layer works"; then
	"$B/galley" -f docbook fixtures/city-news-2-articles.txt \
	    >"$T/book.xml" 2>/dev/null
	if xsltproc --nonet -o "$T/book.html" \
	    "$R/usr/share/galley/xsl/galley-html.xsl" "$T/book.xml" \
	    >"$T/xlog" 2>&1 && grep -q '<html' "$T/book.html"
	then pass "install: installed xsl layer works"
	else fail "install: installed xsl layer works" "$(head -n 2 "$T/xlog")"
	fi
fi

if make -s uninstall DESTDIR="$R" PREFIX=/usr >"$T/log" 2>&1
then pass "install: make uninstall"
else fail "install: make uninstall" "$(tail -n 3 "$T/log")"; fi
left=$(cd "$R" && find . -type f -o -type l)
if [ -z "$left" ] && [ ! -e "$R/usr/share/galley" ]
then pass "install: uninstall leaves nothing behind"
else fail "install: uninstall leaves nothing behind" "$(head -n 3 <<<"$left")"
fi

# make dist, from a git work tree only.
if [ "$(git rev-parse --show-toplevel 2>/dev/null)" != "$PWD" ]; then
	echo "SKIP dist: not the top of a git work tree"
	exit 0
fi
v=$(sed -n 's/^#define GALLEY_VERSION[^"]*"\(.*\)"/\1/p' lib/galley.h)
tgz=galley-$v.tar.gz
if make -s dist >"$T/log" 2>&1 && [ -f "$tgz" ]; then
	mv "$tgz" "$T/1.tar.gz"
	pass "dist: make dist writes $tgz"
else
	fail "dist: make dist writes $tgz" "$(tail -n 3 "$T/log")"
	exit 0
fi
make -s dist >/dev/null 2>&1 && mv "$tgz" "$T/2.tar.gz"
if cmp -s "$T/1.tar.gz" "$T/2.tar.gz"; then pass "dist: reproducible"
else fail "dist: reproducible" "two runs differ"; fi
tar -tzf "$T/1.tar.gz" >"$T/list"
if grep -q -v "^galley-$v/" "$T/list"; then
	fail "dist: one top directory" "$(grep -v "^galley-$v/" "$T/list" | head -n 2)"
elif grep -q -E '(\.o|\.a|/bin/.+)$' "$T/list"; then
	fail "dist: no built files" "$(grep -E '(\.o|\.a|/bin/.+)$' "$T/list" | head -n 2)"
else
	pass "dist: one top directory, no built files"
fi
miss=
for f in Makefile README.md lib/galley.h lib/galley.5 cmd/galley/galley.7 \
    contrib/bash-completion/galley examples/Makefile tests/run; do
	grep -q -x "galley-$v/$f" "$T/list" || miss="$miss $f"
done
if [ -z "$miss" ]; then pass "dist: holds the sources"
else fail "dist: holds the sources" "missing$miss"; fi

mkdir -p "$T/dist"
tar -xzf "$T/1.tar.gz" -C "$T/dist"
D=$T/dist/galley-$v
if make -C "$D" -s all >"$T/log" 2>&1; then pass "dist: builds on its own"
else
	fail "dist: builds on its own" "$(grep -E 'error|Error' "$T/log" | head -n 3)"
	exit 0
fi
if [ "${GALLEY_DISTCHECK:-}" = full ]; then
	t=tests/run
else
	t="tests/run tests/t_golden.sh"
fi
(cd "$D" && env -u GALLEY_TOP $t) >"$T/log" 2>&1
last=$(tail -n 1 "$T/log")
if grep -q -E '^[0-9]+ passed, 0 failed$' <<<"$last"
then pass "dist: its tests pass there ($last)"
else fail "dist: its tests pass there" "$(grep '^FAIL' "$T/log" | head -n 3) $last"
fi
exit 0
