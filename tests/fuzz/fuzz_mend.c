/*
 * fuzz_mend.c: libFuzzer target for galley-mend, galley_mend_new() and
 * galley_mend_article(), on articles read by the article stream reader.
 * Input byte 0 picks the options (language, no-unwrap, no-dehyphenate,
 * cjk-punct, explain).  After mending, every block must be one
 * non-blank line of valid UTF-8, and the result must read back as an
 * article stream.  With GALLEY_FUZZ_IDEMPOTENT set in the environment,
 * mending the result again must change nothing (STYLE.md section 7).
 */
#include "fuzz.h"

static int	 blank(const char *, size_t);
static void	 idempotent(struct galley_mender *,
		    const struct galley_article *);

static int
blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Mend a copy of a, already mended, and check nothing changes. */
static void
idempotent(struct galley_mender *m, const struct galley_article *a)
{
	struct galley_article	 b;
	size_t			 i;

	galley_article_init(&b);
	b.file = a->file;
	b.line = a->line;
	for (i = 0; i < a->nblocks; i++)
		galley_article_add(&b, a->blocks[i].text, a->blocks[i].len,
		    a->blocks[i].line);
	FUZZ_ASSERT(galley_mend_article(m, &b) == 0);
	FUZZ_ASSERT(b.nblocks == a->nblocks);
	for (i = 0; i < a->nblocks; i++) {
		FUZZ_ASSERT(b.blocks[i].len == a->blocks[i].len);
		FUZZ_ASSERT(memcmp(b.blocks[i].text, a->blocks[i].text,
		    a->blocks[i].len) == 0);
	}
	galley_article_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int		 check_idem = -1;
	struct galley_mend_opts	 opts;
	struct galley_mender	*m;
	struct galley_artreader	*r;
	struct galley_article	 a;
	FILE			*fp, *out;
	char			*buf = NULL;
	size_t			 len = 0, errors = 0, i, n = 0;
	unsigned		 b0;
	int			 rc, first = 1;

	if (check_idem == -1)
		check_idem = getenv("GALLEY_FUZZ_IDEMPOTENT") != NULL;
	b0 = fuzz_byte(&data, &size);
	memset(&opts, 0, sizeof(opts));
	opts.lang = (enum galley_lang)((b0 & 3) % GALLEY_LANG_MAX);
	opts.no_unwrap = (b0 >> 2) & 1;
	opts.no_dehyphenate = (b0 >> 3) & 1;
	opts.cjk_punct = (b0 >> 4) & 1;
	fuzz_report(&opts.report, &errors, (b0 >> 5) & 1);

	fp = fuzz_open(data, size);
	out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out != NULL);
	m = galley_mend_new(&opts);
	FUZZ_ASSERT(m != NULL);
	r = galley_artreader_new(fp, "<fuzz>", &opts.report);
	galley_article_init(&a);
	while ((rc = galley_artreader_next(r, &a)) == 1) {
		if ((rc = galley_mend_article(m, &a)) != 0)
			break;
		for (i = 0; i < a.nblocks; i++) {
			FUZZ_ASSERT(strlen(a.blocks[i].text) ==
			    a.blocks[i].len);
			FUZZ_ASSERT(fuzz_text_ok(a.blocks[i].text,
			    a.blocks[i].len));
			FUZZ_ASSERT(memchr(a.blocks[i].text, '\n',
			    a.blocks[i].len) == NULL);
			FUZZ_ASSERT(!blank(a.blocks[i].text,
			    a.blocks[i].len));
			FUZZ_ASSERT(!(a.blocks[i].len == 1 &&
			    a.blocks[i].text[0] == '\f'));
		}
		if (check_idem && a.nblocks > 0)
			idempotent(m, &a);
		if (a.nblocks > 0) {
			FUZZ_ASSERT(galley_artwrite(out, &a, first) == 0);
			first = 0;
			n++;
		}
	}
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == 0 || errors > 0);
	galley_article_clear(&a);
	galley_artreader_free(r);
	galley_mend_free(m);
	fclose(fp);
	FUZZ_ASSERT(fclose(out) == 0);
	FUZZ_ASSERT(fuzz_reread_articles(buf, len) == n ||
	    fuzz_tagged_start(buf, len));
	free(buf);
	return 0;
}
