/*
 * epub_pkg.c: the documents of an EPUB that need the whole book, made
 * by galley_epub_finish once title, language and identifier are known:
 * the package document (EPUB 3.3, section 5), the navigation document
 * (section 7) with a two-level contents and landmarks, the NCX for
 * EPUB 2 reading systems (OPF 2.0.1, section 2.4.1), the container file
 * (section 4.2.6.3.1), the cover page, and each content document's head
 * and tail around its spooled <body>.  Also the default stylesheet.
 *
 * All XML goes through xmlTextWriter; every call's result is checked.
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "epub.h"

#define OPF_NS		"http://www.idpf.org/2007/opf"
#define DC_NS		"http://purl.org/dc/elements/1.1/"
#define NCX_NS		"http://www.daisy.org/z3986/2005/ncx/"
#define OCF_NS		"urn:oasis:names:tc:opendocument:xmlns:container"

static int	 xdoc(xmlTextWriterPtr);
static int	 xtext(struct galley_epub *, xmlTextWriterPtr, const char *,
		    const char *);
static int	 html_start(struct galley_epub *, xmlTextWriterPtr,
		    const char *, const char *);
static int	 wfail(struct galley_epub *);
static int	 wclose(struct galley_epub *, xmlTextWriterPtr, off_t, off_t *,
		    size_t *);
static void	 words(const char *, const char **, const char **,
		    const char **);
static char	*take(xmlTextWriterPtr, xmlBufferPtr, int, size_t *);

/*
 * The default stylesheet.  Chinese and Japanese text: paragraphs indented
 * by two characters and not justified across CJK punctuation oddly, a
 * generous line height, fonts falling back through the usual CJK faces.
 * Latin text (the html element's lang says which) gets a smaller line
 * height and a smaller indent.
 */
const char epub_default_css[] =
"/* galley default stylesheet */\n"
"@namespace epub \"http://www.idpf.org/2007/ops\";\n"
"html {\n"
"\tfont-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", "
"\"Songti SC\",\n"
"\t    \"SimSun\", \"STSong\", \"Noto Serif CJK JP\", "
"\"Noto Serif CJK KR\", serif;\n"
"\tline-height: 1.8;\n"
"}\n"
"html:lang(zh-Hant), html:lang(zh-TW), html:lang(zh-HK) {\n"
"\tfont-family: \"Noto Serif CJK TC\", \"Source Han Serif TC\", "
"\"Songti TC\",\n"
"\t    \"PMingLiU\", \"MingLiU\", serif;\n"
"}\n"
"html:lang(ja) {\n"
"\tfont-family: \"Noto Serif CJK JP\", \"Source Han Serif JP\", "
"\"Hiragino Mincho ProN\",\n"
"\t    \"Yu Mincho\", \"MS Mincho\", serif;\n"
"}\n"
"html:lang(ko) {\n"
"\tfont-family: \"Noto Serif CJK KR\", \"Source Han Serif K\", "
"\"AppleMyungjo\",\n"
"\t    \"Batang\", serif;\n"
"}\n"
"html:lang(en), html:lang(fr), html:lang(de), html:lang(es),\n"
"html:lang(it), html:lang(pt), html:lang(nl), html:lang(ru) {\n"
"\tfont-family: serif;\n"
"\tline-height: 1.4;\n"
"}\n"
"body {\n"
"\tmargin: 0 1em;\n"
"}\n"
"h1, h2, h3, h4, h5, h6 {\n"
"\tfont-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", "
"\"PingFang SC\",\n"
"\t    \"Microsoft YaHei\", \"Heiti SC\", sans-serif;\n"
"\tfont-weight: bold;\n"
"\tline-height: 1.4;\n"
"\ttext-indent: 0;\n"
"\tpage-break-after: avoid;\n"
"}\n"
"h1 {\n"
"\tfont-size: 1.5em;\n"
"\tmargin: 1em 0 0.5em;\n"
"}\n"
"h1 .label {\n"
"\tdisplay: block;\n"
"\tfont-size: 0.75em;\n"
"}\n"
"h2 {\n"
"\tfont-size: 1.2em;\n"
"\tmargin: 1.2em 0 0.6em;\n"
"}\n"
"h3, h4, h5, h6 {\n"
"\tfont-size: 1em;\n"
"\tmargin: 1em 0 0.5em;\n"
"}\n"
"p {\n"
"\tmargin: 0;\n"
"\ttext-indent: 2em;\n"
"\ttext-align: justify;\n"
"}\n"
"html:lang(en) p, html:lang(fr) p, html:lang(de) p, html:lang(es) p,\n"
"html:lang(it) p, html:lang(pt) p, html:lang(nl) p, html:lang(ru) p {\n"
"\ttext-indent: 1.5em;\n"
"}\n"
"header p, p.credit {\n"
"\ttext-indent: 0;\n"
"}\n"
"p.subtitle {\n"
"\tfont-weight: bold;\n"
"\tmargin-bottom: 0.5em;\n"
"}\n"
"p.byline, p.dateline {\n"
"\tfont-size: 0.9em;\n"
"\tmargin-bottom: 1em;\n"
"}\n"
"p.credit {\n"
"\tfont-size: 0.8em;\n"
"\ttext-align: right;\n"
"}\n"
"strong.runin {\n"
"\tfont-weight: bold;\n"
"}\n"
"/* Every article but a document's first starts a new page. */\n"
"article + article {\n"
"\tpage-break-before: always;\n"
"\tbreak-before: page;\n"
"}\n"
"nav ol {\n"
"\tlist-style-type: none;\n"
"}\n"
"nav[epub|type~=\"landmarks\"] {\n"
"\tdisplay: none;\n"
"}\n"
"section.cover {\n"
"\ttext-align: center;\n"
"}\n"
"section.cover img {\n"
"\tmax-width: 100%;\n"
"\tmax-height: 100%;\n"
"}\n";

