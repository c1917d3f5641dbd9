/*
 * docbook_xml.c: the XML writer of galley-docbook: libxml2's
 * xmlTextWriter over the caller's FILE, every call checked, failures
 * reported once; and the text it is given made fit for XML 1.0, with
 * U+FFFD for the characters XML cannot hold, reported once a record.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docbook.h"

static int	 iowrite(void *, const char *, int);
static int	 ioclose(void *);
static int	 forbidden(const char *, size_t, size_t, size_t *,
		    uint32_t *);
static size_t	 fit(const char *, size_t, int *);
static const char *clean(struct galley_docbook *, const char *, size_t *,
		    int *);

/*
 * Set up the writer over d->fp, indenting by two spaces.  Returns -1
 * (reported) when libxml2 cannot.
 */
int
docbook_writer_open(struct galley_docbook *d)
{
	if ((d->out = xmlOutputBufferCreateIO(iowrite, ioclose, d,
	    NULL)) == NULL ||
	    (d->w = xmlNewTextWriter(d->out)) == NULL) {
		if (d->out != NULL)
			xmlOutputBufferClose(d->out);
		d->out = NULL;
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot set up the XML writer");
		return -1;
	}
	/* The writer owns the output buffer from here on. */
	if (xmlTextWriterSetIndent(d->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(d->w, BAD_CAST "  ") < 0) {
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot set up the XML writer");
		return -1;
	}
	return 0;
}

/*
 * The writer's output goes through these rather than through libxml2's
 * own FILE output, which prints its errors itself; here the error is
 * kept in d->ioerr and reported once, by fail().
 */
static int
iowrite(void *arg, const char *buf, int len)
{
	struct galley_docbook	*d = arg;

	if (len <= 0)
		return 0;
	/*
	 * A failure is kept, not returned: libxml2 would print its own
	 * message.  xok() finds it after the writer call.
	 */
	if (d->ioerr == 0 &&
	    fwrite(buf, 1, (size_t)len, d->fp) != (size_t)len)
		d->ioerr = errno != 0 ? errno : EIO;
	return len;
}

/* The result of a writer call: -1 when it or the output failed. */
int
docbook_xok(struct galley_docbook *d, int rc)
{
	if (rc < 0 || d->ioerr != 0)
		return docbook_fail(d);
	return 0;
}

static int
ioclose(void *arg)
{
	(void)arg;
	return 0;
}

/* A writer call failed: report it once and refuse the rest. */
int
docbook_fail(struct galley_docbook *d)
{
	if (d->state != ST_FAILED && d->ioerr != 0)
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot write the output: %s", strerror(d->ioerr));
	else if (d->state != ST_FAILED)
		report(d->rep, GALLEY_ERROR, NULL, 0, 0,
		    "cannot write the XML output");
	d->state = ST_FAILED;
	return -1;
}

/*
 * Whether s[i..n) starts with what XML 1.0 cannot hold: a C0 control
 * character other than tab, newline and carriage return, U+FFFE,
 * U+FFFF, or a byte that is not UTF-8.  *k is the length to skip.
 */
static int
forbidden(const char *s, size_t i, size_t n, size_t *k, uint32_t *c)
{
	if ((*k = utf8_decode(s + i, n - i, c)) == 0) {
		*k = 1;
		*c = 0xfffd;
		return 1;
	}
	return (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') ||
	    *c == 0xfffe || *c == 0xffff;
}

/*
 * The offset of the first character of s[0..n) for which forbidden()
 * holds, or n; *low is set when s[0..n) may hold an ASCII character
 * below 0x40, such as those XML escapes (< > & " and CR), and left
 * alone otherwise.  Every text written goes through here, so it works
 * on bytes and never calls forbidden(): two three-byte characters (CJK
 * text) at a time where the byte order allows, runs of printable ASCII
 * eight bytes at a time, the other three-byte characters checked in
 * place as utf8_decode() would, and the rest through utf8_decode().
 */
static size_t
fit(const char *s, size_t n, int *low)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Lead bytes E0 and ED, by their low four bits. */
	static const unsigned char lead0d[16] = {
		1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0
	};
#endif
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k;
	uint64_t		 w;
	uint32_t		 c;

	while (i < n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/*
		 * Bytes 0-5 (bits 0-47) are two characters, each a lead
		 * E0-EF and two continuation bytes 80-BF, neither led by
		 * E0 (overlong forms) nor ED (surrogates), nor with BF as
		 * its second byte (U+FFFE, U+FFFF): those are left to the
		 * loop below.
		 */
		while (n - i >= 8) {
			memcpy(&w, u + i, 8);
			if ((w & 0xc0c0f0c0c0f0ULL) != 0x8080e08080e0ULL ||
			    (lead0d[w & 0x0f] | lead0d[(w >> 24) & 0x0f]) ||
			    (w & 0xff00ULL) == 0xbf00ULL ||
			    (w & 0xff00000000ULL) == 0xbf00000000ULL)
				break;
			i += 6;
		}
		if (i == n)
			break;
#endif
		c = u[i];
		/*
		 * A lead byte E0-EF and two continuation bytes (each
		 * 80-BF, so below 0x40 once 0x80 is flipped).  Only after
		 * E0 (overlong), ED (surrogates) and EF (U+FFFE, U+FFFF)
		 * does the second byte matter.
		 */
		if ((c & 0xf0) == 0xe0 && n - i >= 3 &&
		    ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) < 0x40) {
			if (((0xa001U >> (c & 0x0f)) & 1) &&
			    ((c == 0xe0 && u[i + 1] < 0xa0) ||
			    (c == 0xed && u[i + 1] >= 0xa0) ||
			    (c == 0xef && u[i + 1] == 0xbf &&
			    u[i + 2] >= 0xbe)))
				return i;
			i += 3;
			continue;
		}
		if (c >= 0x80) {
			/* Two and four bytes cannot be forbidden when valid. */
			if ((k = utf8_decode(s + i, n - i, &c)) == 0)
				return i;
			i += k;
			continue;
		}
		if (c < 0x40) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return i;
			*low = 1;
		}
		i++;
		/*
		 * Then eight bytes at a time from 0x20 to 0x7f: no high
		 * bit, and bit 5 or bit 6 set in each (w << 1 brings bit 5
		 * to bit 6).  Bit 6 clear in a byte means below 0x40.
		 */
		while (n - i >= 8) {
			memcpy(&w, u + i, 8);
			if ((w & 0x8080808080808080ULL) != 0 ||
			    ((w | w << 1) & 0x4040404040404040ULL) !=
			    0x4040404040404040ULL)
				break;
			if ((w & 0x4040404040404040ULL) !=
			    0x4040404040404040ULL)
				*low = 1;
			i += 8;
		}
	}
	return n;
}

