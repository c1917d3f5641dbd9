/*
 * split_page.c: page furniture in galley-split (see galley-split(1),
 * "Page furniture").  Lines pass through a look-ahead window of at most
 * WIN_LINES lines (and WIN_BYTES bytes); a short line leaving it is
 * furniture, and is dropped with an explanation, when the same shape
 * (digits and Chinese numerals as '#', white space as one space) comes
 * back at least twice more, each time at least GAP lines on, and the
 * line holds a digit or stands at a page edge (next to a form feed):
 * running heads and feet with their dates and page numbers, such as
 * "中国城市报 2021年8月30日 星期一" or "Debian 参考手册 73 / 223".
 * A shape once found stays known for HIST_SPAN lines, so the last
 * pages of a run are caught too.  A bare page number ("12", "- 12 -",
 * "第 3 版") at a page edge goes even alone.  No word list is used.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "split.h"

#define WIN_LINES	2048
#define WIN_BYTES	(8 * 1024 * 1024)
#define SHAPE_MAX	64	/* code points: longer lines never repeat */
#define GAP		8	/* lines between two pages' furniture */
#define HIST_GAP	4	/* a known shape this close is no furniture */
#define HIST_SPAN	(4 * WIN_LINES)
#define HIST_MAX	32
#define PAGE_SKIP	2	/* form feeds between two pages' furniture */
#define NSLOT		4096	/* > 2 * WIN_LINES, a power of 2 */
#define TEXT_KEEP	1024	/* a line buffer up to this size is kept */

#define L_EDGE		0x02	/* first or last line of a page */
#define L_DIGIT		0x04	/* the line holds a digit */
#define L_BEFORE	0x08	/* a blank line or a page edge before */
#define L_AFTER		0x10	/* a blank line or a page edge after */
#define L_ALONE		(L_BEFORE | L_AFTER)

struct wline {
	char		*text;
	size_t		 len;
	size_t		 line;
	int		 flags;		/* PAGE_BREAK, L_EDGE, L_DIGIT */
	char		*shape;		/* NULL: not a candidate */
	uint32_t	 hash;
	uint64_t	 next;		/* seq of the next same shape, or 0 */
	size_t		 page;		/* form feeds before it */
	size_t		 cap;		/* of text, kept for the next line */
};

/*
 * The last line of each shape in the window: an open-addressed table
 * (linear probing) at most half full; seq 0 is an empty slot.
 */
struct slot {
	uint64_t	 seq;
	uint32_t	 hash;		/* the shape's */
};

struct hist {
	char		*shape;
	uint32_t	 hash;		/* hashstr(shape) */
	uint64_t	 seq;		/* last seen */
	size_t		 page;		/* on this page */
};

struct page {
	const char			*name;
	const struct galley_report	*rep;
	page_line_fn			 fn;
	void				*arg;
	struct wline			 win[WIN_LINES];
	uint64_t			 head;	/* seq of win's oldest line */
	uint64_t			 tail;	/* seq after the newest */
	size_t				 bytes;
	struct slot			 slot[NSLOT];
	struct hist			 hist[HIST_MAX];
	int				 pending;	/* next line's flags */
	int				 blank;		/* last line blank */
	size_t				 pages;		/* form feeds seen */
	int				 broke;	/* a break to pass on */
};

static struct wline *at(struct page *, uint64_t seq);
static char	*shape(const char *, size_t, int *digit, char *);
static void	 wclear(struct wline *);
static int	 maybe_numeral3(const unsigned char *);
static uint32_t	 hashstr(const char *);
static int	 pagenum_shape(const char *);
static int	 furniture(struct page *, struct wline *, uint64_t seq,
		    const char **why);
static int	 pop(struct page *);
static void	 slot_forget(struct page *, uint32_t, uint64_t);
static int	 ends_cjk_sentence(const char *);

struct page *
page_new(const char *name, const struct galley_report *rep,
    page_line_fn fn, void *arg)
{
	struct page	*p;

	p = galley_xcalloc(1, sizeof(*p));
	p->name = name;
	p->rep = rep;
	p->fn = fn;
	p->arg = arg;
	p->head = p->tail = 1;
	p->blank = 1;
	/* The start of the input is the edge of its first page. */
	p->pending = L_EDGE;
	return p;
}

