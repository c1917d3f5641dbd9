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
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t	 utf8_valid(const char *s, size_t n);
size_t	 utf8_encode(uint32_t cp, char out[4]);
size_t	 utf8_prev(const char *s, size_t i);
/* The number of code points in valid UTF-8 s[0..n). */
size_t	 utf8_count(const char *s, size_t n);

/* Character classes on code points. */
int	 uc_is_han(uint32_t);		/* Han, kana, bopomofo */
int	 uc_is_cjk(uint32_t);		/* Han or full-width CJK punctuation */
int	 uc_is_cjk_punct(uint32_t);	/* U+3000-303F, U+FF00-FF65 punct */
int	 uc_is_space(uint32_t);		/* ASCII space, tab, U+3000, NBSP */
int	 uc_is_latin_letter(uint32_t);
int	 uc_is_digit(uint32_t);		/* ASCII or full-width digit */

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
