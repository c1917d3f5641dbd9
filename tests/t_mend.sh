#!/usr/bin/env bash
# t_mend.sh: galley-mend's properties.  Mending is idempotent (over every
# fixture and over the real texts of /work/shared/corpus), no non-space
# character is lost except the hyphens --explain reports, the sample's
# five cut words come back whole, and the command line behaves.
. tests/lib.sh
M=$B/galley-mend
CORPUS=${GALLEY_CORPUS:-/work/shared/corpus}

# lost NAME INPUT ARGS...: every non-space character of INPUT reaches the
# output in order, except the hyphens --explain says it dropped.
lost() {
	local name=$1 in=$2
	shift 2
	"$M" --explain "$@" "$in" >"$T/lo.out" 2>"$T/lo.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "$name" "exit status $rc"
		return
	fi
	if python3 - "$in" "$T/lo.out" "$T/lo.err" >"$T/lo.why" <<'EOF'
import sys
def ns(p):
    t = open(p, encoding="utf-8", errors="replace").read()
    return "".join(c for c in t if not c.isspace())
a, b = ns(sys.argv[1]), ns(sys.argv[2])
said = sum(1 for l in open(sys.argv[3], encoding="utf-8")
           if "hyphen dropped" in l)
i = j = dropped = 0
while i < len(a):
    if j < len(b) and a[i] == b[j]:
        i += 1
        j += 1
    elif a[i] in "-\u2010\u00ad":
        dropped += 1
        i += 1
    else:
        print("differs at input char %d: %r vs %r" %
              (i, a[i:i + 20], b[j:j + 20]))
        sys.exit(1)
if j != len(b):
    print("extra output %r" % b[j:j + 20])
    sys.exit(1)
if dropped != said:
    print("%d hyphens dropped, %d reported" % (dropped, said))
    sys.exit(1)
EOF
	then
		pass "$name"
	else
		fail "$name" "$(head -c 300 "$T/lo.why")"
	fi
}

# idem NAME INPUT ARGS...: mending the output again changes nothing.
idem() {
	local name=$1 in=$2
	shift 2
	"$M" "$@" "$in" >"$T/id1" 2>/dev/null
	"$M" "$@" "$T/id1" >"$T/id2" 2>/dev/null
	if cmp -s "$T/id1" "$T/id2"; then
		pass "$name"
	else
		fail "$name" "$(diff "$T/id1" "$T/id2" | head -c 400)"
	fi
}

# Inputs: every fixture, and the UTF-8 (or decoded GBK) corpus texts.
inputs=()
while read -r c status; do
	case $c in ''|'#'*) continue ;; esac
	[ "$status" = 0 ] && inputs+=("fixtures/galley-mend/$c.in")
done <fixtures/galley-mend/cases
for f in fixtures/*.txt; do
	[ -f "$f" ] && inputs+=("$f")
done
if [ -d "$CORPUS" ]; then
	for f in "$CORPUS"/*/*.txt; do
		case $f in
		*overproof*|*pfr-199801*) continue ;;
		esac
		# Make a valid article stream: UTF-8, LF.
		g=$T/corpus-$(basename "$f")
		tr -d '\r' <"$f" >"$g"
		python3 -c 'import sys; open(sys.argv[1],"rb").read().decode("utf-8")' \
		    "$g" 2>/dev/null && inputs+=("$g")
	done
	if [ -f "$CORPUS/pfr-199801/199801.txt" ]; then
		g=$T/corpus-pfr-head.txt
		head -n 3000 "$CORPUS/pfr-199801/199801.txt" |
		    iconv -f gbk -t utf-8 2>/dev/null | tr -d '\r' |
		    sed -e 's/^[0-9-]*\/m  //' -e 's/\/[a-zA-Z]*//g' \
		    -e 's/  //g' -e 's/\[//g' -e 's/\]//g' >"$g"
		inputs+=("$g")
	fi
else
	need "$CORPUS" "mend corpus"
fi

for f in "${inputs[@]}"; do
	n=$(basename "$f")
	idem "mend idempotent $n" "$f"
	lost "mend loses nothing $n" "$f"
done
idem "mend idempotent --no-unwrap city-news" \
    fixtures/galley-mend/sample-raw.in --no-unwrap
idem "mend idempotent --cjk-punct city-news" \
    fixtures/galley-mend/sample-raw.in --cjk-punct

# The sample's five words, whole, and no half left behind.
"$M" fixtures/galley-mend/sample-raw.in >"$T/s.out"
"$M" fixtures/galley-mend/city-news.in >"$T/s2.out"
for w in 落户板块 堵点 市政协 探索 义务; do
	check "mend sample rejoins $w" grep -q "$w" "$T/s.out"
	check "mend split sample rejoins $w" grep -q "$w" "$T/s2.out"
done
check "mend sample keeps 7 headings" test "$(grep -c -E \
    '^(组织红 项目建支部|党员红 服务当先锋|环境优 惠企办实事|整体谋划 整片推进|改革体制 创新机制|党建为民 党建惠民)' \
    "$T/s.out")" -eq 6
check "mend sample keeps 2 bylines" test \
    "$(grep -c '^■中国城市报记者' "$T/s.out")" -eq 2
check "mend sample no half word" sh -c "! grep -q -E '(落户板|的堵|其中,市|实际探|全国义)\$' '$T/s.out'"

