/*
 * pipeline.c: galley-split, galley-mend and galley-tag chained in one
 * process (see pipeline.h).
 *
 * In the shell pipeline every article crosses the article stream twice,
 * and the reader of galley(5) normalises what it reads: a line holding
 * only spaces and tabs ends a block, a form-feed line ends an article,
 * and an article without blocks is dropped.  So that the one-shot
 * command gives the same bytes as the pipeline, relay() applies the
 * same rules in memory between the stages, and put() checks each record
 * as the tagged-stream reader would.  The line numbers kept are those
 * of the original input, which makes diagnostics more useful than the
 * pipeline's, where later stages count lines of the stream.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

struct galley_pipe;

typedef int (*stage_fn)(struct galley_pipe *, struct galley_article *);

struct galley_pipe {
	struct galley_pipe_opts	 opts;
	struct galley_mender	*mend;
	struct galley_tagger	*tag;
	galley_record_fn	 fn;
	void			*arg;
	struct galley_article	 piece[2];	/* one per relay depth */
	char			 buf[65536];
};

static int	 is_blank(const char *, size_t);
static int	 is_clean(const struct galley_article *);
static int	 check_bytes(struct galley_pipe *,
		    const struct galley_article *);
static int	 relay(struct galley_pipe *, struct galley_article *, int,
		    stage_fn);
static int	 split_cb(struct galley_article *, void *);
static int	 mend_stage(struct galley_pipe *, struct galley_article *);
static int	 tag_stage(struct galley_pipe *, struct galley_article *);
static int	 put(const struct galley_record *, void *);

struct galley_pipe *
galley_pipe_new(const struct galley_pipe_opts *o, galley_record_fn fn,
    void *arg)
{
	struct galley_pipe	*p;

	p = galley_xcalloc(1, sizeof(*p));
	p->opts = *o;
	p->fn = fn;
	p->arg = arg;
	p->mend = galley_mend_new(&p->opts.mend);
	p->tag = galley_tag_new(&p->opts.tag);
	galley_article_init(&p->piece[0]);
	galley_article_init(&p->piece[1]);
	return p;
}

void
galley_pipe_free(struct galley_pipe *p)
{
	if (p == NULL)
		return;
	galley_mend_free(p->mend);
	galley_tag_free(p->tag);
	galley_article_clear(&p->piece[0]);
	galley_article_clear(&p->piece[1]);
	free(p);
}

int
galley_pipe_file(struct galley_pipe *p, FILE *fp, const char *name)
{
	struct galley_splitter	*s;
	size_t			 n;
	int			 rc;

	if ((s = galley_split_new(&p->opts.split, name, split_cb, p)) ==
	    NULL)
		return -2;
	rc = 0;
	while ((n = fread(p->buf, 1, sizeof(p->buf), fp)) > 0)
		if ((rc = galley_split_feed(s, p->buf, n)) != 0)
			goto out;
	if (ferror(fp)) {
		report(&p->opts.split.report, GALLEY_ERROR, name, 0, 0,
		    "read error: %s", strerror(errno));
		rc = -1;
		goto out;
	}
	rc = galley_split_finish(s);
out:
	galley_split_free(s);
	return rc;
}

/* As the article-stream reader: only spaces and tabs. */
static int
is_blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/*
 * Whether the reader would read a back unchanged: no empty block, and
 * no line in a block that is blank or a lone form feed.
 */
static int
is_clean(const struct galley_article *a)
{
	const char	*s, *e, *nl;
	size_t		 i;

	for (i = 0; i < a->nblocks; i++) {
		s = a->blocks[i].text;
		e = s + a->blocks[i].len;
		if (s == e)
			return 0;
		for (; s <= e; s = nl + 1) {
			if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
				nl = e;
			if (is_blank(s, (size_t)(nl - s)) ||
			    (nl - s == 1 && *s == '\f'))
				return 0;
		}
	}
	return 1;
}

