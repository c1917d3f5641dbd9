#!/usr/bin/env bash
# t_patho.sh: linear time and flat memory on pathological inputs (issue 6,
# item 6; STYLE.md section 7), in the manner of cmark's
# test/pathological_tests.py.  Each input is generated here (never
# committed) at size n and 8n, and each stage runs on both:
#
#   longline   one line of text with no newline, no space and no
#              punctuation (12.5 MB and 100 MB)
#   articles   one-line articles, a form-feed line between them (125,000
#              and a million); for galley-split, which finds articles by
#              their headline and byline, articles of a headline, a
#              byline and a paragraph (62,500 and 500,000)
#   hyphens    a hyphen at the end of every line (hard-wrapped Latin
#              paragraphs of one article)
#   headings   every line a heading candidate: short, no punctuation,
#              numbered and not, between short paragraphs
#   brackets   deeply unbalanced quotes and brackets: opening ones only,
#              then closing ones only
#
# The writers get tagged streams of the same shapes: one huge paragraph,
# many articles (15,625 and 125,000; for galley-epub, 125,000 and a
# million), and one article of many headings of every level.
#
# Checks, for each stage and input (CPU time, user + system, and peak
# RSS from GNU time):
#   time     t(8n) <= 16 * max(t(n), 0.1 s): no worse than linear, with
#            room for noise;
#   memory   flat: peak(8n) <= 2 * peak(n) + 8 MB, where memory is to be
#            bounded by the largest article (many articles; galley-epub
#            groups them into documents of 64 KB, so its container's
#            list of members grows with the input's bytes, a few hundred
#            bytes for 64 KB, not with the number of articles);
#            linear,
#            peak(8n) <= 10 * peak(n) + 8 MB, where one article or one
#            line grows with n (it must be held whole), so only a
#            superlinear growth fails.
# Under sanitizers (GALLEY_SAN=1, or binaries built with ASan, found by
# their symbols) the 8n sizes are skipped and sizes are smaller: each
# stage must still finish, within 120 s, with exit 0.
. tests/lib.sh

TIME=/usr/bin/time
if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		fail patho "GNU time is not installed at /usr/bin/time (package time)"
	else
		echo "SKIP patho: GNU time is not installed at /usr/bin/time"
	fi
	exit 0
fi

SAN=${GALLEY_SAN:-0}
if [ "$SAN" != 1 ] && grep -qa -e __asan_init -e __ubsan_handle \
    "$B/galley-split"; then
	SAN=1
fi

# Sizes: the unit of each input at size n.
if [ "$SAN" = 1 ]; then
	K_LONG=2000000 K_ART=30000 K_LINES=20000
else
	K_LONG=12500000 K_ART=125000 K_LINES=50000
fi

# --- Generators: gen_KIND SIZE-MULTIPLIER FILE --------------------------

