/*
 * epub.c: galley-epub's library side.  Tagged-stream records (galley(5))
 * in, an EPUB 3.3 publication out (https://www.w3.org/TR/epub-33/).
 *
 * Each article becomes an article element of an XHTML content document
 * (EPUB 3.3, section 6), with the id "aN" (N counted from 1 in the
 * book): its headline as h1 with the label in a span, the subtitle,
 * byline and dateline under it in a header, its sections as nested
 * section elements ("aNsM") headed h2 to h6, run-in heads as strong at
 * the start of their paragraph.  Articles are grouped into documents:
 * an article starts a new one when the current one holds opts.group_kb
 * kilobytes or more, so that a book of many short articles does not
 * become as many members of the container (libzip keeps every member's
 * entry in memory until the end); the stylesheet starts every article
 * but a document's first on a new page.  A document's <body> is written
 * as it comes, through xmlTextWriter, to a spool file, and each article's
 * entries in the nav document and the NCX to spools of their own;
 * nothing of an article stays in memory once it ends.  The documents
 * that need the whole book (the package document, nav, NCX) and the
 * container itself are made by galley_epub_finish (epub_pkg.c,
 * epub_zip.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "epub.h"

static int	 art_begin(struct galley_epub *);
static int	 art_end(struct galley_epub *);
static int	 doc_begin(struct galley_epub *);
static int	 doc_end(struct galley_epub *);
static int	 nav_begin(struct galley_epub *);
static int	 header_open(struct galley_epub *);
static int	 body_open(struct galley_epub *);
static int	 sections_close(struct galley_epub *, int level);
static int	 put_title(struct galley_epub *, const struct galley_record *);
static int	 put_heading(struct galley_epub *,
		    const struct galley_record *);
static int	 put_para(struct galley_epub *, const char *cls,
		    const char *head, const char *text);
static int	 load_file(struct galley_epub *, const char *path,
		    struct sbuf *);
static int	 set_mtime(struct galley_epub *);
static void	 note_fallback(struct galley_epub *, const char *);
static int	 xfail(struct galley_epub *);
static int	 forbidden(const unsigned char *, uint32_t *);
static const unsigned char *next_forbidden(const unsigned char *,
		    uint32_t *);
static void	 check_record(struct galley_epub *,
		    const struct galley_record *);
static int	 field_text(struct galley_epub *, xmlTextWriterPtr,
		    const char *);
static int	 end_inline(xmlTextWriterPtr);
static int	 lead_and_text(struct galley_epub *, const char *,
		    const char *, const char *, const char *);
static int	 blank(const char *);
static int	 needs_space(const char *);
static int	 space_after(xmlTextWriterPtr, const char *);

void
epub_error(struct galley_epub *e, size_t line, const char *fmt, ...)
{
	va_list	 ap;

	e->failed = 1;
	va_start(ap, fmt);
	vreport(&e->opts.book.report, GALLEY_ERROR, NULL, line, 0, fmt, ap);
	va_end(ap);
}

void
epub_oerror(struct galley_epub *e, const char *fmt, ...)
{
	va_list	 ap;

	e->failed = 1;
	va_start(ap, fmt);
	vreport(&e->opts.book.report, GALLEY_ERROR, e->path, 0, 0, fmt, ap);
	va_end(ap);
}

/* A failed xmlTextWriter call: the spool could not be written. */
static int
xfail(struct galley_epub *e)
{
	if (!e->failed)
		epub_oerror(e, "temporary file: %s",
		    strerror(errno != 0 ? errno : EIO));
	return -1;
}

void
epub_docname(char *buf, size_t sz, size_t i)
{
	snprintf(buf, sz, "doc%05zu.xhtml", i + 1);
}

/* Whether p starts a character XML 1.0 forbids; sets *cp to it. */
static int
forbidden(const unsigned char *p, uint32_t *cp)
{
	if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
		*cp = *p;
		return 1;
	}
	/* U+FFFE and U+FFFF; the input is valid UTF-8. */
	if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
		*cp = p[2] == 0xbe ? 0xfffe : 0xffff;
		return 1;
	}
	return 0;
}

/*
 * The first character at or after p that XML forbids (*cp set to it), or
 * the NUL at the end.  Every record's text passes here, so the loop
 * tests each byte only for being a control or 0xEF, the lead byte of
 * U+FFFE and U+FFFF.
 */
