#!/usr/bin/env bash
# t_lost.sh: nothing lost (issue 6, item 1; DESIGN.md principle 3).  Every
# fixture input and every file of the shared corpus goes through the
# whole pipeline, galley-split | galley-mend | galley-tag, then both
# galley-docbook and galley-epub.  The non-space characters of the input
# must appear, in order, in the text of the DocBook and in the text of
# the EPUB's XHTML documents (spine order), except what --explain says
# a stage removed.  Checked stage by stage, so a FAIL names the stage:
#
#   split   the input, decoded, less the text of each "removed ..." that
#           galley-split --explain reports at its line, is a subsequence
#           of the article stream split wrote;
#   mend    split's output, less the hyphen at the end of each line that
#           galley-mend --explain reports as "hyphen dropped", is a
#           subsequence of mend's output;
#   tag     mend's output, less each byline galley-tag --explain
#           reports as "moved up" into the article's head, is a
#           subsequence of the text of the tagged stream's records, and
#           so is each moved byline;
#   docbook, epub
#           the tagged stream's text is a subsequence of the DocBook
#           text, and of the EPUB text (the writers remove nothing).
#
# Control characters and U+FFFD are left out on both sides: the stages
# replace the ones XML cannot hold by U+FFFD and report each.  Inputs in
# fixtures/galley-mend, galley-tag and the writers' folders enter the
# pipeline at that stage (for a tagged stream, the fields of its text
# records are the input).  Set GALLEY_LOST_FILES to a list of files to
# check only those.
. tests/lib.sh

TOP=$GALLEY_TOP
[ -n "$TOP" ] || TOP=$PWD
CORPUS=${GALLEY_CORPUS:-$TOP/../shared/corpus}
[ -d "$CORPUS" ] && CORPUS=$(cd "$CORPUS" && pwd)

