/*
 * docbook.c: the tagged stream of galley(5) to DocBook 5.0 XML, written
 * with libxml2's xmlTextWriter as the records arrive.
 *
 * The root (a book of articles, or one article) needs its xml:lang and
 * title before anything else is written, and both may come from the
 * text itself (book.h).  So the records of the first article are kept
 * until the second article starts or the input ends; from then on every
 * record is written as it comes.  Inside an article, the header records
 * (title, subtitle, bylines with their authors and organisations,
 * dateline) are kept until the first body record, since info must be
 * written whole and first.  Memory is thus bounded by one article.
 *
 * The structure follows the DocBook 5.0 RELAX NG schema (docbook.rnc):
 * article and section hold info with a title, then blocks, then
 * sections; a section holds at least one block or section, so an empty
 * one gets an empty para.  Heading levels nest sections; a level deeper
 * than one below the current section is taken as one below.  A run-in
 * head is a formalpara (title, then one para).  Authors are personname
 * as plain text, never split into firstname and surname, with their
 * role as jobtitle and their organisation as orgname in affiliation;
 * the byline as written is kept as a para with role="byline".
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "book.h"
#include "extern.h"

#define DB_NS		"http://docbook.org/ns/docbook"
#define DEPTH_MAX	6

/* A record kept for later: its fields are owned copies. */
struct prec {
	enum galley_kind	 kind;
	size_t			 nfields;
	char			*fields[GALLEY_FIELDS_MAX];
	size_t			 line;
};

struct precs {
	struct prec	*v;
	size_t		 n;
	size_t		 cap;
};

/* A set of strings (the article ids given in the stream). */
struct idset {
	char	**slot;
	size_t	  n;
	size_t	  cap;		/* a power of two, or 0 */
};

enum state {
	ST_FIRST,		/* keeping the first article's records */
	ST_STREAM,		/* root written; writing as records come */
	ST_FAILED,		/* an error was reported; refuse the rest */
	ST_DONE
};

struct galley_docbook {
	struct galley_docbook_opts	 opts;
	const struct galley_report	*rep;
	struct book			 book;
	FILE				*fp;
	xmlOutputBufferPtr		 out;
	xmlTextWriterPtr		 w;
	enum state			 state;
	struct precs			 first;	/* the first article's */
	struct precs			 head;	/* the current header */
	struct idset			 ids;
	int				 ioerr;		/* errno of a write */
	int				 in_article;	/* article begun */
	int				 body;		/* info written */
	int				 put_title;	/* seen by check() */
	int				 put_body;
	size_t				 narticles;	/* started */
	size_t				 artline;
	struct sbuf			 artid;
	struct sbuf			 id;
	struct sbuf			 clean;
	struct sbuf			 msg;
	size_t				 depth;		/* open sections */
	size_t				 secnum[DEPTH_MAX + 1];
	int				 content[DEPTH_MAX + 1];
};

static void	 precs_add(struct precs *, const struct galley_record *);
static void	 precs_clear(struct precs *);
static void	 prec_view(const struct prec *, struct galley_record *);
static int	 idset_add(struct idset *, const char *);
static void	 idset_free(struct idset *);
static int	 iowrite(void *, const char *, int);
static int	 ioclose(void *);
static int	 xok(struct galley_docbook *, int);
static int	 fail(struct galley_docbook *);
static int	 forbidden(const char *, size_t, size_t, size_t *,
		    uint32_t *);
static void	 scan(struct galley_docbook *, const struct galley_record *);
static const char *clean(struct galley_docbook *, const char *);
static const char *quote(struct galley_docbook *, const char *);
static int	 start(struct galley_docbook *, const char *);
static int	 end(struct galley_docbook *);
static int	 attr(struct galley_docbook *, const char *, const char *);
static int	 text(struct galley_docbook *, const char *);
static int	 elem(struct galley_docbook *, const char *, const char *);
static int	 para(struct galley_docbook *, const char *, const char *);
static int	 root_attrs(struct galley_docbook *);
static int	 open_root(struct galley_docbook *);
static int	 book_info(struct galley_docbook *);
static int	 pubinfo(struct galley_docbook *);
static int	 write_title(struct galley_docbook *, const struct prec *);
static int	 write_authors(struct galley_docbook *);
static int	 write_header(struct galley_docbook *,
		    const struct galley_record *);
static int	 blank(const char *);
static const char *article_lang(struct galley_docbook *,
		    const struct galley_record *);
static const char *untitled(struct galley_docbook *,
		    const struct galley_record *);
