/*
 * epub_zip.c: the spool files and the OCF container of the EPUB writer
 * (EPUB 3.3, section 4: "Open Container Format").
 *
 * The spools are anonymous files (unlinked as soon as made) in the
 * output's directory, so they vanish whatever happens to the process.
 * Every member of the container is read by libzip through one source
 * callback, at zip_close, from a range of the body spool; a content
 * document is its head and tail, made then, around its <body> in the
 * spool.  So the book never sits in memory.  Just before zip_close,
 * worker threads deflate the members of up to a megabyte (see pack()),
 * and libzip takes those as they are.
 *
 * Reproducible: members are added in a fixed order, and every member's
 * time is set in DOS form from the UTC broken-down time (zip_file_set_
 * mtime would use the local time zone).  The mimetype member comes
 * first, stored, without extra fields (EPUB 3.3, 4.2.6.3).
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>
#include <zlib.h>

#include "epub.h"

/*
 * Deflate level, measured (BENCHMARKS.md, "Deflate: level and member
 * size"): level 9 buys 2% of size over level 3 for half again the time.
 * The default memory level is ample for members of 64 KB (articles
 * grouped into documents) and keeps deflateReset from clearing a 128 KB
 * hash for each.
 */
#define DEFLATE_LEVEL		3
#define DEFLATE_MEMLEVEL	8

/*
 * The members, all read from the body spool; a content document's bytes
 * are its head, its <body> in the spool, and its tail.  libzip reads one member
 * at a time, so one frame buffer, one position and one error serve all;
 * the members sit in one array, so that a book of many articles costs
 * little memory beyond libzip's own entries.
 */
struct zipctx;

struct member {
	struct zipctx	*z;
	size_t		 doc;		/* document index + 1; 0: not one */
	off_t		 off;		/* in the body spool, or the packs */
	size_t		 len;
	uint32_t	 ulen;		/* packed: the uncompressed size */
	uint32_t	 crc;		/* packed: of the uncompressed bytes */
	unsigned char	 store;		/* not compressed */
	unsigned char	 packed;	/* deflated already, in z->packs */
};

struct zipctx {
	struct galley_epub	*e;
	struct member		*m;
	size_t			 nm;
	size_t			 cap;
	struct sbuf		 head;
	struct sbuf		 tail;
	size_t			 framed;	/* whose frame: doc, 0 none */
	size_t			 pos;
	zip_error_t		 err;
	struct spool		 packs;		/* deflated members */
};

static zip_int64_t	 member_cb(void *, void *, zip_uint64_t,
			    zip_source_cmd_t);
static int		 member_frame(struct member *);
static int		 add(struct zipctx *, zip_t *, const char *name,
			    size_t doc, off_t off, size_t len, int store);
static void		 dostime(time_t, zip_uint16_t *, zip_uint16_t *);
static int		 add_new(struct zipctx *, zip_t *, const char *,
			    const char *, size_t, int);
static int		 spool_xmlwrite(void *, const char *, int);
static int		 spool_xmlclose(void *);
static int		 pack(struct zipctx *);

