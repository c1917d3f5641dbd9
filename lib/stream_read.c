/*
 * stream_read.c: the one reader of both stream formats of galley(5).
 * The article stream: UTF-8 lines ending in LF, a line holding a single
 * form feed between articles, blank lines between blocks.  The tagged
 * stream: a header line "galley-tagged<TAB>1", then one record a line,
 * KIND<TAB>FIELD..., with \t, \n and \\ escaped in fields.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Reads lines with getline(3), counting them and checking the bytes. */
struct lines {
	FILE				*fp;
	const char			*name;
	const struct galley_report	*rep;
	char				*buf;
	size_t				 cap;
	size_t				 lineno;
	int				 eof;
};

struct galley_artreader {
	struct lines		 in;
	struct galley_report	 rep;
	struct sbuf		 block;
	size_t			 blockline;
	int			 done;
};

struct galley_tagreader {
	struct lines		 in;
	struct galley_report	 rep;
	struct sbuf		 fields;
	int			 seen_header;
};

static const char *const kindnames[GALLEY_KIND_MAX] = {
	"meta", "article", "title", "subtitle", "byline", "author", "org",
	"dateline", "heading", "runin", "para", "credit",
};

/* The least and most fields each kind takes. */
static const unsigned char arity[GALLEY_KIND_MAX][2] = {
	{ 2, 2 },	/* meta KEY VALUE */
	{ 0, 1 },	/* article [ID] */
	{ 1, 2 },	/* title TEXT [LABEL] */
	{ 1, 1 },	/* subtitle */
	{ 1, 1 },	/* byline */
	{ 1, 2 },	/* author NAME [ROLE] */
	{ 1, 1 },	/* org */
	{ 1, 1 },	/* dateline */
	{ 2, 2 },	/* heading LEVEL TEXT */
	{ 2, 2 },	/* runin HEAD TEXT */
	{ 1, 1 },	/* para */
	{ 1, 1 },	/* credit */
};

const char *
galley_kind_name(enum galley_kind k)
{
	return (unsigned)k < GALLEY_KIND_MAX ? kindnames[k] : "?";
}

int
galley_kind_lookup(const char *name)
{
	int	 k;

	/* Once a record: the first byte rules out most names. */
	for (k = 0; k < GALLEY_KIND_MAX; k++)
		if (kindnames[k][0] == name[0] &&
		    strcmp(kindnames[k], name) == 0)
			return k;
	return -1;
}

void
galley_kind_arity(enum galley_kind k, size_t *min, size_t *max)
{
	*min = (unsigned)k < GALLEY_KIND_MAX ? arity[k][0] : 0;
	*max = (unsigned)k < GALLEY_KIND_MAX ? arity[k][1] : 0;
}

/*
 * Read one line into in->buf, without its LF, and set *len.  Returns 1
 * for a line, 0 at end of input, -1 on a read error or bad bytes (a NUL
 * or invalid UTF-8), reported with what as the stage to run first.
 * *nonl is set when the last line had no LF.
 */
static int
lines_next(struct lines *in, size_t *len, int *nonl, const char *what)
{
	ssize_t	 n;
	size_t	 bad;

	*nonl = 0;
	if (in->eof)
		return 0;
	errno = 0;
	if ((n = getline(&in->buf, &in->cap, in->fp)) == -1) {
		if (ferror(in->fp)) {
			report(in->rep, GALLEY_ERROR, in->name, in->lineno + 1,
			    0, "read error: %s", strerror(errno));
			return -1;
		}
		in->eof = 1;
		return 0;
	}
	in->lineno++;
	if (n > 0 && in->buf[n - 1] == '\n')
		n--;
	else
		*nonl = 1;
	in->buf[n] = '\0';
	if (memchr(in->buf, '\0', (size_t)n) != NULL) {
		report(in->rep, GALLEY_ERROR, in->name, in->lineno,
		    (size_t)((char *)memchr(in->buf, '\0', (size_t)n) -
		    in->buf) + 1, "NUL byte in input (%s)", what);
		return -1;
	}
	if ((bad = utf8_valid(in->buf, (size_t)n)) != (size_t)n) {
		report(in->rep, GALLEY_ERROR, in->name, in->lineno, bad + 1,
		    "invalid UTF-8 (%s)", what);
		return -1;
	}
	*len = (size_t)n;
	return 1;
}

/*
 * Set up the line reader; the reader keeps its own copy of the report
 * (in *copy) so that the caller's may go away.
 */