void
page_free(struct page *p)
{
	size_t		 i;

	if (p == NULL)
		return;
	for (i = 0; i < WIN_LINES; i++)
		free(p->win[i].text);
	for (i = 0; i < HIST_MAX; i++)
		free(p->hist[i].shape);
	free(p);
}

static struct wline *
at(struct page *p, uint64_t seq)
{
	return &p->win[seq % WIN_LINES];
}

/* Empty the slot w, but for its text buffer. */
static void
wclear(struct wline *w)
{
	char	*text = w->text;
	size_t	 cap = w->cap;

	memset(w, 0, sizeof(*w));
	w->text = text;
	w->cap = cap;
}

/*
 * A hash of the string s, eight bytes at a time: it only picks a
 * slot (strcmp() decides), so any mix will do.
 */
static uint32_t
hashstr(const char *s)
{
	uint64_t	 h = 0x9e3779b97f4a7c15ULL, w;
	size_t		 n = strlen(s);

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	for (; n > 0; s++, n--)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* Chinese numerals that number pages and dates. */
static int
is_han_numeral(uint32_t cp)
{
	/* They lie in six blocks of 256: most code points fail here. */
	switch (cp >> 8) {
	case 0x30: case 0x4e: case 0x51: case 0x53: case 0x56: case 0x96:
		break;
	default:
		return 0;
	}
	switch (cp) {
	case 0x3007: case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db:
	case 0x4e94: case 0x516d: case 0x4e03: case 0x516b: case 0x4e5d:
	case 0x5341: case 0x96f6:
		return 1;
	default:
		return 0;
	}
}

/*
 * Whether the ideograph at u (lead byte E4 to E9) may be a numeral: by
 * its first two bytes, 一二三五七九 are E4 B8-BA, 六八十四 E5 85, 8D or
 * 9B, 零 E9 9B.
 */
static int
maybe_numeral3(const unsigned char *u)
{
	switch (u[0]) {
	case 0xe4:
		return u[1] >= 0xb8 && u[1] <= 0xba;
	case 0xe5:
		return u[1] == 0x85 || u[1] == 0x8d || u[1] == 0x9b;
	case 0xe9:
		return u[1] == 0x9b;
	default:
		return 0;
	}
}

/*
 * The shape of a short line, written to buf (n + 1 bytes), or NULL
 * for a blank or long one; *digit says whether it holds an
 * Arabic digit.
 */
static char *
shape(const char *s, size_t n, int *digit, char *buf)
{
	const unsigned char	*u = (const unsigned char *)s;
	char		 b[4 * SHAPE_MAX];
	uint32_t	 cp;
	size_t		 i, k, cps, o;
	int		 num, sp;

	/* s is trimmed: see page_line(). */
	*digit = 0;
	/* Most lines are too long: count before decoding. */
	if (n == 0 || n > 4 * SHAPE_MAX || utf8_count(s, n) > SHAPE_MAX)
		return NULL;
	/*
	 * The shape is never longer than the line.  Each turn takes one
	 * code point of the at most SHAPE_MAX counted, so cps stays below
	 * SHAPE_MAX (the old test for it is gone).
	 */
	num = sp = 0;
	for (i = cps = o = 0; i < n; i += k, cps++) {
		k = 1;
		/* ASCII graphic characters but digits are copied. */
		if (u[i] > 0x20 && u[i] < 0x7f && (u[i] < '0' || u[i] > '9')) {
			b[o++] = s[i];
			num = sp = 0;
			continue;
		}
		/*
		 * So are ideographs (U+4000 to U+9FFF) but numerals, which
		 * have lead bytes E4, E5 and E9.
		 */
		if (u[i] >= 0xe4 && u[i] <= 0xe9 && n - i >= 3 &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80 &&
		    (!maybe_numeral3(u + i) ||
		    !is_han_numeral(((uint32_t)(u[i] & 0x0f) << 12) |
		    ((uint32_t)(u[i + 1] & 0x3f) << 6) | (u[i + 2] & 0x3f)))) {
			b[o] = s[i];
			b[o + 1] = s[i + 1];
			b[o + 2] = s[i + 2];
			o += 3;
			k = 3;
			num = sp = 0;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return NULL;
		if (uc_is_digit(cp) || is_han_numeral(cp)) {
			*digit |= uc_is_digit(cp);
			if (!num)
				b[o++] = '#';
			num = 1;
			sp = 0;
			continue;
		}
		num = 0;
		if (uc_is_space(cp)) {
			if (!sp)
				b[o++] = ' ';
			sp = 1;
			continue;
		}
		sp = 0;
		/* k is 1 to 4: no call to memcpy(). */
		b[o] = s[i];
		if (k > 1)
			b[o + 1] = s[i + 1];
		if (k > 2)
			b[o + 2] = s[i + 2];
		if (k > 3)
			b[o + 3] = s[i + 3];
		o += k;
	}
	memcpy(buf, b, o);
	buf[o] = '\0';
	return buf;
}

/*
 * A page number alone: digits with at most dashes, slashes, brackets
 * and the words page, of, 第, 页, 版 around them.  Returns 2 for a bare
 * number ("12", "- 12 -"), 1 for one with words ("第 3 版"), 3 for
 * several numbers ("2.11.2 2023-01-08 25"), 0 for anything else.
 */
static int
pagenum_shape(const char *s)
{
	static const char *const ok[] = { "#", " ", "-", "/", "|", ".", "(",
	    ")", "[", "]", "\xe2\x80\x94", "\xe2\x80\x93", "\xc2\xb7",
	    "\xef\xbc\x88", "\xef\xbc\x89", NULL };
	static const char *const words[] = { "\xe7\xac\xac",
	    "\xe9\xa1\xb5", "\xe7\x89\x88", "Page", "page", "PAGE", "of",
	    "p", NULL };
	size_t	 i, n;
	int	 num = 0, word = 0;	/* numbers and words seen */

	while (*s != '\0') {
		/* Each entry's first byte first: most lines fail at once. */
		for (i = 0; ok[i] != NULL; i++)
			if (*s == ok[i][0] &&
			    strncmp(s, ok[i], n = strlen(ok[i])) == 0)
				break;
		if (ok[i] == NULL) {
			for (i = 0; words[i] != NULL; i++)
				if (*s == words[i][0] && strncmp(s, words[i],
				    n = strlen(words[i])) == 0)
					break;
			if (words[i] == NULL)
				return 0;
			word = 1;
		}
		num += *s == '#';
		s += n;
	}
	/* Several numbers ("2.11.2 2023-01-08 25") make a foot. */
	return num == 0 ? 0 : num > 1 ? 3 : word ? 1 : 2;
}

/* Whether s ends in 。, ！ or ？ (full width or not). */
static int
ends_cjk_sentence(const char *s)
{
	size_t		 n = strlen(s), i;
	uint32_t	 cp;

	if (n == 0)
		return 0;
	i = split_prev(s, n);
	if (utf8_decode(s + i, n - i, &cp) == 0)
		return 0;
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == '!' ||
	    cp == '?';
}

/* Find the known shape (its hash given) in history; NULL when new. */
static struct hist *
hist_find(struct page *p, const char *shape, uint32_t hash)
{
	size_t	 i;

	for (i = 0; i < HIST_MAX; i++)
		if (p->hist[i].shape != NULL && p->hist[i].hash == hash &&
		    strcmp(p->hist[i].shape, shape) == 0)
			return &p->hist[i];
	return NULL;
}

static void
hist_add(struct page *p, const char *shape, uint32_t hash, uint64_t seq,
    size_t page)
{
	struct hist	*h;
	size_t		 i;

	if ((h = hist_find(p, shape, hash)) == NULL) {
		/* Replace the least recently seen. */
		h = &p->hist[0];
		for (i = 1; i < HIST_MAX; i++)
			if (p->hist[i].seq < h->seq)
				h = &p->hist[i];
		free(h->shape);
		h->shape = galley_xstrdup(shape);
		h->hash = hash;
	}
	h->seq = seq;
	h->page = page;
}

/*
 * Whether the line w (seq) is furniture; *why names the kind.
 */
static int
furniture(struct page *p, struct wline *w, uint64_t seq, const char **why)
{
	struct hist	*h;
	struct wline	*o;
	uint64_t	 q, prev;
	size_t		 count, edges;
	int		 edge, num, ok;

	if (w->shape == NULL)
		return 0;
	edge = (w->flags & L_EDGE) != 0;
	/* Furniture stands alone, or at the edge of a page. */
	if (!edge && (w->flags & L_ALONE) != L_ALONE)
		return 0;
	/* A bare number is only taken for a page number at a page edge. */
	if ((num = pagenum_shape(w->shape)) == 2 && !edge)
		return 0;
	/* Running heads do not end a sentence. */
	if (ends_cjk_sentence(w->shape))
		return 0;
	/* A page number may be bracketed; a running head never is. */
	if (num == 0 && split_is_note(w->text, w->len))
		return 0;
	*why = num == 1 || num == 2 ? "page number" :
	    "running head or foot";
	if ((h = hist_find(p, w->shape, w->hash)) != NULL &&
	    seq - h->seq <= HIST_SPAN && w->page - h->page <= PAGE_SKIP) {
		if (seq - h->seq < HIST_GAP)
			return 0;
		h->seq = seq;
		h->page = w->page;
		return 1;
	}
	count = 1;
	edges = edge;
	prev = seq;
	ok = 1;
	/*
	 * Furniture comes once a page: a shape back within GAP lines is a
	 * list or a table, unless both stand at page edges.
	 */
	for (q = w->next; q != 0 && count < 3; q = o->next) {
		o = at(p, q);
		if (q - prev < GAP && !(edge && (o->flags & L_EDGE))) {
			ok = 0;
			break;
		}
		/*
		 * With form feeds, furniture is on every page or nearly:
		 * "Chapter 9" opening every chapter is not.
		 */
		if (o->page - at(p, prev)->page > PAGE_SKIP) {
			ok = 0;
			break;
		}
		count++;
		edges += (o->flags & L_EDGE) != 0;
		prev = q;
	}
	if (ok && ((count >= 3 && ((w->flags & L_DIGIT) || edges >= 2)) ||
	    (count >= 2 && edges >= 2 && edge))) {
		hist_add(p, w->shape, w->hash, seq, w->page);
		return 1;
	}
	return edge && num != 0;
}

/*
 * Empty the slot of line seq (of the given hash), if it is there: it
 * was the last line of its shape.  The entries after it in its probe
 * run move back (linear probing's deletion, no tombstones).
 */
static void
slot_forget(struct page *p, uint32_t hash, uint64_t seq)
{
	size_t	 i, j, k;

	for (i = hash & (NSLOT - 1); p->slot[i].seq != seq;
	    i = (i + 1) & (NSLOT - 1))
		if (p->slot[i].seq == 0)
			return;
	for (;;) {
		p->slot[i].seq = 0;
		for (j = i;;) {
			j = (j + 1) & (NSLOT - 1);
			if (p->slot[j].seq == 0)
				return;
			/* Entry j stays if its home lies in (i, j]. */
			k = p->slot[j].hash & (NSLOT - 1);
			if (i <= j ? i < k && k <= j : i < k || k <= j)
				continue;
			break;
		}
		p->slot[i] = p->slot[j];
		i = j;
	}
}

/* Pass the oldest line of the window on, or drop it as furniture. */
static int
pop(struct page *p)
{
	struct wline	*w;
	struct sbuf	 q;
	const char	*why;
	uint64_t	 seq;
	int		 rc, flags;

	seq = p->head;
	w = at(p, seq);
	rc = 0;
	if (furniture(p, w, seq, &why)) {
		if (report_explaining(p->rep)) {
			sbuf_init(&q);
			sbuf_quote(&q, w->text, w->len, 60);
			report(p->rep, GALLEY_EXPLAIN, p->name, w->line, 0,
			    "removed %s \"%s\"", why, sbuf_str(&q));
			sbuf_free(&q);
		}
		p->broke = 1;
	} else {
		flags = w->flags & PAGE_BREAK;
		if (p->broke && w->len > 0)
			flags |= PAGE_BREAK;
		if (w->len > 0)
			p->broke = 0;
		rc = p->fn(p->arg, w->text, w->len, w->line, flags);
	}
	/* Forget the shape's slot if this was its last line. */
	if (w->shape != NULL)
		slot_forget(p, w->hash, seq);
	p->bytes -= w->len;
	/* The slot keeps a small text buffer for its next line. */
	if (w->cap > TEXT_KEEP) {
		free(w->text);
		w->text = NULL;
		w->cap = 0;
	}
	wclear(w);
	p->head++;
	return rc;
}

int
page_line(struct page *p, const char *s, size_t n, size_t line)
{
	struct wline	*w, *o;
	struct slot	*sl;
	uint64_t	 seq;
	size_t		 i;
	const char	*t;
	int		 digit, rc, before;
	size_t		 tn = n;

	while (p->tail - p->head >= WIN_LINES ||
	    (p->tail > p->head && p->bytes + n > WIN_BYTES))
		if ((rc = pop(p)) != 0)
			return rc;
	t = split_trim(s, &tn);
	/* Tell the line before whether a blank line follows it. */
	if (p->tail > p->head && tn == 0)
		at(p, p->tail - 1)->flags |= L_AFTER;
	seq = p->tail++;
	w = at(p, seq);
	wclear(w);
	/* The text, then room for its shape (never longer). */
	if (w->cap < 2 * n + 2) {
		free(w->text);
		w->cap = 2 * n + 2 > TEXT_KEEP / 4 ? 2 * n + 2 : TEXT_KEEP / 4;
		w->text = galley_xmalloc(w->cap);
	}
	memcpy(w->text, s, n);
	w->text[n] = '\0';
	w->len = n;
	w->line = line;
	w->page = p->pages;
	p->bytes += n;
	before = p->blank ? L_BEFORE : 0;
	p->blank = tn == 0;
	w->shape = shape(t, tn, &digit, w->text + n + 1);
	if (w->shape == NULL) {
		if (tn > 0) {
			w->flags = p->pending & PAGE_BREAK;
			p->pending = 0;
		}
		return 0;
	}
	w->flags = p->pending | before;
	p->pending = 0;
	if (digit)
		w->flags |= L_DIGIT;
	w->hash = hashstr(w->shape);
	for (i = w->hash & (NSLOT - 1); (sl = &p->slot[i])->seq != 0;
	    i = (i + 1) & (NSLOT - 1)) {
		if (sl->hash != w->hash)
			continue;
		o = at(p, sl->seq);
		if (strcmp(o->shape, w->shape) == 0) {
			o->next = seq;
			sl->seq = seq;
			return 0;
		}
	}
	sl->seq = seq;
	sl->hash = w->hash;
	return 0;
}

/*
 * A form feed: the last non-blank line held and the next one are page
 * edges, and the next line passed on starts a new page.
 */
int
page_formfeed(struct page *p, size_t line)
{
	uint64_t	 q;

	report(p->rep, GALLEY_EXPLAIN, p->name, line, 0,
	    "removed form feed");
	for (q = p->tail; q > p->head; q--)
		if (at(p, q - 1)->shape != NULL) {
			at(p, q - 1)->flags |= L_EDGE;
			break;
		}
	if (p->tail > p->head)
		at(p, p->tail - 1)->flags |= L_AFTER;
	p->pending = L_EDGE | PAGE_BREAK;
	p->blank = 1;
	p->pages++;
	return 0;
}

int
page_finish(struct page *p)
{
	uint64_t q;
	int	 rc;

	/* The end of the input is the edge of its last page. */
	if (p->tail > p->head)
		at(p, p->tail - 1)->flags |= L_AFTER;
	for (q = p->tail; q > p->head; q--)
		if (at(p, q - 1)->shape != NULL) {
			at(p, q - 1)->flags |= L_EDGE;
			break;
		}
	while (p->head < p->tail)
		if ((rc = pop(p)) != 0)
			return rc;
	return 0;
}
