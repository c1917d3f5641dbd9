#!/usr/bin/env bash
# t_badinput.sh: every bad input answered (issue 6, item 2).  Table
# driven, one line per case (after the end of this comment block):
#
#   name | tool [args] | status | message | input | checks
#
# (columns separated by " | ", so that an ERE may hold "a|b").
# tool      a galley tool and its options; the input file "in" is added
#           as the last argument, or given on standard input when the
#           input column starts with "<" ("<stdin>" in messages).
# status    the documented exit status (0, 1, 2, or "0|1" when either
#           is right, as for bytes an encoding detector may take).
# message   an ERE for the one error message when status is not 0
#           (exactly one line that is not a warning must match), or,
#           when status is 0, for every line of stderr; "-" means stderr
#           must be empty.  TOOL and IN stand for the tool and input
#           names; the ERE is anchored at both ends.
# input     the name of a gen_* function below that writes the input.
# checks    extra checks, space-separated: empty (stdout empty), hdr
#           (stdout is only the tagged header), has=TEXT (stdout holds
#           TEXT), nocr (no CR in stdout), min=N (stdout at least N
#           bytes), wf (stdout or the output file is well-formed XML),
#           full / pipe / shut (standard output is /dev/full, a pipe
#           whose reader has gone, or closed).
#
# RO in the tool and message columns is a folder that cannot be
# written: a mode 555 folder, or /sys for root (who may write to any
# folder of a normal file system).
#
# Always checked: the status, no crash or sanitizer report, every stderr
# line shaped "tool: file[:line[:col]]: message" with no final period
# and shorter than 1000 bytes (quoted input is shortened),
# and, for a tool writing a file with -o: on failure no file at that
# path, an existing file there left as it was, and no temporary file
# left beside it; on success the file is there.
. tests/lib.sh

W=$T/w
mkdir -p "$W/out" "$W/ro"
cd "$W" || exit 1

tab=$'\t'
RO=ro
[ "$(id -u)" = 0 ] && RO=/sys

# --- Inputs ------------------------------------------------------------

gen_empty() { : >in; }
gen_blank() { printf '\n\n   \n\t\n\n' >in; }
gen_noheadline() {
	printf 'this text has no headline at all, only a sentence that runs on\nover a few lines, as a letter would, and then it ends.\n' >in
}
# 10 MB on one line, no newline at the end.
gen_hugeline() { head -c 10000000 /dev/zero | tr '\0' 'a' >in; }
gen_millionblank() { yes '' | head -n 1000000 >in; }
gen_nul() { printf 'Headline\n\nabc\0def and more text.\n' >in; }
gen_nul1() { printf 'abc\0def\n' >in; }
gen_overlong() { printf 'Headline\n\ntext \xc0\xaf here\n' >in; }
gen_surrogate() { printf 'Headline\n\ntext \xed\xa0\x80 here\n' >in; }
gen_truncated() { printf 'Headline\n\ntext ends in \xe4\xb8' >in; }
gen_stray() { printf 'Headline\n\n\x80stray continuation\n' >in; }
gen_utf16() {
	printf 'Headline\n\nSome text in UTF-16, with no byte order mark.\n' |
	    iconv -f UTF-8 -t UTF-16LE >in
}
gen_cr() { printf 'Headline\r\rFirst paragraph line one\rline two.\r' >in; }
gen_binary() {
	python3 -c 'import random, sys
r = random.Random(6)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))' >in
}
gen_tagged() {
	printf 'galley-tagged\t1\nmeta\ttitle\tBad input\nmeta\tlanguage\ten\narticle\ta1\ntitle\tA headline\npara\tSome text.\n' >in
}
gen_t_unknown() { gen_tagged; printf 'bogus\tfield\n' >>in; }
gen_t_missing() { gen_tagged; printf 'heading\t1\n' >>in; }
gen_t_escape() { gen_tagged; printf 'para\tback\\qslash\n' >>in; }
gen_t_version() { printf 'galley-tagged\t2\narticle\ntitle\tA\n' >in; }
gen_t_cut() { gen_tagged; printf 'para\tcut in the mid' >>in; }
gen_t_hugepara() {
	gen_tagged
	{ printf 'para\t'; head -c 10000000 /dev/zero | tr '\0' 'a'; echo; } >>in
}
gen_t_hugecut() {
	gen_tagged
	{ printf 'para\t'; head -c 10000000 /dev/zero | tr '\0' 'a'; } >>in
}
gen_t_nul() { gen_tagged; printf 'para\tnul\0here\n' >>in; }
gen_t_badutf8() { gen_tagged; printf 'para\tbad \xff here\n' >>in; }
gen_t_crlf() { gen_tagged; printf 'para\tcrlf line\r\n' >>in; }
gen_t_empty_article() { printf 'galley-tagged\t1\narticle\n' >in; }
gen_t_version_long() {
	{ printf 'galley-tagged\t'; head -c 5000 /dev/zero | tr '\0' 'v'
	  printf '\tmore\narticle\n'; } >in
}
gen_t_version_mid() { gen_tagged; printf 'galley-tagged\t2\npara\tx\n' >>in; }
gen_t_level7() { gen_tagged; printf 'heading\t7\tToo deep\n' >>in; }
gen_t_level_x() { gen_tagged; printf 'heading\tx\tNot a level\n' >>in; }
gen_t_late_meta() { gen_tagged; printf 'meta\ttitle\tLate\n' >>in; }
gen_t_bad_meta() { gen_tagged; sed 's/^meta\ttitle/meta\tcolour/' in >in.t; mv in.t in; }
gen_dir() { mkdir in; }
gen_missing() { :; }
# Raw text through split, mend and tag, for the writers.
gen_t_noheadline() {
	gen_noheadline
	"$B/galley-split" in | "$B/galley-mend" | "$B/galley-tag" >in.t &&
	    mv in.t in
}

