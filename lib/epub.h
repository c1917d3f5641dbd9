/*
 * epub.h: declarations shared by the files of the EPUB writer
 * (epub.c, epub_pkg.c, epub_zip.c).  Never installed.
 *
 * The book is never held in memory.  Articles are grouped into XHTML
 * documents of about opts.group_kb kilobytes; each document's <body> is
 * written by xmlTextWriter straight to a spool file, and the nav and NCX
 * entries of each article go to spool files of their own.  At the end,
 * when the title, language and identifier are known, the package
 * document, nav and NCX are written to the spool too, and libzip reads
 * every member from the spools (through epub_zip.c's source) while it
 * writes the container.  What stays in memory grows with the number of
 * documents (a few dozen bytes each here, a few hundred in libzip), not
 * with the number of articles.
 */
#ifndef EPUB_H
#define EPUB_H

#include <sys/types.h>

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "book.h"
#include "extern.h"

/* An anonymous temporary file in the output's directory. */
struct spool {
	FILE	*fp;
	off_t	 len;		/* bytes written so far */
};

/* Where a document's pieces sit in the body spool. */
struct epub_doc {
	off_t	 body_off;	/* the <body> element */
	size_t	 body_len;
	off_t	 title_off;	/* plain text for <title>: its first */
	size_t	 title_len;	/* article's headline */
};

struct galley_epub {
	struct galley_epub_opts	 opts;
	struct book		 book;
	char			*path;		/* the target */
	char			*tmp;		/* the zip, renamed at last */
	int			 tmpmade;	/* tmp exists */
	struct spool		 body;		/* bodies, then nav, ncx, opf */
	struct spool		 nav;		/* nav <li> of every article */
	struct spool		 ncx;		/* NCX navPoints */
	struct epub_doc		*docs;		/* the last is being written */
	size_t			 ndocs;
	size_t			 doccap;
	size_t			 narts;		/* articles begun */
	off_t			 group;		/* bytes of <body> a document */
						/* holds before the next */
	int			 indoc;		/* docs[ndocs - 1] is open */
	time_t			 mtime;		/* dcterms:modified, ZIP */
	off_t			 usercss_off;	/* --css, in the body spool */
	size_t			 usercss_len;
	off_t			 cover_off;	/* --cover, in the body spool */
	size_t			 cover_len;
	const char		*cover_type;	/* its media type */
	int			 anysec;	/* some article has sections */

	/* The article being written. */
	int			 inart;		/* an article is open */
	int			 docfirst;	/* it is its document's first */
	int			 inheader;	/* its <header> is open */
	int			 seclevel[8];	/* open sections' levels */
	int			 nsec;		/* how many are open */
	size_t			 secno;		/* sections so far */
	int			 navsec;	/* nav <ol> of sections open */
	size_t			 playorder;
	int			 inbody;	/* past its header */
	int			 navopen;	/* its nav, NCX entries begun */
	xmlTextWriterPtr	 aw;		/* the document's <body> */
	xmlTextWriterPtr	 nw;		/* its nav <li>, to nav */
	xmlTextWriterPtr	 xw;		/* its navPoint, to ncx */
	char			 href[48];	/* "doc00001.xhtml#a1" */
	struct sbuf		 title;		/* its headline, label first */
	struct sbuf		 fallback;	/* first words, if untitled */
	struct sbuf		 doctitle;	/* its document's first title */
	struct sbuf		 clean;		/* scratch for epub_clean() */
	struct sbuf		 quoted;	/* scratch for epub_quote() */
	size_t			 line;		/* of the current record */
	int			 recclean;	/* it holds nothing XML */
						/* forbids */

	int			 failed;	/* an error was reported */
	int			 finished;
};

/* Members of the container, in the order they are added. */
#define EPUB_DIR	"EPUB/"
#define EPUB_OPF	"EPUB/package.opf"
#define EPUB_NAV	"nav.xhtml"
#define EPUB_NCX	"toc.ncx"
#define EPUB_CSS	"css/galley.css"
#define EPUB_USERCSS	"css/user.css"
#define EPUB_COVER	"cover.xhtml"
#define EPUB_XHTML_NS	"http://www.w3.org/1999/xhtml"
#define EPUB_OPS_NS	"http://www.idpf.org/2007/ops"

/* epub.c */
/* Report bad input data at line (of the input, named by the caller). */
void	 epub_error(struct galley_epub *, size_t line, const char *fmt, ...)
	    GALLEY_PRINTF(3, 4);
/* Report a failure about the output file (named by e->path). */
void	 epub_oerror(struct galley_epub *, const char *fmt, ...)
	    GALLEY_PRINTF(2, 3);
/* A document's file name ("doc00001.xhtml"), for i counted from 0. */
void	 epub_docname(char *buf, size_t sz, size_t i);
/*
 * Write text through w after replacing what XML forbids; -1 on a writer
 * error.
 */
int	 epub_text(struct galley_epub *, xmlTextWriterPtr w, const char *s);

/* s quoted for a message, on one line (in e's scratch buffer). */
const char *epub_quote(struct galley_epub *, const char *s);
/* The book's title, "Untitled" when blank. */
const char *epub_title(struct galley_epub *);
/* s with U+FFFD for what XML forbids (in e's scratch buffer). */
const char *epub_clean(struct galley_epub *, const char *s);

/* epub_pkg.c: the documents made at the end, and the default style. */
int	 epub_write_opf(struct galley_epub *, off_t *off, size_t *len);
int	 epub_write_nav(struct galley_epub *, off_t *off, size_t *len);
int	 epub_write_ncx(struct galley_epub *, off_t *off, size_t *len);
/* Build document i's head and tail (up to <body>, and after it). */
int	 epub_doc_frame(struct galley_epub *, size_t i, struct sbuf *head,
	    struct sbuf *tail);
char	*epub_container_xml(size_t *len);
char	*epub_cover_xhtml(struct galley_epub *, const char *img,
	    size_t *len);
extern const char epub_default_css[];
extern const char epub_vertical_css[];
/* Whether s is a language tag (BCP 47, loosely) or a W3CDTF date. */
int	 epub_lang_ok(const char *s);
int	 epub_date_ok(const char *s);
/* "image/png" or "image/jpeg" from the magic bytes, else NULL. */
const char *epub_image_type(const unsigned char *, size_t);

/* epub_zip.c: spools and the container. */
int	 spool_open(struct spool *, const char *dir);
void	 spool_close(struct spool *);
/* Append; returns -1 (errno set) on a write error. */
int	 spool_write(struct spool *, const void *, size_t, off_t *off);
int	 spool_read(struct spool *, off_t off, void *, size_t);
/* An xmlTextWriter appending to s; NULL on failure. */
xmlTextWriterPtr spool_writer(struct spool *s);
/* Copy s[off..off+len) into w as raw, already well-formed XML. */
int	 spool_copy_raw(struct spool *s, off_t off, off_t len,
	    xmlTextWriterPtr w);
/* Build the container at e->tmp and rename it to e->path. */
int	 epub_zip(struct galley_epub *);

/*
 * Small xmlTextWriter wrappers for the EPUB documents: each returns 0,
 * or non-zero when libxml2 reports a failure.
 */
static inline int
xs(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElement(w, (const xmlChar *)name) < 0;
}

static inline int
xe(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w) < 0;
}

static inline int
xa(xmlTextWriterPtr w, const char *name, const char *val)
{
	return xmlTextWriterWriteAttribute(w, (const xmlChar *)name,
	    (const xmlChar *)val) < 0;
}

#endif /* EPUB_H */
