/*
 * stream_write.c: the one writer of both stream formats of galley(5).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

struct galley_tagwriter {
	FILE	*fp;
	int	 started;
};

int
galley_artwrite(FILE *fp, const struct galley_article *a, int first)
{
	size_t	 i;

	if (!first && fputs("\f\n", fp) == EOF)
		return -1;
	for (i = 0; i < a->nblocks; i++) {
		if (i > 0 && putc('\n', fp) == EOF)
			return -1;
		if (fwrite(a->blocks[i].text, 1, a->blocks[i].len, fp) !=
		    a->blocks[i].len || putc('\n', fp) == EOF)
			return -1;
	}
	return 0;
}

struct galley_tagwriter *
galley_tagwriter_new(FILE *fp)
{
	struct galley_tagwriter	*w;

	w = galley_xcalloc(1, sizeof(*w));
	w->fp = fp;
	return w;
}

void
galley_tagwriter_free(struct galley_tagwriter *w)
{
	free(w);
}

/*
 * Write s with tab, newline and backslash escaped.  Runs of other bytes
 * go out with one fwrite each: one putc a byte was a tenth of
 * galley-tag's time.
 */
static int
putfield(FILE *fp, const char *s)
{
	const char	*q;
	size_t		 n;

	for (;;) {
		n = strcspn(s, "\t\n\\");
		if (n > 0 && fwrite(s, 1, n, fp) != n)
			return -1;
		q = s + n;
		if (*q == '\0')
			return 0;
		if (fputs(*q == '\t' ? "\\t" : *q == '\n' ? "\\n" : "\\\\",
		    fp) == EOF)
			return -1;
		s = q + 1;
	}
}

int
galley_tagwriter_begin(struct galley_tagwriter *w)
{
	if (w->started)
		return 0;
	if (fprintf(w->fp, "%s\t%d\n", GALLEY_TAGGED_MAGIC,
	    GALLEY_TAGGED_VERSION) < 0)
		return -1;
	w->started = 1;
	return 0;
}

int
galley_tagwriter_put(struct galley_tagwriter *w,
    const struct galley_record *rec)
{
	size_t	 i;

	if (galley_tagwriter_begin(w) < 0)
		return -1;
	if (fputs(galley_kind_name(rec->kind), w->fp) == EOF)
		return -1;
	for (i = 0; i < rec->nfields; i++)
		if (putc('\t', w->fp) == EOF ||
		    putfield(w->fp, rec->fields[i] != NULL ?
		    rec->fields[i] : "") < 0)
			return -1;
	if (putc('\n', w->fp) == EOF)
		return -1;
	return 0;
}
