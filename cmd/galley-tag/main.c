/*
 * galley-tag: say what each block of an article stream is, as a tagged
 * stream.  Option parsing and I/O only; the work is galley_tag_article().
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
	fprintf(fp, "usage: galley-tag [--explain] [file ...]\n");
}

static int
put(const struct galley_record *rec, void *arg)
{
	return galley_tagwriter_put(arg, rec);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "explain", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd		 c;
	struct galley_tag_opts	 o;
	struct galley_tagger	*t;
	struct galley_tagwriter	*w;
	struct galley_artreader	*r;
	struct galley_article	 a;
	const char		*name;
	FILE			*fp;
	int			 ch, i, rc, status;

	cmd_init(&c, argv[0]);
	memset(&o, 0, sizeof(o));
	o.report.cb = cmd_diag;
	o.report.arg = &c;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			o.report.explain = 1;
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

	t = galley_tag_new(&o);
	w = galley_tagwriter_new(stdout);
	galley_article_init(&a);
	status = galley_tagwriter_begin(w) < 0;
	for (i = 0; i < (argc > 0 ? argc : 1) && status == 0; i++) {
		if ((fp = cmd_open(&c, argc > 0 ? argv[i] : "-", &name)) ==
		    NULL) {
			status = 1;
			break;
		}
		r = galley_artreader_new(fp, name, &o.report);
		while ((rc = galley_artreader_next(r, &a)) == 1)
			if (galley_tag_article(t, &a, put, w) != 0) {
				rc = -1;
				break;
			}
		if (rc < 0)
			status = 1;
		galley_artreader_free(r);
		cmd_close(fp);
	}
	galley_article_clear(&a);
	galley_tagwriter_free(w);
	galley_tag_free(t);
	if (cmd_fshut(&c) != 0)
		status = 1;
	return status;
}
