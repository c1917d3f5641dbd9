#!/usr/bin/env bash
# t_split.sh: galley-split on the command line: the sample's articles,
# encodings, line ends, control characters, options and their errors.
. tests/lib.sh
S=fixtures/city-news-2-articles.txt
FF=$(printf '\f')

# nart FILE: the number of articles in an article stream.
nart() { echo $(( $(grep -c "^$FF\$" "$1") + 1 )); }

"$B/galley-split" "$S" >"$T/ref" 2>"$T/err"
if [ $? = 0 ] && [ "$(nart "$T/ref")" = 2 ] && [ ! -s "$T/err" ]
then pass "split: sample has 2 articles"
else fail "split: sample has 2 articles" "$(nart "$T/ref") articles"; fi