int
spool_open(struct spool *s, const char *dir)
{
	char	*tmp;
	size_t	 n;
	int	 fd, e;

	n = strlen(dir) + 32;
	tmp = galley_xmalloc(n);
	snprintf(tmp, n, "%s.galley-spool.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return -1;
	}
	unlink(tmp);
	free(tmp);
	if ((s->fp = fdopen(fd, "w+b")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	s->len = 0;
	return 0;
}

void
spool_close(struct spool *s)
{
	if (s->fp != NULL)
		fclose(s->fp);
	s->fp = NULL;
}

int
spool_write(struct spool *s, const void *p, size_t n, off_t *off)
{
	if (off != NULL)
		*off = s->len;
	if (n > 0 && fwrite(p, 1, n, s->fp) != n) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	s->len += (off_t)n;
	return 0;
}

/* Read exactly n bytes at off; the spool must have been flushed. */
int
spool_read(struct spool *s, off_t off, void *p, size_t n)
{
	ssize_t	 r;
	char	*q = p;

	while (n > 0) {
		if ((r = pread(fileno(s->fp), q, n, off)) <= 0) {
			if (r == 0)
				errno = EIO;
			else if (errno == EINTR)
				continue;
			return -1;
		}
		q += r;
		n -= (size_t)r;
		off += r;
	}
	return 0;
}

static int
spool_xmlwrite(void *ctx, const char *buf, int len)
{
	if (len < 0 || spool_write(ctx, buf, (size_t)len, NULL) < 0)
		return -1;
	return len;
}

static int
spool_xmlclose(void *ctx)
{
	(void)ctx;
	return 0;
}

xmlTextWriterPtr
spool_writer(struct spool *s)
{
	xmlOutputBufferPtr	 out;
	xmlTextWriterPtr	 w;

	if ((out = xmlOutputBufferCreateIO(spool_xmlwrite, spool_xmlclose,
	    s, NULL)) == NULL)
		return NULL;
	if ((w = xmlNewTextWriter(out)) == NULL) {
		xmlOutputBufferClose(out);
		return NULL;
	}
	return w;
}

int
spool_copy_raw(struct spool *s, off_t off, off_t len, xmlTextWriterPtr w)
{
	char	 buf[65536];
	size_t	 n;

	if (fflush(s->fp) == EOF)
		return -1;
	while (len > 0) {
		n = len > (off_t)sizeof(buf) ? sizeof(buf) : (size_t)len;
		if (spool_read(s, off, buf, n) < 0 ||
		    xmlTextWriterWriteRawLen(w, (const xmlChar *)buf,
		    (int)n) < 0)
			return -1;
		off += (off_t)n;
		len -= (off_t)n;
	}
	return 0;
}

/* Make the frame of the member's document, unless made already. */
static int
member_frame(struct member *m)
{
	struct zipctx	*z = m->z;

	if (m->doc == 0) {
		sbuf_reset(&z->head);
		sbuf_reset(&z->tail);
		z->framed = 0;
		return 0;
	}
	if (z->framed == m->doc)
		return 0;
	z->framed = 0;
	if (epub_doc_frame(z->e, m->doc - 1, &z->head, &z->tail) < 0)
		return -1;
	z->framed = m->doc;
	return 0;
}

/*
 * The libzip source callback (zip_source_function(3)): a read-only
 * source of known size.
 */
static zip_int64_t
member_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct member	*m = ud;
	struct zipctx	*z = m->z;
	zip_stat_t	*st;
	size_t		 n, got, want, at;
	char		*out = data;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (m->packed) {
			z->pos = 0;
			return 0;
		}
		if (member_frame(m) < 0) {
			zip_error_set(&z->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		z->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (m->packed) {
			n = m->len - z->pos < len ? m->len - z->pos : len;
			if (n > 0 && spool_read(&z->packs, m->off +
			    (off_t)z->pos, out, n) < 0) {
				zip_error_set(&z->err, ZIP_ER_READ, errno);
				return -1;
			}
			z->pos += n;
			return (zip_int64_t)n;
		}
		got = 0;
		while (got < len) {
			want = len - got;
			at = z->pos;
			if (at < z->head.len) {
				n = z->head.len - at;
				n = n < want ? n : want;
				memcpy(out + got, z->head.buf + at, n);
			} else if ((at -= z->head.len) < m->len) {
				n = m->len - at;
				n = n < want ? n : want;
				if (spool_read(&z->e->body, m->off +
				    (off_t)at, out + got, n) < 0) {
					zip_error_set(&z->err, ZIP_ER_READ,
					    errno);
					return -1;
				}
			} else if ((at -= m->len) < z->tail.len) {
				n = z->tail.len - at;
				n = n < want ? n : want;
				memcpy(out + got, z->tail.buf + at, n);
			} else
				break;
			got += n;
			z->pos += n;
		}
		return (zip_int64_t)got;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st)) {
			zip_error_set(&z->err, ZIP_ER_INVAL, 0);
			return -1;
		}
		st = data;
		zip_stat_init(st);
		if (m->packed) {
			/* libzip copies data of a known method as it is. */
			st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
			    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
			st->size = m->ulen;
			st->comp_size = m->len;
			st->comp_method = ZIP_CM_DEFLATE;
			st->crc = m->crc;
			return sizeof(*st);
		}
		if (member_frame(m) < 0) {
			zip_error_set(&z->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		st->valid = ZIP_STAT_SIZE;
		st->size = z->head.len + m->len + z->tail.len;
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&z->err, data, len);
	case ZIP_SOURCE_FREE:
		/* The members belong to the array in struct zipctx. */
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_READABLE;
	default:
		zip_error_set(&z->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* A time as MS-DOS date and time, from UTC, clamped to 1980-2107. */
static void
dostime(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm	 tm;

	if (t < 315532800)
		t = 315532800;		/* 1980-01-01T00:00:00Z */
	if (t > 4354819198LL)
		t = 4354819198LL;	/* 2107-12-31T23:59:58Z */
	gmtime_r(&t, &tm);
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	    (tm.tm_sec >> 1));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) |
	    ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/*
 * Add member name: bytes off..off+len of the body spool, framed as
 * document doc - 1 when doc is not 0.  Returns -1 (reported) on failure.
 */
static int
add(struct zipctx *z, zip_t *za, const char *name, size_t doc, off_t off,
    size_t len, int store)
{
	struct galley_epub	*e = z->e;
	struct member		*m;
	zip_source_t		*src;
	zip_int64_t		 i;
	zip_uint16_t		 dt, dd;

	if (z->nm == z->cap) {
		/* zip sources point into the array: it must never move. */
		epub_oerror(e, "%s: too many members", name);
		return -1;
	}
	m = &z->m[z->nm++];
	memset(m, 0, sizeof(*m));
	m->z = z;
	m->doc = doc;
	m->off = off;
	m->len = len;
	m->store = store;
	if ((src = zip_source_function(za, member_cb, m)) == NULL) {
		epub_oerror(e, "%s: %s", name, zip_strerror(za));
		return -1;
	}
	if ((i = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		epub_oerror(e, "%s: %s", name, zip_strerror(za));
		return -1;
	}
	dostime(e->mtime, &dt, &dd);
	if (zip_set_file_compression(za, (zip_uint64_t)i,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, DEFLATE_LEVEL) < 0 ||
	    zip_file_set_dostime(za, (zip_uint64_t)i, dt, dd, 0) < 0) {
		epub_oerror(e, "%s: %s", name, zip_strerror(za));
		return -1;
	}
	return 0;
}

/* Put bytes made now at the end of the body spool, and add them. */
static int
add_new(struct zipctx *z, zip_t *za, const char *name, const char *p,
    size_t n, int store)
{
	off_t	 off;

	if (spool_write(&z->e->body, p, n, &off) < 0) {
		epub_oerror(z->e, "temporary file: %s", strerror(errno));
		return -1;
	}
	return add(z, za, name, 0, off, n, store);
}

/*
 * Deflating in parallel.  libzip deflates each member at zip_close, one
 * after the other, and deflate is most of galley-epub's time.  So before
 * that, worker threads deflate the members of up to PACK_MAX bytes (raw
 * deflate, as libzip does, so the bytes are the same) into the packs
 * spool, and the members report themselves as deflated already: libzip
 * copies them as they are.  The main thread makes each member's bytes
 * (libxml2 and the frame buffers are not shared with the workers) and
 * hands them over through a few job buffers, so memory stays bounded by
 * the largest member packed.  Larger members (the nav and NCX of a big
 * book) are left to libzip, which streams them.
 */
#define PACK_MAX	(1024 * 1024)
#define PACK_THREADS	8

struct job {
	struct member	*m;
	struct sbuf	 in;
	unsigned char	*out;
	size_t		 outcap;
	struct job	*next;
};

struct packer {
	struct zipctx	*z;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;		/* a job to do, or done */
	pthread_cond_t	 idle;		/* a job buffer free */
	struct job	*todo;		/* a stack: order does not matter */
	struct job	*free;
	int		 done;
	int		 failed;
	int		 err;		/* errno of the failure */
};

static int	 pack_one(struct job *, size_t *, uint32_t *);
static void	*pack_worker(void *);
static int	 pack_fill(struct zipctx *, struct member *, struct sbuf *);

/* Deflate one job's bytes; -1 on a zlib failure. */
static int
pack_one(struct job *j, size_t *outlen, uint32_t *crc)
{
	z_stream	 zs;
	uLong		 bound;
	int		 rc;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, DEFLATE_LEVEL, Z_DEFLATED, -MAX_WBITS,
	    DEFLATE_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&zs, (uLong)j->in.len);
	if (bound > j->outcap) {
		j->out = galley_xrealloc(j->out, bound);
		j->outcap = bound;
	}
	zs.next_in = (Bytef *)j->in.buf;
	zs.avail_in = (uInt)j->in.len;
	zs.next_out = j->out;
	zs.avail_out = (uInt)j->outcap;
	rc = deflate(&zs, Z_FINISH);
	*outlen = j->outcap - zs.avail_out;
	deflateEnd(&zs);
	if (rc != Z_STREAM_END)
		return -1;
	*crc = (uint32_t)crc32(0, (const Bytef *)j->in.buf,
	    (uInt)j->in.len);
	return 0;
}

static void *
pack_worker(void *arg)
{
	struct packer	*p = arg;
	struct job	*j;
	size_t		 outlen;
	uint32_t	 crc;
	off_t		 off;
	int		 ok;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->todo == NULL && !p->done)
			pthread_cond_wait(&p->work, &p->mu);
		if ((j = p->todo) == NULL) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		p->todo = j->next;
		pthread_mutex_unlock(&p->mu);

		ok = pack_one(j, &outlen, &crc) == 0;

		pthread_mutex_lock(&p->mu);
		if (!ok) {
			p->failed = 1;
			p->err = EINVAL;
		} else if (!p->failed) {
			if (spool_write(&p->z->packs, j->out, outlen,
			    &off) < 0) {
				p->failed = 1;
				p->err = errno;
			} else {
				/* Now the member is its deflated bytes. */
				j->m->off = off;
				j->m->len = outlen;
				j->m->ulen = (uint32_t)j->in.len;
				j->m->crc = crc;
				j->m->packed = 1;
			}
		}
		j->next = p->free;
		p->free = j;
		pthread_cond_signal(&p->idle);
		pthread_mutex_unlock(&p->mu);
	}
}

/* A member's uncompressed bytes into b; -1 on failure. */
static int
pack_fill(struct zipctx *z, struct member *m, struct sbuf *b)
{
	sbuf_reset(b);
	if (member_frame(m) < 0)
		return -1;
	sbuf_put(b, z->head.buf, z->head.len);
	sbuf_grow(b, m->len);
	if (m->len > 0 && spool_read(&z->e->body, m->off, b->buf + b->len,
	    m->len) < 0)
		return -1;
	b->len += m->len;
	sbuf_put(b, z->tail.buf, z->tail.len);
	return 0;
}

/*
 * Deflate the members of up to PACK_MAX bytes, in parallel.  Returns -1
 * (reported) on failure.
 */
static int
pack(struct zipctx *z)
{
	struct packer	 p;
	struct job	*jobs = NULL, *j;
	pthread_t	 th[PACK_THREADS];
	long		 ncpu;
	size_t		 i, nth, started = 0;
	int		 rc = 0;

	/*
	 * Even with one processor, so that the bytes never depend on the
	 * machine: libzip's deflate might not be quite the same as ours.
	 */
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	nth = ncpu > PACK_THREADS ? PACK_THREADS : ncpu < 1 ? 1 :
	    (size_t)ncpu;
	memset(&p, 0, sizeof(p));
	p.z = z;
	/* e->tmp names a file in the output's folder: make it beside. */
	if (spool_open(&z->packs, z->e->tmp) < 0) {
		epub_oerror(z->e, "temporary file: %s", strerror(errno));
		return -1;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.idle, NULL);
	/* Two jobs a thread: one being deflated, one being made. */
	jobs = galley_xcalloc(2 * nth, sizeof(*jobs));
	for (i = 0; i < 2 * nth; i++) {
		sbuf_init(&jobs[i].in);
		jobs[i].next = p.free;
		p.free = &jobs[i];
	}
	for (started = 0; started < nth; started++)
		if (pthread_create(&th[started], NULL, pack_worker, &p) != 0)
			break;
	for (i = 0; i < z->nm && started > 0; i++) {
		struct member	*m = &z->m[i];

		if (m->store || m->len > PACK_MAX)
			continue;
		pthread_mutex_lock(&p.mu);
		while (p.free == NULL)
			pthread_cond_wait(&p.idle, &p.mu);
		j = p.free;
		p.free = j->next;
		rc = p.failed ? -1 : 0;
		pthread_mutex_unlock(&p.mu);
		if (rc == 0 && pack_fill(z, m, &j->in) < 0) {
			p.err = errno;
			rc = -1;
		}
		pthread_mutex_lock(&p.mu);
		if (rc == 0 && j->in.len <= PACK_MAX) {
			j->m = m;
			j->next = p.todo;
			p.todo = j;
			pthread_cond_signal(&p.work);
		} else {
			j->next = p.free;
			p.free = j;
		}
		if (rc < 0)
			p.failed = 1;
		pthread_mutex_unlock(&p.mu);
		if (rc < 0)
			break;
	}
	pthread_mutex_lock(&p.mu);
	p.done = 1;
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.mu);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (p.failed) {
		epub_oerror(z->e, "temporary file: %s",
		    strerror(p.err != 0 ? p.err : EIO));
		rc = -1;
	} else if (fflush(z->packs.fp) == EOF) {
		epub_oerror(z->e, "temporary file: %s", strerror(errno));
		rc = -1;
	}
	for (i = 0; i < 2 * nth; i++) {
		sbuf_free(&jobs[i].in);
		free(jobs[i].out);
	}
	free(jobs);
	pthread_cond_destroy(&p.idle);
	pthread_cond_destroy(&p.work);
	pthread_mutex_destroy(&p.mu);
	/* The frame buffers now hold the last member packed. */
	z->framed = 0;
	return rc;
}

