#!/usr/bin/env bash
# t_hostile.sh: hostile text stays text (issue 6, item 3).  Raw text
# holding markup (<script>, &amp;, ]]>, <!--, <?pi?>, CDATA), the C0
# control characters XML 1.0 forbids, DEL and C1 controls, bidi controls,
# noncharacters and surrogates goes through the whole pipeline,
# galley-split | galley-mend | galley-tag | galley-docbook / galley-epub,
# and so does a tagged stream with hostile fields (ids, metadata, labels).
# For each case:
#   - every stage exits 0 and prints nothing but warnings;
#   - the DocBook is valid (jing, DocBook 5.0 RELAX NG) and the EPUB
#     passes epubcheck with 0 fatals, 0 errors and 0 warnings;
#   - the text stays text: no element outside the DocBook (or XHTML,
#     for the EPUB) namespace, no comment or processing instruction, no
#     <script>, and the markup-like strings are there as text;
#   - a character XML cannot hold is replaced and reported (a warning
#     naming it), never written and never dropped in silence.
# Surrogates: in UTF-8 and UTF-16 input, an unpaired surrogate is bad
# data (exit 1, one message) without --lossy, and U+FFFD with it.
# Also: every input under tests/fuzz/regress/ (inputs the fuzzers found
# once) runs through its tool: exit 0 with a valid result, or exit 1
# with one message, shorter than 1000 bytes.  With CI=true a missing validator is a failure.
. tests/lib.sh

RNG=${DOCBOOK_RNG:-/usr/share/xml/docbook/schema/rng/5.0/docbook.rng}
EPUBCHECK=${EPUBCHECK:-/usr/share/java/epubcheck.jar}
have_jing=0
have_ec=0
need jing hostile-jing && need "$RNG" hostile-jing-schema && have_jing=1
need java hostile-epubcheck && need "$EPUBCHECK" hostile-epubcheck &&
    have_ec=1

# --- Inputs ------------------------------------------------------------

mkdir -p "$T/in"
# Markup of every kind, in a Chinese and an English article.
printf '%s\n' \
    '<script>alert("x")</script> & Co 的标题' '' \
    '■本报记者 <b>张三</b> &amp; 李四' '' \
    '一、<!-- 小标题 --> 与 ]]> 之间' '' \
    '正文里有 <p onclick="x">标签</p>、&lt;实体&gt;、&#x41;、<![CDATA[ 数据 ]]> 和 <?php echo 1; ?> 等字样。' '' \
    '第二段：<img src=x onerror=alert(1)> 与 <a href="javascript:x">链接</a> 都是文字。' \
    "$(printf '\f')" \
    'Markup </title> in a <headline>' '' \
    'By <i>Jane</i> & "John" O'"'"'Neil' '' \
    'Text with ]]> and <!-- a comment --> and <?xml version="1.0"?> inside, & &amp;amp; too.' '' \
    'Backslashes \ \t \n \\ and a tab	here, <![CDATA[x]]> and &#0; &#xD800; as text.' \
    >"$T/in/markup.txt"
# C0 controls XML forbids, DEL, C1 controls, a form feed inside a line.
printf '%b\n' \
    'Control characters' '' \
    'A bell\a here, a backspace\b there, a vertical tab\v and an escape \033[31mred\033[0m.' '' \
    'Unit separator\037and record separator\036, DEL\177, NUL-free; form\ffeed inside a line.' '' \
    'C1: \302\200 \302\205 \302\233 \302\237 end.' \
    >"$T/in/controls.txt"
# Bidi controls, noncharacters, odd code points.
printf '%b\n' \
    'Bidi \342\200\256txet desrever\342\200\254 headline' '' \
    'Isolates \342\201\246left\342\201\251 and \342\201\247right\342\201\251, marks \342\200\217 \342\200\216 \330\234, joiners a\342\200\215b a\342\200\214b, BOM\357\273\277inside.' '' \
    'Noncharacters \357\277\276 and \357\277\277 and \357\267\220, private \356\200\200, astral \360\237\230\200 \360\240\200\200, separators \342\200\250 and \342\200\251 here.' \
    >"$T/in/bidi.txt"
