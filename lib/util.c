/*
 * util.c: allocation that never returns NULL, the growable buffer, the
 * diagnostic plumbing and the program name.  Running out of memory is
 * the one fatal error in the library (see STYLE.md, section 6).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

static const char *progname = "galley";

static void	 oom(void) __attribute__((noreturn));

static void
oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(1);
}

void
galley_set_progname(const char *p)
{
	const char	*s;

	if (p == NULL)
		return;
	s = strrchr(p, '/');
	progname = s != NULL ? s + 1 : p;
}

const char *
galley_progname(void)
{
	return progname;
}

void *
galley_xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
galley_xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		oom();
	return p;
}

void *
galley_xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
galley_xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	return galley_xrealloc(p, n * sz);
}

char *
galley_xstrdup(const char *s)
{
	return galley_xstrndup(s, strlen(s));
}

char *
galley_xstrndup(const char *s, size_t n)
{
	char	*p;

	p = galley_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sbuf_init(struct sbuf *b)
{
	b->buf = NULL;
	b->len = b->cap = 0;
}

void
sbuf_free(struct sbuf *b)
{
	free(b->buf);
	sbuf_init(b);
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->buf != NULL)
		b->buf[0] = '\0';
}

/*
 * Make room for extra more bytes and a NUL.  Doubling keeps the total
 * copying linear in the final size; the overflow check keeps a huge
 * request from wrapping around.
 */
void
sbuf_grow(struct sbuf *b, size_t extra)
{
	size_t	 need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->buf = galley_xrealloc(b->buf, cap);
	b->cap = cap;
}

void
sbuf_put(struct sbuf *b, const char *s, size_t n)
{
	/* Room for n bytes and the NUL: skip the call (cap >= len). */
	if (b->cap - b->len <= n)
		sbuf_grow(b, n);
	if (n > 0)
		memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

void
sbuf_putc(struct sbuf *b, char c)
{
	if (b->cap - b->len < 2)
		sbuf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

void
sbuf_putcp(struct sbuf *b, uint32_t cp)
{
	char	 u[4];

	sbuf_put(b, u, utf8_encode(cp, u));
}

/*
 * Format into the buffer.  The first try writes into the room the
 * buffer has (at least 128 bytes); only a longer result is formatted
 * again, into a buffer grown to fit.
 */
void
sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	size_t	 room;
	int	 n;

	sbuf_grow(b, 128);
	room = b->cap - b->len;
	va_copy(aq, ap);
	n = vsnprintf(b->buf + b->len, room, fmt, aq);
	va_end(aq);
	if (n < 0) {
		b->buf[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		sbuf_grow(b, (size_t)n);
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	sbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
sbuf_str(const struct sbuf *b)
{
	return b->buf != NULL ? b->buf : "";
}

char *
sbuf_take(struct sbuf *b, size_t *len)
{
	char	*p;

	if (b->buf == NULL)
		sbuf_grow(b, 0), b->buf[0] = '\0';
	p = b->buf;
	if (len != NULL)
		*len = b->len;
	sbuf_init(b);
	return p;
}

int
report_explaining(const struct galley_report *r)
{
	return r != NULL && r->cb != NULL && r->explain;
}

void
vreport(const struct galley_report *r, enum galley_level level,
    const char *file, size_t line, size_t col, const char *fmt, va_list ap)
{
	struct galley_diag	 d;
	struct sbuf		 b;

	if (r == NULL || r->cb == NULL)
		return;
	if (level == GALLEY_EXPLAIN && !r->explain)
		return;
	sbuf_init(&b);
	sbuf_vprintf(&b, fmt, ap);
	d.level = level;
	d.file = file != NULL ? file : "<stdin>";
	d.line = line;
	d.col = col;
	d.msg = sbuf_str(&b);
	r->cb(&d, r->arg);
	sbuf_free(&b);
}

void
report(const struct galley_report *r, enum galley_level level,
    const char *file, size_t line, size_t col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vreport(r, level, file, line, col, fmt, ap);
	va_end(ap);
}

void
galley_diag_print(FILE *fp, const char *prog, const struct galley_diag *d)
{
	fprintf(fp, "%s: %s", prog, d->file != NULL ? d->file : "<stdin>");
	if (d->line > 0) {
		fprintf(fp, ":%zu", d->line);
		if (d->col > 0)
			fprintf(fp, ":%zu", d->col);
	}
	fprintf(fp, ": %s%s\n", d->level == GALLEY_WARN ? "warning: " : "",
	    d->msg);
}