# --- The cases -----------------------------------------------------------

CASES="
empty-split          | galley-split | 0 | - | empty | empty
empty-split-stdin    | galley-split | 0 | - | <empty | empty
empty-mend           | galley-mend  | 0 | - | empty | empty
empty-mend-stdin     | galley-mend  | 0 | - | <empty | empty
empty-tag            | galley-tag   | 0 | - | empty | hdr
empty-epub           | galley-epub -o out/book.epub | 1 | TOOL: IN: no article in the input | empty |
empty-epub-stdin     | galley-epub -o out/book.epub | 1 | TOOL: <stdin>: no article in the input | <empty |
empty-docbook        | galley-docbook | 0 | TOOL: IN: warning: .* | empty | wf
blank-split          | galley-split | 0 | - | blank | empty
blank-mend           | galley-mend  | 0 | - | blank | empty
blank-tag            | galley-tag   | 0 | - | blank | hdr
noheadline-split     | galley-split | 0 | - | noheadline | has=no_headline
noheadline-mend      | galley-mend  | 0 | - | noheadline | has=runs_on_over
noheadline-tag       | galley-tag   | 0 | - | noheadline | has=para
noheadline-epub      | galley-epub -o out/book.epub | 0 | TOOL: IN(:[0-9]+)*: warning: .* | t_noheadline |
noheadline-docbook   | galley-docbook | 0 | TOOL: IN(:[0-9]+)*: warning: .* | t_noheadline | wf
hugeline-split       | galley-split | 0 | - | hugeline | min=10000000
hugeline-mend        | galley-mend  | 0 | - | hugeline | min=10000000
hugeline-tag         | galley-tag   | 0 | - | hugeline | min=10000000
millionblank-split   | galley-split | 0 | - | millionblank | empty
millionblank-mend    | galley-mend  | 0 | - | millionblank | empty
millionblank-tag     | galley-tag   | 0 | - | millionblank | hdr
nul-split            | galley-split | 0 | TOOL: IN(:[0-9]+)*: warning: control character 0x00 replaced by U\+FFFD | nul | has=def
nul-mend             | galley-mend  | 1 | TOOL: IN:1:4: NUL byte in input \(run galley-split first\) | nul1 |
nul-tag              | galley-tag   | 1 | TOOL: IN:3:4: NUL byte in input \(run galley-split first\) | nul |
overlong-split       | galley-split --encoding UTF-8 | 1 | TOOL: IN(:[0-9]+)*: invalid UTF-8 at byte 15 | overlong |
overlong-split-auto  | galley-split | 0|1 | TOOL: IN(:[0-9]+)*: (warning: )?.* | overlong |
overlong-mend        | galley-mend  | 1 | TOOL: IN:3:6: invalid UTF-8 \(run galley-split first\) | overlong |
overlong-tag         | galley-tag   | 1 | TOOL: IN:3:6: invalid UTF-8 \(run galley-split first\) | overlong |
surrogate-split      | galley-split --encoding UTF-8 | 1 | TOOL: IN(:[0-9]+)*: invalid UTF-8 at byte 15 | surrogate |
surrogate-mend       | galley-mend  | 1 | TOOL: IN:3:6: invalid UTF-8 \(run galley-split first\) | surrogate |
surrogate-tag        | galley-tag   | 1 | TOOL: IN:3:6: invalid UTF-8 \(run galley-split first\) | surrogate |
truncated-split      | galley-split --encoding UTF-8 | 1 | TOOL: IN(:[0-9]+)*: invalid UTF-8 at byte 23 | truncated |
truncated-split-lossy | galley-split --encoding UTF-8 --lossy | 0 | TOOL: IN(:[0-9]+)*: warning: (invalid UTF-8 at byte 23, replaced by U\+FFFD|[0-9]+ undecodable byte sequences replaced by U\+FFFD) | truncated | has=ends_in
truncated-mend       | galley-mend  | 1 | TOOL: IN:3:14: invalid UTF-8 \(run galley-split first\) | truncated |
truncated-tag        | galley-tag   | 1 | TOOL: IN:3:14: invalid UTF-8 \(run galley-split first\) | truncated |
stray-split          | galley-split --encoding UTF-8 | 1 | TOOL: IN(:[0-9]+)*: invalid UTF-8 at byte 10 | stray |
stray-mend           | galley-mend  | 1 | TOOL: IN:3:1: invalid UTF-8 \(run galley-split first\) | stray |
stray-tag            | galley-tag   | 1 | TOOL: IN:3:1: invalid UTF-8 \(run galley-split first\) | stray |
utf16-split          | galley-split | 0 | - | utf16 | has=no_byte_order_mark
utf16-mend           | galley-mend  | 1 | TOOL: IN:1:2: NUL byte in input \(run galley-split first\) | utf16 |
utf16-tag            | galley-tag   | 1 | TOOL: IN:1:2: NUL byte in input \(run galley-split first\) | utf16 |
cr-split             | galley-split | 0 | - | cr | nocr has=line_two
cr-mend              | galley-mend  | 0 | - | cr |
cr-tag               | galley-tag   | 0 | - | cr |
binary-split         | galley-split | 0|1 | TOOL: IN(:[0-9]+)*: .* | binary |
binary-split-utf8    | galley-split --encoding UTF-8 | 1 | TOOL: IN(:[0-9]+)*: invalid UTF-8 at byte [0-9]+ | binary |
binary-mend          | galley-mend  | 1 | TOOL: IN:[0-9]+:[0-9]+: (invalid UTF-8|NUL byte in input) \(run galley-split first\) | binary |
binary-tag           | galley-tag   | 1 | TOOL: IN:[0-9]+:[0-9]+: (invalid UTF-8|NUL byte in input) \(run galley-split first\) | binary |
binary-epub          | galley-epub -o out/book.epub | 1 | TOOL: IN:1(:[0-9]+)?: .*(run galley-tag first|run galley-split first).* | binary |
binary-docbook       | galley-docbook | 1 | TOOL: IN:1(:[0-9]+)?: .*(run galley-tag first|run galley-split first).* | binary |
tagged-mend          | galley-mend  | 1 | TOOL: IN:1: a tagged stream, not an article stream \(galley-tag has run already\) | tagged |
tagged-tag           | galley-tag   | 1 | TOOL: IN:1: a tagged stream, not an article stream \(galley-tag has run already\) | tagged |
raw-epub             | galley-epub -o out/book.epub | 1 | TOOL: IN:1: not a tagged stream \(run galley-tag first\) | noheadline |
raw-docbook          | galley-docbook | 1 | TOOL: IN:1: not a tagged stream \(run galley-tag first\) | noheadline |
unknown-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN:7:1: unknown record kind 'bogus' | t_unknown |
unknown-docbook      | galley-docbook | 1 | TOOL: IN:7:1: unknown record kind 'bogus' | t_unknown |
missing-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN:7: 'heading' record takes 2 fields, found 1 | t_missing |
missing-docbook      | galley-docbook | 1 | TOOL: IN:7: 'heading' record takes 2 fields, found 1 | t_missing |
escape-epub          | galley-epub -o out/book.epub | 1 | TOOL: IN:7:[0-9]+: bad escape '\\\\q' | t_escape |
escape-docbook       | galley-docbook | 1 | TOOL: IN:7:[0-9]+: bad escape '\\\\q' | t_escape |
version-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN:1: tagged stream version '2' not supported \(this galley reads version 1\) | t_version |
version-docbook      | galley-docbook | 1 | TOOL: IN:1: tagged stream version '2' not supported \(this galley reads version 1\) | t_version |
cut-epub             | galley-epub -o out/book.epub | 1 | TOOL: IN:7: last line cut short \(no newline at end\) | t_cut |
cut-docbook          | galley-docbook | 1 | TOOL: IN:7: last line cut short \(no newline at end\) | t_cut |
hugecut-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN:7: last line cut short \(no newline at end\) | t_hugecut |
hugecut-docbook      | galley-docbook | 1 | TOOL: IN:7: last line cut short \(no newline at end\) | t_hugecut |
hugepara-epub        | galley-epub -o out/book.epub | 0 | - | t_hugepara |
hugepara-docbook     | galley-docbook | 0 | - | t_hugepara | wf min=10000000
tnul-epub            | galley-epub -o out/book.epub | 1 | TOOL: IN:7:9: NUL byte in input \(not a tagged stream; run galley-tag first\) | t_nul |
tnul-docbook         | galley-docbook | 1 | TOOL: IN:7:9: NUL byte in input \(not a tagged stream; run galley-tag first\) | t_nul |
tutf8-epub           | galley-epub -o out/book.epub | 1 | TOOL: IN:7:10: invalid UTF-8 \(not a tagged stream; run galley-tag first\) | t_badutf8 |
tutf8-docbook        | galley-docbook | 1 | TOOL: IN:7:10: invalid UTF-8 \(not a tagged stream; run galley-tag first\) | t_badutf8 |
tcrlf-epub           | galley-epub -o out/book.epub | 0|1 | TOOL: IN:7(:[0-9]+)?: .* | t_crlf |
tcrlf-docbook        | galley-docbook | 0|1 | TOOL: IN:7(:[0-9]+)?: .* | t_crlf | wf
emptyart-epub        | galley-epub -o out/book.epub | 0|1 | TOOL: IN(:[0-9]+)*: .* | t_empty_article |
emptyart-docbook     | galley-docbook | 0|1 | TOOL: IN(:[0-9]+)*: .* | t_empty_article | wf
verlong-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN:1: tagged stream version 'v+.*' not supported \(this galley reads version 1\) | t_version_long |
verlong-docbook      | galley-docbook | 1 | TOOL: IN:1: tagged stream version 'v+.*' not supported \(this galley reads version 1\) | t_version_long |
vermid-epub          | galley-epub -o out/book.epub | 1 | TOOL: IN:7: tagged stream version '2' not supported \(this galley reads version 1\) | t_version_mid |
vermid-docbook       | galley-docbook | 1 | TOOL: IN:7: tagged stream version '2' not supported \(this galley reads version 1\) | t_version_mid |
level7-epub          | galley-epub -o out/book.epub | 1 | TOOL: IN:7(:[0-9]+)?: heading level '7' is not 1 to 6 | t_level7 |
level7-docbook       | galley-docbook | 1 | TOOL: IN:7(:[0-9]+)?: heading level '7' is not 1 to 6 | t_level7 |
levelx-epub          | galley-epub -o out/book.epub | 1 | TOOL: IN:7(:[0-9]+)?: heading level 'x' is not 1 to 6 | t_level_x |
levelx-docbook       | galley-docbook | 1 | TOOL: IN:7(:[0-9]+)?: heading level 'x' is not 1 to 6 | t_level_x |
latemeta-epub        | galley-epub -o out/book.epub | 1 | TOOL: IN:7(:[0-9]+)?: meta record after the first article | t_late_meta |
latemeta-docbook     | galley-docbook | 1 | TOOL: IN:7(:[0-9]+)?: meta record after the first article | t_late_meta |
badmeta-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN:2(:[0-9]+)?: unknown meta key 'colour' .* | t_bad_meta |
badmeta-docbook      | galley-docbook | 1 | TOOL: IN:2(:[0-9]+)?: unknown meta key 'colour' .* | t_bad_meta |
dir-split            | galley-split | 1 | TOOL: IN(:1)?: (read error: )?Is a directory | dir |
dir-mend             | galley-mend  | 1 | TOOL: IN(:1)?: (read error: )?Is a directory | dir |
dir-tag              | galley-tag   | 1 | TOOL: IN(:1)?: (read error: )?Is a directory | dir |
dir-epub             | galley-epub -o out/book.epub | 1 | TOOL: IN(:1)?: (read error: )?Is a directory | dir |
dir-docbook          | galley-docbook | 1 | TOOL: IN(:1)?: (read error: )?Is a directory | dir |
missing-split        | galley-split | 1 | TOOL: IN: No such file or directory | missing |
missing-mend         | galley-mend  | 1 | TOOL: IN: No such file or directory | missing |
missing-tag          | galley-tag   | 1 | TOOL: IN: No such file or directory | missing |
missing-epub         | galley-epub -o out/book.epub | 1 | TOOL: IN: No such file or directory | missing |
missing-docbook      | galley-docbook | 1 | TOOL: IN: No such file or directory | missing |
nodir-epub           | galley-epub -o nodir/book.epub | 1 | TOOL: nodir/book.epub: .*No such file or directory | tagged |
nodir-docbook        | galley-docbook -o nodir/book.xml | 1 | TOOL: nodir/book.xml: .*No such file or directory | tagged |
rodir-epub           | galley-epub -o RO/book.epub | 1 | TOOL: RO/book.epub: .*Permission denied | tagged |
rodir-docbook        | galley-docbook -o RO/book.xml | 1 | TOOL: RO/book.xml: .*Permission denied | tagged |
isdir-epub           | galley-epub -o out | 1 | TOOL: out: .* | tagged |
ok-epub              | galley-epub -o out/book.epub | 0 | - | tagged |
ok-docbook-o         | galley-docbook -o out/book.xml | 0 | - | tagged | wf
full-split           | galley-split | 1 | TOOL: <stdout>: No space left on device | noheadline | full
full-mend            | galley-mend  | 1 | TOOL: <stdout>: No space left on device | noheadline | full
full-tag             | galley-tag   | 1 | TOOL: <stdout>: No space left on device | noheadline | full
full-docbook         | galley-docbook | 1 | TOOL: <stdout>: No space left on device | tagged | full
full-split-huge      | galley-split | 1 | TOOL: <stdout>: No space left on device | hugeline | full
full-mend-huge       | galley-mend  | 1 | TOOL: <stdout>: No space left on device | hugeline | full
pipe-split           | galley-split | 1 | TOOL: <stdout>: Broken pipe | noheadline | pipe
pipe-mend            | galley-mend  | 1 | TOOL: <stdout>: Broken pipe | noheadline | pipe
pipe-tag             | galley-tag   | 1 | TOOL: <stdout>: Broken pipe | noheadline | pipe
pipe-docbook         | galley-docbook | 1 | TOOL: <stdout>: Broken pipe | tagged | pipe
pipe-tag-huge        | galley-tag   | 1 | TOOL: <stdout>: Broken pipe | hugeline | pipe
shut-mend            | galley-mend  | 1 | TOOL: <stdout>: Bad file descriptor | noheadline | shut
shut-docbook         | galley-docbook | 1 | TOOL: <stdout>: Bad file descriptor | tagged | shut
encoding-split       | galley-split --encoding NOPE-9 | 2 | TOOL: --encoding: unknown encoding: NOPE-9 | noheadline | empty
regex-split          | galley-split --headline ( | 2 | TOOL: --headline: bad regular expression: .* at offset [0-9]+ | noheadline | empty
"

# --- The runner ----------------------------------------------------------

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

# run_tool OUTSPEC ARGS...: run with stdin/stdout set up; sets rc.
run_tool() {
	local spec=$1 inmode=$2
	shift 2
	local in=/dev/stdin
	case $spec in
	full)
		if [ "$inmode" = stdin ]; then "$@" <in >/dev/full 2>err
		else "$@" in >/dev/full 2>err; fi
		rc=$? ;;
	shut)
		if [ "$inmode" = stdin ]; then "$@" <in >&- 2>err
		else "$@" in >&- 2>err; fi
		rc=$? ;;
	pipe)
		# A pipe whose reading end is closed before the tool starts,
		# so every write fails with EPIPE, deterministically.
		if [ "$inmode" = stdin ]; then set -- "$@" "<"; fi
		python3 - "$@" <<'EOF' 2>err