static void
lines_init(struct lines *in, struct galley_report *copy, FILE *fp,
    const char *name, const struct galley_report *rep)
{
	if (rep != NULL)
		*copy = *rep;
	in->fp = fp;
	in->name = name != NULL ? name : "<stdin>";
	in->rep = copy;
}

static int
is_blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int
is_tagged_header(const char *s, size_t n)
{
	size_t	 m = sizeof(GALLEY_TAGGED_MAGIC) - 1;

	return n > m && memcmp(s, GALLEY_TAGGED_MAGIC, m) == 0 &&
	    s[m] == '\t';
}

struct galley_artreader *
galley_artreader_new(FILE *fp, const char *name,
    const struct galley_report *rep)
{
	struct galley_artreader	*r;

	r = galley_xcalloc(1, sizeof(*r));
	lines_init(&r->in, &r->rep, fp, name, rep);
	sbuf_init(&r->block);
	return r;
}

void
galley_artreader_free(struct galley_artreader *r)
{
	if (r == NULL)
		return;
	free(r->in.buf);
	sbuf_free(&r->block);
	free(r);
}

static void
endblock(struct galley_artreader *r, struct galley_article *a)
{
	if (r->block.len == 0)
		return;
	galley_article_add(a, r->block.buf, r->block.len, r->blockline);
	sbuf_reset(&r->block);
}

int
galley_artreader_next(struct galley_artreader *r, struct galley_article *a)
{
	size_t	 len;
	int	 rc, nonl;

	galley_article_clear(a);
	a->file = r->in.name;
	if (r->done)
		return 0;
	for (;;) {
		rc = lines_next(&r->in, &len, &nonl, "run galley-split first");
		if (rc < 0) {
			r->done = 1;
			return -1;
		}
		if (rc == 0) {
			r->done = 1;
			endblock(r, a);
			return a->nblocks > 0;
		}
		if (r->in.lineno == 1 && is_tagged_header(r->in.buf, len)) {
			report(&r->rep, GALLEY_ERROR, r->in.name, 1, 0,
			    "a tagged stream, not an article stream "
			    "(galley-tag has run already)");
			r->done = 1;
			return -1;
		}
		if (len == 1 && r->in.buf[0] == '\f') {
			endblock(r, a);
			if (a->nblocks > 0)
				return 1;
			continue;
		}
		if (is_blank(r->in.buf, len)) {
			endblock(r, a);
			continue;
		}
		if (r->block.len == 0)
			r->blockline = r->in.lineno;
		else
			sbuf_putc(&r->block, '\n');
		sbuf_put(&r->block, r->in.buf, len);
	}
}

struct galley_tagreader *
galley_tagreader_new(FILE *fp, const char *name,
    const struct galley_report *rep)
{
	struct galley_tagreader	*r;

	r = galley_xcalloc(1, sizeof(*r));
	lines_init(&r->in, &r->rep, fp, name, rep);
	sbuf_init(&r->fields);
	return r;
}

void
galley_tagreader_free(struct galley_tagreader *r)
{
	if (r == NULL)
		return;
	free(r->in.buf);
	sbuf_free(&r->fields);
	free(r);
}

/*
 * Check a header line; returns 0 when it names our format and version.
 */
static int
header(struct galley_tagreader *r, const char *s, size_t n)
{
	size_t		 m = sizeof(GALLEY_TAGGED_MAGIC) - 1;
	char		 want[32];
	struct sbuf	 q;

	snprintf(want, sizeof(want), "%d", GALLEY_TAGGED_VERSION);
	if (strcmp(s + m + 1, want) == 0)
		return 0;
	sbuf_init(&q);
	sbuf_quote_line(&q, s + m + 1, n - m - 1, 20);
	report(&r->rep, GALLEY_ERROR, r->in.name, r->in.lineno, 0,
	    "tagged stream version '%s' not supported (this galley "
	    "reads version %d)", sbuf_str(&q), GALLEY_TAGGED_VERSION);
	sbuf_free(&q);
	return -1;
}

/*
 * Split the line s[0..n) (with s[n] a NUL, and no NUL before it) into
 * unescaped, NUL-terminated fields in r->fields and fill rec.  Returns
 * -1 on bad data (reported).
 */
static int
record(struct galley_tagreader *r, const char *s, size_t n,
    struct galley_record *rec)
{
	size_t	 i, j, m, nf, off[GALLEY_FIELDS_MAX + 1], min, max;
	char	*o;
	int	 k;

