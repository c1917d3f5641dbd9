/*
 * mend_punct.c: the character classes galley-mend decides with (what
 * cannot start a line, what ends a sentence, hyphens and dashes, wide
 * characters) and the opt-in --cjk-punct conversion of half-width
 * punctuation between CJK characters to full width.
 */
#include <stdint.h>

#include "mend.h"

/*
 * Characters that cannot start a line (the kinsoku "no line start"
 * class of JIS X 4051 and GB/T 15834 practice), plus the Latin ones
 * that never start a sentence.  A block starting with one of them is
 * the tail of a cut paragraph.
 */
int
mend_is_noline_start(uint32_t c)
{
	switch (c) {
	case 0x3001: case 0x3002: case 0xff0c: case 0xff0e: case 0xff1b:
	case 0xff1a: case 0xff1f: case 0xff01: case 0xff09: case 0x300d:
	case 0x300f: case 0x3011: case 0x300b: case 0x3009: case 0x201d:
	case 0x2019: case 0x2026: case 0x2025: case 0x30fc: case 0x3015:
	case 0x3017: case 0xff3d: case 0xff5d: case 0xff05: case 0x3005:
	case 0x309d: case 0x309e: case 0x30fd: case 0x30fe:
	case ',': case '.': case ';': case ':': case '?': case '!':
	case ')': case ']': case '}': case '%':
		return 1;
	default:
		/* Small kana. */
		return c == 0x3041 || c == 0x3043 || c == 0x3045 ||
		    c == 0x3047 || c == 0x3049 || c == 0x3063 ||
		    c == 0x3083 || c == 0x3085 || c == 0x3087 ||
		    c == 0x30a1 || c == 0x30a3 || c == 0x30a5 ||
		    c == 0x30a7 || c == 0x30a9 || c == 0x30c3 ||
		    c == 0x30e3 || c == 0x30e5 || c == 0x30e7;
	}
}

/* Closing brackets and quotes, which may follow a sentence's end. */
int
mend_is_closer(uint32_t c)
{
	switch (c) {
	case 0xff09: case 0x300d: case 0x300f: case 0x3011: case 0x300b:
	case 0x3009: case 0x201d: case 0x2019: case 0x3015: case 0x3017:
	case 0xff3d: case 0xff5d: case ')': case ']': case '"': case '\'':
	case 0xbb:
		return 1;
	default:
		return 0;
	}
}

/* Punctuation that may end a paragraph. */
int
mend_is_terminal(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xff01: case 0xff1f: case 0x2026: case 0xff0e:
	case 0xff1a: case 0xff1b: case '.': case '!': case '?': case ':':
	case ';': case 0x203c: case 0x2047: case 0x2048: case 0x2049:
		return 1;
	default:
		return 0;
	}
}

/*
 * Punctuation inside running sentences.  Headings, headlines and
 * bylines hardly ever hold it; prose nearly always does.  The colon
 * and the enumeration comma are left out: headlines use both.
 */
int
mend_is_sentence_punct(uint32_t c)
{
	switch (c) {
	case 0xff0c: case 0x3002: case 0xff1b: case 0xff01: case 0xff1f:
	case ',': case ';':
		return 1;
	default:
		return 0;
	}
}

int
mend_is_hyphen(uint32_t c)
{
	return c == '-' || c == 0x2010;
}

int
mend_is_dash(uint32_t c)
{
	return c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2e3a;
}

/* East Asian wide and full-width characters take two columns. */
int
mend_is_wide(uint32_t c)
{
	/* Below U+1100 nothing is wide: Latin text answers at once. */
	if (c < 0x1100)
		return 0;
	/* CJK punctuation, then Han: the common wide characters. */
	return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60) ||
	    uc_is_han(c) || (c >= 0xffe0 && c <= 0xffe6) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x115f) ||
	    (c >= 0x2e80 && c <= 0x2fff) || (c >= 0x3200 && c <= 0x33ff) ||
	    (c >= 0xfe30 && c <= 0xfe4f);
}

static uint32_t
fullwidth(uint32_t c)
{
	switch (c) {
	case ',':
		return 0xff0c;
	case ';':
		return 0xff1b;
	case ':':
		return 0xff1a;
	case '?':
		return 0xff1f;
	case '!':
		return 0xff01;
	case '(':
		return 0xff08;
	case ')':
		return 0xff09;
	default:
		return 0;
	}
}

/*
 * Append s[0..n) to out with each half-width , ; : ? ! ( ) that stands
 * between two CJK characters turned to its full-width form.  A closing
 * parenthesis or a sentence mark may also end the paragraph, and an
 * opening parenthesis may start it, next to a CJK character.
 */
void
mend_cjk_punct(struct sbuf *out, const char *s, size_t n)
{
	size_t		 i, j, k, nk;
	uint32_t	 c, prev, next, fw;

	prev = 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0) {
			k = 1;
			sbuf_putc(out, s[i]);
			prev = 0;
			continue;
		}
		if ((fw = fullwidth(c)) == 0) {
			sbuf_put(out, s + i, k);
			prev = c;
			continue;
		}
		/* What follows, past a run of such marks: "个);总". */
		next = 0;
		for (j = i + k; j < n; j += nk) {
			if ((nk = utf8_decode(s + j, n - j, &next)) == 0) {
				next = 0;
				break;
			}
			if (fullwidth(next) == 0)
				break;
			next = 0;
		}
		if ((uc_is_cjk(prev) || (prev == 0 && c == '(')) &&
		    (uc_is_cjk(next) || (j >= n && c != '(' &&
		    c != ',' && c != ';' && c != ':'))) {
			sbuf_putcp(out, fw);
			prev = fw;
		} else {
			sbuf_put(out, s + i, k);
			prev = c;
		}
	}
}
