/*
 * decode.c: the first step of galley-split (see galley-split(1),
 * DESCRIPTION, "Decoding"): raw bytes of one file to UTF-8.
 *
 * Input starting with the gzip magic bytes is inflated with zlib as it
 * streams in (concatenated members too).  The encoding is then taken
 * from the caller, from a byte order mark, or guessed from a bounded
 * sample of the input: valid UTF-8 is UTF-8; otherwise uchardet names
 * a candidate, which must decode the sample through iconv(3) before it
 * is believed, GB18030 and Big5 being tried after it.  Until the
 * decision nothing is passed on, so memory is bounded by SAMPLE_MAX.
 * Undecodable bytes stop the decoder, or with lossy set become U+FFFD.
 * A byte order mark is passed on as U+FEFF for the caller to drop.
 */
#include <errno.h>
#include <stdarg.h>
#include <strings.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uchardet/uchardet.h>
#include <zlib.h>

#include "extern.h"
#include "decode.h"

#define SAMPLE_MAX	(256 * 1024)	/* bytes looked at to detect */
#define CHUNK		16384

enum mode {
	MODE_UNDECIDED,
	MODE_UTF8,
	MODE_ICONV,
	MODE_MAX
};

enum gz {
	GZ_UNDECIDED,
	GZ_PLAIN,
	GZ_GZIP,
	GZ_MAX
};

struct decoder {
	int		 lossy;
	decoder_out_fn	 out;
	decoder_msg_fn	 msg;
	void		*arg;

	enum gz		 gz;
	unsigned char	 magic[2];
	size_t		 nmagic;
	z_stream	 z;
	int		 zinit;
	int		 zdone;		/* a member has just ended */

	enum mode	 mode;
	char		*enc;		/* the encoding in use */
	size_t		 unit;		/* code unit size, to skip bad ones */
	iconv_t		 cd;
	struct sbuf	 in;		/* sample, then undecoded rest */
	uint64_t	 off;		/* offset of in.buf[0] in the input */
	size_t		 nbad;
	int		 failed;
};

static int	 gzstart(struct decoder *);
static int	 raw(struct decoder *, const char *, size_t);
static int	 stage2(struct decoder *, const char *, size_t);
static int	 decide(struct decoder *);
static int	 convert(struct decoder *, int final);
static int	 conv_utf8(struct decoder *, int final);
static int	 utf8_run(struct decoder *, const char *, size_t, int final,
		    size_t *used);
static int	 conv_iconv(struct decoder *, int final);
static int	 bad(struct decoder *, uint64_t off);
static int	 emit(struct decoder *, const char *, size_t);
static int	 setenc(struct decoder *, const char *);
static int	 trial(const char *enc, const char *s, size_t n);
static size_t	 valid(const char *s, size_t n);
static size_t	 utf8_valid_prefix(const char *s, size_t n);
static int	 mostly_utf8(const char *, size_t);
static void	 fail(struct decoder *, const char *fmt, ...)
		    GALLEY_PRINTF(2, 3);

struct decoder *
decoder_new(const char *encoding, int lossy, decoder_out_fn out,
    decoder_msg_fn msg, void *arg, char *err, size_t errlen)
{
	struct decoder	*d;

	d = galley_xcalloc(1, sizeof(*d));
	d->lossy = lossy;
	d->out = out;
	d->msg = msg;
	d->arg = arg;
	d->cd = (iconv_t)-1;
	sbuf_init(&d->in);
	if (encoding != NULL && setenc(d, encoding) != 0) {
		snprintf(err, errlen, "unknown encoding: %s", encoding);
		decoder_free(d);
		return NULL;
	}
	return d;
}

void
decoder_free(struct decoder *d)
{
	if (d == NULL)
		return;
	if (d->zinit)
		inflateEnd(&d->z);
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d->enc);
	sbuf_free(&d->in);
	free(d);
}

const char *
decoder_encoding(const struct decoder *d)
{
	return d->enc;
}

