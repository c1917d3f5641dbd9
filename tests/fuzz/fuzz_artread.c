/*
 * fuzz_artread.c: libFuzzer target for the article stream reader,
 * galley_artreader_next(), and its writer, galley_artwrite().  Every
 * article read must hold valid UTF-8 blocks with no blank line, and
 * writing the articles out and reading them back must give the same
 * blocks (galley(5), the article stream).
 */
#include "fuzz.h"

static void	 check_article(const struct galley_article *);
static void	 same(const struct galley_article *,
		    const struct galley_article *);

static void
check_article(const struct galley_article *a)
{
	size_t	 i;

	FUZZ_ASSERT(a->nblocks > 0);
	FUZZ_ASSERT(a->file != NULL);
	for (i = 0; i < a->nblocks; i++) {
		FUZZ_ASSERT(a->blocks[i].len > 0);
		FUZZ_ASSERT(strlen(a->blocks[i].text) == a->blocks[i].len);
		FUZZ_ASSERT(fuzz_text_ok(a->blocks[i].text,
		    a->blocks[i].len));
		FUZZ_ASSERT(strstr(a->blocks[i].text, "\n\n") == NULL);
		FUZZ_ASSERT(a->blocks[i].line >= a->line);
	}
}

static void
same(const struct galley_article *a, const struct galley_article *b)
{
	size_t	 i;

	FUZZ_ASSERT(a->nblocks == b->nblocks);
	for (i = 0; i < a->nblocks; i++) {
		FUZZ_ASSERT(a->blocks[i].len == b->blocks[i].len);
		FUZZ_ASSERT(memcmp(a->blocks[i].text, b->blocks[i].text,
		    a->blocks[i].len) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct galley_report	 rep;
	struct galley_artreader	*r, *r2;
	struct galley_article	 a, b;
	FILE			*fp, *out, *fp2;
	char			*buf = NULL;
	size_t			 len = 0, errors = 0, n = 0, i;
	int			 rc, rc2, first = 1;
	struct galley_article	*all = NULL;

	fuzz_report(&rep, &errors, 1);
	fp = fuzz_open(data, size);
	out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out != NULL);
	r = galley_artreader_new(fp, "<fuzz>", &rep);
	galley_article_init(&a);
	while ((rc = galley_artreader_next(r, &a)) == 1) {
		check_article(&a);
		FUZZ_ASSERT(galley_artwrite(out, &a, first) == 0);
		first = 0;
		all = galley_xreallocarray(all, n + 1, sizeof(*all));
		galley_article_init(&all[n]);
		for (i = 0; i < a.nblocks; i++)
			galley_article_add(&all[n], a.blocks[i].text,
			    a.blocks[i].len, a.blocks[i].line);
		n++;
	}
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT((rc == -1) == (errors > 0));
	/* At the end the reader stays at the end. */
	FUZZ_ASSERT(galley_artreader_next(r, &a) == 0);
	galley_artreader_free(r);
	fclose(fp);
	FUZZ_ASSERT(fclose(out) == 0);

	/* What was written reads back as the same articles. */
	if (!fuzz_tagged_start(buf, len)) {
		errors = 0;
		fp2 = fuzz_open((const uint8_t *)buf, len);
		r2 = galley_artreader_new(fp2, "<reread>", &rep);
		galley_article_init(&b);
		for (i = 0; (rc2 = galley_artreader_next(r2, &b)) == 1; i++) {
			FUZZ_ASSERT(i < n);
			same(&all[i], &b);
		}
		FUZZ_ASSERT(rc2 == 0);
		FUZZ_ASSERT(i == n);
		galley_article_clear(&b);
		galley_artreader_free(r2);
		fclose(fp2);
	}
	for (i = 0; i < n; i++)
		galley_article_clear(&all[i]);
	free(all);
	galley_article_clear(&a);
	free(buf);
	return 0;
}