# Inputs: "stage file" lines.  Only cases with status 0.
list_inputs() {
	local d c s f
	for f in fixtures/*.txt; do [ -f "$f" ] && echo "split $f"; done
	for d in split mend tag epub docbook; do
		[ -f "fixtures/galley-$d/cases" ] || continue
		while read -r c s; do
			case $c in ''|'#'*) continue ;; esac
			[ "$s" = 0 ] || continue
			# Cases run with options are for their own tests.
			[ -f "fixtures/galley-$d/$c.args" ] && continue
			f=fixtures/galley-$d/$c.in
			[ -f "$f" ] && echo "$d $f"
		done <"fixtures/galley-$d/cases"
	done
	if [ -d "$CORPUS" ]; then
		find "$CORPUS" -type f ! -name '*.md' | sort |
		    sed 's/^/split /'
	elif [ "${CI:-}" = true ]; then
		echo "missing $CORPUS"
	fi
}

if [ -n "${GALLEY_LOST_FILES:-}" ]; then
	inputs=$(for f in $GALLEY_LOST_FILES; do echo "split $f"; done)
else
	inputs=$(list_inputs)
fi

n=0
while read -r stage f; do
	[ -n "$stage" ] || continue
	if [ "$stage" = missing ]; then
		fail lost/corpus "no corpus at $f"
		continue
	fi
	n=$((n + 1))
	d=$T/$n
	mkdir -p "$d"
	name=${f#"$CORPUS/"}
	name=${name#fixtures/}
	# Run the stages from the one the input is for.
	rc=0
	case $stage in
	split)
		"$B/galley-split" --explain "$f" >"$d/split.out" 2>"$d/split.err" ||
		    rc=split
		[ "$rc" = 0 ] && { "$B/galley-mend" --explain "$d/split.out" \
		    >"$d/mend.out" 2>"$d/mend.err" || rc=mend; } ;;
	mend)
		cp "$f" "$d/split.out"
		"$B/galley-mend" --explain "$d/split.out" >"$d/mend.out" \
		    2>"$d/mend.err" || rc=mend ;;
	tag)
		cp "$f" "$d/mend.out" ;;
	epub|docbook)
		cp "$f" "$d/tag.out" ;;
	esac
	if [ "$rc" = 0 ] && [ -f "$d/mend.out" ]; then
		"$B/galley-tag" --explain "$d/mend.out" >"$d/tag.out" \
		    2>"$d/tag.err" ||
		    rc=tag
	fi
	if [ "$rc" = 0 ]; then
		"$B/galley-docbook" "$d/tag.out" >"$d/book.xml" 2>"$d/db.err" ||
		    rc=docbook
	fi
	if [ "$rc" = 0 ]; then
		"$B/galley-epub" -o "$d/book.epub" "$d/tag.out" 2>"$d/epub.err" ||
		    rc=epub
		# A book needs an article; with none there is nothing to lose.
		if [ "$rc" = epub ] && ! grep -q '^article' "$d/tag.out" &&
		    grep -q ': no article in the input$' "$d/epub.err"; then
			rc=0
			: >"$d/no-epub"
		fi
	fi
	if [ "$rc" != 0 ]; then
		case $rc in docbook) e=db ;; *) e=$rc ;; esac
		err=$(grep -v ': warning: ' "$d/$e.err" 2>/dev/null | tail -n 1 |
		    head -c 300)
		fail "lost/$name" "galley-$rc failed: $err"
		rm -rf "$d"
		continue
	fi
	(python3 - "$name" "$stage" "$f" "$d" <<'EOF'
import os, re, sys, unicodedata, zipfile
import xml.etree.ElementTree as ET

name, stage, src, d = sys.argv[1:5]
HYPHENS = "-\u00ad\u2010\u2011"

def ignorable(c):
    """Spaces, and what a stage replaces by U+FFFD and reports: control
    characters and the characters XML cannot hold."""
    o = ord(c)
    return (c.isspace() or c == "\ufffd" or unicodedata.category(c) == "Cc"
            or 0xd800 <= o <= 0xdfff or 0xfdd0 <= o <= 0xfdef
            or (o & 0xfffe) == 0xfffe)

def nonspace(s):
    return "".join(c for c in s if not ignorable(c))

def decode(b, out):
    """The input as text.  Byte order marks and gzip decide; UTF-8 without
    NUL bytes is UTF-8; otherwise, of the encodings that decode the bytes
    without error, the one whose characters galley-split's output out
    shares most (the check that follows stays as strict)."""
    if b.startswith(b"\x1f\x8b"):
        import gzip
        return decode(gzip.decompress(b), out)
    if b.startswith(b"\xef\xbb\xbf"):
        return b[3:].decode("utf-8", "replace")
    if b.startswith(b"\xff\xfe") or b.startswith(b"\xfe\xff"):
        return b.decode("utf-16", "replace")
    if b"\0" not in b:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            pass
    seen = set(nonspace(out[:100000]))
    best, score = None, -1
    for enc in ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be",
                "shift_jis", "euc-kr", "cp1252", "latin-1"):
        try:
            t = b.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = nonspace(t[:50000])
        sc = sum(1 for c in sample if c in seen)
        if sc > score:
            best, score = t, sc
    return best if best is not None else b.decode("utf-8", "replace")

def lines_of(text):
    return re.split(r"\r\n|\r|\n", text)

def read(path):
    with open(path, "rb") as f:
        return f.read()

def subseq(need, have):
    """Greedy check that need is a subsequence of have.  Returns None, or
    a message around the first character of need that have lacks; the
    place where the match first jumps far ahead is a better guess at the
    lost text, so it is shown too."""
    pos = 0
    jump = None
    i = 0
    n = len(need)
    while i < n:
        # Fast path: the next 256 (or 16) characters, found in one piece
        # where greedy matching puts the first one, match as they would
        # one by one.
        c = need[i]
        j = have.find(c, pos)
        if j >= 0 and (jump is not None or j - pos <= 2000):
            chunk = need[i:i + 256]
            if not have.startswith(chunk, j):
                chunk = need[i:i + 16]
            if len(chunk) > 1 and have.startswith(chunk, j):
                pos = j + len(chunk)
                i += len(chunk)
                continue
        if j < 0:
            where = jump if jump is not None else (i, pos)
            k, p = where
            what = "lost"
            if have.find(need[k:k + 6]) >= 0:
                what = "out of order (found earlier in the output)"
            return ("%s near input char %d: ...%s[%s]%s... ; output has "
                    "...%s..." % (what, k, need[max(0, k - 20):k],
                                  need[k:k + 1], need[k + 1:k + 20],
                                  have[p:p + 40]))
        if jump is None and j - pos > 2000:
            jump = (i, pos)
        pos = j + 1
        i += 1
    return None

def remove_quoted(lines, n, quote):
    """Remove the quoted text (maybe shortened with an ellipsis in the
    middle) from line n (1-based) or a line close to it; returns True
    when found."""
    # Each ellipsis may be where the quote was shortened.
    cuts = [i for i, c in enumerate(quote) if c == "\u2026"]
    for k in (n, n - 1, n + 1, n - 2, n + 2):
        if k < 1 or k > len(lines):
            continue
        line = lines[k - 1]
        i = line.find(quote)
        if i >= 0:
            lines[k - 1] = line[:i] + line[i + len(quote):]
            return True
        for c in cuts:
            pre, post = quote[:c], quote[c + 1:]
            i = line.find(pre)
            j = line.find(post, i + len(pre)) if i >= 0 else -1
            if i >= 0 and j >= 0:
                lines[k - 1] = line[:i] + line[j + len(post):]
                return True
        # The stage may quote the line without its spaces at the ends.
        if nonspace(line) == nonspace(quote):
            lines[k - 1] = ""
            return True
    return False

def docbook_text(path):
    return "".join(ET.parse(path).getroot().itertext())

def epub_text(path):
    z = zipfile.ZipFile(path)
    ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container",
          "o": "http://www.idpf.org/2007/opf"}
    rf = ET.fromstring(z.read("META-INF/container.xml")).find(
        ".//c:rootfile", ns).get("full-path")
    base = os.path.dirname(rf)
    opf = ET.fromstring(z.read(rf))
    items = {i.get("id"): i for i in opf.find("o:manifest", ns)}
    out = []
    for ref in opf.find("o:spine", ns):
        it = items[ref.get("idref")]
        if "nav" in (it.get("properties") or "").split():
            continue
        href = os.path.normpath(os.path.join(base, it.get("href")))
        root = ET.fromstring(z.read(href))
        body = root.find("{http://www.w3.org/1999/xhtml}body")
        out.append("".join((body if body is not None else root).itertext()))
    return "".join(out)

def tagged_text(path):
    """The text of a tagged stream's records, in reading order."""
    out = []
    for line in read(path).decode("utf-8", "replace").split("\n"):
        f = [re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(
             m.group(1), m.group(1)), x) for x in line.split("\t")]
        k = f[0]
        if k == "title":
            out.append("".join(reversed(f[1:3])))
        elif k in ("subtitle", "byline", "dateline", "para", "credit"):
            out.append(f[1])
        elif k == "heading":
            out.append(f[2] if len(f) > 2 else "")
        elif k == "runin":
            out.append("".join(f[1:3]))
    return "\n".join(out)

def explained(errfile, tool, pattern):
    """(line, match) for each --explain line of tool matching pattern."""
    res = []
    if not os.path.exists(errfile):
        return res
    for l in read(errfile).decode("utf-8", "replace").splitlines():
        m = re.match(r"^%s: .*?:(\d+): (.*)$" % re.escape(tool), l)
        if m:
            mm = re.match(pattern, m.group(2))
            if mm:
                res.append((int(m.group(1)), mm))
    return res

fails = []
prev = None
if stage == "split":
    lines = lines_of(decode(read(src), read(d + "/split.out").decode(
        "utf-8", "replace")))
    bad = []
    for n, m in explained(d + "/split.err", "galley-split",
                          r'^removed (.*?) "(.*)"$'):
        if not remove_quoted(lines, n, m.group(2)):
            bad.append("line %d: %s" % (n, m.group(0)))
    if bad:
        fails.append(("split", "--explain names text not on its line: "
                      + bad[0]))
    # A continuation from a later page ("article continued" at its
    # first line, up to the next article) moves up to where its article
    # jumped ("removed jump to a later page"), in order.
    jumps = [n for n, m in explained(d + "/split.err", "galley-split",
                                     r"^removed jump to a later page")]
    begins = sorted(n for n, m in explained(d + "/split.err",
                                            "galley-split",
                                            r"^article begins"))
    moves = []
    for n, m in explained(d + "/split.err", "galley-split",
                          r"^article continued"):
        ends = [b for b in begins if b > n]
        end = ends[0] - 1 if ends else len(lines)
        before = [j for j in jumps if j < n]
        if before:
            jumps.remove(before[0])
            moves.append((before[0], n, end))
    for j, a, b in sorted(moves, key=lambda x: -x[1]):
        seg = lines[a - 1:b]
        lines[a - 1:b] = [""] * len(seg)
        lines[j - 1] = lines[j - 1] + "\n" + "\n".join(seg)
    need = nonspace("\n".join(lines))
    have = nonspace(read(d + "/split.out").decode("utf-8", "replace"))
    r = subseq(need, have)
    if r:
        fails.append(("split", r))
if stage in ("split", "mend"):
    lines = read(d + "/split.out").decode("utf-8", "replace").split("\n")
    bad = []
    for n, m in explained(d + "/mend.err", "galley-mend",
                          r"^joined .*\((soft )?hyphen dropped.*\)$"):
        l = lines[n - 1].rstrip() if 0 < n <= len(lines) else ""
        if l and l[-1] in HYPHENS:
            lines[n - 1] = l[:-1]
        else:
            bad.append("line %d does not end in a hyphen: %s"
                       % (n, l[-30:]))
    if bad:
        fails.append(("mend", "--explain: " + bad[0]))
    need = nonspace("\n".join(lines))
    have = nonspace(read(d + "/mend.out").decode("utf-8", "replace"))
    r = subseq(need, have)
    if r:
        fails.append(("mend", r))
base = nonspace(tagged_text(d + "/tag.out"))
if stage in ("split", "mend", "tag"):
    # tag: mend's output, less each byline that galley-tag --explain
    # reports as "moved up" into the article's head, in order; and each
    # moved byline in the tagged stream too.
    lines = read(d + "/mend.out").decode("utf-8", "replace").split("\n")
    moved = []
    for n, m in explained(d + "/tag.err", "galley-tag",
                          r"^byline: .*; moved up from"):
        if 0 < n <= len(lines) and lines[n - 1]:
            moved.append(lines[n - 1])
            lines[n - 1] = ""
    r = subseq(nonspace("\n".join(lines)), base)
    if r:
        fails.append(("tag", r))
    # A later story's byline is moved out of its paragraph, whose
    # dateline and text stay: the byline records' texts found in the
    # line, and what is left of it, must each be in the output.
    bylines = [nonspace(re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}
                               .get(m.group(1), m.group(1)), l[7:]))
               for l in read(d + "/tag.out").decode("utf-8",
                                                   "replace").split("\n")
               if l.startswith("byline\t")]
    for t in moved:
        r = subseq(nonspace(t), base)
        if r:
            rest, parts = nonspace(t), []
            for b in bylines:
                if b and b != rest and b in rest:
                    rest = rest.replace(b, "", 1)
                    parts.append(b)
            if parts and not subseq(rest, base) and \
                    not any(subseq(b, base) for b in parts):
                r = None
        if r:
            fails.append(("tag", "moved byline: " + r))
outputs = [("docbook", lambda: docbook_text(d + "/book.xml"))]
if not os.path.exists(d + "/no-epub"):
    outputs.append(("epub", lambda: epub_text(d + "/book.epub")))
for what, get in outputs:
    try:
        have = nonspace(get())
    except Exception as e:
        print("FAIL lost/%s/%s: cannot read the output: %s" % (name, what, e))
        continue
    r = subseq(base, have)
    stagefails = [f for f in fails]
    if r:
        stagefails.append((what, r))
    if stagefails:
        s, why = stagefails[0]
        print("FAIL lost/%s/%s: %s: %s" % (name, what, s, why))
    else:
        print("PASS lost/%s/%s" % (name, what))
EOF
	)
	rm -rf "$d"
done <<<"$inputs"
[ "$n" -gt 0 ] || fail lost "no input found"
exit 0
