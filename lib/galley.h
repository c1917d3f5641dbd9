/*
 * galley.h: the public interface of libgalley, the library behind the
 * galley-split, galley-mend, galley-tag, galley-epub and galley-docbook
 * filters.  The two stream formats are specified in galley(5).
 *
 * Conventions.  Functions returning int return 0 on success and -1 on
 * failure unless said otherwise; a failure has already been reported
 * through the diagnostic callback of the object's options.  Running out
 * of memory is fatal: it prints "progname: out of memory" and exits 1.
 * Objects come in matched sets: _new returns an object the caller frees
 * with _free, which accepts NULL.
 */
#ifndef GALLEY_H
#define GALLEY_H

#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define GALLEY_API __attribute__((visibility("default")))
#else
#define GALLEY_API
#endif

#define GALLEY_VERSION		"0.1.0"
#define GALLEY_TAGGED_MAGIC	"galley-tagged"
#define GALLEY_TAGGED_VERSION	1

/* --- Diagnostics ------------------------------------------------------ */

enum galley_level {
	GALLEY_EXPLAIN,		/* a decision, shown only with --explain */
	GALLEY_WARN,		/* a warning; the exit status stays 0 */
	GALLEY_ERROR,		/* bad data; the tool exits 1 */
	GALLEY_LEVEL_MAX
};

struct galley_diag {
	enum galley_level	 level;
	const char		*file;	/* input name, "<stdin>" for stdin */
	size_t			 line;	/* 1-based; 0 when unknown */
	size_t			 col;	/* 1-based; 0 when unknown */
	const char		*msg;	/* lower case, no final period */
};

typedef void (*galley_diag_fn)(const struct galley_diag *, void *);

/*
 * Every stage's options hold one of these.  With cb NULL, diagnostics
 * are dropped.  GALLEY_EXPLAIN diagnostics are only built when explain
 * is non-zero, so they cost nothing otherwise.
 */
struct galley_report {
	galley_diag_fn	 cb;
	void		*arg;
	int		 explain;
};

/*
 * Print a diagnostic as "prog: file:line:col: msg" (line and col only
 * when known; "warning: " before warnings) on fp.  For cmd/ only.
 */
GALLEY_API void	 galley_diag_print(FILE *fp, const char *prog,
		    const struct galley_diag *);

/* The program name used by the out-of-memory message. */
GALLEY_API void	 galley_set_progname(const char *);
GALLEY_API const char *galley_progname(void);

/* --- Articles (the article stream, in memory) ------------------------- */

/*
 * A block is a run of non-blank lines.  text holds its lines joined by
 * LF, without a final LF, NUL-terminated; len excludes the NUL.  line is
 * the input line of its first line.
 */
struct galley_block {
	char	*text;
	size_t	 len;
	size_t	 line;
};

/*
 * An article owns its blocks and their text.  file is borrowed (the
 * name given to the reader or splitter); line is the input line where
 * the article starts.
 */
struct galley_article {
	struct galley_block	*blocks;
	size_t			 nblocks;
	size_t			 cap;
	const char		*file;
	size_t			 line;
};

GALLEY_API void	 galley_article_init(struct galley_article *);
/* Free the blocks and empty the article for reuse. */
GALLEY_API void	 galley_article_clear(struct galley_article *);
/* Append a copy of text[0..len) as a new block starting at line. */
GALLEY_API void	 galley_article_add(struct galley_article *,
		    const char *text, size_t len, size_t line);
/* Replace block i's text with a copy of text[0..len). */
GALLEY_API void	 galley_article_set(struct galley_article *, size_t i,
		    const char *text, size_t len);

typedef int (*galley_article_fn)(struct galley_article *, void *);

/* --- Article stream reader and writer --------------------------------- */

struct galley_artreader;

/*
 * Read articles from fp (borrowed; not closed), named name (borrowed) in
 * diagnostics.  The input must be UTF-8 without NUL bytes, and must not
 * be a tagged stream.
 */
GALLEY_API struct galley_artreader *galley_artreader_new(FILE *fp,
		    const char *name, const struct galley_report *);
/*
 * Read the next article into a (cleared first).  Returns 1 when an
 * article was read, 0 at end of input, -1 on bad data or a read error.
 * Articles holding no block are skipped.
 */
GALLEY_API int	 galley_artreader_next(struct galley_artreader *,
		    struct galley_article *a);
GALLEY_API void	 galley_artreader_free(struct galley_artreader *);

/*
 * Write a to fp: a form-feed line before every article but the first,
 * blocks separated by one blank line.  first is non-zero for the first
 * article written to fp.  Returns -1 on a write error (errno set).
 */
GALLEY_API int	 galley_artwrite(FILE *fp, const struct galley_article *a,
		    int first);

/* --- Tagged stream ---------------------------------------------------- */

