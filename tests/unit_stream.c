/*
 * unit_stream.c: the stream codecs of galley(5), both formats, in
 * memory: round trips, escapes, and every kind of bad input.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "harness.h"

static char	 lastmsg[512];
static size_t	 lastline;
static int	 nerrors;

static void
diag(const struct galley_diag *d, void *arg)
{
	(void)arg;
	if (d->level == GALLEY_ERROR)
		nerrors++;
	snprintf(lastmsg, sizeof(lastmsg), "%s", d->msg);
	lastline = d->line;
}

static const struct galley_report rep = { diag, NULL, 0 };

/* Read all records of s; returns the last status, counts records. */
static int
readtag(const char *s, size_t *nrec, struct galley_record *last,
    char *field0, size_t fsz)
{
	FILE			*fp;
	struct galley_tagreader	*r;
	struct galley_record	 rec;
	int			 rc;

	fp = fmemopen((void *)s, strlen(s), "r");
	r = galley_tagreader_new(fp, "t", &rep);
	*nrec = 0;
	lastmsg[0] = '\0';
	nerrors = 0;
	while ((rc = galley_tagreader_next(r, &rec)) == 1) {
		(*nrec)++;
		*last = rec;
		if (field0 != NULL)
			snprintf(field0, fsz, "%s",
			    rec.nfields > 0 ? rec.fields[0] : "");
	}
	galley_tagreader_free(r);
	fclose(fp);
	return rc;
}

static void
test_tagged(void)
{
	char			*buf = NULL;
	size_t			 len = 0, n;
	FILE			*fp;
	struct galley_tagwriter	*w;
	struct galley_record	 rec, last;
	char			 f0[256];
	int			 rc;

	/* Round trip of a field holding every escaped character. */
	fp = open_memstream(&buf, &len);
	w = galley_tagwriter_new(fp);
	memset(&rec, 0, sizeof(rec));
	rec.kind = GALLEY_PARA;
	rec.nfields = 1;
	rec.fields[0] = "a\tb\nc\\d 中文";
	CHECK("tagwriter put", galley_tagwriter_put(w, &rec) == 0);
	galley_tagwriter_free(w);
	fclose(fp);
	CHECK_STR("tagwriter escapes", buf,
	    "galley-tagged\t1\npara\ta\\tb\\nc\\\\d 中文\n");
	rc = readtag(buf, &n, &last, f0, sizeof(f0));
	CHECK("tagreader round trip status", rc == 0 && n == 1);
	CHECK_STR("tagreader round trip field", f0, "a\tb\nc\\d 中文");
	free(buf);

	rc = readtag("galley-tagged\t1\narticle\ntitle\tT\tL：\n"
	    "heading\t1\tH\n", &n, &last, NULL, 0);
	CHECK("tagreader three records", rc == 0 && n == 3);
	CHECK("tagreader kind", last.kind == GALLEY_HEADING &&
	    last.nfields == 2 && last.line == 4);

	rc = readtag("galley-tagged\t1\npara\tx\ngalley-tagged\t1\npara\ty\n",
	    &n, &last, NULL, 0);
	CHECK("tagreader repeated header (cat)", rc == 0 && n == 2);

	rc = readtag("", &n, &last, NULL, 0);
	CHECK("tagreader empty input", rc == 0 && n == 0 && nerrors == 0);

	rc = readtag("hello world\n", &n, &last, NULL, 0);
	CHECK("tagreader raw text", rc == -1 && lastline == 1 &&
	    strstr(lastmsg, "run galley-tag first") != NULL);

	rc = readtag("galley-tagged\t2\npara\tx\n", &n, &last, NULL, 0);
	CHECK("tagreader wrong version", rc == -1 &&
	    strstr(lastmsg, "version '2' not supported") != NULL);

	rc = readtag("galley-tagged\t1\nbogus\tx\n", &n, &last, NULL, 0);
	CHECK("tagreader unknown kind", rc == -1 && lastline == 2 &&
	    strstr(lastmsg, "unknown record kind 'bogus'") != NULL);

	rc = readtag("galley-tagged\t1\nheading\tx\n", &n, &last, NULL, 0);
	CHECK("tagreader missing field", rc == -1 &&
	    strstr(lastmsg, "'heading' record takes 2 fields, "
	    "found 1") != NULL);

	rc = readtag("galley-tagged\t1\npara\ta\\qb\n", &n, &last, NULL, 0);
	CHECK("tagreader bad escape", rc == -1 &&
	    strstr(lastmsg, "bad escape '\\q'") != NULL);

	rc = readtag("galley-tagged\t1\npara\tab\\\n", &n, &last, NULL, 0);
	CHECK("tagreader backslash at end", rc == -1 &&
	    strstr(lastmsg, "backslash at end of line") != NULL);

	rc = readtag("galley-tagged\t1\npara\tx\npara\tcut", &n, &last,
	    NULL, 0);
	CHECK("tagreader cut line", rc == -1 && n == 1 && lastline == 3 &&
	    strstr(lastmsg, "cut short") != NULL);

	rc = readtag("galley-tagged\t1\npara\t\xc0\xaf\n", &n, &last, NULL,
	    0);
	CHECK("tagreader overlong UTF-8", rc == -1 &&
	    strstr(lastmsg, "invalid UTF-8") != NULL);

	CHECK("kind lookup", galley_kind_lookup("runin") == GALLEY_RUNIN &&
	    galley_kind_lookup("nope") == -1);
}

