/*
 * fuzz_tagread.c: libFuzzer target for the tagged stream reader,
 * galley_tagreader_next(), and its writer.  Every record read must have
 * a known kind and a number of fields its kind allows; writing the
 * records out and reading them back must give the same records
 * (galley(5), the tagged stream).
 */
#include "fuzz.h"

struct rec {
	enum galley_kind	 kind;
	size_t			 nfields;
	char			*fields[GALLEY_FIELDS_MAX];
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct galley_report	 rep;
	struct galley_tagreader	*r;
	struct galley_tagwriter	*w;
	struct galley_record	 rec;
	struct rec		*all = NULL;
	FILE			*fp, *out;
	char			*buf = NULL;
	size_t			 len = 0, errors = 0, n = 0, i, j, min, max;
	int			 rc;

	fuzz_report(&rep, &errors, 1);
	fp = fuzz_open(data, size);
	out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out != NULL);
	r = galley_tagreader_new(fp, "<fuzz>", &rep);
	w = galley_tagwriter_new(out);
	while ((rc = galley_tagreader_next(r, &rec)) == 1) {
		FUZZ_ASSERT((unsigned)rec.kind < GALLEY_KIND_MAX);
		galley_kind_arity(rec.kind, &min, &max);
		FUZZ_ASSERT(rec.nfields >= min && rec.nfields <= max);
		FUZZ_ASSERT(rec.line > 0);
		all = galley_xreallocarray(all, n + 1, sizeof(*all));
		all[n].kind = rec.kind;
		all[n].nfields = rec.nfields;
		for (j = 0; j < rec.nfields; j++) {
			FUZZ_ASSERT(rec.fields[j] != NULL);
			FUZZ_ASSERT(fuzz_text_ok(rec.fields[j],
			    strlen(rec.fields[j])));
			all[n].fields[j] = galley_xstrdup(rec.fields[j]);
		}
		n++;
		FUZZ_ASSERT(galley_tagwriter_put(w, &rec) == 0);
	}
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT((rc == -1) == (errors > 0));
	galley_tagreader_free(r);
	fclose(fp);
	FUZZ_ASSERT(galley_tagwriter_begin(w) == 0);
	galley_tagwriter_free(w);
	FUZZ_ASSERT(fclose(out) == 0);

	/* What was written reads back as the same records. */
	errors = 0;
	fp = fuzz_open((const uint8_t *)buf, len);
	r = galley_tagreader_new(fp, "<reread>", &rep);
	for (i = 0; (rc = galley_tagreader_next(r, &rec)) == 1; i++) {
		FUZZ_ASSERT(i < n);
		FUZZ_ASSERT(rec.kind == all[i].kind);
		FUZZ_ASSERT(rec.nfields == all[i].nfields);
		for (j = 0; j < rec.nfields; j++)
			FUZZ_ASSERT(strcmp(rec.fields[j],
			    all[i].fields[j]) == 0);
	}
	FUZZ_ASSERT(rc == 0);
	FUZZ_ASSERT(i == n);
	galley_tagreader_free(r);
	fclose(fp);

	for (i = 0; i < n; i++)
		for (j = 0; j < all[i].nfields; j++)
			free(all[i].fields[j]);
	free(all);
	free(buf);
	return 0;
}