	/*
	 * Unescape straight into the buffer, grown once: the fields take
	 * at most n bytes and a NUL each for the kind and every field
	 * (n + 1 in all, as a tab becomes the NUL).  One sbuf_putc a byte
	 * was a sixth of galley-docbook's time.
	 */
	sbuf_reset(&r->fields);
	sbuf_grow(&r->fields, n + 1);
	o = r->fields.buf;
	j = 0;
	nf = 0;
	off[nf++] = 0;
	for (i = 0; i < n; i++) {
		if (s[i] != '\t' && s[i] != '\\') {
			/* Copy the run up to the next tab or escape. */
			m = strcspn(s + i, "\t\\");
			if (m > n - i)
				m = n - i;
			memcpy(o + j, s + i, m);
			j += m;
			i += m - 1;
			continue;
		}
		if (s[i] == '\t') {
			if (nf == GALLEY_FIELDS_MAX + 1) {
				report(&r->rep, GALLEY_ERROR, r->in.name,
				    r->in.lineno, i + 1, "too many fields");
				return -1;
			}
			o[j++] = '\0';
			off[nf++] = j;
			continue;
		}
		if (i + 1 == n) {
			report(&r->rep, GALLEY_ERROR, r->in.name,
			    r->in.lineno, i + 1, "backslash at end of line");
			return -1;
		}
		switch (s[++i]) {
		case 't':
			o[j++] = '\t';
			break;
		case 'n':
			o[j++] = '\n';
			break;
		case '\\':
			o[j++] = '\\';
			break;
		default:
			report(&r->rep, GALLEY_ERROR, r->in.name,
			    r->in.lineno, i, "bad escape '\\%c'",
			    (unsigned char)s[i] < 0x80 &&
			    (unsigned char)s[i] >= 0x20 ? s[i] : '?');
			return -1;
		}
	}
	o[j++] = '\0';
	o[j] = '\0';
	r->fields.len = j;
	if ((k = galley_kind_lookup(r->fields.buf)) < 0) {
		struct sbuf q;

		sbuf_init(&q);
		sbuf_quote_line(&q, r->fields.buf, strlen(r->fields.buf), 40);
		report(&r->rep, GALLEY_ERROR, r->in.name, r->in.lineno, 1,
		    "unknown record kind '%s'", sbuf_str(&q));
		sbuf_free(&q);
		return -1;
	}
	galley_kind_arity((enum galley_kind)k, &min, &max);
	if (nf - 1 < min || nf - 1 > max) {
		if (min == max)
			report(&r->rep, GALLEY_ERROR, r->in.name,
			    r->in.lineno, 0, "'%s' record takes %zu "
			    "field%s, found %zu", r->fields.buf, min,
			    min == 1 ? "" : "s", nf - 1);
		else
			report(&r->rep, GALLEY_ERROR, r->in.name,
			    r->in.lineno, 0, "'%s' record takes %zu to %zu "
			    "fields, found %zu", r->fields.buf, min, max,
			    nf - 1);
		return -1;
	}
	memset(rec, 0, sizeof(*rec));
	rec->kind = (enum galley_kind)k;
	rec->nfields = nf - 1;
	for (i = 1; i < nf; i++)
		rec->fields[i - 1] = r->fields.buf + off[i];
	rec->line = r->in.lineno;
	return 0;
}

int
galley_tagreader_next(struct galley_tagreader *r, struct galley_record *rec)
{
	size_t	 len;
	int	 rc, nonl;

	for (;;) {
		rc = lines_next(&r->in, &len, &nonl, "not a tagged stream; "
		    "run galley-tag first");
		if (rc <= 0)
			return rc;
		if (nonl) {
			report(&r->rep, GALLEY_ERROR, r->in.name, r->in.lineno,
			    0, "last line cut short (no newline at end)");
			return -1;
		}
		if (is_tagged_header(r->in.buf, len)) {
			if (header(r, r->in.buf, len) < 0)
				return -1;
			r->seen_header = 1;
			continue;
		}
		if (!r->seen_header) {
			report(&r->rep, GALLEY_ERROR, r->in.name, r->in.lineno,
			    0, "not a tagged stream (run galley-tag first)");
			return -1;
		}
		if (record(r, r->in.buf, len, rec) < 0)
			return -1;
		return 1;
	}
}
