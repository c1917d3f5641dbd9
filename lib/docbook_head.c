/*
 * docbook_head.c: the start of an article in galley-docbook's DocBook:
 * the article element, its info (title with its label, subtitle,
 * authors with their roles and organisations, and for a root article
 * the publication info), then the bylines, datelines and further
 * subtitles as paras, so that their text stays visible.  An article
 * without a title gets one from its first words; an article in another
 * language than the book gets its own xml:lang.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docbook.h"

static int	 write_title(struct galley_docbook *, const struct prec *);
static int	 write_authors(struct galley_docbook *);
static const char *article_lang(struct galley_docbook *,
		    const struct galley_record *);
static const char *untitled(struct galley_docbook *,
		    const struct galley_record *);

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
	if (docbook_start(d, "title") < 0)
		return -1;
	/*
	 * Mixed content: the writer must add no white space inside the
	 * title, so indenting is off until the end tag.  Text written with
	 * indenting back on (the empty string) keeps the end tag on the
	 * line and puts a newline after it.
	 */
	if (docbook_xok(d, xmlTextWriterSetIndent(d->w, 0)) < 0)
		return -1;
	if (*label != '\0') {
		if (docbook_start(d, "phrase") < 0 ||
		    docbook_attr(d, "role", "label") < 0 ||
		    docbook_text(d, label) < 0 || docbook_end(d) < 0)
			return -1;
		/* A space only between the label and a text. */
		n = strlen(label);
		i = utf8_prev(label, n);
		if (*t->fields[0] != '\0' &&
		    (utf8_decode(label + i, n - i, &c) == 0 ||
		    !(uc_is_cjk(c) || uc_is_space(c))))
			if (docbook_text(d, " ") < 0)
				return -1;
	}
	if (docbook_text(d, t->fields[0]) < 0)
		return -1;
	if (docbook_xok(d, xmlTextWriterSetIndent(d->w, 1)) < 0 ||
	    docbook_xok(d, xmlTextWriterWriteString(d->w, BAD_CAST "")) < 0)
		return -1;
	return docbook_end(d);
}

/*
 * The authors of the header, each with the role given in its author
 * record as jobtitle and the organisations named after its byline as
 * orgname, one affiliation each.  A byline naming organisations but no
 * author (a news agency) gives corporate authors, orgname alone.
 * Records are grouped by byline (group 0 comes before any), and the
 * organisations of a group are found through an index, so that the
 * work grows with the header and what is written, never as its square.
 */
static int
write_authors(struct galley_docbook *d)
{
	const struct prec	*p;
	size_t			*org = NULL, *first = NULL, *norg = NULL;
	size_t			 i, j, g, n, ngroups;
	int			*authors = NULL, any = 0, rc = -1;

	n = d->head.n;
	for (i = 0, ngroups = 1; i < n; i++)
		if (d->head.v[i].kind == GALLEY_BYLINE)
			ngroups++;
	org = galley_xreallocarray(NULL, n + 1, sizeof(*org));
	first = galley_xcalloc(ngroups, sizeof(*first));
	norg = galley_xcalloc(ngroups, sizeof(*norg));
	authors = galley_xcalloc(ngroups, sizeof(*authors));
	/* Groups only grow, so each one's organisations are a run. */
	for (i = j = g = 0; i < n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_BYLINE) {
			g++;
			first[g] = j;
		} else if (p->kind == GALLEY_ORG) {
			org[j++] = i;
			norg[g]++;
		} else if (p->kind == GALLEY_AUTHOR)
			authors[g] = 1;
	}

	for (i = g = 0; i < n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_BYLINE)
			g++;
		if (p->kind == GALLEY_ORG && !authors[g]) {
			if ((!any && docbook_start(d, "authorgroup") < 0) ||
			    docbook_start(d, "author") < 0 ||
			    docbook_elem(d, "orgname", p->fields[0]) < 0 ||
			    docbook_end(d) < 0)
				goto out;
			any = 1;
			continue;
		}
		if (p->kind != GALLEY_AUTHOR)
			continue;
		if ((!any && docbook_start(d, "authorgroup") < 0) ||
		    docbook_start(d, "author") < 0 ||
		    docbook_elem(d, "personname", p->fields[0]) < 0)
			goto out;
		any = 1;
		for (j = first[g]; j < first[g] + norg[g]; j++)
			if (docbook_start(d, "affiliation") < 0 ||
			    (p->nfields > 1 && *p->fields[1] != '\0' &&
			    docbook_elem(d, "jobtitle", p->fields[1]) < 0) ||
			    docbook_elem(d, "orgname",
			    d->head.v[org[j]].fields[0]) < 0 ||
			    docbook_end(d) < 0)
				goto out;
		if (norg[g] == 0 && p->nfields > 1 &&
		    *p->fields[1] != '\0' &&
		    (docbook_start(d, "affiliation") < 0 ||
		    docbook_elem(d, "jobtitle", p->fields[1]) < 0 ||
		    docbook_end(d) < 0))
			goto out;
		if (docbook_end(d) < 0)
			goto out;
	}
	if (any && docbook_end(d) < 0)
		goto out;
	rc = 0;