static int	 close_sections(struct galley_docbook *, size_t);
static int	 end_article(struct galley_docbook *);
static int	 begin_article(struct galley_docbook *,
		    const struct galley_record *);
static int	 heading(struct galley_docbook *,
		    const struct galley_record *);
static int	 body(struct galley_docbook *, const struct galley_record *);
static int	 process(struct galley_docbook *,
		    const struct galley_record *);
static int	 flush_first(struct galley_docbook *);
static int	 check(struct galley_docbook *, const struct galley_record *);

static void
precs_add(struct precs *p, const struct galley_record *r)
{
	struct prec	*q;
	size_t		 i;

	if (p->n == p->cap) {
		/* Doubling keeps n appends O(n) in all. */
		p->cap = p->cap == 0 ? 16 : p->cap * 2;
		p->v = galley_xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	q = &p->v[p->n++];
	memset(q, 0, sizeof(*q));
	q->kind = r->kind;
	q->nfields = r->nfields;
	q->line = r->line;
	for (i = 0; i < r->nfields && i < GALLEY_FIELDS_MAX; i++)
		q->fields[i] = galley_xstrdup(r->fields[i]);
}

static void
precs_clear(struct precs *p)
{
	size_t	 i, j;

	for (i = 0; i < p->n; i++)
		for (j = 0; j < p->v[i].nfields; j++)
			free(p->v[i].fields[j]);
	p->n = 0;
}

static void
prec_view(const struct prec *q, struct galley_record *r)
{
	size_t	 i;

	memset(r, 0, sizeof(*r));
	r->kind = q->kind;
	r->nfields = q->nfields;
	r->line = q->line;
	for (i = 0; i < q->nfields; i++)
		r->fields[i] = q->fields[i];
}

static uint64_t
strhash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/*
 * Add a copy of s to the set.  Returns 1 when added, 0 when it was
 * there already.  Open addressing with linear probing, grown by
 * doubling at half full so that probes stay short.
 */
static int
idset_add(struct idset *set, const char *s)
{
	char	**old;
	size_t	  oldcap, i, j;

	if (set->n * 2 >= set->cap) {
		old = set->slot;
		oldcap = set->cap;
		set->cap = oldcap == 0 ? 64 : oldcap * 2;
		set->slot = galley_xcalloc(set->cap, sizeof(*set->slot));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			j = strhash(old[i]) & (set->cap - 1);
			while (set->slot[j] != NULL)
				j = (j + 1) & (set->cap - 1);
			set->slot[j] = old[i];
		}
		free(old);
	}
	j = strhash(s) & (set->cap - 1);
	while (set->slot[j] != NULL) {
		if (strcmp(set->slot[j], s) == 0)
			return 0;
		j = (j + 1) & (set->cap - 1);
	}
	set->slot[j] = galley_xstrdup(s);
	set->n++;
	return 1;
}

static void
idset_free(struct idset *set)
{
	size_t	 i;

	for (i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof(*set));
}