/*
 * The reader rejects NUL bytes and invalid UTF-8; so does the pipe,
 * with the reader's message.  Returns -1 (reported) on bad bytes.
 */
static int
check_bytes(struct galley_pipe *p, const struct galley_article *a)
{
	const struct galley_block	*b;
	const char			*z;
	size_t				 i, j, bad, line;

	for (i = 0; i < a->nblocks; i++) {
		b = &a->blocks[i];
		bad = utf8_valid(b->text, b->len);
		if ((z = memchr(b->text, '\0', b->len)) != NULL &&
		    (size_t)(z - b->text) < bad)
			bad = (size_t)(z - b->text);
		if (bad == b->len)
			continue;
		line = b->line;
		for (j = 0; j < bad; j++)
			if (b->text[j] == '\n')
				line++;
		report(&p->opts.split.report, GALLEY_ERROR, a->file, line, 0,
		    "%s in input (run galley-split first)",
		    z != NULL && (size_t)(z - b->text) == bad ?
		    "NUL byte" : "invalid UTF-8");
		return -1;
	}
	return 0;
}

/*
 * Hand a to the next stage as the article-stream reader would read it
 * back after galley_artwrite: split at form-feed lines, blocks split at
 * blank lines, empty articles dropped.  depth picks the scratch article.
 * Returns the first non-zero value of the stage, or -1.
 */
static int
relay(struct galley_pipe *p, struct galley_article *a, int depth,
    stage_fn stage)
{
	struct galley_article	*b;
	const struct galley_block *blk;
	const char		*s, *e, *nl, *start, *end;
	size_t			 i, line, startline;
	int			 rc;

	if (check_bytes(p, a) < 0)
		return -1;
	if (is_clean(a))
		return a->nblocks == 0 ? 0 : stage(p, a);
	b = &p->piece[depth];
	galley_article_clear(b);
	b->file = a->file;
	for (i = 0; i < a->nblocks; i++) {
		blk = &a->blocks[i];
		s = blk->text;
		e = s + blk->len;
		start = end = NULL;
		startline = 0;
		for (line = blk->line; s <= e; s = nl + 1, line++) {
			if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
				nl = e;
			if (!is_blank(s, (size_t)(nl - s)) &&
			    !(nl - s == 1 && *s == '\f')) {
				if (start == NULL) {
					start = s;
					startline = line;
				}
				end = nl;
				continue;
			}
			if (start != NULL)
				galley_article_add(b, start,
				    (size_t)(end - start), startline);
			start = NULL;
			if (nl - s == 1 && *s == '\f' && b->nblocks > 0) {
				if ((rc = stage(p, b)) != 0)
					return rc;
				galley_article_clear(b);
			}
		}
		if (start != NULL)
			galley_article_add(b, start, (size_t)(end - start),
			    startline);
	}
	rc = b->nblocks > 0 ? stage(p, b) : 0;
	galley_article_clear(b);
	return rc;
}

static int
split_cb(struct galley_article *a, void *arg)
{
	return relay(arg, a, 0, mend_stage);
}

static int
mend_stage(struct galley_pipe *p, struct galley_article *a)
{
	if (galley_mend_article(p->mend, a) < 0)
		return -1;
	return relay(p, a, 1, tag_stage);
}

static int
tag_stage(struct galley_pipe *p, struct galley_article *a)
{
	return galley_tag_article(p->tag, a, put, p);
}

/* Check a record as the tagged-stream reader would, and pass it on. */
static int
put(const struct galley_record *rec, void *arg)
{
	struct galley_pipe	*p = arg;
	size_t			 min, max;

	galley_kind_arity(rec->kind, &min, &max);
	if ((unsigned)rec->kind >= GALLEY_KIND_MAX || rec->nfields < min ||
	    rec->nfields > max) {
		report(&p->opts.tag.report, GALLEY_ERROR, NULL, rec->line, 0,
		    "'%s' record with %zu fields", galley_kind_name(rec->kind),
		    rec->nfields);
		return -1;
	}
	return p->fn(rec, p->arg);
}
