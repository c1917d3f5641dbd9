/*
 * fuzz_epub.c: libFuzzer target for galley-epub, galley_epub_new(),
 * _put() and _finish(), on records read by the tagged stream reader.
 * The EPUB goes to a file in a temporary folder.  Input byte 0 picks
 * the book options.  A finished EPUB must be at its path; after a
 * failure nothing may be there, and no temporary file may be left.
 */
#define _GNU_SOURCE	/* fmemopen, open_memstream, mkdtemp */

#include <sys/stat.h>

#include <dirent.h>
#include <unistd.h>

#include "fuzz.h"

static char	 dir[64];
static char	 path[96];

static const char *const langs[4] = { NULL, "zh", "en", "zh-Hant-TW" };

static void	 cleanup(void);

/* Remove the temporary folder at exit. */
static void
cleanup(void)
{
	DIR		*d;
	struct dirent	*e;
	char		 p[400];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' ||
		    (e->d_name[1] == '.' && e->d_name[2] == '\0')))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

/* The number of entries in the folder, besides . and .. */
static size_t
entries(void)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0;

	d = opendir(dir);
	FUZZ_ASSERT(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

int
LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*base;

	(void)argc;
	(void)argv;
	setenv("SOURCE_DATE_EPOCH", "1630281600", 1);
	base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof(dir), "%s/galley-fuzz.XXXXXX", base);
	FUZZ_ASSERT(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/book.epub", dir);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct galley_epub_opts	 opts;
	struct galley_epub	*e;
	struct galley_tagreader	*r;
	struct galley_record	 rec;
	struct stat		 st;
	FILE			*fp;
	size_t			 errors = 0;
	unsigned		 b0;
	int			 rc, done = 0;

	b0 = fuzz_byte(&data, &size);
	memset(&opts, 0, sizeof(opts));
	opts.book.lang = langs[b0 & 3];
	if (b0 & 4)
		opts.book.title = "Fuzz <&> \xe2\x80\xae title";
	if (b0 & 8)
		opts.book.identifier = "urn:isbn:9780000000000";
	if (b0 & 16)
		opts.book.creator = "A. N. Other";
	opts.vertical = (b0 >> 5) & 1;
	/* Bit 7: many documents (1 KB groups, or one per article). */
	if (b0 & 128)
		opts.group_kb = b0 & 8 ? GALLEY_EPUB_GROUP_NONE : 1;
	fuzz_report(&opts.book.report, &errors, (b0 >> 6) & 1);

	if ((e = galley_epub_new(path, &opts)) == NULL) {
		FUZZ_ASSERT(errors > 0);
		FUZZ_ASSERT(entries() == 0);
		return 0;
	}
	fp = fuzz_open(data, size);
	r = galley_tagreader_new(fp, "<fuzz>", &opts.book.report);
	while ((rc = galley_tagreader_next(r, &rec)) == 1)
		if ((rc = galley_epub_put(e, &rec)) != 0)
			break;
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc == 0 && galley_epub_finish(e) == 0)
		done = 1;
	if (!done)
		FUZZ_ASSERT(errors > 0);
	galley_epub_free(e);
	galley_tagreader_free(r);
	fclose(fp);
	if (done) {
		FUZZ_ASSERT(stat(path, &st) == 0 && st.st_size > 0);
		FUZZ_ASSERT(unlink(path) == 0);
	} else
		FUZZ_ASSERT(stat(path, &st) == -1);
	/* No temporary file is left behind, whatever happened. */
	FUZZ_ASSERT(entries() == 0);
	return 0;
}