/* Added after the default with --vertical. */
const char epub_vertical_css[] =
"/* --vertical: top to bottom, lines right to left */\n"
"html {\n"
"\t-epub-writing-mode: vertical-rl;\n"
"\twriting-mode: vertical-rl;\n"
"}\n"
"body {\n"
"\tmargin: 1em 0;\n"
"}\n"
"h1, h2, h3, h4, h5, h6 {\n"
"\tmargin: 0 1em;\n"
"}\n";

const char *
epub_image_type(const unsigned char *p, size_t n)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "image/jpeg";
	return NULL;
}

/* Start a document, with indentation. */
static int
xdoc(xmlTextWriterPtr w)
{
	return xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, (const xmlChar *)" ") < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
}

/* An element holding only text. */
static int
xtext(struct galley_epub *e, xmlTextWriterPtr w, const char *name,
    const char *text)
{
	return xs(w, name) || epub_text(e, w, text) < 0 || xe(w);
}

/* <html> with its namespaces and language, and <head> up to the title. */
static int
html_start(struct galley_epub *e, xmlTextWriterPtr w, const char *title,
    const char *css_prefix)
{
	const char	*lang = book_lang(&e->book);
	char		 href[64];

	if (xdoc(w) || xmlTextWriterWriteDTD(w, (const xmlChar *)"html",
	    NULL, NULL, NULL) < 0 ||
	    xs(w, "html") || xa(w, "xmlns", EPUB_XHTML_NS) ||
	    xa(w, "xmlns:epub", EPUB_OPS_NS) || xa(w, "lang", lang) ||
	    xa(w, "xml:lang", lang) || xs(w, "head") ||
	    xs(w, "meta") || xa(w, "charset", "utf-8") || xe(w) ||
	    xtext(e, w, "title", title) ||
	    xs(w, "link") || xa(w, "rel", "stylesheet") ||
	    xa(w, "type", "text/css"))
		return -1;
	snprintf(href, sizeof(href), "%s%s", css_prefix, EPUB_CSS);
	if (xa(w, "href", href) || xe(w))
		return -1;
	if (e->usercss_len > 0) {
		snprintf(href, sizeof(href), "%s%s", css_prefix,
		    EPUB_USERCSS);
		if (xs(w, "link") || xa(w, "rel", "stylesheet") ||
		    xa(w, "type", "text/css") || xa(w, "href", href) ||
		    xe(w))
			return -1;
	}
	return xe(w);
}