struct galley_docbook *
galley_docbook_new(FILE *fp, const struct galley_docbook_opts *o)
{
	struct galley_docbook	*d;

	d = galley_xcalloc(1, sizeof(*d));
	if (o != NULL)
		d->opts = *o;
	d->rep = &d->opts.book.report;
	d->fp = fp;
	book_init(&d->book, &d->opts.book);
	sbuf_init(&d->artid);
	sbuf_init(&d->id);
	sbuf_init(&d->clean);
	sbuf_init(&d->msg);
	d->state = ST_FIRST;
	if ((d->out = xmlOutputBufferCreateIO(iowrite, ioclose, d,
	    NULL)) == NULL ||
	    (d->w = xmlNewTextWriter(d->out)) == NULL) {
		if (d->out != NULL)
			xmlOutputBufferClose(d->out);
		d->out = NULL;
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot set up the XML writer");
		galley_docbook_free(d);
		return NULL;
	}
	/* The writer owns the output buffer from here on. */
	if (xmlTextWriterSetIndent(d->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(d->w, BAD_CAST "  ") < 0) {
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot set up the XML writer");
		galley_docbook_free(d);
		return NULL;
	}
	return d;
}

void
galley_docbook_free(struct galley_docbook *d)
{
	if (d == NULL)
		return;
	if (d->w != NULL)
		xmlFreeTextWriter(d->w);
	precs_clear(&d->first);
	free(d->first.v);
	precs_clear(&d->head);
	free(d->head.v);
	idset_free(&d->ids);
	book_free(&d->book);
	sbuf_free(&d->artid);
	sbuf_free(&d->id);
	sbuf_free(&d->clean);
	sbuf_free(&d->msg);
	free(d);
}

/*
 * The writer's output goes through these rather than through libxml2's
 * own FILE output, which prints its errors itself; here the error is
 * kept in d->ioerr and reported once, by fail().
 */
static int
iowrite(void *arg, const char *buf, int len)
{
	struct galley_docbook	*d = arg;

	if (len <= 0)
		return 0;
	/*
	 * A failure is kept, not returned: libxml2 would print its own
	 * message.  xok() finds it after the writer call.
	 */
	if (d->ioerr == 0 &&
	    fwrite(buf, 1, (size_t)len, d->fp) != (size_t)len)
		d->ioerr = errno != 0 ? errno : EIO;
	return len;
}

/* The result of a writer call: -1 when it or the output failed. */
static int
xok(struct galley_docbook *d, int rc)
{
	if (rc < 0 || d->ioerr != 0)
		return fail(d);
	return 0;
}

static int
ioclose(void *arg)
{
	(void)arg;
	return 0;
}

/* A writer call failed: report it once and refuse the rest. */
static int
fail(struct galley_docbook *d)
{
	if (d->state != ST_FAILED && d->ioerr != 0)
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot write the output: %s", strerror(d->ioerr));
	else if (d->state != ST_FAILED)
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot write the XML output");
	d->state = ST_FAILED;
	return -1;
}

/*
 * Whether s[i..n) starts with what XML 1.0 cannot hold: a C0 control
 * character other than tab, newline and carriage return, U+FFFE,
 * U+FFFF, or a byte that is not UTF-8.  *k is the length to skip.
 */
static int
forbidden(const char *s, size_t i, size_t n, size_t *k, uint32_t *c)
{
	if ((*k = utf8_decode(s + i, n - i, c)) == 0) {
		*k = 1;
		*c = 0xfffd;
		return 1;
	}
	return (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') ||
	    *c == 0xfffe || *c == 0xffff;
}

/* Report, once for the record, what clean() will replace. */
static void
scan(struct galley_docbook *d, const struct galley_record *r)
{
	size_t		 i, j, n, k, bad = 0;
	uint32_t	 c, first = 0;

	for (i = 0; i < r->nfields; i++) {
		n = strlen(r->fields[i]);
		for (j = 0; j < n; j += k)
			if (forbidden(r->fields[i], j, n, &k, &c) &&
			    bad++ == 0)
				first = c;
	}
	if (bad > 0)
		report(d->rep, GALLEY_WARN, NULL, r->line, 0,
		    "%zu character%s XML forbids (first U+%04X) replaced "
		    "by U+FFFD", bad, bad == 1 ? "" : "s", (unsigned)first);
}

/*
 * Return s fit for XML 1.0 character data, with U+FFFD for what XML
 * forbids (reported by scan() as the record came).  The result is s
 * itself when nothing changes, else d->clean's buffer, valid until the
 * next call.
 */
static const char *
clean(struct galley_docbook *d, const char *s)
{
	size_t		 n, i, k, from;
	uint32_t	 c;

	n = strlen(s);
	for (i = 0; i < n; i += k)
		if (forbidden(s, i, n, &k, &c))
			break;
	if (i == n)
		return s;
	sbuf_reset(&d->clean);
	for (i = from = 0; i < n; i += k) {
		if (!forbidden(s, i, n, &k, &c))
			continue;
		sbuf_put(&d->clean, s + from, i - from);
		sbuf_putcp(&d->clean, 0xfffd);
		from = i + k;
	}
	sbuf_put(&d->clean, s + from, n - from);
	return sbuf_str(&d->clean);
}

/*
 * s as it may appear in a message, in d->msg's buffer (valid until the
 * next call): shortened in the middle, control characters written as
 * \n, \t or \xHH, so that a message stays on one line.
 */
static const char *
quote(struct galley_docbook *d, const char *s)
{
	struct sbuf	 t;
	size_t		 i;
	unsigned char	 c;

	sbuf_init(&t);
	sbuf_quote(&t, s, strlen(s), 40);
	sbuf_reset(&d->msg);
	for (i = 0; i < t.len; i++) {
		c = (unsigned char)t.buf[i];
		if (c == '\n')
			sbuf_puts(&d->msg, "\\n");
		else if (c == '\t')
			sbuf_puts(&d->msg, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sbuf_printf(&d->msg, "\\x%02x", c);
		else
			sbuf_putc(&d->msg, (char)c);
	}
	sbuf_free(&t);
	return sbuf_str(&d->msg);
}

static int
start(struct galley_docbook *d, const char *name)
{
	if (xok(d, xmlTextWriterStartElement(d->w, BAD_CAST name)) < 0)
		return -1;
	return 0;
}

static int
end(struct galley_docbook *d)
{
	if (xok(d, xmlTextWriterEndElement(d->w)) < 0)
		return -1;
	return 0;
}

static int
attr(struct galley_docbook *d, const char *name, const char *value)
{
	if (xok(d, xmlTextWriterWriteAttribute(d->w, BAD_CAST name,
	    BAD_CAST clean(d, value))) < 0)
		return -1;
	return 0;
}

static int
text(struct galley_docbook *d, const char *s)
{
	const char	*t;

	t = clean(d, s);
	if (*t == '\0')
		return 0;
	if (xok(d, xmlTextWriterWriteString(d->w, BAD_CAST t)) < 0)
		return -1;
	return 0;
}

/* An element holding text only. */
static int
elem(struct galley_docbook *d, const char *name, const char *s)
{
	if (start(d, name) < 0 || text(d, s) < 0 || end(d) < 0)
		return -1;
	return 0;
}

/* A para, with a role when role is not NULL. */
static int
para(struct galley_docbook *d, const char *role, const char *s)
{
	if (start(d, "para") < 0 ||
	    (role != NULL && attr(d, "role", role) < 0) ||
	    text(d, s) < 0 || end(d) < 0)
		return -1;
	d->content[d->depth] = 1;
	return 0;
}

static int
root_attrs(struct galley_docbook *d)
{
	if (xok(d, xmlTextWriterWriteAttribute(d->w, BAD_CAST "xmlns",
	    BAD_CAST DB_NS)) < 0)
		return -1;
	if (attr(d, "version", "5.0") < 0 ||
	    attr(d, "xml:lang", book_lang(&d->book)) < 0)
		return -1;
	return 0;
}

/* The book's info: title, creators given, publisher, date, identifier. */
static int
book_info(struct galley_docbook *d)
{
	const char	*s;
	size_t		 i, n;

	s = book_title(&d->book);
	if (start(d, "info") < 0 ||
	    elem(d, "title", blank(s) ? "Untitled" : s) < 0)
		return -1;
	/*
	 * Creators from the bylines are only known at the end, and each
	 * article names its own; so only those given are written here.
	 */
	if (d->book.opts.creator != NULL ||
	    d->book.meta[BOOK_CREATOR] != NULL) {
		n = book_ncreators(&d->book);
		if (start(d, "authorgroup") < 0)
			return -1;
		for (i = 0; i < n; i++)
			if (start(d, "author") < 0 || elem(d, "personname",
			    book_creator(&d->book, i)) < 0 || end(d) < 0)
				return -1;
		if (end(d) < 0)
			return -1;
	}
	if (pubinfo(d) < 0)
		return -1;
	return end(d);
}

/* The root's publisher, date and identifier, inside its info. */
static int
pubinfo(struct galley_docbook *d)
{
	const char	*s;

	if ((s = book_publisher(&d->book)) != NULL &&
	    (start(d, "publisher") < 0 || elem(d, "publishername", s) < 0 ||
	    end(d) < 0))
		return -1;
	if ((s = book_date(&d->book)) != NULL && elem(d, "date", s) < 0)
		return -1;
	/*
	 * An identifier derived from the content would need all of it
	 * before the root's info is written: only one given is written.
	 */
	s = d->book.opts.identifier != NULL ? d->book.opts.identifier :
	    d->book.meta[BOOK_IDENTIFIER];
	if (s != NULL && (start(d, "biblioid") < 0 ||
	    attr(d, "class", "uri") < 0 || text(d, s) < 0 || end(d) < 0))
		return -1;
	return 0;
}

static int
open_root(struct galley_docbook *d)
{
	if (xok(d, xmlTextWriterStartDocument(d->w, NULL, "UTF-8",
	    NULL)) < 0)
		return -1;
	if (d->opts.root == GALLEY_DB_ARTICLE)
		return 0;	/* the first article is the root */
	if (start(d, "book") < 0 || root_attrs(d) < 0 || book_info(d) < 0)
		return -1;
	return 0;
}

/*
 * The title: the label (a lead-in such as "江苏省镇江市：") as a phrase
 * with role="label", then the text, a space between them unless the
 * label ends in CJK punctuation.  Indenting is off inside the title, so
 * that no white space is added in mixed content.
 */
static int
write_title(struct galley_docbook *d, const struct prec *t)
{
	const char	*label;
	size_t		 n, i;
	uint32_t	 c;

	label = t->nfields > 1 ? t->fields[1] : "";
	if (start(d, "title") < 0)
		return -1;
	/*
	 * Mixed content: the writer must add no white space inside the
	 * title, so indenting is off until the end tag.  Text written with
	 * indenting back on (the empty string) keeps the end tag on the
	 * line and puts a newline after it.
	 */
	if (xok(d, xmlTextWriterSetIndent(d->w, 0)) < 0)
		return -1;
	if (*label != '\0') {
		/* A space only between the label and a text. */
		if (start(d, "phrase") < 0 || attr(d, "role", "label") < 0 ||
		    text(d, label) < 0 || end(d) < 0)
			return -1;
		n = strlen(label);
		i = utf8_prev(label, n);
		if (*t->fields[0] != '\0' &&
		    (utf8_decode(label + i, n - i, &c) == 0 ||
		    !(uc_is_cjk(c) || uc_is_space(c))))
			if (text(d, " ") < 0)
				return -1;
	}
	if (text(d, t->fields[0]) < 0)
		return -1;
	if (xok(d, xmlTextWriterSetIndent(d->w, 1)) < 0 ||
	    xok(d, xmlTextWriterWriteString(d->w, BAD_CAST "")) < 0)
		return -1;
	return end(d);
}

/*
 * The authors of the header, each with the role given in its author
 * record as jobtitle and the organisations named after its byline as
 * orgname, one affiliation each.
 */
static int
write_authors(struct galley_docbook *d)
{
	const struct prec	*p, *q;
	size_t			 i, j, norg, group, qgroup;
	int			 any = 0;

	group = 0;
	for (i = 0; i < d->head.n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_BYLINE)
			group++;
		if (p->kind != GALLEY_AUTHOR)
			continue;
		if (!any && start(d, "authorgroup") < 0)
			return -1;
		any = 1;
		if (start(d, "author") < 0 ||
		    elem(d, "personname", p->fields[0]) < 0)
			return -1;
		/* The organisations of the same byline. */
		norg = 0;
		for (j = qgroup = 0; j < d->head.n; j++) {
			q = &d->head.v[j];
			if (q->kind == GALLEY_BYLINE)
				qgroup++;
			if (q->kind != GALLEY_ORG || qgroup != group)
				continue;
			if (start(d, "affiliation") < 0 ||
			    (p->nfields > 1 && *p->fields[1] != '\0' &&
			    elem(d, "jobtitle", p->fields[1]) < 0) ||
			    elem(d, "orgname", q->fields[0]) < 0 ||
			    end(d) < 0)
				return -1;
			norg++;
		}
		if (norg == 0 && p->nfields > 1 && *p->fields[1] != '\0' &&
		    (start(d, "affiliation") < 0 ||
		    elem(d, "jobtitle", p->fields[1]) < 0 ||
		    end(d) < 0))
			return -1;
		if (end(d) < 0)
			return -1;
	}
	if (any && end(d) < 0)
		return -1;
	return 0;
}

/*
 * The language of an article in a book, when its script says it is not
 * the book's: detected as book.h does for the book, from the header
 * kept and the first body record (first, may be NULL).  Returns NULL
 * when it is the book's language (same primary subtag) or unknown,
 * else the tag, valid until the next call.
 */
static const char *
article_lang(struct galley_docbook *d, const struct galley_record *first)
{
	struct book		 b;
	struct galley_record	 r;
	const char		*root, *lang;
	size_t			 i, n;

	book_init(&b, NULL);
	for (i = 0; i < d->head.n; i++) {
		prec_view(&d->head.v[i], &r);
		book_record(&b, &r);
	}
	if (first != NULL)
		book_record(&b, first);
	lang = book_lang(&b);
	root = book_lang(&d->book);
	sbuf_reset(&d->msg);
	/* The primary subtags, compared without regard to ASCII case. */
	n = strcspn(lang, "-_");
	for (i = 0; i < n && root[i] != '\0'; i++)
		if ((lang[i] | 0x20) != (root[i] | 0x20))
			break;
	if (strcmp(lang, "und") != 0 && !(i == n &&
	    (root[n] == '\0' || root[n] == '-' || root[n] == '_')))
		sbuf_puts(&d->msg, lang);
	book_free(&b);
	return d->msg.len > 0 ? sbuf_str(&d->msg) : NULL;
}

/* Whether s holds nothing but white space. */
static int
blank(const char *s)
{
	size_t		 i, n, k;
	uint32_t	 c;

	n = strlen(s);
	for (i = 0; i < n; i += k)
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 ||
		    !(uc_is_space(c) || c == '\n' || c == '\r'))
			return 0;
	return 1;
}

/*
 * A title for an article without one, which DocBook and the EPUB and
 * HTML made from it cannot do without: the first words of its
 * subtitle, of its first body record (first), of its byline or of its
 * dateline, with "…" when cut; "Untitled" when it has no text.  The
 * result is in d->id's buffer.
 */
static const char *
untitled(struct galley_docbook *d, const struct galley_record *first)
{
	const char	*s = NULL;
	size_t		 i, n, k, cps;
	uint32_t	 c;

	for (i = 0; i < d->head.n && s == NULL; i++)
		if (d->head.v[i].kind == GALLEY_SUBTITLE &&
		    !blank(d->head.v[i].fields[0]))
			s = d->head.v[i].fields[0];
	if (s == NULL && first != NULL)
		for (i = 0; i < first->nfields && s == NULL; i++)
			if (!(first->kind == GALLEY_HEADING && i == 0) &&
			    !blank(first->fields[i]))
				s = first->fields[i];
	for (i = 0; i < d->head.n && s == NULL; i++)
		if ((d->head.v[i].kind == GALLEY_BYLINE ||
		    d->head.v[i].kind == GALLEY_DATELINE) &&
		    !blank(d->head.v[i].fields[0]))
			s = d->head.v[i].fields[0];
	sbuf_reset(&d->id);
	if (s == NULL) {
		sbuf_puts(&d->id, "Untitled");
		return sbuf_str(&d->id);
	}
	/* Up to 24 code points, from the first one that is not a space. */
	n = strlen(s);
	for (i = 0; i < n; i += k)
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 ||
		    !(uc_is_space(c) || c == '\n' || c == '\r'))
			break;
	for (cps = 0; i < n && cps < 24; cps++, i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			k = 1;
		sbuf_put(&d->id, s + i, k);
	}
	if (i < n)
		sbuf_puts(&d->id, "\xe2\x80\xa6");
	return sbuf_str(&d->id);
}