static void
fail(struct decoder *d, const char *fmt, ...)
{
	char	 buf[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	d->failed = 1;
	d->msg(d->arg, GALLEY_ERROR, buf);
}

/*
 * Use encoding name: UTF-8 is checked here, anything else goes through
 * iconv.  Returns -1 when iconv does not know the name.
 */
static int
setenc(struct decoder *d, const char *name)
{
	if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0 ||
	    strcasecmp(name, "ASCII") == 0 ||
	    strcasecmp(name, "US-ASCII") == 0) {
		d->mode = MODE_UTF8;
		d->enc = galley_xstrdup("UTF-8");
		d->unit = 1;
		return 0;
	}
	if ((d->cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return -1;
	d->mode = MODE_ICONV;
	d->enc = galley_xstrdup(name);
	if (strncasecmp(name, "UTF-16", 6) == 0 ||
	    strncasecmp(name, "UCS-2", 5) == 0)
		d->unit = 2;
	else if (strncasecmp(name, "UTF-32", 6) == 0 ||
	    strncasecmp(name, "UCS-4", 5) == 0)
		d->unit = 4;
	else
		d->unit = 1;
	return 0;
}

int
decoder_feed(struct decoder *d, const char *buf, size_t len)
{
	int	 rc;

	if (d->failed)
		return -1;
	/* Two bytes tell gzip from the rest. */
	if (d->gz == GZ_UNDECIDED) {
		while (d->nmagic < 2 && len > 0) {
			d->magic[d->nmagic++] = (unsigned char)*buf++;
			len--;
		}
		if (d->nmagic < 2)
			return 0;
		if ((rc = gzstart(d)) != 0)
			return rc;
	}
	return raw(d, buf, len);
}

/* Decide on gzip from the magic bytes seen, and pass them on. */
static int
gzstart(struct decoder *d)
{
	if (d->nmagic == 2 && d->magic[0] == 0x1f && d->magic[1] == 0x8b) {
		d->gz = GZ_GZIP;
		memset(&d->z, 0, sizeof(d->z));
		/* 16: a gzip header and trailer, not zlib's. */
		if (inflateInit2(&d->z, 15 + 16) != Z_OK) {
			fail(d, "cannot start gzip decompression");
			return -1;
		}
		d->zinit = 1;
	} else
		d->gz = GZ_PLAIN;
	return raw(d, (const char *)d->magic, d->nmagic);
}

/* Raw input bytes: inflate them if need be. */
static int
raw(struct decoder *d, const char *buf, size_t len)
{
	unsigned char	 obuf[CHUNK];
	size_t		 n;
	int		 r, rc;

	if (d->gz == GZ_PLAIN)
		return stage2(d, buf, len);
	d->z.next_in = (unsigned char *)(uintptr_t)buf;
	d->z.avail_in = (uInt)len;
	while (d->z.avail_in > 0) {
		if (d->zdone) {
			/* Another member follows. */
			if (inflateReset(&d->z) != Z_OK) {
				fail(d, "invalid gzip data");
				return -1;
			}
			d->zdone = 0;
		}
		d->z.next_out = obuf;
		d->z.avail_out = sizeof(obuf);
		r = inflate(&d->z, Z_NO_FLUSH);
		n = sizeof(obuf) - d->z.avail_out;
		if (n > 0 && (rc = stage2(d, (char *)obuf, n)) != 0)
			return rc;
		if (r == Z_STREAM_END)
			d->zdone = 1;
		else if (r == Z_BUF_ERROR)
			break;
		else if (r != Z_OK) {
			fail(d, "invalid gzip data: %s",
			    d->z.msg != NULL ? d->z.msg : "unknown error");
			return -1;
		}
	}
	return 0;
}

int
decoder_finish(struct decoder *d)
{
	int	 rc;

	if (d->failed)
		return -1;
	if (d->gz == GZ_UNDECIDED && (rc = gzstart(d)) != 0)
		return rc;
	if (d->gz == GZ_GZIP) {
		/* Drain what inflate still holds. */
		if ((rc = raw(d, "", 0)) != 0)
			return rc;
		if (!d->zdone) {
			fail(d, "truncated gzip data");
			return -1;
		}
	}
	if (d->mode == MODE_UNDECIDED && (rc = decide(d)) != 0)
		return rc;
	return convert(d, 1);
}

/* Decoded (inflated) bytes: sample them until the encoding is known. */
static int
stage2(struct decoder *d, const char *buf, size_t len)
{
	size_t	 i;
	int	 rc;

	/*
	 * UTF-8 with nothing held back is checked where it lies, not
	 * copied: only a sequence cut at its end is kept.
	 */
	if (d->mode == MODE_UTF8 && d->in.len == 0) {
		if ((rc = utf8_run(d, buf, len, 0, &i)) != 0)
			return rc;
		sbuf_put(&d->in, buf + i, len - i);
		return 0;
	}
	sbuf_put(&d->in, buf, len);
	if (d->mode == MODE_UNDECIDED) {
		if (d->in.len < SAMPLE_MAX)
			return 0;
		if ((rc = decide(d)) != 0)
			return rc;
	}
	return convert(d, 0);
}

/*
 * Whether s[0..n) decodes in enc, ignoring a sequence cut at the end.
 */
static int
trial(const char *enc, const char *s, size_t n)
{
	iconv_t	 cd;
	char	 obuf[CHUNK], *ip, *op;
	size_t	 il, ol;
	int	 ok;

	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return 0;
	ip = (char *)(uintptr_t)s;
	il = n;
	ok = 1;
	while (il > 0) {
		op = obuf;
		ol = sizeof(obuf);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			ok = errno == EINVAL && il < 8;
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

/* A 32-bit word read from memory as little-endian. */
static uint32_t
le32(uint32_t v)
{
	const unsigned char	*b = (const unsigned char *)&v;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

/* A 64-bit word read from memory as little-endian. */
static uint64_t
le64(uint64_t v)
{
	const unsigned char	*b = (const unsigned char *)&v;

	return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 |
	    (uint64_t)b[3] << 24 | (uint64_t)b[4] << 32 |
	    (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
	    (uint64_t)b[7] << 56;
}

/*
 * What utf8_valid() returns, faster on CJK text: every byte of the
 * input goes through here, so runs of ASCII are skipped eight bytes at
 * a time and three-byte sequences (U+0800 to U+FFFF, less the
 * surrogates) are checked inline; the rest goes to utf8_decode().
 */
static size_t
valid(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, k;
	uint64_t		 w;
	uint32_t		 cp, v;

	i = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			while (n - i >= 8) {
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < n && u[i] < 0x80)
				i++;
			continue;
		}
		/* Runs of three-byte sequences, the bulk of CJK text. */
		while (n - i >= 8) {
			/* Two at a time; an overlong or surrogate goes on. */
			memcpy(&w, u + i, 8);
			w = le64(w);
			if ((w & 0xc0c0f0c0c0f0ULL) != 0x8080e08080e0ULL ||
			    (w & 0xe0ff) == 0x80e0 || (w & 0xe0ff) == 0xa0ed ||
			    (w & 0xe0ff000000ULL) == 0x80e0000000ULL ||
			    (w & 0xe0ff000000ULL) == 0xa0ed000000ULL)
				break;
			i += 6;
		}
		while (n - i >= 4) {
			memcpy(&v, u + i, 4);
			v = le32(v);
			if ((v & 0xc0c0f0) != 0x8080e0)
				break;
			/* E0 80..9F is overlong, ED A0..BF a surrogate. */
			if ((v & 0xe0ff) == 0x80e0 || (v & 0xe0ff) == 0xa0ed)
				return i;
			i += 3;
		}
		if (i == n || u[i] < 0x80)
			continue;
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return i;
		i += k;
	}
	return n;
}

/*
 * The length of the longest prefix of s[0..n) that is valid UTF-8 or a
 * valid start cut at n.
 */
static size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, k, need;

	i = valid(s, n);
	if (i == n)
		return n;
	if (u[i] >= 0xc2 && u[i] <= 0xdf)
		need = 2;
	else if (u[i] >= 0xe0 && u[i] <= 0xef)
		need = 3;
	else if (u[i] >= 0xf0 && u[i] <= 0xf4)
		need = 4;
	else
		return i;
	if (n - i >= need)
		return i;
	for (k = i + 1; k < n; k++)
		if ((u[k] & 0xc0) != 0x80)
			return i;
	return n;
}

/*
 * UTF-8 with a few bad bytes, rather than another encoding: at least
 * four valid multi-byte sequences for each byte that does not decode.
 * The bad bytes are then reported, not taken for Latin-1.
 */
static int
mostly_utf8(const char *s, size_t n)
{
	size_t		 i, k, multi, bad;
	uint32_t	 cp;

	multi = bad = 0;
	for (i = 0; i < n; i += k) {
		if ((unsigned char)s[i] < 0x80) {
			k = 1;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			bad++;
		} else
			multi++;
	}
	return multi >= 4 * bad;
}

/* Pick the encoding from a byte order mark or the sample. */
static int
decide(struct decoder *d)
{
	static const char *const fallbacks[] = { "GB18030", "BIG5" };
	const unsigned char	*u = (const unsigned char *)d->in.buf;
	const char		*s = d->in.buf, *guess;
	uchardet_t		 ud;
	size_t			 n = d->in.len, i, z0, z1, pairs;
	char			 name[64];

	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return setenc(d, "UTF-8");
	if (n >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0)
		return setenc(d, "UTF-32LE");
	if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff)
		return setenc(d, "UTF-32BE");
	if (n >= 2 && u[0] == 0xff && u[1] == 0xfe)
		return setenc(d, "UTF-16LE");
	if (n >= 2 && u[0] == 0xfe && u[1] == 0xff)
		return setenc(d, "UTF-16BE");
	/*
	 * UTF-16 without a mark: Latin text is half NUL bytes (which
	 * would pass for UTF-8).
	 */
	z0 = z1 = 0;
	pairs = n / 2;
	for (i = 0; i + 1 < n; i += 2) {
		z0 += u[i] == 0;
		z1 += u[i + 1] == 0;
	}
	if (pairs >= 8 && z1 * 10 >= pairs * 4 && z0 * 20 < pairs)
		return setenc(d, "UTF-16LE");
	if (pairs >= 8 && z0 * 10 >= pairs * 4 && z1 * 20 < pairs)
		return setenc(d, "UTF-16BE");
	if (n == 0 || utf8_valid_prefix(s, n) == n || mostly_utf8(s, n))
		return setenc(d, "UTF-8");

	name[0] = '\0';
	if ((ud = uchardet_new()) != NULL) {
		if (uchardet_handle_data(ud, s, n) == 0) {
			uchardet_data_end(ud);
			guess = uchardet_get_charset(ud);
			if (guess != NULL)
				snprintf(name, sizeof(name), "%s", guess);
		}
		uchardet_delete(ud);
	}
	/* GB2312 and GBK are subsets of GB18030. */
	if (strcasecmp(name, "GB2312") == 0 || strcasecmp(name, "GBK") == 0 ||
	    strcasecmp(name, "CP936") == 0)
		snprintf(name, sizeof(name), "GB18030");
	if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "ASCII") == 0)
		return setenc(d, "UTF-8");
	if (name[0] != '\0' && trial(name, s, n))
		return setenc(d, name);
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
		if (trial(fallbacks[i], s, n))
			return setenc(d, fallbacks[i]);
	/* Nothing decodes it all: report the bad bytes in the best guess. */
	if (name[0] != '\0' && setenc(d, name) == 0)
		return 0;
	return setenc(d, "UTF-8");
}

