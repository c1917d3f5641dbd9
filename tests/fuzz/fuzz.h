/*
 * fuzz.h: what the libFuzzer targets in tests/fuzz/ share: taking the
 * option bytes off the front of the input (as cmark's fuzz/cmark-fuzz.c
 * does), opening the rest as a FILE, checking diagnostics and checking
 * that what a stage wrote is what its reader accepts.  A broken
 * contract calls abort(), which libFuzzer records as a crash.
 */
#ifndef FUZZ_H
#define FUZZ_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* fmemopen, open_memstream */
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Fail loudly with the reason on stderr, so a crash says what broke. */
#define FUZZ_ASSERT(x) do {						\
	if (!(x)) {							\
		fprintf(stderr, "%s:%d: broken contract: %s\n",		\
		    __FILE__, __LINE__, #x);				\
		abort();						\
	}								\
} while (0)

/*
 * Take the next option byte off the input (0 when the input is used
 * up), so that the first bytes pick options and the rest is the data.
 */
static inline unsigned
fuzz_byte(const uint8_t **p, size_t *n)
{
	unsigned	 b;

	if (*n == 0)
		return 0;
	b = (*p)[0];
	(*p)++;
	(*n)--;
	return b;
}

/*
 * A FILE reading p[0..n).  fmemopen(3) refuses a size of 0 on some C
 * libraries, so an empty input reads /dev/null instead.
 */
static inline FILE *
fuzz_open(const uint8_t *p, size_t n)
{
	FILE	*fp;

	if (n == 0)
		fp = fopen("/dev/null", "rb");
	else
		fp = fmemopen((void *)p, n, "rb");
	FUZZ_ASSERT(fp != NULL);
	return fp;
}

/*
 * The diagnostic callback: every message must be one non-empty line,
 * lower case at the start, with no final period, naming its file, as
 * galley(5) and STYLE.md ask, and not longer than a screen's worth
 * (input quoted in it is shortened).  With GALLEY_FUZZ_LAX set in the
 * environment only the level, file and message are checked, so that a
 * known bad message does not hide other findings.  arg, when not NULL,
 * counts errors.
 */
static inline void
fuzz_diag(const struct galley_diag *d, void *arg)
{
	static int	 lax = -1;
	size_t		 len;

	if (lax == -1)
		lax = getenv("GALLEY_FUZZ_LAX") != NULL;
	FUZZ_ASSERT((unsigned)d->level < GALLEY_LEVEL_MAX);
	FUZZ_ASSERT(d->file != NULL);
	FUZZ_ASSERT(d->msg != NULL);
	len = strlen(d->msg);
	if (arg != NULL && d->level == GALLEY_ERROR)
		(*(size_t *)arg)++;
	if (lax)
		return;
	FUZZ_ASSERT(len > 0);
	FUZZ_ASSERT(len < 2000);
	FUZZ_ASSERT(strchr(d->msg, '\n') == NULL);
	FUZZ_ASSERT(d->msg[len - 1] != '.' || (len >= 3 &&
	    strcmp(d->msg + len - 3, "...") == 0));
	FUZZ_ASSERT(!(d->msg[0] >= 'A' && d->msg[0] <= 'Z') ||
	    (len > 1 && d->msg[1] >= 'A' && d->msg[1] <= 'Z'));
}

static inline void
fuzz_report(struct galley_report *r, size_t *errors, int explain)
{
	r->cb = fuzz_diag;
	r->arg = errors;
	r->explain = explain;
}

/* Valid UTF-8 with no NUL byte: what both stream formats require. */
static inline int
fuzz_text_ok(const char *s, size_t n)
{
	return memchr(s, '\0', n) == NULL && utf8_valid(s, n) == n;
}

/*
 * Does s begin with the tagged-stream header?  An article stream whose
 * first line looks like one is rejected by the article reader, so the
 * round-trip checks allow for it.
 */
static inline int
fuzz_tagged_start(const char *s, size_t n)
{
	size_t	 m = sizeof(GALLEY_TAGGED_MAGIC) - 1;

	return n > m && memcmp(s, GALLEY_TAGGED_MAGIC, m) == 0 &&
	    s[m] == '\t';
}

/*
 * Check that an article stream written by a stage, buf[0..len), is read
 * back without error.  Returns the number of articles read.
 */
static inline size_t
fuzz_reread_articles(const char *buf, size_t len)
{
	struct galley_report	 rep;
	struct galley_artreader	*r;
	struct galley_article	 a;
	FILE			*fp;
	size_t			 errors = 0, n = 0;
	int			 rc;

	fuzz_report(&rep, &errors, 0);
	fp = fuzz_open((const uint8_t *)buf, len);
	r = galley_artreader_new(fp, "<reread>", &rep);
	galley_article_init(&a);
	while ((rc = galley_artreader_next(r, &a)) == 1)
		n++;
	FUZZ_ASSERT(rc == 0 || fuzz_tagged_start(buf, len));
	galley_article_clear(&a);
	galley_artreader_free(r);
	fclose(fp);
	return n;
}

#endif /* FUZZ_H */