import os, subprocess, sys
args = sys.argv[1:]
stdin = None
if args[-1] == "<":
    args = args[:-1]
    stdin = open("in", "rb")
else:
    args = args + ["in"]
r, w = os.pipe()
os.close(r)
p = subprocess.run(args, stdin=stdin, stdout=w)
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
EOF
		rc=$? ;;
	*)
		if [ "$inmode" = stdin ]; then "$@" <in >stdout 2>err
		else "$@" in >stdout 2>err; fi
		rc=$? ;;
	esac
	: "$in"
}

# The -o path in an argument list, if any.
outpath() {
	local prev=
	for a in "$@"; do
		[ "$prev" = -o ] && { echo "$a"; return; }
		prev=$a
	done
}

# check_stderr NAME TOOL RC ERE DISPLAY: the message checks, for a run
# that exited RC.
check_stderr() {
	local name=$1 tool=$2 status=$3 ere=$4 disp=$5 line n=0 bad=
	ere=${ere//TOOL/$tool}
	ere=${ere//IN/$disp}
	ere="^$ere\$"
	# Shape of every line.
	while IFS= read -r line; do
		if ! grep -Eq "^$tool: [^ :][^:]*(:[0-9]+){0,2}: .+[^.]\$" \
		    <<<"$line" && [ -z "$bad" ]; then
			bad="badly shaped message: $line"
		fi
		if [ "${#line}" -ge 1000 ] && [ -z "$bad" ]; then
			bad="message of ${#line} bytes: ${line:0:120}"
		fi
		case $line in
		*AddressSanitizer*|*LeakSanitizer*|*"runtime error:"*)
			bad="sanitizer: $line" ;;
		esac
	done <err
	[ -n "$bad" ] && { echo "$bad"; return 1; }
	if [ "$status" != 0 ]; then
		n=$(grep -cv "^$tool: [^ ]*: warning: " err)
		if [ "$n" -ne 1 ]; then
			echo "$n error lines, expected 1: $(head -c 300 err)"
			return 1
		fi
		line=$(grep -v "^$tool: [^ ]*: warning: " err)
		if ! grep -Eq -- "$ere" <<<"$line"; then
			echo "message '$line' does not match '$ere'"
			return 1
		fi
	elif [ "$4" = - ]; then
		if [ -s err ]; then
			echo "stderr not empty: $(head -c 300 err)"
			return 1
		fi
	else
		while IFS= read -r line; do
			if ! grep -Eq -- "$ere" <<<"$line"; then
				echo "message '$line' does not match '$ere'"
				return 1
			fi
		done <err
	fi
	return 0
}

# check_stdout CHECKS OUTFILE: the extra checks on the output.
check_stdout() {
	local c f=stdout
	[ -n "$2" ] && f=$2
	for c in $1; do
		case $c in
		empty) [ -s "$f" ] && { echo "output not empty"; return 1; } ;;
		hdr) [ "$(cat "$f")" = "galley-tagged${tab}1" ] ||
			{ echo "output is not only the header: $(head -c 200 "$f")"; return 1; } ;;
		has=*)	local want=${c#has=}
			want=${want//_/ }
			grep -qF -- "$want" "$f" ||
			    { echo "output lacks '$want'"; return 1; } ;;
		nocr) grep -q $'\r' "$f" && { echo "CR in output"; return 1; } ;;
		min=*) [ "$(wc -c <"$f")" -ge "${c#min=}" ] ||
			{ echo "output shorter than ${c#min=} bytes"; return 1; } ;;
		wf) xmllint --noout --huge "$f" 2>/dev/null ||
			{ echo "output is not well-formed XML"; return 1; } ;;
		full|pipe|shut) ;;
		*) echo "unknown check $c"; return 1 ;;
		esac
	done
	return 0
}