enum galley_kind {
	GALLEY_META,		/* KEY VALUE: book metadata */
	GALLEY_ARTICLE,		/* [ID]: starts an article */
	GALLEY_TITLE,		/* TEXT [LABEL]: the headline */
	GALLEY_SUBTITLE,	/* TEXT */
	GALLEY_BYLINE,		/* TEXT: the byline as written */
	GALLEY_AUTHOR,		/* NAME [ROLE] */
	GALLEY_ORG,		/* NAME: an author's organisation */
	GALLEY_DATELINE,	/* TEXT */
	GALLEY_HEADING,		/* LEVEL TEXT: a section heading, LEVEL 1-6 */
	GALLEY_RUNIN,		/* HEAD TEXT: a paragraph with a run-in head */
	GALLEY_PARA,		/* TEXT */
	GALLEY_CREDIT,		/* TEXT: a photo credit */
	GALLEY_KIND_MAX
};

#define GALLEY_FIELDS_MAX 4

/*
 * A record.  Fields are NUL-terminated and unescaped.  A record from a
 * reader borrows its fields until the reader's next call; a record
 * given to a writer is only read.
 */
struct galley_record {
	enum galley_kind	 kind;
	size_t			 nfields;
	const char		*fields[GALLEY_FIELDS_MAX];
	size_t			 line;	/* input line; 0 when made in memory */
};

typedef int (*galley_record_fn)(const struct galley_record *, void *);

/* The kind's name in the stream ("title"), and its inverse (-1: none). */
GALLEY_API const char *galley_kind_name(enum galley_kind);
GALLEY_API int	 galley_kind_lookup(const char *name);
/* The number of fields a kind takes, at least and at most. */
GALLEY_API void	 galley_kind_arity(enum galley_kind, size_t *min, size_t *max);

struct galley_tagreader;

/* As galley_artreader_new, for a tagged stream. */
GALLEY_API struct galley_tagreader *galley_tagreader_new(FILE *fp,
		    const char *name, const struct galley_report *);
/* Returns 1 with a record in rec, 0 at end of input, -1 on bad data. */
GALLEY_API int	 galley_tagreader_next(struct galley_tagreader *,
		    struct galley_record *rec);
GALLEY_API void	 galley_tagreader_free(struct galley_tagreader *);

struct galley_tagwriter;

/* Write records to fp (borrowed); the header line comes first. */
GALLEY_API struct galley_tagwriter *galley_tagwriter_new(FILE *fp);
/* Write the header line if not written yet; -1 on a write error. */
GALLEY_API int	 galley_tagwriter_begin(struct galley_tagwriter *);
/* Returns -1 on a write error (errno set). */
GALLEY_API int	 galley_tagwriter_put(struct galley_tagwriter *,
		    const struct galley_record *);
GALLEY_API void	 galley_tagwriter_free(struct galley_tagwriter *);

/* --- Stages ----------------------------------------------------------- */

/* galley-split: raw text, any encoding, to articles. */
struct galley_split_opts {
	const char		*encoding;	/* NULL: detect */
	int			 lossy;		/* U+FFFD for bad bytes */
	const char		*headline_re;	/* PCRE2, or NULL */
	const char		*byline_re;	/* PCRE2, or NULL */
	struct galley_report	 report;
};

struct galley_splitter;

/*
 * Calls fn for every article found, in order; fn may change the article
 * but not keep it; a non-zero return from fn stops the splitter and is
 * returned by the current _feed or _finish.  name is borrowed.
 * Returns NULL (reported) when an option is bad, such as a regex that
 * does not compile or an unknown encoding.
 */
GALLEY_API struct galley_splitter *galley_split_new(
		    const struct galley_split_opts *, const char *name,
		    galley_article_fn fn, void *arg);
GALLEY_API int	 galley_split_feed(struct galley_splitter *,
		    const char *buf, size_t len);
/* Ends the input (one file); the splitter can take the next file. */
GALLEY_API int	 galley_split_finish(struct galley_splitter *);
GALLEY_API void	 galley_split_free(struct galley_splitter *);

/* galley-mend: repair an article in place. */
enum galley_lang {
	GALLEY_LANG_AUTO,
	GALLEY_LANG_CJK,
	GALLEY_LANG_LATIN,
	GALLEY_LANG_MAX
};

struct galley_mend_opts {
	enum galley_lang	 lang;
	int			 no_unwrap;
	int			 no_dehyphenate;
	int			 cjk_punct;
	struct galley_report	 report;
};

struct galley_mender;

GALLEY_API struct galley_mender *galley_mend_new(
		    const struct galley_mend_opts *);
/* Repair a in place: after it, every block is one line. */
GALLEY_API int	 galley_mend_article(struct galley_mender *,
		    struct galley_article *a);
GALLEY_API void	 galley_mend_free(struct galley_mender *);

/* galley-tag: an article to records. */
struct galley_tag_opts {
	struct galley_report	 report;
};

struct galley_tagger;

GALLEY_API struct galley_tagger *galley_tag_new(
		    const struct galley_tag_opts *);
/*
 * Emit the records of one article through fn, starting with an
 * GALLEY_ARTICLE record.  fn's non-zero return stops and is returned.
 */