/*
 * Report, once for the record, what clean() will replace; when nothing,
 * remember the fields, which clean() then need not scan again.
 */
void
docbook_scan(struct galley_docbook *d, const struct galley_record *r)
{
	const char	*s;
	size_t		 i, j, n, k, bad = 0;
	uint32_t	 c, first = 0;
	int		 low;

	d->nfit = 0;
	for (i = 0; i < r->nfields && i < GALLEY_FIELDS_MAX; i++) {
		s = r->fields[i];
		n = strlen(s);
		low = 0;
		for (j = fit(s, n, &low); j < n;
		    j += k + fit(s + j + k, n - j - k, &low))
			if (forbidden(s, j, n, &k, &c) && bad++ == 0)
				first = c;
		d->fit[i] = s;
		d->fitlen[i] = n;
		d->fitlow[i] = low;
	}
	if (bad > 0)
		report(d->rep, GALLEY_WARN, NULL, r->line, 0,
		    "%zu character%s XML forbids (first U+%04X) replaced "
		    "by U+FFFD", bad, bad == 1 ? "" : "s", (unsigned)first);
	else
		d->nfit = i;
}

/*
 * Return s fit for XML 1.0 character data, with U+FFFD for what XML
 * forbids (reported by scan() as the record came), its length in *len,
 * and in *low whether it may hold an ASCII character below 0x40 (see
 * fit()).  The result is s itself when nothing changes, else d->clean's
 * buffer, valid until the next call.
 */
