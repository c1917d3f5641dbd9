/*
 * utf8.c: strict UTF-8 decoding (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) and the few character classes the
 * stages share.
 */
#include <stdint.h>
#include <string.h>

#include "extern.h"

size_t
utf8_decode4(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;

	if (u[0] > 0xf4 || n < 4 || (u[1] & 0xc0) != 0x80 ||
	    (u[2] & 0xc0) != 0x80 || (u[3] & 0xc0) != 0x80)
		return 0;
	c = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3f) << 12) |
	    ((uint32_t)(u[2] & 0x3f) << 6) | (u[3] & 0x3f);
	if (c < 0x10000 || c > 0x10ffff)
		return 0;
	*cp = c;
	return 4;
}

/*
 * Every stream reader checks every line with this.  ASCII runs are
 * skipped eight bytes at a time; the three-byte sequences of CJK text
 * are checked in place.
 */
size_t
utf8_valid(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, k;
	uint64_t		 w;
	uint32_t		 cp;
	unsigned char		 c;

	i = 0;
	while (i < n) {
		c = u[i];
		if (c < 0x80) {
			i++;
			while (n - i >= 8) {
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			continue;
		}
		if (c >= 0xe1 && c <= 0xec && n - i >= 3 &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
			/* In CJK text the next is most likely one too. */
			for (i += 3; n - i >= 3; i += 3)
				if (u[i] < 0xe1 || u[i] > 0xec ||
				    ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) >=
				    0x40)
					break;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return i;
		i += k;
	}
	return n;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t
utf8_prev(const char *s, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	return i;
}

/* The bytes that are not continuation bytes, eight at a time. */
size_t
utf8_count(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint64_t		 w, m;
	size_t			 i, cont;

	cont = 0;
	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&w, u + i, 8);
		/* Bit 7 set and bit 6 clear: 10xxxxxx. */
		m = w & ~(w << 1) & 0x8080808080808080ULL;
		cont += (size_t)(((m >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += (u[i] & 0xc0) == 0x80;
	return n - cont;
}

int
uc_is_han_rest(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) ||	/* kana */
	    (c >= 0x3100 && c <= 0x312f) ||	/* bopomofo */
	    (c >= 0x3400 && c <= 0x4dbf) ||	/* ext A */
	    (c >= 0x4e00 && c <= 0x9fff) ||
	    (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0x20000 && c <= 0x3134f);
}

int
uc_is_cjk_punct_rest(uint32_t c)
{
	return (c >= 0x3001 && c <= 0x303f) ||
	    (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	    c == 0x2014 || c == 0x2026 || (c >= 0x2018 && c <= 0x201f) ||
	    c == 0x00b7 || c == 0x2022 || c == 0x25a0;
}

int
uc_is_cjk_rest(uint32_t c)
{
	return uc_is_han(c) || uc_is_cjk_punct(c) ||
	    (c >= 0xff10 && c <= 0xff19) ||	/* full-width digits */
	    (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

void
sbuf_quote(struct sbuf *b, const char *s, size_t n, size_t max)
{
	size_t		 cps, i, k, keep;
	uint32_t	 cp;

	cps = utf8_count(s, n);
	if (cps <= max) {
		sbuf_put(b, s, n);
		return;
	}
	/* Keep the first and last max/2 code points. */
	keep = max / 2;
	for (i = 0, k = 0; i < n && k < keep; k++) {
		size_t l = utf8_decode(s + i, n - i, &cp);
		i += l ? l : 1;
	}
	sbuf_put(b, s, i);
	sbuf_puts(b, "\xe2\x80\xa6");
	for (i = n, k = 0; i > 0 && k < keep; k++)
		i = utf8_prev(s, i);
	sbuf_put(b, s + i, n - i);
}

void
sbuf_quote_line(struct sbuf *b, const char *s, size_t n, size_t max)
{
	struct sbuf	 q;
	size_t		 i;
	unsigned char	 c;

	sbuf_init(&q);
	sbuf_quote(&q, s, n, max);
	for (i = 0; i < q.len; i++) {
		c = (unsigned char)q.buf[i];
		if (c == '\n')
			sbuf_puts(b, "\\n");
		else if (c == '\t')
			sbuf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sbuf_printf(b, "\\x%02x", c);
		else
			sbuf_putc(b, (char)c);
	}
	sbuf_free(&q);
}