static int
wfail(struct galley_epub *e)
{
	if (!e->failed)
		epub_oerror(e, "temporary file: %s",
		    strerror(errno != 0 ? errno : EIO));
	return -1;
}

/* Finish writing w to the body spool: the document is at *off, *len. */
static int
wclose(struct galley_epub *e, xmlTextWriterPtr w, off_t start, off_t *off,
    size_t *len)
{
	int	 rc = 0;

	if (xmlTextWriterEndDocument(w) < 0 || xmlTextWriterFlush(w) < 0)
		rc = wfail(e);
	xmlFreeTextWriter(w);
	*off = start;
	*len = (size_t)(e->body.len - start);
	return rc;
}

/*
 * Document i around its <body>: the head, made now that the language is
 * known, and the tail.  Called by libzip's reads.
 */
int
epub_doc_frame(struct galley_epub *e, size_t i, struct sbuf *head,
    struct sbuf *tail)
{
	xmlBufferPtr		 buf;
	xmlTextWriterPtr	 w;
	struct epub_doc		*a = &e->docs[i];
	char			*title;
	size_t			 hlen;
	int			 rc = -1;

	if ((buf = xmlBufferCreate()) == NULL)
		return -1;
	if ((w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		xmlBufferFree(buf);
		return -1;
	}
	title = galley_xmalloc(a->title_len + 1);
	if (spool_read(&e->body, a->title_off, title, a->title_len) < 0)
		goto out;
	title[a->title_len] = '\0';
	if (html_start(e, w, title, "") < 0 ||
	    xmlTextWriterFlush(w) < 0)
		goto out;
	hlen = (size_t)xmlBufferLength(buf);
	if (xmlTextWriterEndDocument(w) < 0 || xmlTextWriterFlush(w) < 0)
		goto out;
	sbuf_reset(head);
	sbuf_reset(tail);
	sbuf_put(head, (const char *)xmlBufferContent(buf), hlen);
	sbuf_put(tail, (const char *)xmlBufferContent(buf) + hlen,
	    (size_t)xmlBufferLength(buf) - hlen);
	rc = 0;
out:
	free(title);
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return rc;
}

/* A W3CDTF date: YYYY, YYYY-MM, YYYY-MM-DD, or with a time. */
int
epub_date_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n < 4)
		return 0;
	for (i = 0; i < n && i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	if (n != 4 && n != 7 && n < 10)
		return 0;
	return n == 4 || n == 7 || n == 10 || s[10] == 'T';
}

/* A BCP 47 tag, loosely: letters, then subtags of letters and digits. */
int
epub_lang_ok(const char *s)
{
	size_t	 i, k = 0, part = 0;

	for (i = 0; ; i++) {
		char c = s[i];
		if (c == '-' || c == '\0') {
			if (k == 0 || k > 8 || (part == 0 && k < 2))
				return 0;
			if (c == '\0')
				return 1;
			part++;
			k = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (part > 0 && c >= '0' && c <= '9'))
			k++;
		else
			return 0;
	}
}

/* What the language calls the contents and the start of the text. */
static void
words(const char *lang, const char **toc, const char **start,
    const char **cover)
{
	if (strncmp(lang, "zh", 2) == 0) {
		*toc = "目录";
		*start = "正文";
		*cover = "封面";
	} else if (strncmp(lang, "ja", 2) == 0) {
		*toc = "目次";
		*start = "本文";
		*cover = "表紙";
	} else if (strncmp(lang, "ko", 2) == 0) {
		*toc = "차례";
		*start = "본문";
		*cover = "표지";
	} else {
		*toc = "Contents";
		*start = "Start";
		*cover = "Cover";
	}
}

