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
