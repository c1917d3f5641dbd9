/*
 * galley-epub: a tagged stream to an EPUB 3 file.
 * Option parsing and I/O only; the work is galley_epub_put().
 */
#define _GNU_SOURCE	/* getopt_long */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/* Show progress past this much input, when stderr is a terminal. */
#define PROGRESS_BYTES		(64L * 1024 * 1024)
#define PROGRESS_ARTICLES	8192

/* The diagnostic callback: names the current input when lib did not. */
struct ctx {
	struct cmd	 c;
	const char	*name;
	int		 progress;	/* a progress line is showing */
};

static void	 diag(const struct galley_diag *, void *);
static void	 usage(FILE *);

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: galley-epub -o file [--title text] [--lang tag] "
	    "[--identifier id]\n"
	    "                   [--creator name] [--publisher name] "
	    "[--date date]\n"
	    "                   [--css file] [--cover image] [--vertical] "
	    "[--group-size kb]\n"
	    "                   [file ...]\n");
}

static void
diag(const struct galley_diag *d, void *arg)
{
	struct ctx		*x = arg;
	struct galley_diag	 dd = *d;

	if (x->progress) {
		fputs("\r\033[K", stderr);
		x->progress = 0;
	}
	/* lib names the input "<stdin>" when it does not know the name. */
	if (dd.file == NULL || strcmp(dd.file, "<stdin>") == 0)
		dd.file = x->name;
	cmd_diag(&dd, &x->c);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		CMD_BOOK_LONGOPTS("lang"),
		{ "css", required_argument, NULL, 'c' },
		{ "cover", required_argument, NULL, 'C' },
		{ "vertical", no_argument, NULL, 'v' },
		{ "group-size", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx		 x;
	struct galley_epub_opts	 o;
	struct galley_epub	*e;
	struct galley_tagreader	*r;
	struct galley_record	 rec;
	const char		*out = NULL;
	FILE			*fp;
	long			 pos;
	size_t			 narts = 0;
	int			 ch, i, rc, status, tty;

	memset(&x, 0, sizeof(x));
	cmd_init(&x.c, argv[0]);
	x.name = "<stdin>";
	memset(&o, 0, sizeof(o));
	o.book.report.cb = diag;
	o.book.report.arg = &x;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'c':
			o.css = optarg;
			break;
		case 'C':
			o.cover = optarg;
			break;
		case 'v':
			o.vertical = 1;
			break;
		case 'g':
			if (cmd_epub_group(&x.c, optarg, &o.group_kb) < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return cmd_fshut(&x.c);
		case 'V':
			cmd_version(&x.c);
		default:
			if (cmd_book_opt(ch, optarg, &o.book))
				break;
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (out == NULL || *out == '\0') {
		fprintf(stderr, "%s: no output file (-o file)\n", x.c.prog);
		usage(stderr);
		return 2;
	}
	/* A ZIP container is written with seeks: no pipe will do. */
	if (strcmp(out, "-") == 0) {
		fprintf(stderr, "%s: cannot write an EPUB to standard output "
		    "(-o file)\n", x.c.prog);
		usage(stderr);
		return 2;
	}

	if ((e = galley_epub_new(out, &o)) == NULL)
		return 1;
	tty = isatty(STDERR_FILENO);
	status = 0;
	for (i = 0; i < (argc > 0 ? argc : 1) && status == 0; i++) {
		if ((fp = cmd_open(&x.c, argc > 0 ? argv[i] : "-",
		    &x.name)) == NULL) {
			status = 1;
			break;
		}
		r = galley_tagreader_new(fp, x.name, &o.book.report);
		while ((rc = galley_tagreader_next(r, &rec)) == 1) {
			if (galley_epub_put(e, &rec) < 0) {
				rc = -1;
				break;
			}
			if (rec.kind != GALLEY_ARTICLE || !tty ||
			    ++narts % 256 != 0)
				continue;
			/*
			 * Progress, on large inputs only: past PROGRESS_BYTES
			 * of a file, or many articles from a pipe.
			 */
			if ((pos = ftell(fp)) >= PROGRESS_BYTES) {
				fprintf(stderr, "\r%s: %s: %zu articles, "
				    "%ld MB", x.c.prog, x.name, narts,
				    pos / (1024 * 1024));
				x.progress = 1;
			} else if (pos < 0 && narts >= PROGRESS_ARTICLES) {
				fprintf(stderr, "\r%s: %s: %zu articles",
				    x.c.prog, x.name, narts);
				x.progress = 1;
			}
		}
		if (rc < 0)
			status = 1;
		galley_tagreader_free(r);
		cmd_close(fp);
	}
	/* Compressing a large book takes a while too: say so. */
	if (x.progress)
		fprintf(stderr, "\r\033[K%s: %zu articles read; writing %s",
		    x.c.prog, narts, out);
	if (status == 0 && galley_epub_finish(e) < 0)
		status = 1;
	if (x.progress) {
		fputs("\r\033[K", stderr);
		x.progress = 0;
	}
	galley_epub_free(e);
	if (cmd_fshut(&x.c) != 0)
		status = 1;
	return status;
}