/* Accessibility metadata, true of every book galley makes. */
static const char *const a11y[][2] = {
	{ "schema:accessMode", "textual" },
	{ "schema:accessModeSufficient", "textual" },
	{ "schema:accessibilityFeature", "structuralNavigation" },
	{ "schema:accessibilityFeature", "tableOfContents" },
	{ "schema:accessibilityHazard", "none" },
	{ "schema:accessibilitySummary", "Text with headings and a table "
	    "of contents; no images beyond an optional cover." },
};

int
epub_write_opf(struct galley_epub *e, off_t *off, size_t *len)
{
	xmlTextWriterPtr	 w;
	const char		*s, *lang;
	char			 buf[64], id[32];
	struct tm		 tm;
	time_t			 t;
	off_t			 start = e->body.len;
	size_t			 i, n;

	lang = book_lang(&e->book);
	if (!epub_lang_ok(lang)) {
		epub_error(e, 0, "language '%s' is not a BCP 47 tag",
		    epub_quote(e, lang));
		return -1;
	}
	if ((s = book_date(&e->book)) != NULL && !epub_date_ok(s)) {
		epub_error(e, 0, "date '%s' is not YYYY, YYYY-MM or "
		    "YYYY-MM-DD", epub_quote(e, s));
		return -1;
	}
	if ((w = spool_writer(&e->body)) == NULL)
		return wfail(e);
	if (xdoc(w) || xs(w, "package") || xa(w, "xmlns", OPF_NS) ||
	    xa(w, "version", "3.0") || xa(w, "unique-identifier", "bookid") ||
	    xa(w, "xml:lang", lang) ||
	    xs(w, "metadata") || xa(w, "xmlns:dc", DC_NS) ||
	    xs(w, "dc:identifier") || xa(w, "id", "bookid") ||
	    epub_text(e, w, book_identifier(&e->book)) < 0 || xe(w) ||
	    xtext(e, w, "dc:title", epub_title(e)) ||
	    xtext(e, w, "dc:language", lang))
		goto fail;
	n = book_ncreators(&e->book);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "creator%zu", i + 1);
		snprintf(buf, sizeof(buf), "#%s", id);
		if (xs(w, "dc:creator") || xa(w, "id", id) ||
		    epub_text(e, w, book_creator(&e->book, i)) < 0 ||
		    xe(w) || xs(w, "meta") || xa(w, "refines", buf) ||
		    xa(w, "property", "role") ||
		    xa(w, "scheme", "marc:relators") ||
		    xmlTextWriterWriteString(w, (const xmlChar *)"aut") < 0 ||
		    xe(w))
			goto fail;
	}
	if ((s = book_publisher(&e->book)) != NULL &&
	    xtext(e, w, "dc:publisher", s))
		goto fail;
	if ((s = book_date(&e->book)) != NULL && xtext(e, w, "dc:date", s))
		goto fail;
	t = e->mtime;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (xs(w, "meta") || xa(w, "property", "dcterms:modified") ||
	    xmlTextWriterWriteString(w, (const xmlChar *)buf) < 0 || xe(w))
		goto fail;
	/* What the book offers (EPUB Accessibility 1.1, section 2). */
	for (i = 0; i < sizeof(a11y) / sizeof(a11y[0]); i++)
		if (xs(w, "meta") || xa(w, "property", a11y[i][0]) ||
		    xmlTextWriterWriteString(w,
		    (const xmlChar *)a11y[i][1]) < 0 || xe(w))
			goto fail;
	/* EPUB 2 and Kindle readers look for these. */
	if (e->cover_len > 0 && (xs(w, "meta") || xa(w, "name", "cover") ||
	    xa(w, "content", "cover-image") || xe(w)))
		goto fail;
	if (e->opts.vertical && (xs(w, "meta") ||
	    xa(w, "name", "primary-writing-mode") ||
	    xa(w, "content", "vertical-rl") || xe(w)))
		goto fail;
	if (xe(w) || xs(w, "manifest") ||
	    xs(w, "item") || xa(w, "id", "nav") || xa(w, "href", EPUB_NAV) ||
	    xa(w, "media-type", "application/xhtml+xml") ||
	    xa(w, "properties", "nav") || xe(w) ||
	    xs(w, "item") || xa(w, "id", "ncx") || xa(w, "href", EPUB_NCX) ||
	    xa(w, "media-type", "application/x-dtbncx+xml") || xe(w) ||
	    xs(w, "item") || xa(w, "id", "css") || xa(w, "href", EPUB_CSS) ||
	    xa(w, "media-type", "text/css") || xe(w))
		goto fail;
	if (e->usercss_len > 0 && (xs(w, "item") || xa(w, "id", "usercss") ||
	    xa(w, "href", EPUB_USERCSS) || xa(w, "media-type", "text/css") ||
	    xe(w)))
		goto fail;
	if (e->cover_len > 0) {
		snprintf(buf, sizeof(buf), "images/cover.%s",
		    strcmp(e->cover_type, "image/png") == 0 ? "png" : "jpg");
		if (xs(w, "item") || xa(w, "id", "cover-image") ||
		    xa(w, "href", buf) || xa(w, "media-type", e->cover_type) ||
		    xa(w, "properties", "cover-image") || xe(w) ||
		    xs(w, "item") || xa(w, "id", "cover") ||
		    xa(w, "href", EPUB_COVER) ||
		    xa(w, "media-type", "application/xhtml+xml") || xe(w))
			goto fail;
	}
	for (i = 0; i < e->ndocs; i++) {
		epub_docname(buf, sizeof(buf), i);
		snprintf(id, sizeof(id), "doc%05zu", i + 1);
		if (xs(w, "item") || xa(w, "id", id) || xa(w, "href", buf) ||
		    xa(w, "media-type", "application/xhtml+xml") || xe(w))
			goto fail;
	}
	if (xe(w) || xs(w, "spine") || xa(w, "toc", "ncx") ||
	    (e->opts.vertical &&
	    xa(w, "page-progression-direction", "rtl")))
		goto fail;
	if (e->cover_len > 0 && (xs(w, "itemref") || xa(w, "idref", "cover") ||
	    xe(w)))
		goto fail;
	for (i = 0; i < e->ndocs; i++) {
		snprintf(id, sizeof(id), "doc%05zu", i + 1);
		if (xs(w, "itemref") || xa(w, "idref", id) || xe(w))
			goto fail;
	}
	if (xe(w))
		goto fail;
	return wclose(e, w, start, off, len);