GALLEY_API int	 galley_tag_article(struct galley_tagger *,
		    const struct galley_article *a,
		    galley_record_fn fn, void *arg);
GALLEY_API void	 galley_tag_free(struct galley_tagger *);

/* Options shared by the two writers. */
struct galley_book_opts {
	const char		*title;
	const char		*lang;
	const char		*identifier;
	const char		*creator;
	const char		*publisher;
	const char		*date;
	struct galley_report	 report;
};

/*
 * galley-epub groups articles into XHTML documents: an article starts a
 * new document when the current one holds group_kb kilobytes of XHTML
 * or more.  0 means GALLEY_EPUB_GROUP_KB; GALLEY_EPUB_GROUP_NONE gives
 * every article a document of its own (memory then grows with the
 * number of articles).  At most GALLEY_EPUB_GROUP_MAX.
 */
#define GALLEY_EPUB_GROUP_KB	64L
#define GALLEY_EPUB_GROUP_NONE	(-1L)
#define GALLEY_EPUB_GROUP_MAX	(1024L * 1024)

/* galley-epub: records to an EPUB 3 file. */
struct galley_epub_opts {
	struct galley_book_opts	 book;
	const char		*css;		/* extra stylesheet file */
	const char		*cover;		/* JPEG or PNG file */
	int			 vertical;
	long			 group_kb;	/* see above */
};

struct galley_epub;

/*
 * Write to path, atomically: nothing appears at path until
 * galley_epub_finish succeeds.  Returns NULL (reported) on failure.
 */
GALLEY_API struct galley_epub *galley_epub_new(const char *path,
		    const struct galley_epub_opts *);
GALLEY_API int	 galley_epub_put(struct galley_epub *,
		    const struct galley_record *);
GALLEY_API int	 galley_epub_finish(struct galley_epub *);
/* Frees; when not finished, removes every temporary file. */
GALLEY_API void	 galley_epub_free(struct galley_epub *);

/* galley-docbook: records to DocBook 5.0 XML. */
enum galley_dbroot {
	GALLEY_DB_BOOK,
	GALLEY_DB_ARTICLE,
	GALLEY_DB_MAX
};

struct galley_docbook_opts {
	struct galley_book_opts	 book;
	enum galley_dbroot	 root;
};

struct galley_docbook;

/* Write to fp (borrowed), which the caller flushes and closes. */
GALLEY_API struct galley_docbook *galley_docbook_new(FILE *fp,
		    const struct galley_docbook_opts *);
GALLEY_API int	 galley_docbook_put(struct galley_docbook *,
		    const struct galley_record *);
GALLEY_API int	 galley_docbook_finish(struct galley_docbook *);
GALLEY_API void	 galley_docbook_free(struct galley_docbook *);

/* --- The stages in one process -------------------------------------- */

/*
 * galley-split, galley-mend and galley-tag chained in one process, for
 * the one-shot galley(1) command and for tests.  What reaches the record
 * callback is exactly what galley-tag writes when run in the pipeline
 * "galley-split FILE... | galley-mend | galley-tag" with the same
 * options.
 */
struct galley_pipe_opts {
	struct galley_split_opts	 split;
	struct galley_mend_opts		 mend;
	struct galley_tag_opts		 tag;
};

struct galley_pipe;

/*
 * A pipeline whose records go to fn (borrowed fields, valid during the
 * call; a non-zero return stops the pipeline).  The options and the
 * strings they point to are borrowed and must outlive the object.
 */
GALLEY_API struct galley_pipe *galley_pipe_new(
		    const struct galley_pipe_opts *, galley_record_fn fn,
		    void *arg);
/*
 * Run one input through the stages: fp is read to its end (borrowed,
 * not closed); name (borrowed) names it in diagnostics.  Returns 0 on
 * success; -1 on bad data or a read error (reported); -2 when an option
 * of galley-split is bad (reported: a regex that does not compile, an
 * unknown encoding); or the non-zero value fn returned.
 */
GALLEY_API int	 galley_pipe_file(struct galley_pipe *, FILE *fp,
		    const char *name);
GALLEY_API void	 galley_pipe_free(struct galley_pipe *);


/* --- Atomic output files ---------------------------------------------- */

struct galley_outfile;

/*
 * Open a temporary file beside path for writing.  Returns NULL with
 * errno set on failure.  _commit flushes, syncs, closes and renames it
 * to path (-1 with errno set on failure, the temporary removed);
 * _abort closes and removes it.  Either one frees the object.
 */
GALLEY_API struct galley_outfile *galley_outfile_open(const char *path);
GALLEY_API FILE	*galley_outfile_fp(struct galley_outfile *);
GALLEY_API const char *galley_outfile_tmpname(struct galley_outfile *);
GALLEY_API int	 galley_outfile_commit(struct galley_outfile *);
GALLEY_API void	 galley_outfile_abort(struct galley_outfile *);

#endif /* GALLEY_H */
