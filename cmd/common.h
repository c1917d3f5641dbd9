/*
 * common.h: what every galley command shares: printing diagnostics,
 * opening inputs, and closing standard output with a check.
 */
#ifndef COMMON_H
#define COMMON_H

#include <getopt.h>
#include <stdio.h>

#include "galley.h"

/*
 * The book-metadata options of the writers and of galley(1), as
 * getopt_long values above every character.  CMD_BOOK_LONGOPTS(lang)
 * gives their entries, the language one under the name lang.
 */
enum cmd_opt {
	CMD_OPT_TITLE = 0x100,
	CMD_OPT_LANG,
	CMD_OPT_IDENTIFIER,
	CMD_OPT_CREATOR,
	CMD_OPT_PUBLISHER,
	CMD_OPT_DATE,
	CMD_OPT_MAX
};

#define CMD_BOOK_LONGOPTS(lang)						\
	{ "title", required_argument, NULL, CMD_OPT_TITLE },		\
	{ (lang), required_argument, NULL, CMD_OPT_LANG },		\
	{ "identifier", required_argument, NULL, CMD_OPT_IDENTIFIER },	\
	{ "creator", required_argument, NULL, CMD_OPT_CREATOR },	\
	{ "publisher", required_argument, NULL, CMD_OPT_PUBLISHER },	\
	{ "date", required_argument, NULL, CMD_OPT_DATE }

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
/* Take a book-metadata option: returns 1 when ch was one, else 0. */
int	 cmd_book_opt(int ch, char *arg, struct galley_book_opts *);
/*
 * Parse galley-mend's --lang value (auto, cjk, zh, ja, latin, en).
 * Returns -1 after printing a message.
 */
int	 cmd_mend_lang(const struct cmd *, const char *arg,
	    enum galley_lang *);
/* Parse galley-docbook's --root value; returns -1 after a message. */
int	 cmd_db_root(const struct cmd *, const char *arg,
	    enum galley_dbroot *);
/*
 * Parse galley-epub's --group-size value (kilobytes, 0 for one document
 * per article) into a galley_epub_opts group_kb; returns -1 after a
 * message.
 */
int	 cmd_epub_group(const struct cmd *, const char *arg, long *kb);

#endif /* COMMON_H */