fail:
	xmlFreeTextWriter(w);
	return wfail(e);
}

int
epub_write_nav(struct galley_epub *e, off_t *off, size_t *len)
{
	xmlTextWriterPtr	 w;
	const char		*toc, *start, *cover;
	char			 name[32];
	off_t			 at = e->body.len;

	words(book_lang(&e->book), &toc, &start, &cover);
	if ((w = spool_writer(&e->body)) == NULL)
		return wfail(e);
	if (html_start(e, w, epub_title(e), "") < 0 ||
	    xs(w, "body") ||
	    xs(w, "nav") || xa(w, "epub:type", "toc") || xa(w, "id", "toc") ||
	    xtext(e, w, "h1", toc) || xs(w, "ol") ||
	    spool_copy_raw(&e->nav, 0, e->nav.len, w) < 0 ||
	    xe(w) || xe(w) ||
	    xs(w, "nav") || xa(w, "epub:type", "landmarks") ||
	    xa(w, "id", "landmarks") || xa(w, "hidden", "hidden") ||
	    xtext(e, w, "h2", "Landmarks") || xs(w, "ol"))
		goto fail;
	if (e->cover_len > 0 && (xs(w, "li") || xs(w, "a") ||
	    xa(w, "epub:type", "cover") || xa(w, "href", EPUB_COVER) ||
	    epub_text(e, w, cover) < 0 || xe(w) || xe(w)))
		goto fail;
	epub_docname(name, sizeof(name), 0);
	if (xs(w, "li") || xs(w, "a") || xa(w, "epub:type", "bodymatter") ||
	    xa(w, "href", name) || epub_text(e, w, start) < 0 || xe(w) ||
	    xe(w))
		goto fail;
	return wclose(e, w, at, off, len);
fail:
	xmlFreeTextWriter(w);
	return wfail(e);
}