/* Read articles from s; returns the number, or -1. */
static int
readart(const char *s, struct galley_article *first)
{
	FILE			*fp;
	struct galley_artreader	*r;
	struct galley_article	 a;
	int			 rc, n = 0;

	fp = fmemopen((void *)s, strlen(s), "r");
	r = galley_artreader_new(fp, "a", &rep);
	galley_article_init(&a);
	lastmsg[0] = '\0';
	while ((rc = galley_artreader_next(r, &a)) == 1) {
		if (n++ == 0 && first != NULL) {
			*first = a;
			galley_article_init(&a);
		}
	}
	galley_article_clear(&a);
	galley_artreader_free(r);
	fclose(fp);
	return rc < 0 ? -1 : n;
}

static void
test_article(void)
{
	struct galley_article	 a;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*fp;

	galley_article_init(&a);
	CHECK("artreader two articles",
	    readart("\n\nT\n\nline1\nline2\n  \nP\n\f\nB\n", &a) == 2);
	CHECK("artreader blocks", a.nblocks == 3 &&
	    strcmp(a.blocks[1].text, "line1\nline2") == 0 &&
	    a.blocks[1].line == 5 && a.blocks[2].line == 8 && a.line == 3);

	fp = open_memstream(&buf, &len);
	CHECK("artwrite", galley_artwrite(fp, &a, 1) == 0 &&
	    galley_artwrite(fp, &a, 0) == 0);
	fclose(fp);
	CHECK_STR("artwrite format", buf,
	    "T\n\nline1\nline2\n\nP\n\f\nT\n\nline1\nline2\n\nP\n");
	free(buf);
	galley_article_clear(&a);

	CHECK("artreader empty articles skipped",
	    readart("\f\n\f\n\nx\n\f\n", NULL) == 1);
	CHECK("artreader empty input", readart("", NULL) == 0);
	CHECK("artreader no final newline", readart("a\n\nb", NULL) == 1);
	CHECK("artreader tagged stream rejected",
	    readart("galley-tagged\t1\npara\tx\n", NULL) == -1 &&
	    strstr(lastmsg, "tagged stream") != NULL);
	CHECK("artreader stray continuation byte",
	    readart("ok\n\x80\n", NULL) == -1 && lastline == 2);
	CHECK("artreader surrogate",
	    readart("\xed\xa0\x80\n", NULL) == -1);
}

int
main(void)
{
	test_tagged();
	test_article();
	return 0;
}