static int
convert(struct decoder *d, int final)
{
	return d->mode == MODE_UTF8 ? conv_utf8(d, final) :
	    conv_iconv(d, final);
}

static int
emit(struct decoder *d, const char *s, size_t n)
{
	return n > 0 ? d->out(d->arg, s, n) : 0;
}

/*
 * An undecodable byte at input offset off: an error, or with lossy a
 * U+FFFD and (the first time) a warning.
 */
static int
bad(struct decoder *d, uint64_t off)
{
	char	 buf[128];

	if (!d->lossy) {
		fail(d, "invalid %s at byte %llu", d->enc,
		    (unsigned long long)off);
		return -1;
	}
	if (d->nbad++ == 0) {
		snprintf(buf, sizeof(buf),
		    "invalid %s at byte %llu, replaced by U+FFFD", d->enc,
		    (unsigned long long)off);
		d->msg(d->arg, GALLEY_WARN, buf);
	}
	return emit(d, "\xef\xbf\xbd", 3);
}

/* Pass valid UTF-8 on; keep a sequence cut at the end for later. */
static int
conv_utf8(struct decoder *d, int final)
{
	size_t	 i;
	int	 rc;

	if ((rc = utf8_run(d, d->in.buf, d->in.len, final, &i)) != 0)
		return rc;
	memmove(d->in.buf, d->in.buf + i, d->in.len - i);
	d->in.len -= i;
	return 0;
}

