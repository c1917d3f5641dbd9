/*
 * fuzz_tag.c: libFuzzer target for galley-tag, galley_tag_new() and
 * galley_tag_article(), on articles read by the article stream reader
 * (and mended first when input byte 0 says so).  Every record must
 * have the fields its kind takes, in the order galley(5) gives, and
 * the tagged stream written must read back without error.
 */
#include "fuzz.h"

struct out {
	struct galley_tagwriter	*w;
	int			 state;	/* 0 before article, 1 head, 2 body */
	int			 nrec;	/* records in the current article */
};

static int	 put(const struct galley_record *, void *);

/* Check the record order of galley(5) and write the record. */
static int
put(const struct galley_record *rec, void *arg)
{
	struct out	*o = arg;
	size_t		 min, max, j;

	FUZZ_ASSERT((unsigned)rec->kind < GALLEY_KIND_MAX);
	galley_kind_arity(rec->kind, &min, &max);
	FUZZ_ASSERT(rec->nfields >= min && rec->nfields <= max);
	for (j = 0; j < rec->nfields; j++) {
		FUZZ_ASSERT(rec->fields[j] != NULL);
		FUZZ_ASSERT(fuzz_text_ok(rec->fields[j],
		    strlen(rec->fields[j])));
	}
	FUZZ_ASSERT(rec->kind != GALLEY_META);
	if (o->nrec == 0)
		FUZZ_ASSERT(rec->kind == GALLEY_ARTICLE);
	else
		FUZZ_ASSERT(rec->kind != GALLEY_ARTICLE);
	if (rec->kind == GALLEY_HEADING) {
		FUZZ_ASSERT(rec->fields[0][0] >= '1' &&
		    rec->fields[0][0] <= '6' && rec->fields[0][1] == '\0');
	}
	switch (rec->kind) {
	case GALLEY_TITLE:
		FUZZ_ASSERT(o->nrec == 1);
		break;
	case GALLEY_SUBTITLE:
	case GALLEY_BYLINE:
	case GALLEY_AUTHOR:
	case GALLEY_ORG:
	case GALLEY_DATELINE:
		FUZZ_ASSERT(o->state < 2);
		break;
	case GALLEY_HEADING:
	case GALLEY_RUNIN:
	case GALLEY_PARA:
	case GALLEY_CREDIT:
		o->state = 2;
		break;
	default:
		break;
	}
	o->nrec++;
	FUZZ_ASSERT(galley_tagwriter_put(o->w, rec) == 0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct galley_tag_opts	 opts;
	struct galley_mend_opts	 mopts;
	struct galley_tagger	*t;
	struct galley_mender	*m = NULL;
	struct galley_artreader	*r;
	struct galley_tagreader	*tr;
	struct galley_article	 a;
	struct galley_record	 rec;
	struct out		 o;
	FILE			*fp, *out;
	char			*buf = NULL;
	size_t			 len = 0, errors = 0;
	unsigned		 b0;
	int			 rc;

	b0 = fuzz_byte(&data, &size);
	memset(&opts, 0, sizeof(opts));
	fuzz_report(&opts.report, &errors, b0 & 1);
	if (b0 & 2) {
		memset(&mopts, 0, sizeof(mopts));
		mopts.report = opts.report;
		m = galley_mend_new(&mopts);
	}
	fp = fuzz_open(data, size);
	out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out != NULL);
	memset(&o, 0, sizeof(o));
	o.w = galley_tagwriter_new(out);
	FUZZ_ASSERT(galley_tagwriter_begin(o.w) == 0);
	t = galley_tag_new(&opts);
	FUZZ_ASSERT(t != NULL);
	r = galley_artreader_new(fp, "<fuzz>", &opts.report);
	galley_article_init(&a);
	while ((rc = galley_artreader_next(r, &a)) == 1) {
		if (m != NULL && (rc = galley_mend_article(m, &a)) != 0)
			break;
		o.state = 0;
		o.nrec = 0;
		if ((rc = galley_tag_article(t, &a, put, &o)) != 0)
			break;
	}
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == 0 || errors > 0);
	galley_article_clear(&a);
	galley_artreader_free(r);
	galley_tag_free(t);
	galley_mend_free(m);
	galley_tagwriter_free(o.w);
	fclose(fp);
	FUZZ_ASSERT(fclose(out) == 0);

	/* The tagged stream written must read back without error. */
	errors = 0;
	fp = fuzz_open((const uint8_t *)buf, len);
	tr = galley_tagreader_new(fp, "<reread>", &opts.report);
	while ((rc = galley_tagreader_next(tr, &rec)) == 1)
		continue;
	FUZZ_ASSERT(rc == 0);
	galley_tagreader_free(tr);
	fclose(fp);
	free(buf);
	return 0;
}
