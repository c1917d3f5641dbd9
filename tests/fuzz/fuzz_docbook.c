/*
 * fuzz_docbook.c: libFuzzer target for galley-docbook,
 * galley_docbook_new(), _put() and _finish(), on records read by the
 * tagged stream reader, writing to memory (open_memstream).  Input byte
 * 0 picks the options.  What a finished writer wrote must be
 * well-formed XML, and valid against the DocBook 5.0 RELAX NG schema
 * when GALLEY_FUZZ_RNG names it (libxml2's RELAX NG, slower).
 */
#define _GNU_SOURCE	/* fmemopen, open_memstream, mkdtemp */

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "fuzz.h"

static xmlRelaxNGPtr	 rng;

static const char *const langs[4] = { NULL, "zh", "en", "zh-Hant-TW" };

static void	 quiet(void *, const char *, ...);

static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int
LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlRelaxNGParserCtxtPtr	 pc;
	const char		*schema;

	(void)argc;
	(void)argv;
	setenv("SOURCE_DATE_EPOCH", "1630281600", 1);
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	if ((schema = getenv("GALLEY_FUZZ_RNG")) != NULL) {
		pc = xmlRelaxNGNewParserCtxt(schema);
		FUZZ_ASSERT(pc != NULL);
		rng = xmlRelaxNGParse(pc);
		FUZZ_ASSERT(rng != NULL);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct galley_docbook_opts	 opts;
	struct galley_docbook		*d;
	struct galley_tagreader		*r;
	struct galley_record		 rec;
	xmlRelaxNGValidCtxtPtr		 vc;
	xmlDocPtr			 doc;
	FILE				*fp, *out;
	char				*buf = NULL;
	size_t				 len = 0, errors = 0;
	unsigned			 b0;
	int				 rc, done = 0;

	b0 = fuzz_byte(&data, &size);
	memset(&opts, 0, sizeof(opts));
	opts.root = (enum galley_dbroot)((b0 & 1) % GALLEY_DB_MAX);
	opts.book.lang = langs[(b0 >> 1) & 3];
	if (b0 & 8)
		opts.book.title = "Fuzz <&> ]]> \xe2\x80\xae title";
	if (b0 & 16)
		opts.book.identifier = "urn:isbn:9780000000000";
	if (b0 & 32)
		opts.book.creator = "A. N. Other";
	fuzz_report(&opts.book.report, &errors, (b0 >> 6) & 1);

	out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out != NULL);
	if ((d = galley_docbook_new(out, &opts)) == NULL) {
		FUZZ_ASSERT(errors > 0);
		fclose(out);
		free(buf);
		return 0;
	}
	fp = fuzz_open(data, size);
	r = galley_tagreader_new(fp, "<fuzz>", &opts.book.report);
	while ((rc = galley_tagreader_next(r, &rec)) == 1)
		if ((rc = galley_docbook_put(d, &rec)) != 0)
			break;
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc == 0 && galley_docbook_finish(d) == 0)
		done = 1;
	if (!done)
		FUZZ_ASSERT(errors > 0);
	galley_docbook_free(d);
	galley_tagreader_free(r);
	fclose(fp);
	FUZZ_ASSERT(fclose(out) == 0);
	if (done) {
		FUZZ_ASSERT(len > 0);
		doc = xmlReadMemory(buf, (int)len, "fuzz.xml", NULL,
		    XML_PARSE_NONET);
		FUZZ_ASSERT(doc != NULL);	/* well-formed */
		if (rng != NULL) {
			vc = xmlRelaxNGNewValidCtxt(rng);
			FUZZ_ASSERT(xmlRelaxNGValidateDoc(vc, doc) == 0);
			xmlRelaxNGFreeValidCtxt(vc);
		}
		xmlFreeDoc(doc);
	}
	free(buf);
	return 0;
}
