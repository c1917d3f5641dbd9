/*
 * galley: the one-shot command.  Runs galley-split, galley-mend,
 * galley-tag and galley-epub (or galley-docbook) in one process through
 * libgalley, with the filters' options, and writes the same bytes as
 * the shell pipeline.  Option parsing and I/O only; the chaining is
 * lib/pipeline.c.
 */
#define _GNU_SOURCE	/* getopt_long */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"

enum format {
	FMT_NONE,
	FMT_EPUB,
	FMT_DOCBOOK
};

/* Where records go, and the input named in the writer's messages. */
struct sink {
	struct cmd		*c;
	const char		*name;
	struct galley_epub	*epub;
	struct galley_docbook	*db;
};

static void	 usage(FILE *);
static void	 diag(const struct galley_diag *, void *);
static void	 wdiag(const struct galley_diag *, void *);
static int	 put(const struct galley_record *, void *);
static int	 suffix(const char *, const char *);
static int	 run(struct cmd *, struct galley_pipe *, struct sink *,
		    int, char **);

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: galley [--explain] [-f epub|docbook] [--encoding name] "
	    "[--lossy]\n"
	    "              [--headline regex] [--byline regex] "
	    "[--lang auto|cjk|latin]\n"
	    "              [--no-unwrap] [--no-dehyphenate] [--cjk-punct] "
	    "[--title text]\n"
	    "              [--language tag] [--identifier id] "
	    "[--creator name]\n"
	    "              [--publisher name] [--date date] [--css file] "
	    "[--cover file]\n"
	    "              [--vertical] [--group-size kb] "
	    "[--root book|article]\n"
	    "              -o file [file ...]\n");
}

static void
diag(const struct galley_diag *d, void *arg)
{
	struct sink		*s = arg;
	struct galley_diag	 e = *d;

	if (e.file == NULL)
		e.file = s->name;
	cmd_diag(&e, s->c);
}

/*
 * The writers do not know the input's name; as galley-docbook does,
 * their messages name the file being read.
 */
static void
wdiag(const struct galley_diag *d, void *arg)
{
	struct sink		*s = arg;
	struct galley_diag	 e = *d;

	e.file = s->name;
	cmd_diag(&e, s->c);
}

static int
put(const struct galley_record *rec, void *arg)
{
	struct sink	*s = arg;

	if (s->epub != NULL)
		return galley_epub_put(s->epub, rec) < 0 ? -1 : 0;
	return galley_docbook_put(s->db, rec) < 0 ? -1 : 0;
}

/* Whether s ends in suf, ignoring case. */
static int
suffix(const char *s, const char *suf)
{
	size_t	 n = strlen(s), m = strlen(suf);

	return n > m && strcasecmp(s + n - m, suf) == 0;
}