/*
 * Start the article element and write its info from the header kept,
 * then the bylines and dateline as paras, so that their text stays
 * visible, and any subtitle after the first, which info cannot hold.
 */
static int
write_header(struct galley_docbook *d, const struct galley_record *first)
{
	const struct prec	*p, *title = NULL;
	const char		*s;
	size_t			 i, sub;

	d->body = 1;
	if (start(d, "article") < 0)
		return -1;
	if (d->opts.root == GALLEY_DB_ARTICLE && root_attrs(d) < 0)
		return -1;
	if (attr(d, "xml:id", sbuf_str(&d->artid)) < 0)
		return -1;
	if (d->opts.root != GALLEY_DB_ARTICLE &&
	    (s = article_lang(d, first)) != NULL &&
	    attr(d, "xml:lang", s) < 0)
		return -1;
	if (start(d, "info") < 0)
		return -1;
	for (i = 0; i < d->head.n; i++)
		if (d->head.v[i].kind == GALLEY_TITLE) {
			title = &d->head.v[i];
			break;
		}
	if (title != NULL && !(blank(title->fields[0]) &&
	    (title->nfields < 2 || blank(title->fields[1])))) {
		if (write_title(d, title) < 0)
			return -1;
	} else {
		report(d->rep, GALLEY_WARN, NULL, title != NULL ?
		    title->line : d->artline, 0, "article without a title; "
		    "using its first words");
		if (start(d, "title") < 0 || attr(d, "role", "untitled") < 0 ||
		    text(d, untitled(d, first)) < 0 || end(d) < 0)
			return -1;
	}
	/* info holds one subtitle; more go to the body, below. */
	for (i = 0; i < d->head.n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_SUBTITLE) {
			if (elem(d, "subtitle", p->fields[0]) < 0)
				return -1;
			break;
		}
	}
	sub = i;
	if (write_authors(d) < 0)
		return -1;
	if (d->opts.root == GALLEY_DB_ARTICLE && pubinfo(d) < 0)
		return -1;
	if (end(d) < 0)
		return -1;
	for (i = 0; i < d->head.n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_SUBTITLE && i != sub &&
		    para(d, "subtitle", p->fields[0]) < 0)
			return -1;
		if (p->kind == GALLEY_BYLINE &&
		    para(d, "byline", p->fields[0]) < 0)
			return -1;
		if (p->kind == GALLEY_DATELINE &&
		    para(d, "dateline", p->fields[0]) < 0)
			return -1;
	}
	precs_clear(&d->head);
	return 0;
}

