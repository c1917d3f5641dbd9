#!/usr/bin/env bash
# t_man.sh: the man pages and the command-line interface of every tool.
# - every man page renders without warnings (mandoc -Tlint, groff -ww)
#   and has the sections its section number calls for;
# - every tool has -h/--help (usage on stdout, exit 0), --version (exit
#   0), exits 2 with the usage on stderr for an unknown option, and its
#   man page and bash completion know every long option of its usage;
# - the EXAMPLES of every man page run, in a scratch directory holding
#   the inputs listed below.
#
# Runnable examples.  In the EXAMPLES section, each line of a .Dl or of
# a .Bd -literal display that starts (at column 0) with the name of a
# galley tool is a shell command, run with bash -o pipefail in the
# scratch directory with bin/ first in PATH; it must exit 0.  A line
# ending in "\" or "|" continues on the next line.  Other lines (a
# Makefile, sample output) are not run.  A comment line just before a
# display changes this for that display only:
#	.\" example: run	run every line, not only galley ones
#	.\" example: skip	run none
#	.\" example: exit N	expect exit status N
# The commands of one page run in order in one directory, so a later
# example may read what an earlier one wrote.  The inputs there:
#	issue.txt	the sample newspaper page (two articles)
#	page.txt	the same
#	issue-1.txt issue-2.txt	its first and second article (two issues)
#	issue.txt.gz	issue.txt, gzipped
#	issue-gb.txt	issue.txt in GB18030
#	issue.articles	galley-split issue.txt (article stream)
#	issue.mended	... | galley-mend (article stream, mended)
#	issue.tagged	... | galley-tag (tagged stream)
#	article.tagged	the tagged stream of issue-1.txt (one article)
#	meta.tagged	a tagged stream holding meta records only
#	style.css cover.png	a stylesheet and a cover image
. tests/lib.sh

TOOLS="galley galley-split galley-mend galley-tag galley-epub galley-docbook"
TOP=$PWD
SAMPLE=$TOP/fixtures/city-news-2-articles.txt

