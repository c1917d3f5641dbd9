/*
 * common.c: what every galley command shares (see common.h).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

void
cmd_init(struct cmd *c, const char *argv0)
{
	memset(c, 0, sizeof(*c));
	galley_set_progname(argv0);
	c->prog = galley_progname();
	/*
	 * A closed pipe must show as a write error with a message, not as
	 * a silent death by SIGPIPE halfway through.
	 */
	signal(SIGPIPE, SIG_IGN);
}

void
cmd_diag(const struct galley_diag *d, void *arg)
{
	struct cmd	*c = arg;

	if (d->level == GALLEY_ERROR)
		c->errors++;
	else if (d->level == GALLEY_WARN)
		c->warnings++;
	galley_diag_print(stderr, c->prog, d);
}

void
cmd_version(const struct cmd *c)
{
	printf("%s (galley) %s\n", c->prog, GALLEY_VERSION);
	exit(cmd_fshut(c));
}

FILE *
cmd_open(const struct cmd *c, const char *path, const char **name)
{
	FILE	*fp;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	if ((fp = fopen(path, "rb")) == NULL)
		fprintf(stderr, "%s: %s: %s\n", c->prog, path,
		    strerror(errno));
	return fp;
}

void
cmd_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

int
cmd_fshut(const struct cmd *c)
{
	int	 bad;

	bad = fflush(stdout) == EOF || ferror(stdout);
	if (fclose(stdout) == EOF)
		bad = 1;
	if (bad) {
		fprintf(stderr, "%s: <stdout>: %s\n", c->prog,
		    errno != 0 ? strerror(errno) : "write error");
		return 1;
	}
	return 0;
}

int
cmd_book_opt(int ch, char *arg, struct galley_book_opts *b)
{
	switch (ch) {
	case CMD_OPT_TITLE:
		b->title = arg;
		return 1;
	case CMD_OPT_LANG:
		b->lang = arg;
		return 1;
	case CMD_OPT_IDENTIFIER:
		b->identifier = arg;
		return 1;
	case CMD_OPT_CREATOR:
		b->creator = arg;
		return 1;
	case CMD_OPT_PUBLISHER:
		b->publisher = arg;
		return 1;
	case CMD_OPT_DATE:
		b->date = arg;
		return 1;
	default:
		return 0;
	}
}

int
cmd_mend_lang(const struct cmd *c, const char *arg, enum galley_lang *l)
{
	if (strcmp(arg, "auto") == 0)
		*l = GALLEY_LANG_AUTO;
	else if (strcmp(arg, "cjk") == 0 || strcmp(arg, "zh") == 0 ||
	    strcmp(arg, "ja") == 0)
		*l = GALLEY_LANG_CJK;
	else if (strcmp(arg, "latin") == 0 || strcmp(arg, "en") == 0)
		*l = GALLEY_LANG_LATIN;
	else {
		fprintf(stderr, "%s: unknown language '%s' "
		    "(auto, cjk or latin)\n", c->prog, arg);
		return -1;
	}
	return 0;
}

int
cmd_db_root(const struct cmd *c, const char *arg, enum galley_dbroot *r)
{
	if (strcmp(arg, "book") == 0)
		*r = GALLEY_DB_BOOK;
	else if (strcmp(arg, "article") == 0)
		*r = GALLEY_DB_ARTICLE;
	else {
		fprintf(stderr, "%s: unknown root '%s' (book or article)\n",
		    c->prog, arg);
		return -1;
	}
	return 0;
}

/*
 * Parse --group-size: kilobytes, 0 to GALLEY_EPUB_GROUP_MAX, decimal
 * digits only; 0 becomes GALLEY_EPUB_GROUP_NONE (one document per
 * article).
 */
int
cmd_epub_group(const struct cmd *c, const char *arg, long *kb)
{
	const char	*p;
	long		 v = 0;

	for (p = arg; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > GALLEY_EPUB_GROUP_MAX)
			break;
	if (p == arg || *p != '\0' || v > GALLEY_EPUB_GROUP_MAX) {
		fprintf(stderr, "%s: group size '%s' is not 0 to %ld "
		    "(kilobytes)\n", c->prog, arg, GALLEY_EPUB_GROUP_MAX);
		return -1;
	}
	*kb = v == 0 ? GALLEY_EPUB_GROUP_NONE : v;
	return 0;
}
