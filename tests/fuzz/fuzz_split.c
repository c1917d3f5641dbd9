/*
 * fuzz_split.c: libFuzzer target for galley-split, galley_split_new(),
 * _feed() and _finish().  Input byte 0 picks the options (encoding,
 * lossy, explain, headline and byline regexes), byte 1 the size of the
 * pieces the rest is fed in.  Every article must hold valid UTF-8
 * blocks, and what is written must read back as an article stream.
 */
#include "fuzz.h"

struct out {
	FILE	*fp;
	int	 first;
	size_t	 n;
};

static int	 put(struct galley_article *, void *);

static const char *const encodings[8] = {
	NULL, NULL, "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "BIG5",
	"ISO-8859-1",
};

static int
put(struct galley_article *a, void *arg)
{
	struct out	*o = arg;
	size_t		 i;

	FUZZ_ASSERT(a->nblocks > 0);
	for (i = 0; i < a->nblocks; i++) {
		FUZZ_ASSERT(a->blocks[i].len > 0);
		FUZZ_ASSERT(strlen(a->blocks[i].text) == a->blocks[i].len);
		FUZZ_ASSERT(fuzz_text_ok(a->blocks[i].text,
		    a->blocks[i].len));
		FUZZ_ASSERT(strstr(a->blocks[i].text, "\n\n") == NULL);
	}
	FUZZ_ASSERT(galley_artwrite(o->fp, a, o->first) == 0);
	o->first = 0;
	o->n++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct galley_split_opts	 opts;
	struct galley_splitter		*s;
	struct out			 o;
	char				*buf = NULL;
	size_t				 len = 0, errors = 0, chunk, off, n;
	unsigned			 b0, b1;
	int				 rc = 0;

	b0 = fuzz_byte(&data, &size);
	b1 = fuzz_byte(&data, &size);
	memset(&opts, 0, sizeof(opts));
	opts.encoding = encodings[b0 & 7];
	opts.lossy = (b0 >> 3) & 1;
	fuzz_report(&opts.report, &errors, (b0 >> 4) & 1);
	if (b0 & 0x20)
		opts.headline_re = "^[^\\s]{2,30}$";
	if (b0 & 0x40)
		opts.byline_re = "^(By |\xe2\x96\xa0).*";
	/* Piece sizes 1 to 65536, small ones more often. */
	chunk = b1 == 0 ? 65536 : 1 + (size_t)b1 * b1 / 4;

	memset(&o, 0, sizeof(o));
	o.first = 1;
	o.fp = open_memstream(&buf, &len);
	FUZZ_ASSERT(o.fp != NULL);
	s = galley_split_new(&opts, "<fuzz>", put, &o);
	FUZZ_ASSERT(s != NULL);
	for (off = 0; off < size && rc == 0; off += n) {
		n = size - off < chunk ? size - off : chunk;
		rc = galley_split_feed(s, (const char *)data + off, n);
	}
	if (rc == 0)
		rc = galley_split_finish(s);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == 0 || errors > 0);
	galley_split_free(s);
	FUZZ_ASSERT(fclose(o.fp) == 0);
	/* Whatever split wrote, mend and tag must be able to read. */
	FUZZ_ASSERT(fuzz_text_ok(buf, len));
	FUZZ_ASSERT(fuzz_reread_articles(buf, len) == o.n ||
	    fuzz_tagged_start(buf, len));
	free(buf);
	return 0;
}