/* Close the open sections deeper than depth keep. */
static int
close_sections(struct galley_docbook *d, size_t keep)
{
	while (d->depth > keep) {
		if (!d->content[d->depth] && para(d, NULL, "") < 0)
			return -1;
		if (end(d) < 0)
			return -1;
		d->depth--;
	}
	return 0;
}

static int
end_article(struct galley_docbook *d)
{
	if (!d->in_article)
		return 0;
	if (!d->body && write_header(d, NULL) < 0)
		return -1;
	if (close_sections(d, 0) < 0)
		return -1;
	if (!d->content[0] && para(d, NULL, "") < 0)
		return -1;
	d->in_article = 0;
	return end(d);
}

/*
 * Name the article: the id its record gives when that is an ASCII
 * name (letters, digits, '-', '_', not starting with a digit or '-')
 * not used before, else "a" and its number.  Ids of sections add ".s"
 * and their numbers, so they never meet an article's.
 */
static int
begin_article(struct galley_docbook *d, const struct galley_record *r)
{
	const char	*s;
	size_t		 i;
	int		 ok;

	if (end_article(d) < 0)
		return -1;
	d->narticles++;
	d->in_article = 1;
	d->body = 0;
	d->artline = r->line;
	d->depth = 0;
	memset(d->secnum, 0, sizeof(d->secnum));
	memset(d->content, 0, sizeof(d->content));
	precs_clear(&d->head);
	sbuf_reset(&d->artid);
	s = r->nfields > 0 ? r->fields[0] : "";
	ok = *s != '\0' && !(*s >= '0' && *s <= '9') && *s != '-';
	for (i = 0; ok && s[i] != '\0'; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_';
	if (ok && idset_add(&d->ids, s)) {
		sbuf_puts(&d->artid, s);
		return 0;
	}
	if (*s != '\0')
		report(d->rep, GALLEY_WARN, NULL, r->line, 0,
		    "article id '%s' is %s; using its number", quote(d, s),
		    ok ? "used before" : "not an ASCII name");
	/* When a given id took the number, a suffix makes it unique. */
	sbuf_printf(&d->artid, "a%zu", d->narticles);
	for (i = 2; !idset_add(&d->ids, sbuf_str(&d->artid)); i++) {
		sbuf_reset(&d->artid);
		sbuf_printf(&d->artid, "a%zu-%zu", d->narticles, i);
	}
	return 0;
}

static int
heading(struct galley_docbook *d, const struct galley_record *r)
{
	size_t		 level, i;

	level = (size_t)(r->fields[0][0] - '0');	/* checked */
	if (level > d->depth + 1)
		level = d->depth + 1;
	if (close_sections(d, level - 1) < 0)
		return -1;
	d->content[d->depth] = 1;
	d->depth = level;
	d->secnum[level]++;
	d->content[level] = 0;
	for (i = level + 1; i <= DEPTH_MAX; i++)
		d->secnum[i] = 0;
	sbuf_reset(&d->id);
	sbuf_printf(&d->id, "%s.s", sbuf_str(&d->artid));
	for (i = 1; i <= level; i++)
		sbuf_printf(&d->id, i > 1 ? ".%zu" : "%zu", d->secnum[i]);
	if (start(d, "section") < 0 ||
	    attr(d, "xml:id", sbuf_str(&d->id)) < 0 ||
	    elem(d, "title", r->fields[1]) < 0)
		return -1;
	return 0;
}

static int
body(struct galley_docbook *d, const struct galley_record *r)
{
	if (!d->body && write_header(d, r) < 0)
		return -1;
	switch (r->kind) {
	case GALLEY_HEADING:
		return heading(d, r);
	case GALLEY_RUNIN:
		if (start(d, "formalpara") < 0 ||
		    elem(d, "title", r->fields[0]) < 0 ||
		    para(d, NULL, r->fields[1]) < 0 || end(d) < 0)
			return -1;
		return 0;
	case GALLEY_PARA:
		return para(d, NULL, r->fields[0]);
	case GALLEY_CREDIT:
		return para(d, "credit", r->fields[0]);
	case GALLEY_BYLINE:
		return para(d, "byline", r->fields[0]);
	case GALLEY_DATELINE:
		return para(d, "dateline", r->fields[0]);
	default:	/* refused by check() */
		return 0;
	}
}

/* Write one record; the root is open. */
static int
process(struct galley_docbook *d, const struct galley_record *r)
{
	if (r->kind == GALLEY_META)
		return 0;
	if (r->kind == GALLEY_ARTICLE)
		return begin_article(d, r);
	switch (r->kind) {
	case GALLEY_TITLE:
	case GALLEY_SUBTITLE:
	case GALLEY_AUTHOR:
	case GALLEY_ORG:
	case GALLEY_BYLINE:
	case GALLEY_DATELINE:
		if (d->body)
			return body(d, r);
		precs_add(&d->head, r);
		return 0;
	default:
		return body(d, r);
	}
}

/* The first article is whole: resolve the root, write what was kept. */
static int
flush_first(struct galley_docbook *d)
{
	struct galley_record	 r;
	size_t			 i;

	if (open_root(d) < 0)
		return -1;
	d->state = ST_STREAM;
	for (i = 0; i < d->first.n; i++) {
		prec_view(&d->first.v[i], &r);
		if (process(d, &r) < 0)
			return -1;
	}
	precs_clear(&d->first);
	return 0;
}

/*
 * Refuse bad records as they come, even those of the first article,
 * which are kept: a heading level out of range, and any record but
 * meta before the first article record.
 */
static int
check(struct galley_docbook *d, const struct galley_record *r)
{
	const char	*s;

	if (r->kind != GALLEY_META && r->kind != GALLEY_ARTICLE &&
	    d->book.narticles == 0) {
		report(d->rep, GALLEY_ERROR, NULL, r->line, 0,
		    "%s record before the first article record",
		    galley_kind_name(r->kind));
		return -1;
	}
	switch (r->kind) {
	case GALLEY_ARTICLE:
		d->put_title = d->put_body = 0;
		break;
	case GALLEY_TITLE:
		if (d->put_title) {
			report(d->rep, GALLEY_ERROR, NULL, r->line, 0,
			    "second title record in the article");
			return -1;
		}
		d->put_title = 1;
		/* FALLTHROUGH */
	case GALLEY_SUBTITLE:
	case GALLEY_AUTHOR:
	case GALLEY_ORG:
		if (d->put_body) {
			report(d->rep, GALLEY_ERROR, NULL, r->line, 0,
			    "%s record after the body of the article began",
			    galley_kind_name(r->kind));
			return -1;
		}
		break;
	case GALLEY_RUNIN:
	case GALLEY_PARA:
	case GALLEY_CREDIT:
		d->put_body = 1;
		break;
	case GALLEY_HEADING:
		d->put_body = 1;
		s = r->fields[0];
		if (s[0] < '1' || s[0] > '0' + DEPTH_MAX || s[1] != '\0') {
			report(d->rep, GALLEY_ERROR, NULL, r->line, 0,
			    "heading level '%s' is not 1 to %d", quote(d, s),
			    DEPTH_MAX);
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

int
galley_docbook_put(struct galley_docbook *d, const struct galley_record *r)
{
	if (d->state == ST_FAILED || d->state == ST_DONE)
		return -1;
	/*
	 * Once the root is written, the book's metadata is settled: only
	 * meta records (refused there) and article records (counted) still
	 * go to book_record(), whose author list and letter counts would
	 * otherwise grow and cost with the whole input.
	 */
	if (check(d, r) < 0 || ((d->state == ST_FIRST ||
	    r->kind == GALLEY_META || r->kind == GALLEY_ARTICLE) &&
	    book_record(&d->book, r) < 0)) {
		d->state = ST_FAILED;
		return -1;
	}
	scan(d, r);
	if (d->state == ST_FIRST) {
		if (r->kind == GALLEY_ARTICLE && d->book.narticles > 1) {
			if (d->opts.root == GALLEY_DB_ARTICLE) {
				report(d->rep, GALLEY_ERROR, NULL, r->line, 0,
				    "a second article, but --root article "
				    "takes one");
				d->state = ST_FAILED;
				return -1;
			}
			if (flush_first(d) < 0)
				return -1;
		} else {
			if (r->kind != GALLEY_META)
				precs_add(&d->first, r);
			return 0;
		}
	}
	return process(d, r);
}

int
galley_docbook_finish(struct galley_docbook *d)
{
	if (d->state == ST_FAILED || d->state == ST_DONE)
		return -1;
	if (d->state == ST_FIRST) {
		if (d->opts.root == GALLEY_DB_ARTICLE && d->first.n == 0) {
			report(d->rep, GALLEY_ERROR, NULL, 0, 0,
			    "no article in the input; --root article needs "
			    "one");
			d->state = ST_FAILED;
			return -1;
		}
		if (flush_first(d) < 0)
			return -1;
	}
	if (end_article(d) < 0)
		return -1;
	if (xok(d, xmlTextWriterEndDocument(d->w)) < 0 ||
	    xok(d, xmlTextWriterFlush(d->w)) < 0)
		return -1;
	d->state = ST_DONE;
	return 0;
}