gen() {
	python3 - "$@" <<'EOF'
import sys
kind, mult, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
K = {"longline": int(sys.argv[4]), "articles": int(sys.argv[5]),
     "lines": int(sys.argv[6])}
out = open(path, "w", encoding="utf-8")
w = out.write
if kind == "longline":
    # CJK text with no punctuation and no space, no newline.
    unit = "城市更新行动落户板块堵点市政协探索义务"
    n = K["longline"] * mult // len(unit.encode())
    w(unit * n)
elif kind == "articles":
    for i in range(K["articles"] * mult):
        if i:
            w("\f\n")
        w("Article %d has one line.\n" % i)
elif kind == "rawarticles":
    # Headline, byline, one paragraph: what galley-split cuts into
    # articles.
    for i in range(K["articles"] * mult // 2):
        w("Headline number %d\n\nBy John Smith\n\nText of article %d.\n\n"
          % (i, i))
elif kind == "hyphens":
    # Each line ends in a hyphen and the next starts with the rest.
    rest = ["ment", "ple", "ation", "paper", "ernment"]
    for i in range(K["lines"] * mult):
        w("%s and line %d of the long docu-\n" % (rest[i % 5], i))
        if i % 8 == 7:
            w("\n")
elif kind == "headings":
    for i in range(K["lines"] * mult):
        if i % 4 == 0:
            w("第%d章 城市更新\n\n" % i)
        elif i % 4 == 1:
            w("%d. Section Title Case Heading\n\n" % i)
        elif i % 4 == 2:
            w("一、重点工作%d\n\n" % i)
        else:
            w("短段落%d\n\n" % i)
elif kind == "brackets":
    n = K["lines"] * mult
    for i in range(n // 2):
        w("“（《「【(\"[ 开头 %d\n" % i + ("\n" if i % 5 == 4 else ""))
    for i in range(n // 2):
        w("结尾 %d 】」》）”)\"]\n" % i + ("\n" if i % 5 == 4 else ""))
# Tagged streams for the writers.
elif kind == "t_longpara":
    w("galley-tagged\t1\narticle\ntitle\tLong\npara\t")
    unit = "城市更新行动落户板块堵点市政协探索义务"
    w(unit * (K["longline"] * mult // len(unit.encode())))
    w("\n")
elif kind in ("t_articles", "t_manyarticles"):
    w("galley-tagged\t1\nmeta\ttitle\tMany\nmeta\tlanguage\ten\n")
    n = K["articles"] * mult // (8 if kind == "t_articles" else 1)
    for i in range(n):
        w("article\ntitle\tArticle %d\npara\tText of article %d.\n" % (i, i))
elif kind == "t_headings":
    w("galley-tagged\t1\nmeta\ttitle\tHeadings\narticle\ntitle\tDeep\n")
    for i in range(K["lines"] * mult):
        lv = [1, 2, 3, 4, 5, 6, 2, 6, 1, 3][i % 10]
        w("heading\t%d\tHeading %d\npara\tText %d.\n" % (lv, i, i))
EOF
}

# run NAME TOOL INPUT: CPU seconds and peak KB into $T/NAME.m as "t kb";
# returns the tool's status.
measure() {
	local name=$1 tool=$2 in=$3 rc
	shift 3
	local args=()
	[ "$tool" = galley-epub ] && args=(-o "$T/m.epub")
	timeout 120 "$TIME" -o "$T/$name.time" -f '%U %S %M' \
	    "$B/$tool" "${args[@]}" "$in" >/dev/null 2>"$T/$name.err"
	rc=$?
	rm -f "$T/m.epub"
	awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$T/$name.time" \
	    >"$T/$name.m" 2>/dev/null
	return $rc
}

# check KIND MEMORY-RULE TOOL...: run each tool at n and 8n and compare.
check() {
	local kind=$1 rule=$2 tool f1 f8 t1 m1 t8 m8 name
	shift 2
	f1=$T/$kind.1
	gen "$kind" 1 "$f1" $K_LONG $K_ART $K_LINES
	f8=
	if [ "$SAN" != 1 ]; then
		f8=$T/$kind.8
		gen "$kind" 8 "$f8" $K_LONG $K_ART $K_LINES
	fi
	for tool in "$@"; do
		name=patho/$kind/${tool#galley-}
		if ! measure n "$tool" "$f1"; then
			fail "$name" "size n: exit $? $(grep -v warning: "$T/n.err" | head -c 200)"
			continue
		fi
		read -r t1 m1 <"$T/n.m"
		if [ -z "$f8" ]; then
			pass "$name (n: ${t1}s ${m1}KB; 8n skipped under sanitizers)"
			continue
		fi
		if ! measure e "$tool" "$f8"; then
			fail "$name" "size 8n: exit $? $(grep -v warning: "$T/e.err" | head -c 200)"
			continue
		fi
		read -r t8 m8 <"$T/e.m"
		why=$(awk -v t1="$t1" -v t8="$t8" -v m1="$m1" -v m8="$m8" \
		    -v rule="$rule" 'BEGIN {
			b = t1 < 0.1 ? 0.1 : t1
			if (t8 > 16 * b)
				printf "time %ss at n, %ss at 8n (more than 16x)", t1, t8
			else if (rule == "flat" && m8 > 2 * m1 + 8192)
				printf "memory %d KB at n, %d KB at 8n (grows with n)", m1, m8
			else if (rule == "linear" && m8 > 10 * m1 + 8192)
				printf "memory %d KB at n, %d KB at 8n (more than linear)", m1, m8
		}')
		if [ -n "$why" ]; then
			fail "$name" "$why"
		else
			pass "$name (n: ${t1}s ${m1}KB, 8n: ${t8}s ${m8}KB)"
		fi
	done
	rm -f "$f1" "$f8"
}

check longline linear galley-split galley-mend galley-tag
check rawarticles flat galley-split
check articles flat galley-mend galley-tag
check hyphens linear galley-split galley-mend galley-tag
check headings linear galley-split galley-mend galley-tag
check brackets linear galley-split galley-mend galley-tag
check t_longpara linear galley-docbook galley-epub
check t_articles flat galley-docbook
# A million one-line articles against 125,000: the EPUB container keeps
# a little for each member until it is closed, and a member is a
# document of 64 KB of articles, so memory stays flat.
check t_manyarticles flat galley-epub
check t_headings linear galley-docbook galley-epub
exit 0