int
epub_write_ncx(struct galley_epub *e, off_t *off, size_t *len)
{
	xmlTextWriterPtr	 w;
	off_t			 at = e->body.len;

	if ((w = spool_writer(&e->body)) == NULL)
		return wfail(e);
	if (xdoc(w) || xs(w, "ncx") || xa(w, "xmlns", NCX_NS) ||
	    xa(w, "version", "2005-1") ||
	    xa(w, "xml:lang", book_lang(&e->book)) || xs(w, "head") ||
	    xs(w, "meta") || xa(w, "name", "dtb:uid") ||
	    xa(w, "content", epub_clean(e, book_identifier(&e->book))) ||
	    xe(w) ||
	    xs(w, "meta") || xa(w, "name", "dtb:depth") ||
	    xa(w, "content", e->anysec ? "2" : "1") || xe(w) ||
	    xs(w, "meta") || xa(w, "name", "dtb:totalPageCount") ||
	    xa(w, "content", "0") || xe(w) ||
	    xs(w, "meta") || xa(w, "name", "dtb:maxPageNumber") ||
	    xa(w, "content", "0") || xe(w) || xe(w) ||
	    xs(w, "docTitle") || xtext(e, w, "text", epub_title(e)) ||
	    xe(w) || xs(w, "navMap") ||
	    spool_copy_raw(&e->ncx, 0, e->ncx.len, w) < 0 || xe(w))
		goto fail;
	return wclose(e, w, at, off, len);
fail:
	xmlFreeTextWriter(w);
	return wfail(e);
}

/* Take the content of a memory writer's buffer; NULL on failure. */
static char *
take(xmlTextWriterPtr w, xmlBufferPtr buf, int bad, size_t *len)
{
	char	*s = NULL;

	if (!bad && xmlTextWriterEndDocument(w) >= 0 &&
	    xmlTextWriterFlush(w) >= 0) {
		*len = (size_t)xmlBufferLength(buf);
		s = galley_xmalloc(*len + 1);
		memcpy(s, xmlBufferContent(buf), *len);
		s[*len] = '\0';
	}
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return s;
}

char *
epub_container_xml(size_t *len)
{
	xmlBufferPtr		 buf;
	xmlTextWriterPtr	 w;

	if ((buf = xmlBufferCreate()) == NULL)
		return NULL;
	if ((w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		xmlBufferFree(buf);
		return NULL;
	}
	return take(w, buf, xdoc(w) || xs(w, "container") ||
	    xa(w, "version", "1.0") || xa(w, "xmlns", OCF_NS) ||
	    xs(w, "rootfiles") || xs(w, "rootfile") ||
	    xa(w, "full-path", EPUB_OPF) ||
	    xa(w, "media-type", "application/oebps-package+xml"), len);
}

char *
epub_cover_xhtml(struct galley_epub *e, const char *img, size_t *len)
{
	xmlBufferPtr		 buf;
	xmlTextWriterPtr	 w;
	const char		*toc, *start, *cover;
	char			*s;

	words(book_lang(&e->book), &toc, &start, &cover);
	if ((buf = xmlBufferCreate()) == NULL)
		return NULL;
	if ((w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		xmlBufferFree(buf);
		return NULL;
	}
	s = take(w, buf, html_start(e, w, cover, "") < 0 || xs(w, "body") ||
	    xs(w, "section") || xa(w, "epub:type", "cover") ||
	    xa(w, "class", "cover") || xs(w, "img") || xa(w, "src", img) ||
	    xa(w, "alt", epub_clean(e, epub_title(e))), len);
	if (s == NULL)
		wfail(e);
	return s;
}
