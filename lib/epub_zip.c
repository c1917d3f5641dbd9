/*
 * epub_zip.c: the spool files and the OCF container of the EPUB writer
 * (EPUB 3.3, section 4: "Open Container Format").
 *
 * The spools are anonymous files (unlinked as soon as made) in the
 * output's directory, so they vanish whatever happens to the process.
 * Every member of the container is read by libzip through one source
 * callback, at zip_close, from memory or from a range of a spool; an
 * article's document is its head and tail, made then, around its <body>
 * in the spool.  So the book never sits in memory.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "epub.h"

/*
 * The members, all read from the body spool; an article's bytes are its
 * head, its <body> in the spool, and its tail.  libzip reads one member
 * at a time, so one frame buffer, one position and one error serve all;
 * the members sit in one array, so that a book of many articles costs
 * little memory beyond libzip's own entries.
 */
struct zipctx;

struct member {
	struct zipctx	*z;
	size_t		 art;		/* article index + 1; 0: not one */
	off_t		 off;
	size_t		 len;
};

struct zipctx {
	struct galley_epub	*e;
	struct member		*m;
	size_t			 nm;
	size_t			 cap;
	struct sbuf		 head;
	struct sbuf		 tail;
	size_t			 framed;	/* whose frame: art, 0 none */
	size_t			 pos;
	zip_error_t		 err;
};

static zip_int64_t	 member_cb(void *, void *, zip_uint64_t,
			    zip_source_cmd_t);
static int		 member_frame(struct member *);
static int		 add(struct zipctx *, zip_t *, const char *name,
			    size_t art, off_t off, size_t len, int store);
static void		 dostime(time_t, zip_uint16_t *, zip_uint16_t *);

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

/* Make the frame of the member's article, unless made already. */
static int
member_frame(struct member *m)
{
	struct zipctx	*z = m->z;

	if (m->art == 0) {
		sbuf_reset(&z->head);
		sbuf_reset(&z->tail);
		z->framed = 0;
		return 0;
	}
	if (z->framed == m->art)
		return 0;
	z->framed = 0;
	if (epub_art_frame(z->e, m->art - 1, &z->head, &z->tail) < 0)
		return -1;
	z->framed = m->art;
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
		if (member_frame(m) < 0) {
			zip_error_set(&z->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		z->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
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
		if (member_frame(m) < 0) {
			zip_error_set(&z->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		st = data;
		zip_stat_init(st);
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
 * article art - 1 when art is not 0.  Returns -1 (reported) on failure.
 */
static int
add(struct zipctx *z, zip_t *za, const char *name, size_t art, off_t off,
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
	m->z = z;
	m->art = art;
	m->off = off;
	m->len = len;
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
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0 ||
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
	z.cap = e->narts + 16;
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
	for (i = 0; i < e->narts; i++) {
		memcpy(name, EPUB_DIR, sizeof(EPUB_DIR) - 1);
		epub_artname(name + sizeof(EPUB_DIR) - 1,
		    sizeof(name) - sizeof(EPUB_DIR) + 1, i);
		if (add(&z, za, name, i + 1, e->arts[i].body_off,
		    e->arts[i].body_len, 0) < 0)
			goto out;
	}
	if (fflush(e->body.fp) == EOF) {
		epub_oerror(e, "temporary file: %s", strerror(errno));
		goto out;
	}
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
	return rc;
}
