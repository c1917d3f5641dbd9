/*
 * docbook.h: what the parts of the DocBook writer share (docbook.c, the
 * stream of records; docbook_head.c, an article's title, authors and
 * info; docbook_xml.c, the XML writer, its output and its text).
 * Internal to lib; never installed.
 */
#ifndef DOCBOOK_H
#define DOCBOOK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/*
 * The article ids used (docbook_ids.c): hashes of the ids given and of
 * those made with a suffix, and the numbers of the articles not named
 * "a" and their number.  Grows with the ids given only.
 */
struct idset {
	uint64_t	*slot;		/* 0: empty */
	size_t		 n;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		*art;		/* ascending */
	size_t		 nart;
	size_t		 artcap;
};

enum state {
	ST_FIRST,		/* keeping the first article's records */
	ST_STREAM,		/* root written; writing as records come */
	ST_FAILED,		/* an error was reported; refuse the rest */
	ST_DONE,
	ST_MAX
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
	/*
	 * The fields of the record being put when scan() found them fit
	 * for XML, their lengths, and whether they may hold ASCII below
	 * 0x40: clean() takes them as they are.
	 */
	const char			*fit[GALLEY_FIELDS_MAX];
	size_t				 fitlen[GALLEY_FIELDS_MAX];
	int				 fitlow[GALLEY_FIELDS_MAX];
	size_t				 nfit;
	struct sbuf			 msg;
	size_t				 depth;		/* open sections */
	size_t				 secnum[DEPTH_MAX + 1];
	int				 content[DEPTH_MAX + 1];
};

/* docbook.c */
void		 docbook_precs_clear(struct precs *);
void		 docbook_prec_view(const struct prec *, struct galley_record *);
int		 docbook_root_attrs(struct galley_docbook *);
int		 docbook_pubinfo(struct galley_docbook *);

/* docbook_ids.c: see there. */
int		 docbook_ids_given(struct idset *, const char *, size_t num);
void		 docbook_ids_number(struct idset *, size_t num, struct sbuf *);
void		 docbook_ids_free(struct idset *);

/* docbook_head.c: start an article and write its info and header. */
int		 docbook_header(struct galley_docbook *,
		    const struct galley_record *first);

/*
 * docbook_xml.c.  Each returns 0, or -1 after reporting a failure of
 * the writer or of its output once (d->state becomes ST_FAILED).
 */
int		 docbook_writer_open(struct galley_docbook *);
int		 docbook_xok(struct galley_docbook *, int rc);
int		 docbook_fail(struct galley_docbook *);
void		 docbook_scan(struct galley_docbook *,
		    const struct galley_record *);
const char	*docbook_quote(struct galley_docbook *, const char *);
int		 docbook_start(struct galley_docbook *, const char *name);
int		 docbook_end(struct galley_docbook *);
int		 docbook_attr(struct galley_docbook *, const char *name,
		    const char *value);
int		 docbook_text(struct galley_docbook *, const char *);
int		 docbook_elem(struct galley_docbook *, const char *name,
		    const char *text);
int		 docbook_para(struct galley_docbook *, const char *role,
		    const char *text);
/* Whether s holds nothing but white space (a boolean). */
int		 docbook_blank(const char *s);

#endif /* DOCBOOK_H */
