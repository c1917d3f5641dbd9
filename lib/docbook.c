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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docbook.h"

static void	 precs_add(struct precs *, const struct galley_record *);
static int	 open_root(struct galley_docbook *);
static int	 book_info(struct galley_docbook *);
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
static int	 put(struct galley_docbook *, const struct galley_record *);

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

void
docbook_precs_clear(struct precs *p)
{
	size_t	 i, j;

	for (i = 0; i < p->n; i++)
		for (j = 0; j < p->v[i].nfields; j++)
			free(p->v[i].fields[j]);
	p->n = 0;
}

void
docbook_prec_view(const struct prec *q, struct galley_record *r)
{
	size_t	 i;

	memset(r, 0, sizeof(*r));
	r->kind = q->kind;
	r->nfields = q->nfields;
	r->line = q->line;
	for (i = 0; i < q->nfields; i++)
		r->fields[i] = q->fields[i];
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
	if (docbook_writer_open(d) < 0) {
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
	docbook_precs_clear(&d->first);
	free(d->first.v);
	docbook_precs_clear(&d->head);
	free(d->head.v);
	docbook_ids_free(&d->ids);
	book_free(&d->book);
	sbuf_free(&d->artid);
	sbuf_free(&d->id);
	sbuf_free(&d->clean);
	sbuf_free(&d->msg);
	free(d);
}

int
docbook_root_attrs(struct galley_docbook *d)
{
	if (docbook_xok(d, xmlTextWriterWriteAttribute(d->w, BAD_CAST "xmlns",
	    BAD_CAST DB_NS)) < 0)
		return -1;
	if (docbook_attr(d, "version", "5.0") < 0 ||
	    docbook_attr(d, "xml:lang", book_lang(&d->book)) < 0)
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
	if (docbook_start(d, "info") < 0 ||
	    docbook_elem(d, "title", docbook_blank(s) ? "Untitled" : s) < 0)
		return -1;
	/*
	 * Creators from the bylines are only known at the end, and each
	 * article names its own; so only those given are written here.
	 */
	if (d->book.opts.creator != NULL ||
	    d->book.meta[BOOK_CREATOR] != NULL) {
		n = book_ncreators(&d->book);
		if (docbook_start(d, "authorgroup") < 0)
			return -1;
		for (i = 0; i < n; i++)
			if (docbook_start(d, "author") < 0 ||
			    docbook_elem(d, "personname",
			    book_creator(&d->book, i)) < 0 ||
			    docbook_end(d) < 0)
				return -1;
		if (docbook_end(d) < 0)
			return -1;
	}
	if (docbook_pubinfo(d) < 0)
		return -1;
	return docbook_end(d);
}

/* The root's publisher, date and identifier, inside its info. */
int
docbook_pubinfo(struct galley_docbook *d)
{
	const char	*s;

	if ((s = book_publisher(&d->book)) != NULL &&
	    (docbook_start(d, "publisher") < 0 ||
	    docbook_elem(d, "publishername", s) < 0 || docbook_end(d) < 0))
		return -1;
	if ((s = book_date(&d->book)) != NULL && docbook_elem(d, "date", s) < 0)
		return -1;
	/*
	 * An identifier derived from the content would need all of it
	 * before the root's info is written: only one given is written.
	 */
	s = d->book.opts.identifier != NULL ? d->book.opts.identifier :
	    d->book.meta[BOOK_IDENTIFIER];
	if (s != NULL && (docbook_start(d, "biblioid") < 0 ||
	    docbook_attr(d, "class", "uri") < 0 || docbook_text(d, s) < 0 ||
	    docbook_end(d) < 0))
		return -1;
	return 0;
}

static int
open_root(struct galley_docbook *d)
{
	if (docbook_xok(d, xmlTextWriterStartDocument(d->w, NULL, "UTF-8",
	    NULL)) < 0)
		return -1;
	if (d->opts.root == GALLEY_DB_ARTICLE)
		return 0;	/* the first article is the root */
	if (docbook_start(d, "book") < 0 || docbook_root_attrs(d) < 0 ||
	    book_info(d) < 0)
		return -1;
	return 0;
}

/* Close the open sections deeper than depth keep. */
static int
close_sections(struct galley_docbook *d, size_t keep)
{
	while (d->depth > keep) {
		if (!d->content[d->depth] && docbook_para(d, NULL, "") < 0)
			return -1;
		if (docbook_end(d) < 0)
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
	if (!d->body && docbook_header(d, NULL) < 0)
		return -1;
	if (close_sections(d, 0) < 0)
		return -1;
	if (!d->content[0] && docbook_para(d, NULL, "") < 0)
		return -1;
	d->in_article = 0;
	return docbook_end(d);
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
	docbook_precs_clear(&d->head);
	sbuf_reset(&d->artid);
	s = r->nfields > 0 ? r->fields[0] : "";
	ok = *s != '\0' && !(*s >= '0' && *s <= '9') && *s != '-';
	for (i = 0; ok && s[i] != '\0'; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_';
	if (ok && docbook_ids_given(&d->ids, s, d->narticles)) {
		sbuf_puts(&d->artid, s);
		return 0;
	}
	if (*s != '\0')
		report(d->rep, GALLEY_WARN, NULL, r->line, 0,
		    "article id '%s' is %s; using its number",
		    docbook_quote(d, s),
		    ok ? "used before" : "not an ASCII name");
	/* When a given id took the number, a suffix makes it unique. */
	docbook_ids_number(&d->ids, d->narticles, &d->artid);
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
	if (docbook_start(d, "section") < 0 ||
	    docbook_attr(d, "xml:id", sbuf_str(&d->id)) < 0 ||
	    docbook_elem(d, "title", r->fields[1]) < 0)
		return -1;
	return 0;
}

static int
body(struct galley_docbook *d, const struct galley_record *r)
{
	if (!d->body && docbook_header(d, r) < 0)
		return -1;
	switch (r->kind) {
	case GALLEY_HEADING:
		return heading(d, r);
	case GALLEY_RUNIN:
		if (docbook_start(d, "formalpara") < 0 ||
		    docbook_elem(d, "title", r->fields[0]) < 0 ||
		    docbook_para(d, NULL, r->fields[1]) < 0 ||
		    docbook_end(d) < 0)
			return -1;
		return 0;
	case GALLEY_PARA:
		return docbook_para(d, NULL, r->fields[0]);
	case GALLEY_CREDIT:
		return docbook_para(d, "credit", r->fields[0]);
	case GALLEY_BYLINE:
		return docbook_para(d, "byline", r->fields[0]);
	case GALLEY_DATELINE:
		return docbook_para(d, "dateline", r->fields[0]);
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
		docbook_prec_view(&d->first.v[i], &r);
		if (process(d, &r) < 0)
			return -1;
	}
	docbook_precs_clear(&d->first);
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
			    "heading level '%s' is not 1 to %d",
			    docbook_quote(d, s), DEPTH_MAX);
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/*
 * Take one record.  scan() may let clean() take its fields as they are
 * while it is being put, never after: the caller may change them.
 */
int
galley_docbook_put(struct galley_docbook *d, const struct galley_record *r)
{
	int	 rc;

	rc = put(d, r);
	d->nfit = 0;
	return rc;
}

static int
put(struct galley_docbook *d, const struct galley_record *r)
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
	docbook_scan(d, r);
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
	if (docbook_xok(d, xmlTextWriterEndDocument(d->w)) < 0 ||
	    docbook_xok(d, xmlTextWriterFlush(d->w)) < 0)
		return -1;
	d->state = ST_DONE;
	return 0;
}
