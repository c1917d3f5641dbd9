/*
 * extern.h: declarations shared inside libgalley.  Never installed and
 * never included from cmd/.
 */
#ifndef EXTERN_H
#define EXTERN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "galley.h"

#if defined(__GNUC__)
#define GALLEY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GALLEY_PRINTF(a, b)
#endif

/* Allocation: out of memory prints "prog: out of memory" and exits 1. */
void	*galley_xmalloc(size_t);
void	*galley_xcalloc(size_t, size_t);
void	*galley_xrealloc(void *, size_t);
void	*galley_xreallocarray(void *, size_t, size_t);
char	*galley_xstrdup(const char *);
char	*galley_xstrndup(const char *, size_t);

/*
 * A growable byte buffer, always NUL-terminated once anything has been
 * put in it (sbuf_str gives "" for an empty one).  It grows
 * geometrically so that n appends cost O(n) in all.
 */
struct sbuf {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

void	 sbuf_init(struct sbuf *);
void	 sbuf_free(struct sbuf *);
void	 sbuf_reset(struct sbuf *);		/* len 0, keep memory */
void	 sbuf_grow(struct sbuf *, size_t extra);
void	 sbuf_put(struct sbuf *, const char *, size_t);
void	 sbuf_puts(struct sbuf *, const char *);
void	 sbuf_putc(struct sbuf *, char);
void	 sbuf_putcp(struct sbuf *, uint32_t);	/* one code point, UTF-8 */
void	 sbuf_printf(struct sbuf *, const char *, ...) GALLEY_PRINTF(2, 3);
void	 sbuf_vprintf(struct sbuf *, const char *, va_list);
const char *sbuf_str(const struct sbuf *);
/* Hand the buffer to the caller (who frees it); the sbuf is emptied. */
char	*sbuf_take(struct sbuf *, size_t *len);

/*
 * Report a diagnostic through r (which may be NULL).  GALLEY_EXPLAIN
 * messages are dropped unless r->explain is set; callers building an
 * expensive message check report_explaining() first.
 */
void	 report(const struct galley_report *r, enum galley_level,
	    const char *file, size_t line, size_t col, const char *fmt, ...)
	    GALLEY_PRINTF(6, 7);
void	 vreport(const struct galley_report *r, enum galley_level,
	    const char *file, size_t line, size_t col, const char *fmt,
	    va_list);
int	 report_explaining(const struct galley_report *r);

/*
 * UTF-8.  utf8_decode reads one code point at s[0..n) into *cp and
 * returns its length (1-4), or 0 when the bytes there are not valid
 * UTF-8 (overlong, surrogate, out of range, truncated, stray
 * continuation byte).  utf8_valid returns the offset of the first bad
 * byte, or n when all is valid.  utf8_prev steps back one code point
 * from s[i] (i > 0) in valid UTF-8.
 */
size_t	 utf8_valid(const char *s, size_t n);
/* The four-byte case of utf8_decode, out of line. */
size_t	 utf8_decode4(const char *s, size_t n, uint32_t *cp);
size_t	 utf8_encode(uint32_t cp, char out[4]);
size_t	 utf8_prev(const char *s, size_t i);
/* The number of code points in valid UTF-8 s[0..n). */
size_t	 utf8_count(const char *s, size_t n);

/*
 * utf8_decode is inline: every stage calls it for nearly every
 * character, often several times (see BENCHMARKS.md).  The branches
 * follow the lead byte, ASCII first, then the three bytes of CJK text.
 */
static inline size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xe0) {
		if (u[0] < 0xc2 || n < 2 || (u[1] & 0xc0) != 0x80)
			return 0;
		*cp = ((uint32_t)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
		return 2;
	}
	if (u[0] < 0xf0) {
		if (n < 3 || (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80)
			return 0;
		c = ((uint32_t)(u[0] & 0x0f) << 12) |
		    ((uint32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		*cp = c;
		return 3;
	}
	return utf8_decode4(s, n, cp);
}

/*
 * Character classes on code points.  The common answers (ASCII, the
 * CJK Unified Ideographs block) are inline; the rest is in utf8.c.
 */
int	 uc_is_han_rest(uint32_t);
int	 uc_is_cjk_punct_rest(uint32_t);
int	 uc_is_cjk_rest(uint32_t);

/* Han, kana, bopomofo. */
static inline int
uc_is_han(uint32_t c)
{
	if (c < 0x3040)
		return 0;
	if (c >= 0x4e00 && c <= 0x9fff)
		return 1;
	return uc_is_han_rest(c);
}

/* U+3000-303F, U+FF00-FF65 punctuation, and a few others. */
static inline int
uc_is_cjk_punct(uint32_t c)
{
	return c >= 0xb7 && uc_is_cjk_punct_rest(c);
}

/* Han or full-width CJK punctuation, digits and letters. */
static inline int
uc_is_cjk(uint32_t c)
{
	if (c < 0xb7)
		return 0;
	if (c >= 0x4e00 && c <= 0x9fff)
		return 1;
	return uc_is_cjk_rest(c);
}

/* ASCII space, tab, U+3000, NBSP. */
static inline int
uc_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xa0;
}

static inline int
uc_is_latin_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7;
}

/* ASCII or full-width digit. */
static inline int
uc_is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19);
}

/*
 * Quote s[0..n) for a diagnostic, shortening the middle to at most
 * about max code points with "…"; appends to b.
 */
void	 sbuf_quote(struct sbuf *b, const char *s, size_t n, size_t max);
/*
 * As sbuf_quote, with control characters shown as \n, \t or \x1f, so
 * that a message quoting input is always one line.
 */
void	 sbuf_quote_line(struct sbuf *b, const char *s, size_t n,
	    size_t max);

#endif /* EXTERN_H */