static const char *
clean(struct galley_docbook *d, const char *s, size_t *len, int *low)
{
	size_t		 n, i, k;
	uint32_t	 c;

	for (i = 0; i < d->nfit; i++)
		if (s == d->fit[i]) {
			*len = d->fitlen[i];
			*low = d->fitlow[i];
			return s;
		}
	n = strlen(s);
	*low = 0;
	if ((i = fit(s, n, low)) == n) {
		*len = n;
		return s;
	}
	sbuf_reset(&d->clean);
	sbuf_put(&d->clean, s, i);
	while (i < n) {
		(void)forbidden(s, i, n, &k, &c);
		sbuf_putcp(&d->clean, 0xfffd);
		i += k;
		k = fit(s + i, n - i, low);
		sbuf_put(&d->clean, s + i, k);
		i += k;
	}
	*len = d->clean.len;
	return sbuf_str(&d->clean);
}

/*
 * s as it may appear in a message, in d->msg's buffer (valid until the
 * next call): shortened in the middle, control characters written as
 * \n, \t or \xHH, so that a message stays on one line.
 */
const char *
docbook_quote(struct galley_docbook *d, const char *s)
{
	struct sbuf	 t;
	size_t		 i;
	unsigned char	 c;

	sbuf_init(&t);
	sbuf_quote(&t, s, strlen(s), 40);
	sbuf_reset(&d->msg);
	for (i = 0; i < t.len; i++) {
		c = (unsigned char)t.buf[i];
		if (c == '\n')
			sbuf_puts(&d->msg, "\\n");
		else if (c == '\t')
			sbuf_puts(&d->msg, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sbuf_printf(&d->msg, "\\x%02x", c);
		else
			sbuf_putc(&d->msg, (char)c);
	}
	sbuf_free(&t);
	return sbuf_str(&d->msg);
}

int
docbook_start(struct galley_docbook *d, const char *name)
{
	if (docbook_xok(d, xmlTextWriterStartElement(d->w, BAD_CAST name)) < 0)
		return -1;
	return 0;
}

int
docbook_end(struct galley_docbook *d)
{
	if (docbook_xok(d, xmlTextWriterEndElement(d->w)) < 0)
		return -1;
	return 0;
}

int
docbook_attr(struct galley_docbook *d, const char *name, const char *value)
{
	size_t	 n;
	int	 low;

	if (docbook_xok(d, xmlTextWriterWriteAttribute(d->w, BAD_CAST name,
	    BAD_CAST clean(d, value, &n, &low))) < 0)
		return -1;
	return 0;
}

int
docbook_text(struct galley_docbook *d, const char *s)
{
	const char	*t;
	size_t		 n;
	int		 rc, low;

	t = clean(d, s, &n, &low);
	if (n == 0)
		return 0;
	/*
	 * Text with nothing to escape goes to the writer as it is.
	 * xmlTextWriterWriteString() would pass it through
	 * xmlEncodeSpecialChars(), which escapes < > & " and CR and
	 * nothing else, into a copy, then write that as raw text: the
	 * same bytes, for a fifth of galley-docbook's time.  All those
	 * are below 0x40: text without such bytes (most CJK text) needs
	 * no look.
	 */
	if (n <= INT_MAX && (!low || t[strcspn(t, "<>&\"\r")] == '\0'))
		rc = xmlTextWriterWriteRawLen(d->w, BAD_CAST t, (int)n);
	else
		rc = xmlTextWriterWriteString(d->w, BAD_CAST t);
	if (docbook_xok(d, rc) < 0)
		return -1;
	return 0;
}

/* An element holding text only. */
int
docbook_elem(struct galley_docbook *d, const char *name, const char *s)
{
	if (docbook_start(d, name) < 0 || docbook_text(d, s) < 0 ||
	    docbook_end(d) < 0)
		return -1;
	return 0;
}

/* A para, with a role when role is not NULL. */
int
docbook_para(struct galley_docbook *d, const char *role, const char *s)
{
	if (docbook_start(d, "para") < 0 ||
	    (role != NULL && docbook_attr(d, "role", role) < 0) ||
	    docbook_text(d, s) < 0 || docbook_end(d) < 0)
		return -1;
	d->content[d->depth] = 1;
	return 0;
}

/* Whether s holds nothing but white space. */
int
docbook_blank(const char *s)
{
	size_t		 i, n, k;
	uint32_t	 c;

	n = strlen(s);
	for (i = 0; i < n; i += k)
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 ||
		    !(uc_is_space(c) || c == '\n' || c == '\r'))
			return 0;
	return 1;
}