# Decisions on real text (fixtures taken from /work/shared/corpus).
# has NAME CASE REGEX: the mended case has a line matching REGEX.
has() {
	"$M" "fixtures/galley-mend/$2.in" 2>/dev/null | grep -q -E -- "$3"
	check "mend $1" test $? -eq 0
}
has "keeps a command set apart" latin-commands '^aptitude update$'
has "keeps the words between commands apart" latin-commands '^followed by$'
has "no join at a capital after an open end" latin-commands \
    'distribution or bullseye$'
has "a display past the column stays lines" groff-display \
    '^ +/usr/share/man/man1/git\.1\.gz$'
has "drops a hyphen cutting an address" groff-display 'ee\.surrey\.ac\.uk'
has "drops a hyphen cutting a name" groff-display '<fpolacco@debian\.org>'
has "joins groff's short CJK lines" groff-cjk \
    '显示来自手册页的加简短说明\(若有\)。详见 whatis'
has "spaces CJK before an opening quote" cjk-manual-wrap \
    '使用 "/boot/efi/EFI/debian/grub\.cfg" 里面'
has "rejoins a wrapped rule with a space" cjk-manual-wrap \
    '^　　-{10} -{20,}$'
check "mend table rows stay rows" test "$("$M" \
    fixtures/galley-mend/table-rows.in | grep -c -E '^[^ ]+ V:[0-9]+, I:')" \
    -eq 14
has "joins a capitalised function word" latin-page-cuts \
    '^The Maintainer field'
has "joins a file name after a function word" latin-page-cuts \
    'found in the sources\.list\(5\) manual page\.$'
has "joins a cut numbered heading" latin-page-cuts \
    '^5\.14\. I have a wireless network card'
has "joins a Chinese word cut before 的" cjk-word-cut '严格执行科学的现代'
has "joins a Chinese word cut before 了" cjk-word-cut '记者了解到'
has "keeps verse lines ending in 在" cjk-word-cut '^挣扎着开放在$'
has "no list item in \"(Debian 8).\"" latin-names 'Jessie \(Debian 8\)\. In'
has "keeps a heading naming the next block's first word" latin-names \
    '^8\.1\.3\. aptitude$'
has "spaces a join after a spaced dash" cjk-dash-rule '30日 – 2001年3月'
has "joins digits to Han as the article writes them" cjk-dash-rule \
    '– 2000年2月23日'
has "joins a box-drawing rule tight" cjk-dash-rule '^　　(─){39}$'
has "joins a bracketed address to the name before" cjk-dash-rule \
    'John W\. Eaton \(jwe@che\.utexas\.edu\)'
has "joins after a preposition" latin-page-cuts2 \
    'information about these non-linux ports\.$'
has "joins before a function word" latin-page-cuts2 \
    'thirty "sections" of the Debian archive\.$'
has "joins inside an open parenthesis" latin-page-cuts2 \
    '\(Also see Section.{1,2}7\.8'
has "joins prose that is no command" latin-page-cuts2 \
    'Getting support for Debian GNU/Linux$'
has "joins inside an open quotation" open-quote '提出我对“安安小姐”的意见'
has "an opening quote needs its whole word" open-quote \
    '形成所谓的“ragged-right”\(右边不齐\)的文本。$'
has "joins a groff CJK line near the column across a page" \
    groff-cjk-page '请使用封装器脚本，它能够'
has "joins a name the text writes whole" latin-name-cut \
    'sponsorship of the Free Software Foundation'
has "a determiner goes on into a short lower-case line" pdf-table-cells \
    'information of the caller’s session$'
has "keeps a line of ellipses" rule-lines '^…………$'
has "keeps grid table borders" rule-lines '^\+-+\+-+\+$'

# Command line: table of (name, input bytes, args, expected stdout).
t() {
	local name=$1 in=$2 args=$3 want=$4
	# shellcheck disable=SC2086
	got=$(printf "$in" | "$M" $args 2>"$T/t.err"; echo "rc=$?")
	if [ "$got" = "$(printf "$want")" ]; then
		pass "mend cli $name"
	else
		fail "mend cli $name" "got $(printf '%q' "$got")"
	fi
}
t empty '' '' 'rc=0'
t "no final newline" 'a b' '' 'a b\nrc=0'
t "lone form feed" '\f\n' '' 'rc=0'
t "two articles never joined" \
    '甲乙丙，丁戊己\n\f\n庚辛壬。\n' '' '甲乙丙，丁戊己\n\f\n庚辛壬。\nrc=0'
t "tagged stream refused" 'galley-tagged\t1\n' '' 'rc=1'
t "bad option" '' '--bogus' 'rc=2'
t "bad language" '' '--lang xx' 'rc=2'
t "cjk punct" '一,二(三)四?\n' '--cjk-punct' '一，二（三）四？\nrc=0'
t "cjk punct off" '一,二(三)四?\n' '' '一,二(三)四?\nrc=0'
t "cjk punct leaves latin" 'a, b (c)\n' '--cjk-punct' 'a, b (c)\nrc=0'
t "crlf" '甲乙丙。\r\n\r\n丁。\r\n' '' '甲乙丙。\n\n丁。\nrc=0'
t "no-unwrap" 'one two\nthree four\n' '--no-unwrap' \
    'one two\n\nthree four\nrc=0'
t "no-unwrap keeps lower-case lines apart" \
    'Title\n\nthe first line of text\nand the second line\n' \
    '--no-unwrap' 'Title\n\nthe first line of text\n\nand the second line\nrc=0'
t "soft hyphen" 'a text of some length with the word exam\302\255\nple in it.\n' '' \
    'a text of some length with the word example in it.\nrc=0'