/*
 * Write the whole container to e->tmp with libzip, then rename it to
 * e->path.  On failure the temporary file is left for galley_epub_free
 * to remove, and nothing is at e->path.
 */
int
epub_zip(struct galley_epub *e)
{
	struct zipctx	 z;
	zip_t		*za = NULL;
	char		 name[64], img[32], *s = NULL;
	size_t		 len, i;
	mode_t		 mask;
	int		 zerr, fd, rc = -1;
	off_t		 off;

	memset(&z, 0, sizeof(z));
	z.e = e;
	z.cap = e->ndocs + 16;
	z.m = galley_xreallocarray(NULL, z.cap, sizeof(*z.m));
	sbuf_init(&z.head);
	sbuf_init(&z.tail);
	zip_error_init(&z.err);

	if ((fd = mkstemp(e->tmp)) == -1) {
		epub_oerror(e, "cannot create a temporary file beside it: %s",
		    strerror(errno));
		goto out;
	}
	close(fd);
	e->tmpmade = 1;
	if ((za = zip_open(e->tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr)) ==
	    NULL) {
		zip_error_t	 ze;

		zip_error_init_with_code(&ze, zerr);
		epub_oerror(e, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto out;
	}
	if (add_new(&z, za, "mimetype", "application/epub+zip", 20, 1) < 0)
		goto out;
	if ((s = epub_container_xml(&len)) == NULL) {
		epub_oerror(e, "cannot make META-INF/container.xml");
		goto out;
	}
	if (add_new(&z, za, "META-INF/container.xml", s, len, 0) < 0)
		goto out;
	free(s);
	s = NULL;
	/* The documents made now go to the end of the body spool. */
	if (epub_write_opf(e, &off, &len) < 0 ||
	    add(&z, za, EPUB_OPF, 0, off, len, 0) < 0 ||
	    epub_write_nav(e, &off, &len) < 0 ||
	    add(&z, za, EPUB_DIR EPUB_NAV, 0, off, len, 0) < 0 ||
	    epub_write_ncx(e, &off, &len) < 0 ||
	    add(&z, za, EPUB_DIR EPUB_NCX, 0, off, len, 0) < 0)
		goto out;
	off = e->body.len;
	if (spool_write(&e->body, epub_default_css,
	    strlen(epub_default_css), NULL) < 0 || (e->opts.vertical &&
	    spool_write(&e->body, epub_vertical_css,
	    strlen(epub_vertical_css), NULL) < 0)) {
		epub_oerror(e, "temporary file: %s", strerror(errno));
		goto out;
	}
	if (add(&z, za, EPUB_DIR EPUB_CSS, 0, off,
	    (size_t)(e->body.len - off), 0) < 0)
		goto out;
	if (e->usercss_len > 0 && add(&z, za, EPUB_DIR EPUB_USERCSS, 0,
	    e->usercss_off, e->usercss_len, 0) < 0)
		goto out;
	if (e->cover_len > 0) {
		snprintf(img, sizeof(img), "images/cover.%s",
		    strcmp(e->cover_type, "image/png") == 0 ? "png" : "jpg");
		snprintf(name, sizeof(name), EPUB_DIR "%s", img);
		if (add(&z, za, name, 0, e->cover_off, e->cover_len, 0) < 0)
			goto out;
		if ((s = epub_cover_xhtml(e, img, &len)) == NULL ||
		    add_new(&z, za, EPUB_DIR EPUB_COVER, s, len, 0) < 0)
			goto out;
		free(s);
		s = NULL;
	}
	for (i = 0; i < e->ndocs; i++) {
		memcpy(name, EPUB_DIR, sizeof(EPUB_DIR) - 1);
		epub_docname(name + sizeof(EPUB_DIR) - 1,
		    sizeof(name) - sizeof(EPUB_DIR) + 1, i);
		if (add(&z, za, name, i + 1, e->docs[i].body_off,
		    e->docs[i].body_len, 0) < 0)
			goto out;
	}
	if (fflush(e->body.fp) == EOF) {
		epub_oerror(e, "temporary file: %s", strerror(errno));
		goto out;
	}
	if (pack(&z) < 0)
		goto out;
	if (zip_close(za) < 0) {
		epub_oerror(e, "%s", zip_strerror(za));
		goto out;
	}
	za = NULL;
	/* libzip made the file 0600 like its temporary; use the umask. */
	mask = umask(0);
	umask(mask);
	if (chmod(e->tmp, 0666 & ~mask) == -1 ||
	    rename(e->tmp, e->path) == -1) {
		epub_oerror(e, "%s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (za != NULL)
		zip_discard(za);
	free(s);
	free(z.m);
	sbuf_free(&z.head);
	sbuf_free(&z.tail);
	zip_error_fini(&z.err);
	spool_close(&z.packs);
	return rc;
}