static const unsigned char *
next_forbidden(const unsigned char *p, uint32_t *cp)
{
	for (;; p++) {
		if (*p >= 0x20 && *p != 0xef)
			continue;
		if (*p == '\0' || forbidden(p, cp))
			return p;
	}
}

/*
 * Report the characters of a record's fields that XML 1.0 forbids (C0
 * controls other than tab, LF and CR; U+FFFE, U+FFFF): epub_text
 * writes U+FFFD for each.
 */
static void
check_record(struct galley_epub *e, const struct galley_record *r)
{
	const unsigned char	*p;
	size_t			 i, bad = 0;
	uint32_t		 cp, first = 0;

	for (i = 0; i < r->nfields; i++)
		for (p = (const unsigned char *)r->fields[i];
		    *(p = next_forbidden(p, &cp)) != '\0'; p++)
			if (bad++ == 0)
				first = cp;
	e->recclean = bad == 0;
	if (bad > 0)
		report(&e->opts.book.report, GALLEY_WARN, NULL, r->line, 0,
		    "%zu character%s XML forbids (first U+%04X) replaced "
		    "by U+FFFD", bad, bad == 1 ? "" : "s", (unsigned)first);
}

/* Write s as text, with U+FFFD for what XML forbids; -1 on failure. */
int
epub_text(struct galley_epub *e, xmlTextWriterPtr w, const char *s)
{
	const unsigned char	*p;
	uint32_t		 cp;

	if (*next_forbidden((const unsigned char *)s, &cp) == '\0')
		return xmlTextWriterWriteString(w, (const xmlChar *)s) < 0 ?
		    -1 : 0;
	sbuf_reset(&e->clean);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (forbidden(p, &cp)) {
			sbuf_putcp(&e->clean, 0xfffd);
			if (cp > 0x7f)
				p += 2;
		} else
			sbuf_putc(&e->clean, (char)*p);
	}
	return xmlTextWriterWriteString(w,
	    (const xmlChar *)sbuf_str(&e->clean)) < 0 ? -1 : 0;
}

/*
 * Write a field of the current record as text: as it is when
 * check_record found nothing XML forbids in the record, else through
 * epub_text.  Saves scanning every field twice.
 */
static int
field_text(struct galley_epub *e, xmlTextWriterPtr w, const char *s)
{
	if (!e->recclean)
		return epub_text(e, w, s);
	return xmlTextWriterWriteString(w, (const xmlChar *)s) < 0 ? -1 : 0;
}

/* s with U+FFFD for what XML forbids, for an attribute. */
const char *
epub_clean(struct galley_epub *e, const char *s)
{
	const unsigned char	*p;
	uint32_t		 cp;

	sbuf_reset(&e->clean);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (forbidden(p, &cp)) {
			sbuf_putcp(&e->clean, 0xfffd);
			if (cp > 0x7f)
				p += 2;
		} else
			sbuf_putc(&e->clean, (char)*p);
	}
	return sbuf_str(&e->clean);
}

/*
 * s quoted for a message: shortened to about 40 characters, with
 * control characters shown as \n, \t or \x1f, so that a message is
 * always one line.  Valid until the next call.
 */
const char *
epub_quote(struct galley_epub *e, const char *s)
{
	sbuf_reset(&e->quoted);
	sbuf_quote_line(&e->quoted, s, strlen(s), 40);
	return sbuf_str(&e->quoted);
}

/*
 * End an element written without indentation (so that no white space
 * goes into its text), then go on indenting from the next line.
 */
static int
end_inline(xmlTextWriterPtr w)
{
	return xe(w) || xmlTextWriterWriteRaw(w, (const xmlChar *)"\n") < 0 ||
	    xmlTextWriterSetIndent(w, 1) < 0;
}

/* Whether s holds nothing but white space. */
static int
blank(const char *s)
{
	size_t	 i, n = strlen(s), k;
	uint32_t cp;

	for (i = 0; i < n; i += k)
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0 ||
		    !(uc_is_space(cp) || cp == '\n' || cp == '\r'))
			return 0;
	return 1;
}

/* The book's title; never blank, which dc:title and <title> cannot be. */
const char *
epub_title(struct galley_epub *e)
{
	const char	*t = book_title(&e->book);

	return blank(t) ? "Untitled" : t;
}

/*
 * Whether a label or run-in head needs a space after it: unless it ends
 * in CJK text (where words are not spaced) or in a space already.
 */