/* Feed every input; returns the exit status so far. */
static int
run(struct cmd *c, struct galley_pipe *p, struct sink *s, int argc,
    char **argv)
{
	const char	*name;
	FILE		*fp;
	int		 i, rc;

	for (i = 0; i < (argc > 0 ? argc : 1); i++) {
		if ((fp = cmd_open(c, argc > 0 ? argv[i] : "-", &name)) ==
		    NULL)
			return 1;
		s->name = name;
		rc = galley_pipe_file(p, fp, name);
		cmd_close(fp);
		if (rc == -2)
			return 2;
		if (rc != 0)
			return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "explain", no_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "lossy", no_argument, NULL, 'L' },
		{ "headline", required_argument, NULL, 'T' },
		{ "byline", required_argument, NULL, 'B' },
		{ "lang", required_argument, NULL, 'l' },
		{ "no-unwrap", no_argument, NULL, 'U' },
		{ "no-dehyphenate", no_argument, NULL, 'H' },
		{ "cjk-punct", no_argument, NULL, 'p' },
		CMD_BOOK_LONGOPTS("language"),
		{ "css", required_argument, NULL, 's' },
		{ "cover", required_argument, NULL, 'C' },
		{ "vertical", no_argument, NULL, 'v' },
		{ "group-size", required_argument, NULL, 'g' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd			 c;
	struct sink			 s;
	struct galley_pipe_opts		 po;
	struct galley_book_opts		 bo;
	struct galley_epub_opts		 eo;
	struct galley_docbook_opts	 dbo;
	struct galley_report		 rep;
	struct galley_pipe		*p;
	struct galley_outfile		*of = NULL;
	enum format			 fmt = FMT_NONE;
	const char			*outpath = NULL;
	int				 ch, status;

	cmd_init(&c, argv[0]);
	memset(&s, 0, sizeof(s));
	memset(&po, 0, sizeof(po));
	memset(&bo, 0, sizeof(bo));
	memset(&eo, 0, sizeof(eo));
	memset(&dbo, 0, sizeof(dbo));
	s.c = &c;
	s.name = "<stdin>";
	rep.cb = diag;
	rep.arg = &s;
	rep.explain = 0;
	dbo.root = GALLEY_DB_BOOK;
	while ((ch = getopt_long(argc, argv, "f:ho:", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'e':
			rep.explain = 1;
			break;
		case 'f':
			if (strcmp(optarg, "epub") == 0)
				fmt = FMT_EPUB;
			else if (strcmp(optarg, "docbook") == 0)
				fmt = FMT_DOCBOOK;
			else {
				fprintf(stderr, "%s: unknown format '%s' "
				    "(epub or docbook)\n", c.prog, optarg);
				usage(stderr);
				return 2;
			}
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'E':
			po.split.encoding = optarg;
			break;
		case 'L':
			po.split.lossy = 1;
			break;
		case 'T':
			po.split.headline_re = optarg;
			break;
		case 'B':
			po.split.byline_re = optarg;
			break;
		case 'l':
			if (cmd_mend_lang(&c, optarg, &po.mend.lang) < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'U':
			po.mend.no_unwrap = 1;
			break;
		case 'H':
			po.mend.no_dehyphenate = 1;
			break;
		case 'p':
			po.mend.cjk_punct = 1;
			break;
		case 's':
			eo.css = optarg;
			break;
		case 'C':
			eo.cover = optarg;
			break;
		case 'v':
			eo.vertical = 1;
			break;
		case 'g':
			if (cmd_epub_group(&c, optarg, &eo.group_kb) < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'r':
			if (cmd_db_root(&c, optarg, &dbo.root) < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return cmd_fshut(&c);
		case 'V':
			cmd_version(&c);
		default:
			if (cmd_book_opt(ch, optarg, &bo))
				break;
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;

	if (fmt == FMT_NONE && outpath != NULL)
		fmt = suffix(outpath, ".xml") || suffix(outpath, ".dbk") ?
		    FMT_DOCBOOK : suffix(outpath, ".epub") ? FMT_EPUB :
		    FMT_NONE;
	if (fmt == FMT_NONE || (outpath == NULL && fmt == FMT_EPUB)) {
		fprintf(stderr, "%s: %s\n", c.prog, outpath == NULL ?
		    "no output file (-o book.epub or -o book.xml)" :
		    "cannot tell the format from the output file's name "
		    "(use -f epub or -f docbook)");
		usage(stderr);
		return 2;
	}
	if (outpath != NULL && strcmp(outpath, "-") == 0) {
		if (fmt == FMT_EPUB) {
			fprintf(stderr, "%s: an EPUB cannot be written to "
			    "standard output\n", c.prog);
			usage(stderr);
			return 2;
		}
		outpath = NULL;
	}

	po.split.report = po.mend.report = po.tag.report = rep;
	bo.report = rep;
	bo.report.cb = wdiag;
	if (fmt == FMT_EPUB) {
		eo.book = bo;
		/* Messages of the writer's set-up are about the book. */
		s.name = outpath;
		if ((s.epub = galley_epub_new(outpath, &eo)) == NULL)
			return 1;
		s.name = "<stdin>";
	} else {
		dbo.book = bo;
		if (outpath != NULL &&
		    (of = galley_outfile_open(outpath)) == NULL) {
			fprintf(stderr, "%s: %s: %s\n", c.prog, outpath,
			    strerror(errno));
			return 1;
		}
		if ((s.db = galley_docbook_new(of != NULL ?
		    galley_outfile_fp(of) : stdout, &dbo)) == NULL) {
			if (of != NULL)
				galley_outfile_abort(of);
			return 1;
		}
	}

	p = galley_pipe_new(&po, put, &s);
	status = run(&c, p, &s, argc, argv);
	galley_pipe_free(p);
	if (s.epub != NULL) {
		if (status == 0 && galley_epub_finish(s.epub) < 0)
			status = 1;
		galley_epub_free(s.epub);
	} else {
		if (status == 0 && galley_docbook_finish(s.db) < 0)
			status = 1;
		galley_docbook_free(s.db);
		if (of != NULL) {
			if (status != 0)
				galley_outfile_abort(of);
			else if (galley_outfile_commit(of) < 0) {
				fprintf(stderr, "%s: %s: %s\n", c.prog,
				    outpath, strerror(errno));
				status = 1;
			}
		}
	}
	if (cmd_fshut(&c) != 0)
		status = 1;
	return status;
}