# leftovers DIR: files in DIR other than the one named.
leftovers() { ls -A "$1" 2>/dev/null | grep -vx "${2:-}" ; }

# Columns are separated by " | " (a "|" inside an ERE has no spaces).
while IFS=$'\x1f' read -r name tool status ere input checks; do
	name=$(trim "$name")
	[ -z "$name" ] && continue
	tool=$(trim "$tool")
	status=$(trim "$status")
	ere=$(trim "$ere")
	input=$(trim "$input")
	checks=$(trim "$checks")
	tool=${tool//RO/$RO}
	ere=${ere//RO/$RO}
	read -r -a argv <<<"$tool"
	prog=${argv[0]}
	argv[0]=$B/$prog
	inmode=file
	disp=in
	case $input in "<"*) inmode=stdin; disp='<stdin>'; input=${input#<} ;; esac
	spec=
	for c in $checks; do
		case $c in full|pipe|shut) spec=$c ;; esac
	done
	rm -rf out stdout err in
	mkdir -p out
	chmod 755 ro
	chmod 555 ro
	"gen_$input"
	opath=$(outpath "${argv[@]}")
	why=
	for pass in 1 2; do
		# Pass 2 only for -o: an existing output must be left as it was.
		if [ "$pass" = 2 ]; then
			[ -n "$opath" ] && [ "$rc" != 0 ] && [ ! -d "$opath" ] ||
			    break
			{ echo OLD >"$opath"; } 2>/dev/null || break
		fi
		run_tool "$spec" "$inmode" "${argv[@]}"
		if [ "$rc" -ge 128 ] || [ "$rc" -gt 2 ]; then
			why="crashed or killed (exit $rc): $(head -c 300 err)"
			break
		fi
		case "|$status|" in
		*"|$rc|"*) ;;
		*) why="exit $rc, expected $status: $(head -c 300 err)"; break ;;
		esac
		why=$(check_stderr "$name" "$prog" "$rc" "$ere" "$disp") || break
		why=
		if [ -n "$opath" ] && [ "$rc" = 0 ]; then
			[ -s "$opath" ] || { why="no output file $opath"; break; }
			why=$(check_stdout "$checks" "$opath") || break
			why=
		elif [ -n "$opath" ]; then
			d=$(dirname "$opath")
			if [ "$pass" = 1 ] && [ -e "$opath" ] && [ ! -d "$opath" ]; then
				why="output file $opath left after failure"
				break
			fi
			if [ "$pass" = 2 ] && [ "$(cat "$opath")" != OLD ]; then
				why="existing $opath changed after failure"
				break
			fi
			if [ -d "$opath" ]; then
				d=$opath
				[ -n "$(leftovers "$d")" ] && {
					why="left in $d: $(leftovers "$d" | head -n 3 | tr '\n' ' ')"
					break
				}
			elif [ "${d#/}" = "$d" ] && [ -d "$d" ] &&
			    [ -n "$(leftovers "$d" "$(basename "$opath")")" ]; then
				why="left in $d: $(leftovers "$d" "$(basename "$opath")" | head -n 3 | tr '\n' ' ')"
				break
			fi
		elif [ -z "$spec" ]; then
			why=$(check_stdout "$checks") || break
			why=
		fi
	done
	if [ -z "$why" ]; then
		pass "$name"
	else
		fail "$name" "$(tr '\n' ' ' <<<"$why")"
	fi
done < <(sed 's/ | /\x1f/g; s/ |$/\x1f/' <<<"$CASES")
chmod 755 ro
exit 0
