/*
 * outfile.c: atomic output files.  The output is written under a
 * temporary name in the target's directory, so that rename(2) can put it
 * in place in one step; a failed run leaves no truncated file that make
 * would take as up to date, and an existing target untouched.
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"

struct galley_outfile {
	FILE	*fp;
	char	*path;
	char	*tmp;
};

struct galley_outfile *
galley_outfile_open(const char *path)
{
	struct galley_outfile	*o;
	const char		*slash;
	size_t			 dirlen;
	int			 fd;

	o = galley_xcalloc(1, sizeof(*o));
	o->path = galley_xstrdup(path);
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	o->tmp = galley_xmalloc(strlen(path) + 16);
	memcpy(o->tmp, path, dirlen);
	snprintf(o->tmp + dirlen, strlen(path) + 16 - dirlen, ".%s.XXXXXX",
	    path + dirlen);
	if ((fd = mkstemp(o->tmp)) == -1)
		goto fail;
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		int e = errno;
		close(fd);
		unlink(o->tmp);
		errno = e;
		goto fail;
	}
	return o;
fail:
	free(o->path);
	free(o->tmp);
	free(o);
	return NULL;
}

FILE *
galley_outfile_fp(struct galley_outfile *o)
{
	return o->fp;
}

const char *
galley_outfile_tmpname(struct galley_outfile *o)
{
	return o->tmp;
}

static void
outfile_free(struct galley_outfile *o)
{
	free(o->path);
	free(o->tmp);
	free(o);
}

int
galley_outfile_commit(struct galley_outfile *o)
{
	mode_t	 mask;
	int	 e;

	/* mkstemp makes the file 0600; give it the usual mode. */
	mask = umask(0);
	umask(mask);
	if (fflush(o->fp) == EOF || ferror(o->fp) ||
	    fchmod(fileno(o->fp), 0666 & ~mask) == -1) {
		e = errno;
		fclose(o->fp);
		goto fail;
	}
	if (fclose(o->fp) == EOF) {
		e = errno;
		goto fail;
	}
	if (rename(o->tmp, o->path) == -1) {
		e = errno;
		goto fail;
	}
	outfile_free(o);
	return 0;
fail:
	unlink(o->tmp);
	outfile_free(o);
	errno = e;
	return -1;
}

void
galley_outfile_abort(struct galley_outfile *o)
{
	if (o == NULL)
		return;
	if (o->fp != NULL)
		fclose(o->fp);
	unlink(o->tmp);
	outfile_free(o);
}
