#!/usr/bin/env bash
# t_docbook.sh: galley-docbook's output is DocBook 5.0 that the DocBook
# toolchain takes: jing and xmllint --relaxng validate every golden
# case's output against the 5.0 RELAX NG schema (docbook5-xml).
# With CI=true a missing validator is a failure, never a skip.
. tests/lib.sh

RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
D=fixtures/galley-docbook

# The outputs of the golden cases that succeed.
outs=()
while read -r c status; do
	case $c in ''|'#'*) continue ;; esac
	[ "$status" = 0 ] && [ -f "$D/$c.out" ] && outs+=("$c")
done <"$D/cases"

if need jing docbook-jing && need "$RNG" docbook-jing-schema; then
	for c in "${outs[@]}"; do
		if jing "$RNG" "$D/$c.out" >"$T/jing" 2>&1; then
			pass "docbook-jing/$c"
		else
			fail "docbook-jing/$c" "$(head -c 400 "$T/jing")"
		fi
	done
fi

if need xmllint docbook-xmllint && need "$RNG" docbook-xmllint-schema; then
	for c in "${outs[@]}"; do
		if xmllint --noout --relaxng "$RNG" "$D/$c.out" \
		    >"$T/xmllint" 2>&1; then
			pass "docbook-xmllint/$c"
		else
			fail "docbook-xmllint/$c" "$(head -c 400 "$T/xmllint")"
		fi
	done
fi

exit 0
