/*
 * galley-docbook: a tagged stream to DocBook 5.0 XML.
 * Option parsing and I/O only; the work is galley_docbook_put().
 */
#define _GNU_SOURCE	/* getopt_long */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/*
 * The writer does not know the input's name; its diagnostics are
 * printed with the name of the file being read.
 */
struct where {
	struct cmd	*c;
	const char	*name;
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: galley-docbook [--root book|article] "
	    "[--title text] [--lang tag]\n"
	    "                      [--identifier id] [--creator name] "
	    "[--publisher name]\n"
	    "                      [--date date] [-o file] [file ...]\n");
}

static void
diag(const struct galley_diag *d, void *arg)
{
	struct where		*w = arg;
	struct galley_diag	 e = *d;

	e.file = w->name;
	cmd_diag(&e, w->c);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		CMD_BOOK_LONGOPTS("lang"),
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd			 c;
	struct where			 w;
	struct galley_docbook_opts	 o;
	struct galley_report		 rrep;
	struct galley_docbook		*d;
	struct galley_tagreader		*r;
	struct galley_outfile		*of = NULL;
	struct galley_record		 rec;
	const char			*name, *outpath = NULL;
	FILE				*fp, *out;
	int				 ch, i, rc, status;

	cmd_init(&c, argv[0]);
	memset(&o, 0, sizeof(o));
	w.c = &c;
	w.name = "<stdin>";
	o.book.report.cb = diag;
	o.book.report.arg = &w;
	o.root = GALLEY_DB_BOOK;
	memset(&rrep, 0, sizeof(rrep));
	rrep.cb = cmd_diag;
	rrep.arg = &c;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (cmd_db_root(&c, optarg, &o.root) < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'h':
			usage(stdout);
			return cmd_fshut(&c);
		case 'V':
			cmd_version(&c);
		default:
			if (cmd_book_opt(ch, optarg, &o.book))
				break;
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	/* A root article has its own title and authors. */
	if (o.root == GALLEY_DB_ARTICLE && (o.book.title != NULL ||
	    o.book.creator != NULL))
		fprintf(stderr, "%s: warning: --title and --creator are not "
		    "used with --root article\n", c.prog);

	out = stdout;
	if (outpath != NULL) {
		if ((of = galley_outfile_open(outpath)) == NULL) {
			fprintf(stderr, "%s: %s: %s\n", c.prog, outpath,
			    strerror(errno));
			return 1;
		}
		out = galley_outfile_fp(of);
	}
	if ((d = galley_docbook_new(out, &o)) == NULL) {
		if (of != NULL)
			galley_outfile_abort(of);
		return 1;
	}
	status = 0;
	for (i = 0; i < (argc > 0 ? argc : 1) && status == 0; i++) {
		if ((fp = cmd_open(&c, argc > 0 ? argv[i] : "-", &name)) ==
		    NULL) {
			status = 1;
			break;
		}
		w.name = name;
		r = galley_tagreader_new(fp, name, &rrep);
		while ((rc = galley_tagreader_next(r, &rec)) == 1)
			if (galley_docbook_put(d, &rec) < 0) {
				rc = -1;
				break;
			}
		if (rc < 0)
			status = 1;
		galley_tagreader_free(r);
		cmd_close(fp);
	}
	if (status == 0 && galley_docbook_finish(d) < 0)
		status = 1;
	galley_docbook_free(d);
	if (of != NULL) {
		if (status != 0)
			galley_outfile_abort(of);
		else if (galley_outfile_commit(of) < 0) {
			fprintf(stderr, "%s: %s: %s\n", c.prog, outpath,
			    strerror(errno));
			status = 1;
		}
	}
	if (cmd_fshut(&c) != 0)
		status = 1;
	return status;
}
