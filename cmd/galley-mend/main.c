/*
 * galley-mend: repair what the page broke in an article stream.
 * Option parsing and I/O only; the work is galley_mend_article().
 */
#define _GNU_SOURCE	/* getopt_long */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: galley-mend [--explain] [--lang auto|cjk|latin] "
	    "[--no-unwrap]\n"
	    "                   [--no-dehyphenate] [--cjk-punct] [file ...]\n");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "explain", no_argument, NULL, 'e' },
		{ "lang", required_argument, NULL, 'l' },
		{ "no-unwrap", no_argument, NULL, 'U' },
		{ "no-dehyphenate", no_argument, NULL, 'H' },
		{ "cjk-punct", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd		 c;
	struct galley_mend_opts	 o;
	struct galley_mender	*m;
	struct galley_artreader	*r;
	struct galley_article	 a;
	const char		*name;
	FILE			*fp;
	int			 ch, i, rc, first, status;

	cmd_init(&c, argv[0]);
	memset(&o, 0, sizeof(o));
	o.report.cb = cmd_diag;
	o.report.arg = &c;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			o.report.explain = 1;
			break;
		case 'l':
			if (cmd_mend_lang(&c, optarg, &o.lang) < 0) {
				usage(stderr);
				return 2;
			}
			break;
		case 'U':
			o.no_unwrap = 1;
			break;
		case 'H':
			o.no_dehyphenate = 1;
			break;
		case 'p':
			o.cjk_punct = 1;
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

	m = galley_mend_new(&o);
	galley_article_init(&a);
	status = 0;
	first = 1;
	for (i = 0; i < (argc > 0 ? argc : 1) && status == 0; i++) {
		if ((fp = cmd_open(&c, argc > 0 ? argv[i] : "-", &name)) ==
		    NULL) {
			status = 1;
			break;
		}
		r = galley_artreader_new(fp, name, &o.report);
		while ((rc = galley_artreader_next(r, &a)) == 1) {
			if (galley_mend_article(m, &a) < 0 ||
			    galley_artwrite(stdout, &a, first) < 0) {
				rc = -1;
				break;
			}
			first = 0;
		}
		if (rc < 0)
			status = 1;
		galley_artreader_free(r);
		cmd_close(fp);
	}
	galley_article_clear(&a);
	galley_mend_free(m);
	if (cmd_fshut(&c) != 0)
		status = 1;
	return status;
}
