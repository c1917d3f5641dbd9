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

/* A member's bytes: head, then a range of the body spool, then tail. */
struct member {
	struct galley_epub	*e;
	int			 art;		/* an article: make head, tail */
	size_t			 idx;		/* which article */
	struct sbuf		 head;
	off_t			 off;
	size_t			 len;
	struct sbuf		 tail;
	int			 framed;	/* head and tail made */
	size_t			 pos;
	zip_error_t		 err;
};

static zip_int64_t	 member_cb(void *, void *, zip_uint64_t,
			    zip_source_cmd_t);
static int		 member_frame(struct member *);
static int		 add(struct galley_epub *, zip_t *, const char *name,
			    struct member *, int store);
static struct member	*member_new(struct galley_epub *);
static void		 member_free(struct member *);
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

static struct member *
member_new(struct galley_epub *e)
{
	struct member	*m;

	m = galley_xcalloc(1, sizeof(*m));
	m->e = e;
	sbuf_init(&m->head);
	sbuf_init(&m->tail);
	zip_error_init(&m->err);
	return m;
}

static void
member_free(struct member *m)
{
	if (m == NULL)
		return;
	sbuf_free(&m->head);
	sbuf_free(&m->tail);
	zip_error_fini(&m->err);
	free(m);
}

static int
member_frame(struct member *m)
{
	if (!m->art || m->framed)
		return 0;
	if (epub_art_frame(m->e, m->idx, &m->head, &m->tail) < 0)
		return -1;
	m->framed = 1;
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
	zip_stat_t	*st;
	size_t		 n, got, want, at;
	char		*out = data;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (member_frame(m) < 0) {
			zip_error_set(&m->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		m->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		got = 0;
		while (got < len) {
			want = len - got;
			at = m->pos;
			if (at < m->head.len) {
				n = m->head.len - at;
				n = n < want ? n : want;
				memcpy(out + got, m->head.buf + at, n);
			} else if ((at -= m->head.len) < m->len) {
				n = m->len - at;
				n = n < want ? n : want;
				if (spool_read(&m->e->body, m->off +
				    (off_t)at, out + got, n) < 0) {
					zip_error_set(&m->err, ZIP_ER_READ,
					    errno);
					return -1;
				}
			} else if ((at -= m->len) < m->tail.len) {
				n = m->tail.len - at;
				n = n < want ? n : want;
				memcpy(out + got, m->tail.buf + at, n);
			} else
				break;
			got += n;
			m->pos += n;
		}
		return (zip_int64_t)got;
	case ZIP_SOURCE_CLOSE:
		/* An article's frame is made again if it is ever reopened. */
		if (m->art) {
			sbuf_free(&m->head);
			sbuf_free(&m->tail);
			m->framed = 0;
		}
		return 0;
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st)) {
			zip_error_set(&m->err, ZIP_ER_INVAL, 0);
			return -1;
		}
		if (member_frame(m) < 0) {
			zip_error_set(&m->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		st = data;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE;
		st->size = m->head.len + m->len + m->tail.len;
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&m->err, data, len);
	case ZIP_SOURCE_FREE:
		member_free(m);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_READABLE;
	default:
		zip_error_set(&m->err, ZIP_ER_OPNOTSUPP, 0);
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
 * Add m as member name; takes m over whatever happens.  Returns -1
 * (reported) on failure.
 */
static int
add(struct galley_epub *e, zip_t *za, const char *name, struct member *m,
    int store)
{
	zip_source_t	*src;
	zip_int64_t	 i;
	zip_uint16_t	 dt, dd;
	zip_error_t	 err;

	zip_error_init(&err);
	if ((src = zip_source_function(za, member_cb, m)) == NULL) {
		member_free(m);
		epub_oerror(e, "%s: %s", name, zip_strerror(za));
		zip_error_fini(&err);
		return -1;
	}
	if ((i = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		epub_oerror(e, "%s: %s", name, zip_strerror(za));
		zip_error_fini(&err);
		return -1;
	}
	dostime(e->mtime, &dt, &dd);
	if (zip_set_file_compression(za, (zip_uint64_t)i,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0 ||
	    zip_file_set_dostime(za, (zip_uint64_t)i, dt, dd, 0) < 0) {
		epub_oerror(e, "%s: %s", name, zip_strerror(za));
		zip_error_fini(&err);
		return -1;
	}
	zip_error_fini(&err);
	return 0;
}

/* Add bytes held in memory (copied). */
static int
add_mem(struct galley_epub *e, zip_t *za, const char *name, const char *p,
    size_t n, int store)
{
	struct member	*m;

	m = member_new(e);
	sbuf_put(&m->head, p, n);
	return add(e, za, name, m, store);
}

/* Add a range of the body spool. */
static int
add_range(struct galley_epub *e, zip_t *za, const char *name, off_t off,
    size_t len)
{
	struct member	*m;

	m = member_new(e);
	m->off = off;
	m->len = len;
	return add(e, za, name, m, 0);
}

/*
 * Write the whole container to e->tmp with libzip, then rename it to
 * e->path.  On failure the temporary file is left for galley_epub_free
 * to remove, and nothing is at e->path.
 */
int
epub_zip(struct galley_epub *e)
{
	zip_t		*za = NULL;
	struct sbuf	 b;
	char		 name[64], *s;
	size_t		 len, i;
	mode_t		 mask;
	int		 zerr, rc = -1;
	const char	*imgext = NULL;
	struct spool	*sp = &e->body;
	/* The documents made now go to the end of the body spool. */
	off_t		 opf_off, nav_off, ncx_off, css_off;
	size_t		 opf_len, nav_len, ncx_len, css_len;

	sbuf_init(&b);

	if (epub_write_opf(e, &opf_off, &opf_len) < 0 ||
	    epub_write_nav(e, &nav_off, &nav_len) < 0 ||
	    epub_write_ncx(e, &ncx_off, &ncx_len) < 0)
		goto out;
	sbuf_puts(&b, epub_default_css);
	if (e->opts.vertical)
		sbuf_puts(&b, epub_vertical_css);
	if (spool_write(sp, b.buf, b.len, &css_off) < 0) {
		epub_oerror(e, "temporary file: %s", strerror(errno));
		goto out;
	}
	css_len = b.len;
	if (fflush(sp->fp) == EOF) {
		epub_oerror(e, "temporary file: %s", strerror(errno));
		goto out;
	}

	if ((za = zip_open(e->tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr)) ==
	    NULL) {
		zip_error_t	 ze;

		zip_error_init_with_code(&ze, zerr);
		epub_oerror(e, "%s: %s", e->tmp, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto out;
	}
	if (add_mem(e, za, "mimetype", "application/epub+zip", 20, 1) < 0)
		goto out;
	s = epub_container_xml(&len);
	rc = add_mem(e, za, "META-INF/container.xml", s, len, 0);
	free(s);
	if (rc < 0)
		goto out;
	rc = -1;
	if (add_range(e, za, EPUB_OPF, opf_off, opf_len) < 0 ||
	    add_range(e, za, EPUB_DIR EPUB_NAV, nav_off, nav_len) < 0 ||
	    add_range(e, za, EPUB_DIR EPUB_NCX, ncx_off, ncx_len) < 0 ||
	    add_range(e, za, EPUB_DIR EPUB_CSS, css_off, css_len) < 0)
		goto out;
	if (e->usercss_len > 0 && add_range(e, za, EPUB_DIR EPUB_USERCSS,
	    e->usercss_off, e->usercss_len) < 0)
		goto out;
	if (e->cover_len > 0) {
		imgext = strcmp(e->cover_type, "image/png") == 0 ? "png" :
		    "jpg";
		snprintf(name, sizeof(name), EPUB_DIR "images/cover.%s",
		    imgext);
		if (add_range(e, za, name, e->cover_off, e->cover_len) < 0)
			goto out;
		snprintf(name, sizeof(name), "images/cover.%s", imgext);
		s = epub_cover_xhtml(e, name, &len);
		if (s == NULL)
			goto out;
		rc = add_mem(e, za, EPUB_DIR EPUB_COVER, s, len, 0);
		free(s);
		if (rc < 0)
			goto out;
		rc = -1;
	}
	for (i = 0; i < e->narts; i++) {
		struct member	*m;
		char		 an[32];

		epub_artname(an, sizeof(an), i);
		snprintf(name, sizeof(name), EPUB_DIR "%s", an);
		m = member_new(e);
		m->art = 1;
		m->idx = i;
		m->off = e->arts[i].body_off;
		m->len = e->arts[i].body_len;
		if (add(e, za, name, m, 0) < 0)
			goto out;
	}
	if (zip_close(za) < 0) {
		epub_oerror(e, "%s: %s", e->tmp, zip_strerror(za));
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
	sbuf_free(&b);
	return rc;
}
