/*
 * article.c: the in-memory article, a list of blocks that owns its
 * text.  Blocks grow geometrically.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

void
galley_article_init(struct galley_article *a)
{
	memset(a, 0, sizeof(*a));
}

void
galley_article_clear(struct galley_article *a)
{
	size_t	 i;

	for (i = 0; i < a->nblocks; i++)
		free(a->blocks[i].text);
	free(a->blocks);
	a->blocks = NULL;
	a->nblocks = a->cap = 0;
	a->line = 0;
}

void
galley_article_add(struct galley_article *a, const char *text, size_t len,
    size_t line)
{
	struct galley_block	*b;

	if (a->nblocks == a->cap) {
		a->cap = a->cap == 0 ? 16 : a->cap * 2;
		a->blocks = galley_xreallocarray(a->blocks, a->cap,
		    sizeof(*a->blocks));
	}
	b = &a->blocks[a->nblocks++];
	b->text = galley_xstrndup(text, len);
	b->len = len;
	b->line = line;
	if (a->nblocks == 1 && a->line == 0)
		a->line = line;
}

void
galley_article_set(struct galley_article *a, size_t i, const char *text,
    size_t len)
{
	char	*p;

	p = galley_xstrndup(text, len);
	free(a->blocks[i].text);
	a->blocks[i].text = p;
	a->blocks[i].len = len;
}
