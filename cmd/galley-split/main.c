/*
 * galley-split: decode raw text, drop page furniture and cut it into
 * articles, as an article stream.  Option parsing and I/O only; the
 * work is galley_split_feed().
 */
#define _GNU_SOURCE	/* getopt_long */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

struct out {
	int	 first;
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: galley-split [--explain] [--encoding name] "
	    "[--lossy]\n"
	    "                    [--headline regex] [--byline regex] "
	    "[file ...]\n");
}

static int
put(struct galley_article *a, void *arg)
{
	struct out	*o = arg;

	if (galley_artwrite(stdout, a, o->first) < 0)
		return -1;
	o->first = 0;
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "explain", no_argument, NULL, 'e' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "lossy", no_argument, NULL, 'L' },
		{ "headline", required_argument, NULL, 'T' },
		{ "byline", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static char			 obuf[65536];
	struct cmd			 c;
	struct galley_split_opts	 o;
	struct galley_splitter		*s;
	struct out			 out;
	const char			*name, *path;
	char				 buf[65536];
	size_t				 n;
	FILE				*fp;
	int				 ch, i, status;

	cmd_init(&c, argv[0]);
	memset(&o, 0, sizeof(o));
	o.report.cb = cmd_diag;
	o.report.arg = &c;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			o.report.explain = 1;
			break;
		case 'E':
			o.encoding = optarg;
			break;
		case 'L':
			o.lossy = 1;
			break;
		case 'T':
			o.headline_re = optarg;
			break;
		case 'B':
			o.byline_re = optarg;
			break;
		case 'h':
			usage(stdout);
			return cmd_fshut(&c);
		case 'V':
			cmd_version(&c);
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;

	/*
	 * Fewer, larger writes into a pipe or file (a terminal keeps its
	 * buffering); glibc takes the size only with a buffer.
	 */
	if (!isatty(STDOUT_FILENO))
		(void)setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	out.first = 1;
	status = 0;
	for (i = 0; i < (argc > 0 ? argc : 1) && status == 0; i++) {
		path = argc > 0 ? argv[i] : "-";
		/* Bad options (regex, encoding) are found before any file. */
		if ((s = galley_split_new(&o, strcmp(path, "-") == 0 ?
		    "<stdin>" : path, put, &out)) == NULL)
			return 2;
		if ((fp = cmd_open(&c, path, &name)) == NULL) {
			galley_split_free(s);
			status = 1;
			break;
		}
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
			if (galley_split_feed(s, buf, n) != 0) {
				status = 1;
				break;
			}
		if (status == 0 && ferror(fp)) {
			fprintf(stderr, "%s: %s: %s\n", c.prog, name,
			    strerror(errno));
			status = 1;
		}
		if (status == 0 && galley_split_finish(s) != 0)
			status = 1;
		galley_split_free(s);
		cmd_close(fp);
	}
	if (cmd_fshut(&c) != 0)
		status = 1;
	return status;
}
