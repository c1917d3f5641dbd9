/*
 * unit_pipeline.c: lib/pipeline.c hands each stage what the article
 * stream reader would read back from galley_artwrite(): for thousands
 * of random articles holding blank lines, lines of spaces and tabs,
 * form-feed lines and empty blocks, relay() gives the same articles
 * and blocks as writing and reading the stream.  Also: line numbers
 * are those of the input, bad bytes are refused as the reader refuses
 * them, and a record the reader would refuse is refused.  (It includes
 * lib/pipeline.c to reach its static functions.)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pipeline.c"

/* Every article a stage is given, as text: blocks joined by '|'. */
struct seen {
	char	*buf;
	size_t	 len;
	FILE	*fp;
	size_t	 lines[64];
	size_t	 nlines;
};

static int	 capture(struct galley_pipe *, struct galley_article *);
static void	 serialise(FILE *, const struct galley_article *);
static unsigned	 rnd(void);
static int	 one(struct galley_pipe *, struct seen *, unsigned);

static struct seen	*cur;
static size_t		 nreported;

static void
serialise(FILE *fp, const struct galley_article *a)
{
	size_t	 i;

	fputc('[', fp);
	for (i = 0; i < a->nblocks; i++) {
		if (i > 0)
			fputc('|', fp);
		fwrite(a->blocks[i].text, 1, a->blocks[i].len, fp);
	}
	fputc(']', fp);
}

static int
capture(struct galley_pipe *p, struct galley_article *a)
{
	size_t	 i;

	(void)p;
	serialise(cur->fp, a);
	for (i = 0; i < a->nblocks && cur->nlines < 64; i++)
		cur->lines[cur->nlines++] = a->blocks[i].line;
	return 0;
}

static void
count(const struct galley_diag *d, void *arg)
{
	(void)d;
	(void)arg;
	nreported++;
}

/* A small linear congruential generator, the same on every system. */
static unsigned long	 seed = 1;

static unsigned
rnd(void)
{
	seed = seed * 1103515245UL + 12345UL;
	return (unsigned)((seed / 65536UL) % 32768UL);
}

/*
 * Make a random article, run it through relay() and through the stream
 * codec, and compare.  Returns 1 when they agree.
 */
static int
one(struct galley_pipe *p, struct seen *s, unsigned n)
{
	static const char *const pieces[] = {
		"a", "b c", "", " ", "\t", " \t ", "\f", " a", "\f ", "x\f",
		"\xe4\xb8\xad", "\xe3\x80\x80",
	};
	struct galley_article	 a, r;
	struct galley_artreader	*rd;
	char			*wbuf = NULL, *want = NULL, text[256];
	size_t			 wlen = 0, wantlen = 0, nb, nl, i, j, len;
	FILE			*w, *in, *wfp;
	int			 ok, rc;

	galley_article_init(&a);
	a.file = "t";
	nb = rnd() % 5;
	for (i = 0; i < nb; i++) {
		len = 0;
		nl = 1 + rnd() % 4;
		for (j = 0; j < nl; j++) {
			const char *pc = pieces[rnd() % (sizeof(pieces) /
			    sizeof(pieces[0]))];
			if (j > 0)
				text[len++] = '\n';
			memcpy(text + len, pc, strlen(pc));
			len += strlen(pc);
		}
		galley_article_add(&a, text, len, 1 + 10 * i);
	}

	/* What the stream gives. */
	w = open_memstream(&wbuf, &wlen);
	galley_artwrite(w, &a, 1);
	fclose(w);
	wfp = open_memstream(&want, &wantlen);
	if (wlen > 0) {
		in = fmemopen(wbuf, wlen, "r");
		rd = galley_artreader_new(in, "t", NULL);
		galley_article_init(&r);
		while ((rc = galley_artreader_next(rd, &r)) == 1)
			serialise(wfp, &r);
		galley_article_clear(&r);
		galley_artreader_free(rd);
		fclose(in);
	}
	fclose(wfp);

	/* What relay gives. */
	s->fp = open_memstream(&s->buf, &s->len);
	s->nlines = 0;
	cur = s;
	rc = relay(p, &a, 0, capture);
	fclose(s->fp);

	ok = rc == 0 && s->len == wantlen && memcmp(s->buf, want, wantlen) ==
	    0;
	if (!ok)
		printf("    case %u: relay '%.*s', stream '%.*s'\n", n,
		    (int)s->len, s->buf, (int)wantlen, want);
	free(s->buf);
	s->buf = NULL;
	free(want);
	free(wbuf);
	galley_article_clear(&a);
	return ok;
}

int
main(void)
{
	struct galley_pipe_opts	 o;
	struct galley_pipe	*p;
	struct galley_article	 a;
	struct galley_record	 rec;
	struct seen		 s;
	unsigned		 i, bad;

	memset(&o, 0, sizeof(o));
	o.split.report.cb = count;
	o.tag.report.cb = count;
	p = galley_pipe_new(&o, NULL, NULL);
	memset(&s, 0, sizeof(s));

	for (bad = 0, i = 0; i < 5000; i++)
		if (!one(p, &s, i) && ++bad > 5)
			break;
	CHECK("relay reads 5000 random articles as the stream reader", bad ==
	    0);

	/* Line numbers are the input's, also for the pieces of a block. */
	galley_article_init(&a);
	a.file = "t";
	galley_article_add(&a, "one\n  \ntwo\nthree\n\f\nfour", 23, 7);
	s.fp = open_memstream(&s.buf, &s.len);
	s.nlines = 0;
	cur = &s;
	relay(p, &a, 0, capture);
	fclose(s.fp);
	CHECK_STR("relay splits at blank and form-feed lines", s.buf,
	    "[one|two\nthree][four]");
	CHECK("relay keeps the input's line numbers", s.nlines == 3 &&
	    s.lines[0] == 7 && s.lines[1] == 9 && s.lines[2] == 12);
	free(s.buf);
	s.buf = NULL;
	galley_article_clear(&a);

	/* Bad bytes are refused, as the reader refuses them. */
	a.file = "t";
	galley_article_add(&a, "ok\nbad \xff", 8, 3);
	nreported = 0;
	s.fp = open_memstream(&s.buf, &s.len);
	CHECK("relay refuses invalid UTF-8", relay(p, &a, 0, capture) == -1 &&
	    nreported == 1);
	fclose(s.fp);
	free(s.buf);
	s.buf = NULL;
	galley_article_clear(&a);

	/* An article without blocks reaches no stage. */
	a.file = "t";
	galley_article_add(&a, " \n\t", 3, 1);
	s.fp = open_memstream(&s.buf, &s.len);
	CHECK("relay drops an article of blank lines",
	    relay(p, &a, 0, capture) == 0);
	fclose(s.fp);
	CHECK("... and no stage sees it", s.len == 0);
	free(s.buf);
	galley_article_clear(&a);

	/* A record with the wrong number of fields is refused. */
	memset(&rec, 0, sizeof(rec));
	rec.kind = GALLEY_HEADING;
	rec.nfields = 1;
	rec.fields[0] = "1";
	nreported = 0;
	CHECK("put refuses a record the reader would refuse",
	    put(&rec, p) == -1 && nreported == 1);

	galley_pipe_free(p);
	return 0;
}