# An unpaired surrogate, in UTF-8 (ED A0 80) and in UTF-16LE with a BOM.
# The UTF-8 one holds other UTF-8 text, or ASCII and three bytes could
# as well be windows-1252, as an encoding detector may say.
printf '代理项的标题\n\nText with a lone \355\240\200 surrogate, 孤立的代理项。\n' \
    >"$T/in/surr8.txt"
{ printf '\377\376'
  printf 'Surrogate headline\n\nText with a lone ' | iconv -f UTF-8 -t UTF-16LE
  printf '\000\330'
  printf ' surrogate.\n' | iconv -f UTF-8 -t UTF-16LE
} >"$T/in/surr16.txt"
# A tagged stream with hostile fields.
{
	printf 'galley-tagged\t1\n'
	printf 'meta\ttitle\t<b>Book</b> & "co" ]]>\n'
	printf 'meta\tcreator\tA <creator> & \\\\ co\n'
	printf 'meta\tpublisher\tP&amp;P <!-- x -->\n'
	printf 'meta\tidentifier\turn:x:<id>&"quote"\n'
	printf 'article\t<id with spaces & "quotes">\n'
	printf 'title\t<title>Headline</title> ]]>\t<label> & :\n'
	printf 'subtitle\t<!-- subtitle -->\n'
	printf 'byline\tBy <em>Writer</em> & Co\n'
	printf 'author\t<Writer>\t<role>\n'
	printf 'org\t&org;\n'
	printf 'dateline\t<?pi x?> DATELINE —\n'
	printf 'heading\t1\t<h1>Section</h1> \\t tab\n'
	printf 'runin\t<b>Head.</b>\t Text & more ]]> text.\n'
	printf 'para\t<script>alert(1)</script> \001 \033 \177 \302\205 \342\200\256 \357\277\276 end\n'
	printf 'credit\t(Photo: <a href="x">me</a>)\n'
	printf 'article\t1bad:id\n'
	printf 'title\tSecond\n'
	printf 'para\tText.\n'
	printf 'article\t<id with spaces & "quotes">\n'
	printf 'title\tThird, same id\n'
	printf 'para\tText.\n'
} >"$T/in/fields.tagged"

# --- Checks ------------------------------------------------------------

# texttext NAME FILE KIND STRINGS...: the XML (KIND docbook or xhtml)
# holds only elements of its namespace, no comment, no processing
# instruction, no script element, and each STRING as text.
texttext() {
	local name=$1 file=$2 kind=$3
	shift 3
	python3 - "$file" "$kind" "$@" >"$T/tt" 2>&1 <<'EOF'
import sys, zipfile, os
import xml.etree.ElementTree as ET
path, kind, want = sys.argv[1], sys.argv[2], sys.argv[3:]
NS = {"docbook": "{http://docbook.org/ns/docbook}",
      "xhtml": "{http://www.w3.org/1999/xhtml}"}[kind]
OK_NS = (NS, "{http://www.idpf.org/2007/ops}", "{http://www.w3.org/2000/svg}",
         "{http://www.w3.org/1998/Math/MathML}")

def docs():
    if kind == "docbook":
        yield path, open(path, "rb").read()
        return
    z = zipfile.ZipFile(path)
    for n in z.namelist():
        if n.endswith((".xhtml", ".html", ".htm")):
            yield n, z.read(n)

text = []
for n, data in docs():
    tb = ET.TreeBuilder(insert_comments=True, insert_pis=True)
    p = ET.XMLParser(target=tb)
    p.feed(data)
    root = p.close()
    for el in root.iter():
        if el.tag is ET.Comment:
            sys.exit("%s: a comment: %s" % (n, el.text))
        if el.tag is ET.ProcessingInstruction:
            sys.exit("%s: a processing instruction: %s" % (n, el.text))
        if not el.tag.startswith(OK_NS):
            sys.exit("%s: element %s outside the namespace" % (n, el.tag))
        if el.tag.endswith("}script"):
            sys.exit("%s: a script element" % n)
        for a in el.attrib:
            if a.lower().startswith("on"):
                sys.exit("%s: event attribute %s" % (n, a))
    text.append("".join(root.itertext()))
alltext = "\n".join(text)
for w in want:
    if w not in alltext:
        sys.exit("text %r not found" % w)
EOF
	if [ $? -eq 0 ]; then pass "$name"; else fail "$name" "$(head -c 300 "$T/tt")"; fi
}

# replaced NAME ERRFILE...: a warning says characters were replaced.
replaced() {
	local name=$1
	shift
	if cat "$@" | grep -qiE 'warning: .*(replaced|U\+[0-9A-F]{4})'; then
		pass "$name"
	else
		fail "$name" "no warning about replaced characters: $(cat "$@" | head -c 200)"
	fi
}

# only_warnings NAME ERRFILE...: nothing but warnings on stderr.
only_warnings() {
	local name=$1 bad
	shift
	bad=$(cat "$@" | grep -v ': warning: ' | head -n 2)
	if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
}