/*
 * Pass the valid UTF-8 of s[0..n) on, the bad bytes as bad() says;
 * *used is where a sequence cut at the end (not final) begins.
 */
static int
utf8_run(struct decoder *d, const char *s, size_t n, int final,
    size_t *used)
{
	size_t	 i, k;
	int	 rc;

	i = 0;
	while (i < n) {
		k = valid(s + i, n - i);
		if ((rc = emit(d, s + i, k)) != 0)
			return rc;
		i += k;
		if (i == n)
			break;
		if (!final && utf8_valid_prefix(s + i, n - i) == n - i)
			break;
		if ((rc = bad(d, d->off + i)) != 0)
			return rc;
		i++;
	}
	d->off += i;
	*used = i;
	return 0;
}

static int
conv_iconv(struct decoder *d, int final)
{
	char	 obuf[CHUNK], *ip, *op;
	size_t	 il, ol, r, skip;
	int	 rc, e;

	ip = d->in.buf;
	il = d->in.len;
	while (il > 0) {
		op = obuf;
		ol = sizeof(obuf);
		r = iconv(d->cd, &ip, &il, &op, &ol);
		e = errno;
		if ((rc = emit(d, obuf, (size_t)(op - obuf))) != 0)
			return rc;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && !final)
			break;
		if ((rc = bad(d, d->off + (uint64_t)(ip - d->in.buf))) != 0)
			return rc;
		skip = d->unit < il ? d->unit : il;
		ip += skip;
		il -= skip;
		iconv(d->cd, NULL, NULL, NULL, NULL);
	}
	if (final) {
		/* Flush any shift state. */
		op = obuf;
		ol = sizeof(obuf);
		iconv(d->cd, NULL, NULL, &op, &ol);
		if ((rc = emit(d, obuf, (size_t)(op - obuf))) != 0)
			return rc;
	}
	d->off += (uint64_t)(ip - d->in.buf);
	memmove(d->in.buf, ip, il);
	d->in.len = il;
	return 0;
}

/* How many bad bytes lossy decoding replaced. */
size_t
decoder_nbad(const struct decoder *d)
{
	return d->nbad;
}