# The man pages: every tool's page, and every other page in the tree.
pages() {
	local t
	for t in $TOOLS; do echo "cmd/$t/$t.1"; done
	ls cmd/*/*.[1-9] lib/*.[1-9] man/*.[1-9] 2>/dev/null | sort -u |
	    grep -v -x -F -f <(for t in $TOOLS; do echo "cmd/$t/$t.1"; done)
}

# --- rendering and sections --------------------------------------------
have_mandoc=0
need mandoc "man: mandoc" && have_mandoc=1
have_groff=0
need groff "man: groff" && have_groff=1
for p in $(pages); do
	if [ ! -f "$p" ]; then
		fail "man $p" "missing"
		continue
	fi
	if [ $have_mandoc = 1 ]; then
		out=$(mandoc -Tlint -Wwarning "$p" 2>&1)
		if [ -z "$out" ]; then pass "man $p: mandoc -Tlint"
		else fail "man $p: mandoc -Tlint" "$(head -n 3 <<<"$out")"; fi
	fi
	if [ $have_groff = 1 ]; then
		# As man(1) runs it: preconv for UTF-8, a UTF-8 terminal.
		out=$(groff -k -Tutf8 -mandoc -ww -z "$p" 2>&1)
		if [ -z "$out" ]; then pass "man $p: groff -ww"
		else fail "man $p: groff -ww" "$(head -n 3 <<<"$out")"; fi
	fi
	case $p in
	*.1) want="NAME|SYNOPSIS|DESCRIPTION|EXIT STATUS|EXAMPLES|DIAGNOSTICS|SEE ALSO|STANDARDS" ;;
	*.7) want="NAME|DESCRIPTION|EXAMPLES|SEE ALSO" ;;
	*) want="NAME|DESCRIPTION|SEE ALSO" ;;
	esac
	missing=
	IFS='|' read -r -a secs <<<"$want"
	for s in "${secs[@]}"; do
		grep -q -x -E "\.Sh \"?$s\"?" "$p" || missing="$missing, $s"
	done
	if [ -z "$missing" ]; then pass "man $p: sections"
	else fail "man $p: sections" "no ${missing#, }"; fi
done

# --- command-line interface --------------------------------------------
for t in $TOOLS; do
	b=$B/$t
	if [ ! -x "$b" ]; then
		fail "cli $t" "no $b"
		continue
	fi
	for h in -h --help; do
		"$b" $h >"$T/o" 2>"$T/e"
		rc=$?
		if [ $rc = 0 ] && grep -q '^usage: ' "$T/o" && [ ! -s "$T/e" ]
		then pass "cli $t $h"
		else fail "cli $t $h" "exit $rc, or no usage on stdout, or stderr"
		fi
	done
	"$b" --version >"$T/o" 2>"$T/e"
	rc=$?
	if [ $rc = 0 ] && grep -q "^$t (galley) [0-9]" "$T/o"
	then pass "cli $t --version"
	else fail "cli $t --version" "exit $rc: $(head -c 200 "$T/o")"; fi
	"$b" --no-such-option </dev/null >"$T/o" 2>"$T/e"
	rc=$?
	if [ $rc = 2 ] && grep -q '^usage: ' "$T/e" && [ ! -s "$T/o" ]
	then pass "cli $t unknown option"
	else fail "cli $t unknown option" "exit $rc (expected 2 and usage on stderr)"
	fi
	# A full standard output must be an error, not a silent success.
	if [ -w /dev/full ]; then
		"$b" --help >/dev/full 2>"$T/e"
		rc=$?
		if [ $rc = 1 ] && [ -s "$T/e" ]
		then pass "cli $t --help >/dev/full"
		else fail "cli $t --help >/dev/full" "exit $rc, expected 1 and a message"
		fi
	fi
	# Every long option of the usage is in the man page and the completion.
	"$b" --help 2>/dev/null | grep -o -E -- '--[a-z][a-z-]*' | sort -u >"$T/opts"
	sed -e 's/\\-/-/g' -e 's/Fl Fl /Fl -/g' "cmd/$t/$t.1" >"$T/man" \
	    2>/dev/null
	miss=
	while read -r o; do
		grep -q -E -- "Fl -${o#--}([^a-z-]|$)" "$T/man" || miss="$miss $o"
	done <"$T/opts"
	if [ -z "$miss" ]; then pass "cli $t: man page has every option"
	else fail "cli $t: man page has every option" "missing$miss"; fi
	miss=
	words=$(bash -c 'shopt -s extglob
		. contrib/bash-completion/galley
		COMP_WORDS=("$1" -); COMP_CWORD=1
		_galley; echo "${COMPREPLY[*]}"' _ "$t" 2>&1)
	while read -r o; do
		grep -q -w -- "$o" <<<"$words" || miss="$miss $o"
	done <"$T/opts"
	if [ -z "$miss" ]; then pass "cli $t: bash completion has every option"
	else fail "cli $t: bash completion has every option" "missing$miss"; fi
	"$b" --help >"$T/usage" 2>/dev/null
	extra=
	for w in $words; do
		case $w in
		--help|--version) continue ;;
		--output) w=-o ;;
		--format) w=-f ;;
		esac
		grep -q -w -- "$w" "$T/usage" || extra="$extra $w"
	done
	if [ -z "$extra" ]; then pass "cli $t: bash completion offers only its options"
	else fail "cli $t: bash completion offers only its options" "$extra"; fi
done

# The inputs the examples may use (see the head of this file).
setup() {
	local d=$1
	cp "$SAMPLE" "$d/issue.txt"
	cp "$SAMPLE" "$d/page.txt"
	sed -n '1,38p' "$SAMPLE" >"$d/issue-1.txt"
	sed -n '39,$p' "$SAMPLE" >"$d/issue-2.txt"
	gzip -n -c "$SAMPLE" >"$d/issue.txt.gz"
	iconv -f UTF-8 -t GB18030 "$SAMPLE" >"$d/issue-gb.txt"
	"$B/galley-split" "$SAMPLE" >"$d/issue.articles" 2>/dev/null
	"$B/galley-mend" "$d/issue.articles" >"$d/issue.mended" 2>/dev/null
	"$B/galley-tag" "$d/issue.mended" >"$d/issue.tagged" 2>/dev/null
	"$B/galley-split" "$d/issue-1.txt" 2>/dev/null | "$B/galley-mend" |
	    "$B/galley-tag" >"$d/article.tagged" 2>/dev/null
	printf 'galley-tagged\t1\nmeta\ttitle\tCity News\nmeta\tpublisher\tCity News\n' \
	    >"$d/meta.tagged"
	printf 'p { text-indent: 2em; }\n' >"$d/style.css"
	# A 1x1 PNG.
	printf '%s' 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC' |
	    base64 -d >"$d/cover.png"
}

# --- DIAGNOSTICS ---------------------------------------------------------
# Every message in a tool's golden .err files is listed in the
# DIAGNOSTICS section of its man page: the words of the message up to
# its first variable part (a quote, a digit, a colon) must appear there,
# or the message must match an entry (.It) where an argument (Ar x, or
# %s) stands for anything.  The stream readers' messages may be listed
# in galley(5) instead.
# System errors ("file: No such file or directory") are covered by the
# generic "file: reason" entry and not checked.
for t in $TOOLS; do
	[ -d "fixtures/$t" ] && [ -f "cmd/$t/$t.1" ] || continue
	miss=$(python3 - "$t" <<'EOF'
import glob, re, sys
t = sys.argv[1]
# The tool's DIAGNOSTICS, and those of galley(5) (the stream readers').
d = ''
for f in ('cmd/%s/%s.1' % (t, t), 'lib/galley.5'):
    man = open(f, encoding='utf-8').read()
    m = re.search(r'^\.Sh DIAGNOSTICS\n(.*?)(^\.Sh |\Z)', man, re.S | re.M)
    d += m.group(1) if m else ''
raw = d
for a, b in (('\\(aq', "'"), ('\\(dq', '"'), ('\\-', '-'), ('\\&', ''),
             ('\\e', '\\')):
    d = d.replace(a, b)
d = re.sub(r'^\.[A-Z][a-z]+ ?', '', d, flags=re.M)
d = re.sub(r'\b(Ar|Fl|Cm|Pa|Sq|Dq|Ql|Ns|Li|Ic|Va|Em|Qq|Pq) ', '', d)
d = ' '.join(d.split())
# Each .It entry as a pattern: an argument (Ar x) matches anything.
pats = []
macros = {'Sy', 'Em', 'Li', 'Ql', 'Dq', 'Sq', 'Cm', 'Pa', 'Ic', 'Va', 'Qq',
          'Pq', 'Fl'}
for l in raw.split('\n'):
    if not l.startswith('.It '):
        continue
    toks = re.findall(r'"[^"]*"|\S+', l[4:])
    out, skip = [], False
    for i, k in enumerate(toks):
        if skip:
            skip = False
            continue
        k = k.strip('"')
        if k == 'Ar':
            out.append('.+?')
            skip = True
        elif k in macros or k == 'Ns':
            continue
        else:
            for a, b in (('\\(aq', "'"), ('\\(dq', '"'), ('\\-', '-'),
                         ('\\&', ''), ('\\e', '\\')):
                k = k.replace(a, b)
            out.append('.+?'.join(re.escape(x) for x in
                       re.split(r'%z?[sdu]', k)))
    if out:
        pats.append(re.compile(r'\s*'.join(out)))
keys = set()
for f in glob.glob('fixtures/%s/*.err' % t):
    for l in open(f, encoding='utf-8', errors='replace'):
        l = re.sub(r'^[a-z-]+: ([^:]*(:\d+)*: )?', '', l.rstrip('\n'))
        l = re.sub(r'^warning: ', '', l)
        k = ' '.join(re.split(r"[:'\"0-9(]", l)[0].split()[:5])
        if k and not k[0].isupper() and \
                not any(p.search(l) for p in pats):
            keys.add(k)
print('; '.join(sorted(k for k in keys if k not in d)))
EOF
)
	if [ -z "$miss" ]; then pass "man $t: DIAGNOSTICS lists its fixtures' messages"
	else fail "man $t: DIAGNOSTICS lists its fixtures' messages" "$miss"; fi
done

# --- files, "-" and standard input; standard output checked -------------
# input TOOL: a file the tool reads.  args TOOL OUT: its output options.
input() {
	case $1 in
	galley-mend) echo "$IN/issue.articles" ;;
	galley-tag) echo "$IN/issue.mended" ;;
	galley-epub|galley-docbook) echo "$IN/issue.tagged" ;;
	*) echo "$IN/issue.txt" ;;
	esac
}
IN=$T/in
mkdir -p "$IN"
setup "$IN"
for t in $TOOLS; do
	b=$B/$t
	[ -x "$b" ] || continue
	in=$(input "$t")
	opt=
	case $t in
	galley) opt="-f docbook" ;;
	galley-epub) opt="-o $T/x.epub" ;;
	esac
	# shellcheck disable=SC2086
	"$b" $opt "$in" >"$T/f.out" 2>/dev/null
	[ "$t" = galley-epub ] && mv "$T/x.epub" "$T/f.out"
	# shellcheck disable=SC2086
	"$b" $opt - <"$in" >"$T/d.out" 2>/dev/null
	[ "$t" = galley-epub ] && mv "$T/x.epub" "$T/d.out"
	# shellcheck disable=SC2086
	"$b" $opt <"$in" >"$T/s.out" 2>/dev/null
	[ "$t" = galley-epub ] && mv "$T/x.epub" "$T/s.out"
	if [ -s "$T/f.out" ] && cmp -s "$T/f.out" "$T/d.out" &&
	    cmp -s "$T/f.out" "$T/s.out"
	then pass "cli $t: file, - and standard input agree"
	else fail "cli $t: file, - and standard input agree" "outputs differ"
	fi
	# shellcheck disable=SC2086
	"$b" $opt /nonexistent/file </dev/null >/dev/null 2>"$T/e"
	rc=$?
	if [ $rc = 1 ] && grep -q "^$t: /nonexistent/file: " "$T/e"
	then pass "cli $t: missing file exits 1"
	else fail "cli $t: missing file exits 1" "exit $rc: $(head -c 200 "$T/e")"
	fi
	[ "$t" = galley-epub ] && continue
	if [ -w /dev/full ]; then
		# shellcheck disable=SC2086
		"$b" $opt "$in" >/dev/full 2>"$T/e"
		rc=$?
		if [ $rc = 1 ] && grep -q "^$t: .*No space" "$T/e"
		then pass "cli $t: full disk on standard output exits 1"
		else fail "cli $t: full disk on standard output exits 1" \
		    "exit $rc: $(head -c 200 "$T/e")"
		fi
	fi
done

# --- bash completion of option arguments ---------------------------------
# complete WORDS...: what the completion offers for the last word.
complete_words() {
	(cd "$IN" && bash -c '. "$1/contrib/bash-completion/galley"
		shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_galley; echo "${COMPREPLY[*]}"' _ "$TOP" "$@" 2>&1)
}
while IFS='|' read -r words want; do
	# shellcheck disable=SC2086
	got=$(complete_words $words "")
	if [ "$got" = "$want" ]; then pass "completion: $words"
	else fail "completion: $words" "got '$got', want '$want'"; fi
done <<'EOF'
galley-mend --lang|auto cjk latin
galley --lang|auto cjk latin
galley -f|epub docbook
galley-docbook --root|book article
galley --css|style.css
galley-epub --cover|cover.png
EOF

# --- EXAMPLES ----------------------------------------------------------
# Print the runnable commands of a page, each as "STATUS<TAB>COMMAND"
# ended by a NUL byte.
examples() {
	python3 - "$1" <<'EOF'
import re, sys
esc = {'e': '\\', '-': '-', '&': '', '.': '.', ' ': ' ', '~': ' ',
       '0': ' ', '|': '', '^': ''}
named = {'aq': "'", 'dq': '"', 'rs': '\\', 'ti': '~', 'ha': '^',
         'lq': '"', 'rq': '"', 'oq': "'", 'cq': "'", 'em': '--',
         'en': '-', 'ga': '`', 'at': '@', 'sh': '#', 'Do': '$',
         'lB': '[', 'rB': ']', 'lC': '{', 'rC': '}', 'ba': '|'}
def unescape(s):
    def rep(m):
        t = m.group(1)
        if t.startswith('('):
            return named.get(t[1:], '?')
        if t.startswith('['):
            return named.get(t[1:-1], '?')
        return esc.get(t, t)
    return re.sub(r'\\(\(..|\[[^]]*\]|.)', rep, s)
tool = re.compile(r'^galley(-[a-z]+)?(\s|$)')
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
inex = False
mode, status = 'galley', 0
out = []
i = 0
def take(text, mode, status, cont):
    if mode == 'skip':
        return cont
    if cont is not None:
        cont[1].append(text)
        return cont
    if mode == 'run' or tool.match(text):
        return [status, [text]]
    return None
def flush(cur):
    if cur is not None:
        out.append('%d\t%s\0' % (cur[0], '\n'.join(cur[1])))
while i < len(lines):
    l = lines[i]
    i += 1
    if l.startswith('.Sh '):
        inex = l[4:].strip().strip('"') == 'EXAMPLES'
        continue
    if not inex:
        continue
    m = re.match(r'^\.\\"\s*example:\s*(run|skip|exit\s+(\d+))\s*$', l)
    if m:
        if m.group(2):
            mode, status = 'galley', int(m.group(2))
        else:
            mode, status = m.group(1), 0
        continue
    display = []
    if l.startswith('.Dl '):
        display = [unescape(l[4:])]
    elif l.startswith('.Bd') and '-literal' in l:
        while i < len(lines) and not lines[i].startswith('.Ed'):
            if not lines[i].startswith('.'):
                display.append(unescape(lines[i]))
            i += 1
        i += 1
    else:
        continue
    cur = None
    for d in display:
        cur = take(d, mode, status, cur)
        if cur is not None and not re.search(r'(\\|\|)\s*$', d):
            flush(cur)
            cur = None
    flush(cur)
    mode, status = 'galley', 0
sys.stdout.write(''.join(out))
EOF
}

for p in $(pages); do
	[ -f "$p" ] || continue
	d=$(mktemp -d "$T/ex.XXXXXX")
	setup "$d"
	n=0
	while IFS= read -r -d '' rec; do
		want=${rec%%$'\t'*}
		cmd=${rec#*$'\t'}
		n=$((n + 1))
		(cd "$d" && PATH=$B:$PATH timeout 120 bash -o pipefail -c "$cmd" </dev/null) \
		    >"$T/o" 2>"$T/e"
		rc=$?
		label="example $p: $(head -n 1 <<<"$cmd" | cut -c1-60)"
		if [ "$rc" = "$want" ]; then pass "$label"
		else fail "$label" "exit $rc, expected $want: $(head -c 300 "$T/e")"
		fi
	done < <(examples "$p")
	case $p in
	*.[17]) [ $n != 0 ] || fail "example $p" "no runnable example" ;;
	esac
done
exit 0
