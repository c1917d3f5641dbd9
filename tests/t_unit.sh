#!/usr/bin/env bash
# t_unit.sh: the C unit tests (tests/unit_*.c), built by make check.
. tests/lib.sh
for u in tests/unit_*.c; do
	bin=${u%.c}
	if [ ! -x "$bin" ]; then
		fail "$bin" "not built (make $bin)"
		continue
	fi
	"$bin" || fail "$bin" "exited $?"
done