static int
needs_space(const char *s)
{
	size_t	 n = strlen(s), i;
	uint32_t cp;

	if (n == 0)
		return 0;
	i = utf8_prev(s, n);
	return utf8_decode(s + i, n - i, &cp) != 0 && !uc_is_cjk(cp) &&
	    !uc_is_space(cp);
}

static int
space_after(xmlTextWriterPtr w, const char *s)
{
	if (!needs_space(s))
		return 0;
	return xmlTextWriterWriteString(w, (const xmlChar *)" ") < 0 ?
	    -1 : 0;
}

/*
 * SOURCE_DATE_EPOCH, when set, is the modification time; else now.  An
 * ill-formed value is an error, as reproducible-builds.org asks.
 */
static int
set_mtime(struct galley_epub *e)
{
	const char	*s;
	char		*end;
	long long	 v;

	if ((s = getenv("SOURCE_DATE_EPOCH")) == NULL || *s == '\0') {
		e->mtime = time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 ||
	    v > 253402300799LL) {
		report(&e->opts.book.report, GALLEY_ERROR, NULL, 0, 0,
		    "SOURCE_DATE_EPOCH '%s' is not a number of seconds",
		    epub_quote(e, s));
		return -1;
	}
	e->mtime = (time_t)v;
	return 0;
}

