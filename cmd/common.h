/*
 * common.h: what every galley command shares: printing diagnostics,
 * opening inputs, and closing standard output with a check.
 */
#ifndef COMMON_H
#define COMMON_H

#include <stdio.h>

#include "galley.h"

struct cmd {
	const char	*prog;
	size_t		 errors;
	size_t		 warnings;
};

/* Set up the program name from argv[0]; used by every message. */
void	 cmd_init(struct cmd *, const char *argv0);
/* A galley_diag_fn: prints on stderr and counts; arg is a struct cmd. */
void	 cmd_diag(const struct galley_diag *, void *);
/* Print "prog (galley) VERSION" on stdout and exit 0. */
void	 cmd_version(const struct cmd *) __attribute__((noreturn));
/*
 * Open an input file; "-" is standard input, named "<stdin>".  On
 * failure prints "prog: path: reason" and returns NULL.
 */
FILE	*cmd_open(const struct cmd *, const char *path, const char **name);
void	 cmd_close(FILE *);
/*
 * Flush, check and close standard output, so that a full disk or a
 * closed pipe cannot pass as success.  Returns 0, or 1 after a message.
 */
int	 cmd_fshut(const struct cmd *);

#endif /* COMMON_H */