out:
	free(org);
	free(first);
	free(norg);
	free(authors);
	return rc;
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
	/* Names of authors and organisations say nothing of it. */
	for (i = 0; i < d->head.n; i++) {
		if (d->head.v[i].kind == GALLEY_AUTHOR ||
		    d->head.v[i].kind == GALLEY_ORG)
			continue;
		docbook_prec_view(&d->head.v[i], &r);
		book_letters(&b, &r);
	}
	if (first != NULL)
		book_letters(&b, first);
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
		    !docbook_blank(d->head.v[i].fields[0]))
			s = d->head.v[i].fields[0];
	if (s == NULL && first != NULL)
		for (i = 0; i < first->nfields && s == NULL; i++)
			if (!(first->kind == GALLEY_HEADING && i == 0) &&
			    !docbook_blank(first->fields[i]))
				s = first->fields[i];
	for (i = 0; i < d->head.n && s == NULL; i++)
		if ((d->head.v[i].kind == GALLEY_BYLINE ||
		    d->head.v[i].kind == GALLEY_DATELINE) &&
		    !docbook_blank(d->head.v[i].fields[0]))
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
int
docbook_header(struct galley_docbook *d, const struct galley_record *first)
{
	const struct prec	*p, *title = NULL;
	const char		*s;
	size_t			 i, sub;

	d->body = 1;
	if (docbook_start(d, "article") < 0)
		return -1;
	if (d->opts.root == GALLEY_DB_ARTICLE && docbook_root_attrs(d) < 0)
		return -1;
	if (docbook_attr(d, "xml:id", sbuf_str(&d->artid)) < 0)
		return -1;
	if (d->opts.root != GALLEY_DB_ARTICLE &&
	    (s = article_lang(d, first)) != NULL &&
	    docbook_attr(d, "xml:lang", s) < 0)
		return -1;
	if (docbook_start(d, "info") < 0)
		return -1;
	for (i = 0; i < d->head.n; i++)
		if (d->head.v[i].kind == GALLEY_TITLE) {
			title = &d->head.v[i];
			break;
		}
	if (title != NULL && !(docbook_blank(title->fields[0]) &&
	    (title->nfields < 2 || docbook_blank(title->fields[1])))) {
		if (write_title(d, title) < 0)
			return -1;
	} else {
		report(d->rep, GALLEY_WARN, NULL, title != NULL ?
		    title->line : d->artline, 0, "article without a title; "
		    "using its first words");
		if (docbook_start(d, "title") < 0 ||
		    docbook_attr(d, "role", "untitled") < 0 ||
		    docbook_text(d, untitled(d, first)) < 0 ||
		    docbook_end(d) < 0)
			return -1;
	}
	/* info holds one subtitle; more go to the body, below. */
	for (i = 0; i < d->head.n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_SUBTITLE) {
			if (docbook_elem(d, "subtitle", p->fields[0]) < 0)
				return -1;
			break;
		}
	}
	sub = i;
	if (write_authors(d) < 0)
		return -1;
	if (d->opts.root == GALLEY_DB_ARTICLE && docbook_pubinfo(d) < 0)
		return -1;
	if (docbook_end(d) < 0)
		return -1;
	for (i = 0; i < d->head.n; i++) {
		p = &d->head.v[i];
		if (p->kind == GALLEY_SUBTITLE && i != sub &&
		    docbook_para(d, "subtitle", p->fields[0]) < 0)
			return -1;
		if (p->kind == GALLEY_BYLINE &&
		    docbook_para(d, "byline", p->fields[0]) < 0)
			return -1;
		if (p->kind == GALLEY_DATELINE &&
		    docbook_para(d, "dateline", p->fields[0]) < 0)
			return -1;
	}
	docbook_precs_clear(&d->head);
	return 0;
}