/* Read a whole (small) file into b; -1 reported. */
static int
load_file(struct galley_epub *e, const char *path, struct sbuf *b)
{
	FILE	*fp;
	char	 buf[8192];
	size_t	 n;
	int	 rc = 0;

	if ((fp = fopen(path, "rb")) == NULL) {
		report(&e->opts.book.report, GALLEY_ERROR, path, 0, 0, "%s",
		    strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sbuf_put(b, buf, n);
	if (ferror(fp)) {
		report(&e->opts.book.report, GALLEY_ERROR, path, 0, 0,
		    "read error: %s", strerror(errno));
		rc = -1;
	}
	fclose(fp);
	return rc;
}

struct galley_epub *
galley_epub_new(const char *path, const struct galley_epub_opts *opts)
{
	struct galley_epub	*e;
	struct sbuf		 b;
	const char		*slash;
	char			*dir = NULL;
	size_t			 dirlen, n, bad;

	e = galley_xcalloc(1, sizeof(*e));
	e->opts = *opts;
	e->path = galley_xstrdup(path);
	book_init(&e->book, &opts->book);
	sbuf_init(&e->title);
	sbuf_init(&e->fallback);
	sbuf_init(&e->doctitle);
	sbuf_init(&e->clean);
	sbuf_init(&e->quoted);
	sbuf_init(&b);
	if (set_mtime(e) < 0)
		goto fail;
	if (opts->group_kb == GALLEY_EPUB_GROUP_NONE)
		e->group = 0;
	else if (opts->group_kb >= 0 && opts->group_kb <= GALLEY_EPUB_GROUP_MAX)
		e->group = (off_t)(opts->group_kb != 0 ? opts->group_kb :
		    GALLEY_EPUB_GROUP_KB) * 1024;
	else {
		report(&e->opts.book.report, GALLEY_ERROR, "--group-size", 0,
		    0, "%ld is not 0 to %ld kilobytes", opts->group_kb,
		    GALLEY_EPUB_GROUP_MAX);
		goto fail;
	}
	if (opts->book.lang != NULL && !epub_lang_ok(opts->book.lang)) {
		report(&e->opts.book.report, GALLEY_ERROR, "--lang", 0, 0,
		    "'%s' is not a BCP 47 language tag",
		    epub_quote(e, opts->book.lang));
		goto fail;
	}
	if (opts->book.date != NULL && !epub_date_ok(opts->book.date)) {
		report(&e->opts.book.report, GALLEY_ERROR, "--date", 0, 0,
		    "'%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
		    epub_quote(e, opts->book.date));
		goto fail;
	}

	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	dir = galley_xstrndup(path, dirlen);
	if (path[dirlen] == '\0') {
		epub_oerror(e, "is a directory");
		goto fail;
	}
	/*
	 * The container's temporary name, made at the end only, so that
	 * nothing is left behind if the process is killed before.  The
	 * spools, unlinked at once, show now whether the directory can be
	 * written.
	 */
	n = strlen(path) + 16;
	e->tmp = galley_xmalloc(n);
	snprintf(e->tmp, n, "%s.%s.XXXXXX", dir, path + dirlen);
	if (spool_open(&e->body, dir) < 0 || spool_open(&e->nav, dir) < 0 ||
	    spool_open(&e->ncx, dir) < 0) {
		epub_oerror(e, "cannot create a temporary file beside it: %s",
		    strerror(errno));
		goto fail;
	}

	if (opts->css != NULL) {
		if (load_file(e, opts->css, &b) < 0)
			goto fail;
		if ((bad = utf8_valid(b.buf, b.len)) != b.len) {
			report(&e->opts.book.report, GALLEY_ERROR, opts->css,
			    0, 0, "invalid UTF-8 at byte %zu", bad + 1);
			goto fail;
		}
		if (spool_write(&e->body, b.buf, b.len, &e->usercss_off) < 0)
			goto spoolfail;
		e->usercss_len = b.len;
		sbuf_reset(&b);
	}
	if (opts->cover != NULL) {
		if (load_file(e, opts->cover, &b) < 0)
			goto fail;
		if ((e->cover_type = epub_image_type((unsigned char *)b.buf,
		    b.len)) == NULL) {
			report(&e->opts.book.report, GALLEY_ERROR, opts->cover,
			    0, 0, "not a PNG or JPEG image");
			goto fail;
		}
		if (spool_write(&e->body, b.buf, b.len, &e->cover_off) < 0)
			goto spoolfail;
		e->cover_len = b.len;
	}
	sbuf_free(&b);
	free(dir);
	return e;
spoolfail:
	epub_oerror(e, "temporary file: %s", strerror(errno));
fail:
	sbuf_free(&b);
	free(dir);
	galley_epub_free(e);
	return NULL;
}

/* Start a document: its entry, its writer, and <body> in the spool. */
static int
doc_begin(struct galley_epub *e)
{
	struct epub_doc	*d;

	if (e->ndocs == e->doccap) {
		/* Doubling: appends cost constant time on average. */
		e->doccap = e->doccap == 0 ? 64 : e->doccap * 2;
		e->docs = galley_xreallocarray(e->docs, e->doccap,
		    sizeof(*e->docs));
	}
	d = &e->docs[e->ndocs++];
	memset(d, 0, sizeof(*d));
	d->body_off = e->body.len;
	e->indoc = 1;
	if ((e->aw = spool_writer(&e->body)) == NULL)
		return xfail(e);
	if (xmlTextWriterSetIndent(e->aw, 1) < 0 || xs(e->aw, "body"))
		return xfail(e);
	return 0;
}

/*
 * End the document: close <body>, note where it is in the spool, and
 * put its title (its first article's) after it.
 */
static int
doc_end(struct galley_epub *e)
{
	struct epub_doc	*d;
	int		 rc = 0;

	if (!e->indoc)
		return 0;
	e->indoc = 0;
	if (e->failed)
		rc = -1;
	else if (xe(e->aw) || xmlTextWriterFlush(e->aw) < 0)
		rc = xfail(e);
	xmlFreeTextWriter(e->aw);
	e->aw = NULL;
	if (rc < 0)
		return -1;
	d = &e->docs[e->ndocs - 1];
	d->body_len = (size_t)(e->body.len - d->body_off);
	d->title_len = e->doctitle.len;
	if (spool_write(&e->body, e->doctitle.buf, e->doctitle.len,
	    &d->title_off) < 0)
		return xfail(e);
	return 0;
}

/*
 * Start an article: in a new document when the current one holds
 * e->group bytes already; its nav and NCX writers; its <article>.
 */
static int
art_begin(struct galley_epub *e)
{
	char	 id[32];

	if (art_end(e) < 0)
		return -1;
	e->docfirst = 0;
	if (!e->indoc ||
	    e->body.len - e->docs[e->ndocs - 1].body_off >= e->group) {
		if (doc_end(e) < 0 || doc_begin(e) < 0)
			return -1;
		e->docfirst = 1;
	}
	e->inart = 1;
	e->narts++;
	e->inheader = e->inbody = e->navopen = e->navsec = 0;
	e->nsec = 0;
	e->secno = 0;
	sbuf_reset(&e->title);
	sbuf_reset(&e->fallback);
	snprintf(id, sizeof(id), "a%zu", e->narts);
	snprintf(e->href, sizeof(e->href), "doc%05zu.xhtml#%s", e->ndocs,
	    id);
	/*
	 * One writer each for the nav and NCX entries of every article:
	 * the entries follow one another at the top level.
	 */
	if (e->nw == NULL && ((e->nw = spool_writer(&e->nav)) == NULL ||
	    xmlTextWriterSetIndent(e->nw, 1) < 0))
		return xfail(e);
	if (e->xw == NULL && ((e->xw = spool_writer(&e->ncx)) == NULL ||
	    xmlTextWriterSetIndent(e->xw, 1) < 0))
		return xfail(e);
	if (xs(e->aw, "article") || xa(e->aw, "id", id))
		return xfail(e);
	return 0;
}

/* Remember the first words of an untitled article for its nav entry. */
static void
note_fallback(struct galley_epub *e, const char *s)
{
	size_t	 i, n, len, k;
	uint32_t cp;

	if (e->fallback.len > 0 || e->title.len > 0 || blank(s))
		return;
	len = strlen(s);
	for (i = 0, k = 0; i < len && k < 24; k++, i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			break;
		if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
			cp = 0xfffd;
		sbuf_putcp(&e->fallback, cp);
	}
	if (i < len)
		sbuf_puts(&e->fallback, "\xe2\x80\xa6");
}

/*
 * Begin the article's nav <li> and NCX navPoint; the headline is known
 * by now, or there is none.
 */
static int
nav_begin(struct galley_epub *e)
{
	char		 id[32], po[32];
	const char	*label, *name = e->href;

	if (e->navopen)
		return 0;
	e->navopen = 1;
	if (e->title.len > 0)
		label = e->title.buf;
	else if (e->fallback.len > 0)
		label = e->fallback.buf;
	else {
		snprintf(id, sizeof(id), "%zu", e->narts);
		sbuf_puts(&e->fallback, id);
		label = e->fallback.buf;
	}
	if (xs(e->nw, "li") || xs(e->nw, "a") || xa(e->nw, "href", name) ||
	    epub_text(e, e->nw, label) < 0 || xe(e->nw))
		return xfail(e);
	snprintf(id, sizeof(id), "np%zu", ++e->playorder);
	snprintf(po, sizeof(po), "%zu", e->playorder);
	if (xs(e->xw, "navPoint") || xa(e->xw, "id", id) ||
	    xa(e->xw, "playOrder", po) || xs(e->xw, "navLabel") ||
	    xs(e->xw, "text") || epub_text(e, e->xw, label) < 0 ||
	    xe(e->xw) || xe(e->xw) || xs(e->xw, "content") ||
	    xa(e->xw, "src", name) || xe(e->xw))
		return xfail(e);
	return 0;
}

static int
header_open(struct galley_epub *e)
{
	if (e->inheader || e->inbody)
		return 0;
	e->inheader = 1;
	return xs(e->aw, "header") ? xfail(e) : 0;
}

/* Past the header: close it, and begin the nav entry. */
static int
body_open(struct galley_epub *e)
{
	if (e->inbody)
		return 0;
	if (e->inheader && xe(e->aw))
		return xfail(e);
	e->inheader = 0;
	e->inbody = 1;
	return nav_begin(e);
}

/* Close the open sections of level >= level. */
static int
sections_close(struct galley_epub *e, int level)
{
	while (e->nsec > 0 && e->seclevel[e->nsec - 1] >= level) {
		if (xe(e->aw))
			return xfail(e);
		e->nsec--;
	}
	return 0;
}

/*
 * End the article: close everything; the first of a document gives the
 * document its title.
 */
static int
art_end(struct galley_epub *e)
{
	int		 rc = 0;

	if (!e->inart)
		return 0;
	e->inart = 0;
	if (e->failed)
		rc = -1;
	else if (body_open(e) < 0 || sections_close(e, 0) < 0)
		rc = -1;
	/* Flushed, so that e->body.len says how full the document is. */
	else if (xe(e->aw) || xmlTextWriterFlush(e->aw) < 0)
		rc = xfail(e);
	else if ((e->navsec && xe(e->nw)) || xe(e->nw) || xe(e->xw))
		rc = xfail(e);
	if (rc == 0 && e->docfirst) {
		sbuf_reset(&e->doctitle);
		if (e->title.len > 0)
			sbuf_put(&e->doctitle, e->title.buf, e->title.len);
		else
			sbuf_put(&e->doctitle, e->fallback.buf,
			    e->fallback.len);
	}
	return rc;
}

/*
 * Finish an inline block already started: an optional lead-in (a
 * headline's label, a paragraph's run-in head) as element el of class
 * cls, then the text, then the block's end.  lead and text are fields
 * of the current record.
 */
static int
lead_and_text(struct galley_epub *e, const char *el, const char *cls,
    const char *lead, const char *text)
{
	if (lead != NULL && (xs(e->aw, el) || xa(e->aw, "class", cls) ||
	    field_text(e, e->aw, lead) < 0 || xe(e->aw) ||
	    space_after(e->aw, lead) < 0))
		return xfail(e);
	if (field_text(e, e->aw, text) < 0 || end_inline(e->aw))
		return xfail(e);
	return 0;
}

/* The headline: h1 with the label in a span; the article's title. */
static int
put_title(struct galley_epub *e, const struct galley_record *r)
{
	const char	*text = r->fields[0];
	const char	*label = r->nfields > 1 && *r->fields[1] != '\0' ?
			    r->fields[1] : NULL;

	if (header_open(e) < 0)
		return -1;
	if (e->title.len == 0 && !e->navopen &&
	    (!blank(text) || (label != NULL && !blank(label)))) {
		if (label != NULL) {
			sbuf_puts(&e->title, label);
			if (needs_space(label))
				sbuf_putc(&e->title, ' ');
		}
		sbuf_puts(&e->title, text);
	}
	if (xs(e->aw, "h1") || xmlTextWriterSetIndent(e->aw, 0) < 0)
		return xfail(e);
	return lead_and_text(e, "span", "label", label, text);
}

/* A section heading: a section element headed h2 (level 1) to h6. */
static int
put_heading(struct galley_epub *e, const struct galley_record *r)
{
	char		*end, id[32], h[4];
	long		 level;

	errno = 0;
	level = strtol(r->fields[0], &end, 10);
	if (*r->fields[0] < '1' || *r->fields[0] > '9' || *end != '\0' ||
	    level < 1 || level > 6) {
		epub_error(e, r->line, "heading level '%s' is not 1 to 6",
		    epub_quote(e, r->fields[0]));
		return -1;
	}
	if (body_open(e) < 0 || sections_close(e, (int)level) < 0)
		return -1;
	snprintf(id, sizeof(id), "a%zus%zu", e->narts, ++e->secno);
	snprintf(h, sizeof(h), "h%ld", level + 1 > 6 ? 6 : level + 1);
	if (xs(e->aw, "section") || xa(e->aw, "id", id) || xs(e->aw, h) ||
	    xmlTextWriterSetIndent(e->aw, 0) < 0 ||
	    field_text(e, e->aw, r->fields[1]) < 0 ||
	    end_inline(e->aw))
		return xfail(e);
	e->seclevel[e->nsec++] = (int)level;
	/* A blank heading cannot label an entry of the contents. */
	if (level != 1 || blank(r->fields[1]))
		return 0;
	/* Top sections are the second level of the contents. */
	{
		char	 href[64], po[32], np[32];

		snprintf(href, sizeof(href), "doc%05zu.xhtml#%s", e->ndocs,
		    id);
		if (!e->navsec) {
			e->navsec = 1;
			e->anysec = 1;
			if (xs(e->nw, "ol"))
				return xfail(e);
		}
		snprintf(np, sizeof(np), "np%zu", ++e->playorder);
		snprintf(po, sizeof(po), "%zu", e->playorder);
		if (xs(e->nw, "li") || xs(e->nw, "a") ||
		    xa(e->nw, "href", href) ||
		    field_text(e, e->nw, r->fields[1]) < 0 || xe(e->nw) ||
		    xe(e->nw))
			return xfail(e);
		/* NCX navPoints nest directly, without an <ol>. */
		if (xs(e->xw, "navPoint") || xa(e->xw, "id", np) ||
		    xa(e->xw, "playOrder", po) || xs(e->xw, "navLabel") ||
		    xs(e->xw, "text") ||
		    field_text(e, e->xw, r->fields[1]) < 0 || xe(e->xw) ||
		    xe(e->xw) || xs(e->xw, "content") ||
		    xa(e->xw, "src", href) || xe(e->xw) || xe(e->xw))
			return xfail(e);
	}
	return 0;
}

/* A paragraph, with its class (or NULL) and run-in head (or NULL). */
static int
put_para(struct galley_epub *e, const char *cls, const char *head,
    const char *text)
{
	if (xs(e->aw, "p") || (cls != NULL && xa(e->aw, "class", cls)) ||
	    xmlTextWriterSetIndent(e->aw, 0) < 0)
		return xfail(e);
	return lead_and_text(e, "strong", "runin", head, text);
}

int
galley_epub_put(struct galley_epub *e, const struct galley_record *r)
{
	if (e->failed || e->finished)
		return -1;
	e->line = r->line;
	check_record(e, r);
	if (book_record(&e->book, r) < 0) {
		e->failed = 1;
		return -1;
	}
	if (r->kind == GALLEY_META)
		return 0;
	/* galley(5): every record but meta belongs to an article. */
	if (r->kind != GALLEY_ARTICLE && !e->inart) {
		epub_error(e, r->line, "%s record before the first article "
		    "record", galley_kind_name(r->kind));
		return -1;
	}
	if (r->kind == GALLEY_ARTICLE && art_begin(e) < 0)
		return -1;
	switch (r->kind) {
	case GALLEY_ARTICLE:
		return 0;
	case GALLEY_TITLE:
		if (e->inbody)
			return put_para(e, "title", NULL, r->fields[0]);
		return put_title(e, r);
	case GALLEY_SUBTITLE:
		note_fallback(e, r->fields[0]);
		if (header_open(e) < 0)
			return -1;
		return put_para(e, "subtitle", NULL, r->fields[0]);
	case GALLEY_BYLINE:
		note_fallback(e, r->fields[0]);
		if (header_open(e) < 0)
			return -1;
		return put_para(e, "byline", NULL, r->fields[0]);
	case GALLEY_DATELINE:
		note_fallback(e, r->fields[0]);
		if (header_open(e) < 0)
			return -1;
		return put_para(e, "dateline", NULL, r->fields[0]);
	case GALLEY_AUTHOR:
	case GALLEY_ORG:
		/* Shown in the byline; they go to the package metadata. */
		return 0;
	case GALLEY_HEADING:
		note_fallback(e, r->fields[1]);
		return put_heading(e, r);
	case GALLEY_RUNIN:
		note_fallback(e, r->fields[0]);
		if (body_open(e) < 0)
			return -1;
		return put_para(e, NULL, r->fields[0], r->fields[1]);
	case GALLEY_PARA:
		note_fallback(e, r->fields[0]);
		if (body_open(e) < 0)
			return -1;
		return put_para(e, NULL, NULL, r->fields[0]);
	case GALLEY_CREDIT:
		note_fallback(e, r->fields[0]);
		if (body_open(e) < 0)
			return -1;
		return put_para(e, "credit", NULL, r->fields[0]);
	default:
		return 0;
	}
}

int
galley_epub_finish(struct galley_epub *e)
{
	if (e->failed || e->finished)
		return -1;
	if (art_end(e) < 0 || doc_end(e) < 0)
		return -1;
	if ((e->nw != NULL && xmlTextWriterFlush(e->nw) < 0) ||
	    (e->xw != NULL && xmlTextWriterFlush(e->xw) < 0))
		return xfail(e);
	if (e->narts == 0) {
		epub_error(e, 0, "no article in the input");
		return -1;
	}
	if (fflush(e->body.fp) == EOF || fflush(e->nav.fp) == EOF ||
	    fflush(e->ncx.fp) == EOF)
		return xfail(e);
	if (epub_zip(e) < 0) {
		e->failed = 1;
		return -1;
	}
	e->finished = 1;
	return 0;
}

void
galley_epub_free(struct galley_epub *e)
{
	if (e == NULL)
		return;
	if (e->aw != NULL)
		xmlFreeTextWriter(e->aw);
	if (e->nw != NULL)
		xmlFreeTextWriter(e->nw);
	if (e->xw != NULL)
		xmlFreeTextWriter(e->xw);
	spool_close(&e->body);
	spool_close(&e->nav);
	spool_close(&e->ncx);
	if (!e->finished && e->tmpmade)
		unlink(e->tmp);
	book_free(&e->book);
	sbuf_free(&e->title);
	sbuf_free(&e->fallback);
	sbuf_free(&e->doctitle);
	sbuf_free(&e->clean);
	sbuf_free(&e->quoted);
	free(e->docs);
	free(e->tmp);
	free(e->path);
	free(e);
}