# pipeline CASE INPUT [split options]: run the stages into $T/CASE/tag;
# sets ok=1 on success.
pipeline() {
	local c=$1 in=$2 d=$T/$1
	shift 2
	mkdir -p "$d"
	ok=0
	if "$B/galley-split" "$@" "$in" >"$d/split" 2>"$d/split.err" &&
	    "$B/galley-mend" "$d/split" >"$d/mend" 2>"$d/mend.err" &&
	    "$B/galley-tag" "$d/mend" >"$d/tag" 2>"$d/tag.err"; then
		docbook "$c" "$d/tag"
	else
		fail "hostile/$c/pipeline" "$(cat "$d"/*.err | grep -v ': warning: ' |
		    head -n 1)"
	fi
}

# docbook CASE TAGGED: the DocBook of one case; sets ok=1 on success.
# (The EPUB is made once, of every case together, below: epubcheck is
# slow to start.)
docbook() {
	local c=$1 d=$T/$1
	ok=0
	mkdir -p "$d"
	if ! "$B/galley-docbook" "$2" >"$d/book.xml" 2>"$d/db.err"; then
		fail "hostile/$c/docbook" "$(grep -v ': warning: ' "$d/db.err" | head -n 1)"
		return
	fi
	only_warnings "hostile/$c/messages" "$d"/*.err
	ok=1
}

cases=()
tagged=()
# Each case: the strings that must be there as text.
declare -A strings
strings[fields]=$(printf '%s\n' '<title>Headline</title> ]]>' '<label> & :' \
    '<!-- subtitle -->' '<?pi x?> DATELINE' '<h1>Section</h1>' \
    '<b>Head.</b>' '<script>alert(1)</script>' \
    '(Photo: <a href="x">me</a>)' 'Third, same id')
strings[markup]=$(printf '%s\n' '<script>alert("x")</script>' '<b>张三</b>' \
    '&amp;' '<!--' ']]>' '<?php' '<![CDATA[' '&lt;实体&gt;' \
    '<img src=x onerror=alert(1)>' '</title>' '<i>Jane</i>' '&#xD800;')
strings[controls]=$(printf '%s\n' 'A bell' 'here, a backspace' 'red' \
    'Unit separator' 'feed inside a line' 'end.')
strings[bidi]=$(printf '%s\n' 'txet desrever' 'left' 'right' 'inside.' \
    $'\xf0\x9f\x98\x80' 'private')
strings[surr8-lossy]=$(printf '%s\n' 'Text with a lone' $'\xef\xbf\xbd' 'surrogate,')
strings[surr16-lossy]=$(printf '%s\n' 'Text with a lone' $'\xef\xbf\xbd' 'surrogate.')

# The hostile tagged stream first: its meta records must come before
# any article of the combined stream.
docbook fields "$T/in/fields.tagged"
if [ "$ok" = 1 ]; then
	cases+=(fields)
	tagged+=("$T/in/fields.tagged")
	replaced hostile/fields/reported "$T/fields/db.err"
fi
pipeline markup "$T/in/markup.txt"
[ "$ok" = 1 ] && { cases+=(markup); tagged+=("$T/markup/tag"); }
pipeline controls "$T/in/controls.txt"
if [ "$ok" = 1 ]; then
	cases+=(controls)
	tagged+=("$T/controls/tag")
	replaced hostile/controls/reported "$T/controls"/*.err
fi
pipeline bidi "$T/in/bidi.txt"
if [ "$ok" = 1 ]; then
	cases+=(bidi)
	tagged+=("$T/bidi/tag")
	replaced hostile/bidi/noncharacters-reported "$T/bidi"/*.err
fi

# Surrogates: bad data without --lossy, U+FFFD with it.
for s in surr8 surr16; do
	mkdir -p "$T/$s"
	"$B/galley-split" "$T/in/$s.txt" >"$T/$s/out" 2>"$T/$s/err"
	rc=$?
	n=$(grep -cv ': warning: ' "$T/$s/err")
	if [ "$rc" = 1 ] && [ "$n" = 1 ] &&
	    grep -q "^galley-split: $T/in/$s.txt:[0-9:]* .*invalid" "$T/$s/err"; then
		pass "hostile/$s/refused"
	else
		fail "hostile/$s/refused" "exit $rc: $(head -c 200 "$T/$s/err")"
	fi
	pipeline "$s-lossy" "$T/in/$s.txt" --lossy
	if [ "$ok" = 1 ]; then
		cases+=("$s-lossy")
		tagged+=("$T/$s-lossy/tag")
		replaced "hostile/$s-lossy/reported" "$T/$s-lossy"/*.err
	fi
done

# Text stays text, in each DocBook.
for c in "${cases[@]}"; do
	mapfile -t w <<<"${strings[$c]}"
	texttext "hostile/$c/text-docbook" "$T/$c/book.xml" docbook "${w[@]}"
done
# jing once, on every DocBook (one JVM).
if [ "$have_jing" = 1 ] && [ "${#cases[@]}" -gt 0 ]; then
	xmls=()
	for c in "${cases[@]}"; do xmls+=("$T/$c/book.xml"); done
	jing "$RNG" "${xmls[@]}" >"$T/jing" 2>/dev/null
	for c in "${cases[@]}"; do
		if grep -q "^$T/$c/book.xml:" "$T/jing"; then
			fail "hostile/$c/jing" "$(grep -m 2 "^$T/$c/book.xml:" "$T/jing" |
			    sed "s|^$T/||" | tr '\n' ' ')"
		else
			pass "hostile/$c/jing"
		fi
	done
fi
# One EPUB of every case together: epubcheck and text stays text.
if [ "${#tagged[@]}" -gt 0 ]; then
	cat "${tagged[@]}" >"$T/all.tagged"
	if "$B/galley-epub" -o "$T/all.epub" "$T/all.tagged" 2>"$T/epub.err"; then
		only_warnings hostile/epub/messages "$T/epub.err"
		replaced hostile/epub/reported "$T/epub.err"
		all=()
		for c in "${cases[@]}"; do
			mapfile -t w <<<"${strings[$c]}"
			all+=("${w[@]}")
		done
		texttext hostile/epub/text-xhtml "$T/all.epub" xhtml "${all[@]}"
		if [ "$have_ec" = 1 ]; then
			java -jar "$EPUBCHECK" "$T/all.epub" >"$T/ec" 2>&1
			if grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$T/ec"; then
				pass hostile/epub/epubcheck
			else
				fail hostile/epub/epubcheck "$(grep -E \
				    '^(ERROR|WARNING|FATAL)|Messages' "$T/ec" |
				    head -n 3 | tr '\n' ' ')"
			fi
		fi
	else
		fail hostile/epub "$(grep -v ': warning: ' "$T/epub.err" | head -n 1)"
	fi
fi

# --- Inputs the fuzzers found -------------------------------------------

# tests/fuzz/regress/<target>/<name>: the input without the option
# bytes; the tool runs with its default options.
for f in tests/fuzz/regress/*/*; do
	[ -f "$f" ] || continue
	t=$(basename "$(dirname "$f")")
	name=hostile/fuzz/$t/$(basename "$f")
	out=$T/fz.out
	case $t in
	artread|mend) set -- "$B/galley-mend" ;;
	tag) set -- "$B/galley-tag" ;;
	split) set -- "$B/galley-split" ;;
	tagread|docbook) set -- "$B/galley-docbook" ;;
	epub) set -- "$B/galley-epub" -o "$T/fz.epub" ;;
	*) continue ;;
	esac
	rm -f "$T/fz.epub"
	"$@" "$f" >"$out" 2>"$T/fz.err"
	rc=$?
	n=$(grep -cv ': warning: ' "$T/fz.err")
	lines=$(grep -c '' "$T/fz.err")
	# A message quoting input shortens it: no line of 1000 bytes.
	if awk 'length($0) >= 1000 { exit 1 }' "$T/fz.err"; then :; else
		fail "$name" "a message of $(awk '{ print length($0) }' "$T/fz.err" |
		    sort -n | tail -n 1) bytes: $(head -c 120 "$T/fz.err")"
		continue
	fi
	if [ "$rc" = 1 ] && [ "$n" = 1 ] && [ "$lines" -lt 20 ]; then
		pass "$name"
	elif [ "$rc" = 0 ] && [ "$n" = 0 ] && [ "$lines" -lt 20 ]; then
		if [ "$t" = docbook ] && [ "$have_jing" = 1 ] &&
		    ! jing "$RNG" "$out" >"$T/jing" 2>/dev/null; then
			fail "$name" "not valid DocBook: $(head -c 200 "$T/jing")"
		else
			pass "$name"
		fi
	else
		fail "$name" "exit $rc, $lines lines on stderr: $(head -c 200 "$T/fz.err" | tr "\n" " ")"
	fi
done
exit 0
