/*
 * split.c: galley-split, raw text to the article stream of galley(5)
 * (see galley-split(1)).  The bytes of one file go through the decoder
 * (lib/decode.c) to UTF-8; lines are cut at LF, CRLF or CR, control
 * characters are replaced, form feeds become page breaks; the page
 * filter (lib/split_page.c) drops running heads, feet and page numbers;
 * here jump lines are removed, lines gather into blocks at blank lines,
 * and blocks into articles, a new article starting at a headline
 * followed by a byline or a dateline (lib/split_rules.c), at a
 * headline-less dateline lead, or where the user's patterns say.  An
 * article whose end jumps to a later page is held, with the articles
 * after it, until its continuation is found and joined to it.  Memory
 * is bounded by the largest article, the decoder's sample, the page
 * window and HOLD_MAX.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "decode.h"
#include "split.h"

#define HEADS_MAX	3		/* headline decks above a byline */
#define HOLD_MAX	(32 * 1024 * 1024)	/* bytes held for a jump */

/* What a block of the current article was taken for. */
#define B_BYLINE	0x01
#define B_DATELINE	0x02
#define B_HEADISH	0x04
#define B_NOTE		0x08	/* wholly in brackets: （新华社记者X摄） */
#define B_SUBTITLE	0x10	/* ——a subtitle */
#define B_NAME		0x20	/* an author's name alone */
#define B_CITED		0x40	/* a lead citing a wire: 据新华社…电 */
#define B_CREDIT	0x80	/* ends with a credit: 。（李妲） */
#define B_NUMBERED	0x100	/* a numbered section heading */
#define B_PHOTO		0x200	/* a photo's headline: ...（图片） */
#define B_SIGNED	0x400	/* a signature: ——编者 */

/* What the line gatherer knows about a block. */
#define BL_FORCED	0x01	/* --headline matched */
#define BL_CONTINUED	0x02	/* after （上接第1版） */
#define BL_USERBYLINE	0x04	/* --byline matched */
#define BL_BREAK	0x08	/* right after a page break */

/* Why an article begins. */
enum start {
	START_NONE,		/* front matter, or a file's first text */
	START_FOUND,		/* a headline, byline or dateline */
	START_CONTINUED,	/* a continuation from an earlier page */
	START_MAX
};

struct held {
	struct galley_article	 a;
	int			 jump;		/* waits for its continuation */
	unsigned		 topage;
	size_t			 bytes;
};

struct galley_splitter {
	struct galley_split_opts	 opts;
	const struct galley_report	*rep;
	const char			*name;
	galley_article_fn		 fn;
	void				*arg;
	struct split_rules		*rules;
	struct decoder			*dec;
	struct page			*page;
	int				 rc;	/* fn's return, sticky */

	/* Lines. */
	struct sbuf			 line;
	size_t				 lineno;	/* current input line */
	int				 cr;	/* the last byte was CR */
	int				 bof;	/* no character yet */
	size_t				 nctrl;

	/* The block being gathered. */
	struct sbuf			 block;
	size_t				 blockline;
	int				 blflags;	/* BL_* */

	/* The article being gathered. */
	struct galley_article		 cur;
	unsigned int			*bflags;
	size_t				 bfcap;
	enum start			 start;
	int				 curjump;
	unsigned			 curtopage;

	/* Articles held while one waits for its continuation. */
	struct held			*held;
	size_t				 nheld, capheld, heldbytes;
};

static int	 reset(struct galley_splitter *);
static int	 dec_out(void *, const char *, size_t);
static void	 dec_msg(void *, int, const char *);
static size_t	 text_span(const unsigned char *, size_t, size_t);
static int	 endline(struct galley_splitter *);
static int	 lineout(struct galley_splitter *, const char *, size_t);
static int	 page_out(void *, const char *, size_t, size_t, int);
static int	 endblock(struct galley_splitter *);
static int	 addblock(struct galley_splitter *, const char *, size_t,
		    size_t, int);
static int	 ends_sentence(struct galley_splitter *, size_t);
static int	 may_follow(struct galley_splitter *, size_t);
static size_t	 headline_above(struct galley_splitter *);
static int	 boundary(struct galley_splitter *, size_t k, enum start);
static int	 close_article(struct galley_splitter *,
		    struct galley_article *, enum start, int jump,
		    unsigned topage);
static int	 emit(struct galley_splitter *, struct galley_article *);
static int	 flush_held(struct galley_splitter *, int all);
static void	 move_blocks(struct galley_article *, size_t k,
		    struct galley_article *);
static void	 explain_text(struct galley_splitter *, size_t,
		    const char *, const char *, size_t);

struct galley_splitter *
galley_split_new(const struct galley_split_opts *opts, const char *name,
    galley_article_fn fn, void *arg)
{
	struct galley_splitter	*sp;

	sp = galley_xcalloc(1, sizeof(*sp));
	sp->opts = *opts;
	sp->rep = &sp->opts.report;
	sp->name = name != NULL ? name : "<stdin>";
	sp->fn = fn;
	sp->arg = arg;
	if ((sp->rules = split_rules_new(opts->headline_re, opts->byline_re,
	    sp->rep)) == NULL)
		goto bad;
	sbuf_init(&sp->line);
	sbuf_init(&sp->block);
	galley_article_init(&sp->cur);
	if (reset(sp) != 0)
		goto bad;
	return sp;
bad:
	galley_split_free(sp);
	return NULL;
}

/* Start the per-file state afresh; -1 when the decoder cannot be made. */
static int
reset(struct galley_splitter *sp)
{
	char	 err[128];

	decoder_free(sp->dec);
	page_free(sp->page);
	sp->page = NULL;
	if ((sp->dec = decoder_new(sp->opts.encoding, sp->opts.lossy, dec_out,
	    dec_msg, sp, err, sizeof(err))) == NULL) {
		report(sp->rep, GALLEY_ERROR, "--encoding", 0, 0, "%s", err);
		return -1;
	}
	sp->page = page_new(sp->name, sp->rep, page_out, sp);
	sbuf_reset(&sp->line);
	sbuf_reset(&sp->block);
	sp->blflags = 0;
	sp->lineno = 1;
	sp->bof = 1;
	sp->cr = 0;
	sp->nctrl = 0;
	return 0;
}

void
galley_split_free(struct galley_splitter *sp)
{
	size_t	 i;

	if (sp == NULL)
		return;
	split_rules_free(sp->rules);
	decoder_free(sp->dec);
	page_free(sp->page);
	sbuf_free(&sp->line);
	sbuf_free(&sp->block);
	galley_article_clear(&sp->cur);
	free(sp->bflags);
	for (i = 0; i < sp->nheld; i++)
		galley_article_clear(&sp->held[i].a);
	free(sp->held);
	free(sp);
}

int
galley_split_feed(struct galley_splitter *sp, const char *buf, size_t len)
{
	if (sp->rc != 0)
		return sp->rc;
	if (decoder_feed(sp->dec, buf, len) != 0 && sp->rc == 0)
		sp->rc = -1;
	return sp->rc;
}

int
galley_split_finish(struct galley_splitter *sp)
{
	size_t	 nbad;

	if (sp->rc != 0)
		return sp->rc;
	if (decoder_finish(sp->dec) != 0) {
		if (sp->rc == 0)
			sp->rc = -1;
		return sp->rc;
	}
	if ((nbad = decoder_nbad(sp->dec)) > 1)
		report(sp->rep, GALLEY_WARN, sp->name, 0, 0,
		    "%zu undecodable byte sequences replaced by U+FFFD", nbad);
	if (sp->nctrl > 1)
		report(sp->rep, GALLEY_WARN, sp->name, 0, 0,
		    "%zu control characters replaced by U+FFFD", sp->nctrl);
	if (sp->line.len > 0 || sp->cr)
		if (endline(sp) != 0)
			return sp->rc;
	if (page_finish(sp->page) != 0 || endblock(sp) != 0)
		return sp->rc;
	if (sp->cur.nblocks > 0 && close_article(sp, &sp->cur, sp->start,
	    sp->curjump, sp->curtopage) != 0)
		return sp->rc;
	sp->start = START_NONE;
	sp->curjump = 0;
	if (flush_held(sp, 1) != 0)
		return sp->rc;
	/* Ready for another file: a fresh decoder and page filter. */
	if (reset(sp) != 0)
		return sp->rc = -1;
	return sp->rc;
}

/* --- Lines --------------------------------------------------------- */

static void
dec_msg(void *arg, int level, const char *msg)
{
	struct galley_splitter	*sp = arg;

	report(sp->rep, (enum galley_level)level, sp->name, sp->lineno, 0,
	    "%s", msg);
}

/*
 * Decoded UTF-8: cut it into lines at LF, CRLF and CR; a form feed is
 * a page break; other C0 controls but TAB become U+FFFD.  Bytes below
 * 0x80 never occur inside a multi-byte UTF-8 sequence, so they can be
 * looked at one by one.
 */
static int
dec_out(void *arg, const char *s, size_t n)
{
	struct galley_splitter	*sp = arg;
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, run;

	for (i = 0; i < n; ) {
		if (sp->bof) {
			sp->bof = 0;
			/* A byte order mark is no text. */
			if (n - i >= 3 &&
			    memcmp(s + i, "\xef\xbb\xbf", 3) == 0) {
				i += 3;
				continue;
			}
		}
		if (sp->cr) {
			sp->cr = 0;
			if (u[i] == '\n') {
				i++;
				continue;
			}
		}
		run = text_span(u, i, n);
		if (run < n && (u[run] == '\n' || u[run] == '\r') &&
		    sp->line.len == 0) {
			/* A whole line in s: no copy. */
			if (lineout(sp, s + i, run - i) != 0)
				return sp->rc;
			sp->cr = u[run] == '\r';
			sp->lineno++;
			i = run + 1;
			continue;
		}
		sbuf_put(&sp->line, s + i, run - i);
		if ((i = run) == n)
			break;
		switch (u[i]) {
		case '\r':
			sp->cr = 1;
			/* FALLTHROUGH */
		case '\n':
			if (endline(sp) != 0)
				return sp->rc;
			sp->lineno++;
			break;
		case '\f':
			if (sp->line.len > 0 && endline(sp) != 0)
				return sp->rc;
			if (page_formfeed(sp->page, sp->lineno) != 0)
				return sp->rc;
			break;
		default:
			if (sp->nctrl++ == 0)
				report(sp->rep, GALLEY_WARN, sp->name,
				    sp->lineno, 0, "control character 0x%02x "
				    "replaced by U+FFFD", u[i]);
			sbuf_put(&sp->line, "\xef\xbf\xbd", 3);
			break;
		}
		i++;
	}
	return sp->rc;
}

/*
 * The offset of the first byte at or after i that is a C0 control but
 * TAB, or DEL; n when there is none.  Words of eight bytes with none are
 * skipped whole.
 */
static size_t
text_span(const unsigned char *u, size_t i, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 high = 0x8080808080808080ULL;
	uint64_t	 w, d;

	for (;;) {
		while (n - i >= 8) {
			memcpy(&w, u + i, 8);
			/* A byte below 0x20, or a byte equal to 0x7f. */
			d = w ^ (0x7f * ones);
			if ((((w - 0x20 * ones) & ~w) | ((d - ones) & ~d)) &
			    high)
				break;
			i += 8;
		}
		for (; i < n && n - i < 8; i++)
			if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f)
				return i;
		if (i == n)
			return n;
		/* A word with a control byte, or only a TAB. */
		for (d = i + 8; i < d; i++)
			if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f)
				return i;
	}
}

/* A line is complete (the form feed case keeps the line number). */
static int
endline(struct galley_splitter *sp)
{
	lineout(sp, sp->line.buf != NULL ? sp->line.buf : "", sp->line.len);
	sbuf_reset(&sp->line);
	return sp->rc;
}

/* Pass the line s[0..n) on to the page filter. */
static int
lineout(struct galley_splitter *sp, const char *s, size_t n)
{
	int	 rc;

	rc = page_line(sp->page, s, n, sp->lineno);
	if (rc != 0 && sp->rc == 0)
		sp->rc = rc;
	return sp->rc;
}

/* --- Blocks ---------------------------------------------------------- */

/*
 * A line let through by the page filter.  Jump lines go, blank lines
 * and page breaks end blocks, and the user's patterns start articles.
 */
static int
page_out(void *arg, const char *s, size_t n, size_t line, int flags)
{
	struct galley_splitter	*sp = arg;
	struct jump		 j;
	const char		*t;
	size_t			 tn;
	int			 from = 0;

	t = s;
	tn = n;
	t = split_trim(t, &tn);
	if (tn == 0)
		return endblock(sp);
	if (flags & PAGE_BREAK) {
		if (endblock(sp) != 0)
			return sp->rc;
		sp->blflags |= BL_BREAK;
	}
	if (split_jump(sp->rules, s, n, &j)) {
		explain_text(sp, line, j.kind == JUMP_TO ?
		    "removed jump to a later page" :
		    "removed jump from an earlier page", s + j.so, j.eo - j.so);
		if (j.kind == JUMP_TO) {
			sp->curjump = 1;
			sp->curtopage = j.page;
		} else
			from = 1;
		/* Keep the rest of the line, if any. */
		if (j.so == (size_t)(t - s) || j.so == 0) {
			s += j.eo;
			n -= j.eo;
		} else
			n = j.so;
		t = s;
		tn = n;
		t = split_trim(t, &tn);
		if (from) {
			if (endblock(sp) != 0)
				return sp->rc;
			sp->blflags |= BL_CONTINUED;
		}
		if (tn == 0)
			return sp->rc;
	}
	if (split_user_headline(sp->rules, s, n)) {
		if (endblock(sp) != 0)
			return sp->rc;
		sp->blflags |= BL_FORCED;
	} else if (split_user_byline(sp->rules, s, n)) {
		if (endblock(sp) != 0)
			return sp->rc;
		sp->blflags |= BL_USERBYLINE;
	}
	if (sp->block.len > 0)
		sbuf_putc(&sp->block, '\n');
	else
		sp->blockline = line;
	sbuf_put(&sp->block, s, n);
	return sp->rc;
}

static int
endblock(struct galley_splitter *sp)
{
	int	 rc;

	if (sp->block.len == 0)
		return sp->rc;
	rc = addblock(sp, sp->block.buf, sp->block.len, sp->blockline,
	    sp->blflags);
	sbuf_reset(&sp->block);
	sp->blflags = 0;
	return rc;
}

/* --- Articles -------------------------------------------------------- */

/*
 * Explain what was done at line, quoting the first line of s[0..n),
 * shortened: a message is one line.
 */
static void
explain_text(struct galley_splitter *sp, size_t line, const char *what,
    const char *s, size_t n)
{
	struct sbuf	 q;
	const char	*nl;
	size_t		 k;

	if (!report_explaining(sp->rep))
		return;
	sbuf_init(&q);
	k = (nl = memchr(s, '\n', n)) != NULL ? (size_t)(nl - s) : n;
	sbuf_quote(&q, s, k, 40);
	if (k < n)
		sbuf_puts(&q, "\xe2\x80\xa6");
	report(sp->rep, GALLEY_EXPLAIN, sp->name, line, 0, "%s \"%s\"", what,
	    sbuf_str(&q));
	sbuf_free(&q);
}

/* Whether block i of the current article ends a sentence. */
static int
ends_sentence(struct galley_splitter *sp, size_t i)
{
	return split_ends_sentence(sp->cur.blocks[i].text,
	    sp->cur.blocks[i].len);
}

/*
 * Whether an article may begin right after block i - 1 of the current
 * article: at its start, after a block ending a sentence, after a
 * bracketed note (a photo credit, a source), after a byline or a
 * signature (——编者), or after a list of short lines.
 */
static int
may_follow(struct galley_splitter *sp, size_t i)
{
	const struct galley_block	*b;

	if (i == 0)
		return 1;
	b = &sp->cur.blocks[i - 1];
	/* A list of short lines (a table of contents) ends too. */
	return (sp->bflags[i - 1] & (B_NOTE | B_BYLINE | B_SIGNED)) ||
	    ends_sentence(sp, i - 1) || ((sp->bflags[i - 1] & B_HEADISH) &&
	    memchr(b->text, '\n', b->len) != NULL);
}

/*
 * The first block of the headline above the end of the current
 * article, or nblocks when there is none: up to HEADS_MAX headline-like
 * blocks (with bracketed notes among them), the first a real headline,
 * not a "——" subtitle or a note, and an article may begin before it.
 */
static size_t
headline_above(struct galley_splitter *sp)
{
	struct galley_article	*a = &sp->cur;
	size_t			 lo, k, heads;

	lo = sp->start != START_NONE ? 1 : 0;
	heads = 0;
	for (k = a->nblocks; k > lo; k--) {
		if (sp->bflags[k - 1] & B_HEADISH) {
			/* Decks above the nearest headline are one line. */
			if (++heads > HEADS_MAX || (heads > 1 &&
			    memchr(a->blocks[k - 1].text, '\n',
			    a->blocks[k - 1].len) != NULL))
				break;
		} else if (!(sp->bflags[k - 1] & B_NOTE))
			break;
	}
	while (k < a->nblocks && !((sp->bflags[k] & B_HEADISH) &&
	    !(sp->bflags[k] & (B_SUBTITLE | B_NUMBERED)) && may_follow(sp, k)))
		k++;
	return k;
}

/*
 * A block is complete: classify it, decide whether an article begins at
 * it or at the headline blocks just before it, and add it.
 */
static int
addblock(struct galley_splitter *sp, const char *s, size_t n, size_t line,
    int bflags)
{
	struct galley_article	*a = &sp->cur;
	unsigned int		 f, pf;
	size_t			 k, h;
	int			 d;
	const char		*why;

	f = 0;
	pf = a->nblocks > 0 ? sp->bflags[a->nblocks - 1] : 0;
	if ((bflags & BL_USERBYLINE) || split_is_byline(sp->rules, s, n))
		f |= B_BYLINE;
	else if (split_is_note(s, n))
		f |= B_NOTE;
	else if ((d = split_is_dateline(sp->rules, s, n)) != 0)
		f |= d == 2 ? B_DATELINE : B_DATELINE | B_CITED;
	else if (split_is_headish(s, n)) {
		/* The end of a paragraph cut by a page break is no headline. */
		if (!(bflags & BL_BREAK) || a->nblocks == 0 ||
		    ends_sentence(sp, a->nblocks - 1) || (pf & B_NOTE))
			f |= B_HEADISH;
		if (split_is_subtitle(s, n)) {
			f |= B_SUBTITLE;
			/* Short, it signs what is above: ——编者. */
			if (utf8_count(s, n) <= 12)
				f |= B_SIGNED;
		}
		if (split_is_name(sp->rules, s, n))
			f |= B_NAME;
		if (split_is_numbered(sp->rules, s, n))
			f |= B_NUMBERED;
		if (split_is_photo_head(sp->rules, s, n))
			f |= B_PHOTO;
	}

	k = (size_t)-1;
	why = NULL;
	if (bflags & BL_CONTINUED) {
		if (boundary(sp, a->nblocks, START_CONTINUED) != 0)
			return sp->rc;
		explain_text(sp, line, "article continued", s, n);
	} else if (bflags & BL_FORCED) {
		k = a->nblocks;
		why = "article begins (--headline)";
	} else if (((f & B_BYLINE) && !(pf & (B_BYLINE | B_DATELINE))) ||
	    ((f & B_DATELINE) && !(pf & B_BYLINE))) {
		if ((h = headline_above(sp)) < a->nblocks) {
			k = h;
			why = f & B_BYLINE ? "article begins: headline "
			    "before byline" : "article begins: headline "
			    "before dateline";
		} else if ((f & B_DATELINE) && !(f & B_CITED) &&
		    may_follow(sp, a->nblocks)) {
			k = a->nblocks;
			why = "article begins: dateline";
		}
	} else if ((f & B_NAME) && (pf & B_HEADISH) && !(pf & B_NUMBERED) &&
	    (h = headline_above(sp)) < a->nblocks) {
		/* 心醉凤凰岭 / 廖华歌: a headline above its author's name. */
		k = h;
		why = "article begins: headline before author's name";
	} else if (!(f & (B_HEADISH | B_NOTE)) && a->nblocks >= 2 &&
	    (pf & B_HEADISH) && !(pf & (B_NAME | B_NUMBERED)) &&
	    (h = headline_above(sp)) + 2 <= a->nblocks) {
		/*
		 * Text after two short blocks that follow the end of a text:
		 * a headline with its deck (THE FAREWELL REWARD / The
		 * Formal Endorsement of Pastor Birnie's Labors Here).
		 */
		k = h;
		why = "article begins: headline with a deck";
	} else if ((f & B_HEADISH) && !(f & (B_SUBTITLE | B_NUMBERED)) &&
	    a->nblocks > 0 &&
	    ((pf & B_CREDIT) || ((pf & B_NOTE) && a->nblocks > 1 &&
	    ((sp->bflags[a->nblocks - 2] & B_PHOTO) ||
	    (!(sp->bflags[a->nblocks - 2] & B_HEADISH) &&
	    ends_sentence(sp, a->nblocks - 2)))))) {
		/* A headline after the credit that ends an item. */
		k = a->nblocks;
		why = "article begins: headline after a credit";
	} else if ((f & B_PHOTO) &&
	    may_follow(sp, a->nblocks)) {
		k = a->nblocks;
		why = "article begins: photo headline";
	}
	if (k != (size_t)-1) {
		if (k < a->nblocks)
			explain_text(sp, a->blocks[k].line, why,
			    a->blocks[k].text, a->blocks[k].len);
		else
			explain_text(sp, line, why, s, n);
		if (boundary(sp, k, START_FOUND) != 0)
			return sp->rc;
	}
	galley_article_add(a, s, n, line);
	if (a->nblocks > sp->bfcap) {
		sp->bfcap = a->cap;
		sp->bflags = galley_xreallocarray(sp->bflags, sp->bfcap,
		    sizeof(*sp->bflags));
	}
	if (!(f & (B_NOTE | B_HEADISH)) && split_ends_credit(sp->rules, s, n))
		f |= B_CREDIT;
	sp->bflags[a->nblocks - 1] = f;
	return sp->rc;
}

/*
 * End the current article before its block k; blocks k and after begin
 * the next one, which starts for the reason given.
 */
static int
boundary(struct galley_splitter *sp, size_t k, enum start why)
{
	struct galley_article	 next;
	size_t			 i;

	galley_article_init(&next);
	move_blocks(&sp->cur, k, &next);
	if (sp->cur.nblocks > 0) {
		if (close_article(sp, &sp->cur, sp->start, sp->curjump,
		    sp->curtopage) != 0) {
			galley_article_clear(&next);
			return sp->rc;
		}
	} else
		galley_article_clear(&sp->cur);
	/* The moved blocks keep their flags at the front. */
	for (i = 0; i < next.nblocks; i++)
		sp->bflags[i] = sp->bflags[k + i];
	sp->cur = next;
	sp->start = why;
	sp->curjump = 0;
	sp->curtopage = 0;
	return sp->rc;
}

/* Move a's blocks k.. to the empty article b. */
static void
move_blocks(struct galley_article *a, size_t k, struct galley_article *b)
{
	size_t	 i;

	for (i = k; i < a->nblocks; i++) {
		galley_article_add(b, "", 0, a->blocks[i].line);
		free(b->blocks[b->nblocks - 1].text);
		b->blocks[b->nblocks - 1] = a->blocks[i];
	}
	a->nblocks = k;
}

static size_t
article_bytes(const struct galley_article *a)
{
	size_t	 i, n;

	for (i = n = 0; i < a->nblocks; i++)
		n += a->blocks[i].len + 2;
	return n;
}

/*
 * The article a is complete; it is taken over (a is left empty).  A
 * continuation joins the oldest held article waiting for one; an
 * article with a jump waits, and so does every article after it.
 */
static int
close_article(struct galley_splitter *sp, struct galley_article *a,
    enum start why, int jump, unsigned topage)
{
	struct held	*h;
	size_t		 i, j;

	if (why == START_CONTINUED) {
		for (i = 0; i < sp->nheld; i++)
			if (sp->held[i].jump)
				break;
		if (i < sp->nheld) {
			h = &sp->held[i];
			sp->heldbytes += article_bytes(a);
			for (j = 0; j < a->nblocks; j++) {
				galley_article_add(&h->a, "", 0,
				    a->blocks[j].line);
				free(h->a.blocks[h->a.nblocks - 1].text);
				h->a.blocks[h->a.nblocks - 1] = a->blocks[j];
			}
			a->nblocks = 0;
			galley_article_clear(a);
			h->jump = jump;
			h->topage = topage;
			return flush_held(sp, 0);
		}
		report(sp->rep, GALLEY_WARN, sp->name, a->line, 0,
		    "continued article without its beginning");
	}
	if (!jump && sp->nheld == 0) {
		emit(sp, a);
		galley_article_clear(a);
		return sp->rc;
	}
	if (sp->nheld == sp->capheld) {
		sp->capheld = sp->capheld == 0 ? 8 : sp->capheld * 2;
		sp->held = galley_xreallocarray(sp->held, sp->capheld,
		    sizeof(*sp->held));
	}
	h = &sp->held[sp->nheld++];
	h->a = *a;
	h->jump = jump;
	h->topage = topage;
	h->bytes = article_bytes(a);
	sp->heldbytes += h->bytes;
	galley_article_init(a);
	return flush_held(sp, 0);
}

/*
 * Emit held articles from the front while none waits, or all of them;
 * when too much is held, the oldest waiting one goes without its
 * continuation.
 */
static int
flush_held(struct galley_splitter *sp, int all)
{
	size_t	 i, n;

	for (n = 0; n < sp->nheld; n++) {
		if (sp->held[n].jump && !all && sp->heldbytes <= HOLD_MAX)
			break;
		if (sp->held[n].jump)
			report(sp->rep, GALLEY_WARN, sp->name,
			    sp->held[n].a.line, 0, "continuation of the "
			    "article not found");
		sp->heldbytes -= sp->held[n].bytes;
		if (sp->rc == 0)
			emit(sp, &sp->held[n].a);
		galley_article_clear(&sp->held[n].a);
	}
	for (i = n; i < sp->nheld; i++)
		sp->held[i - n] = sp->held[i];
	sp->nheld -= n;
	return sp->rc;
}

static int
emit(struct galley_splitter *sp, struct galley_article *a)
{
	int	 rc;

	if (sp->rc != 0 || a->nblocks == 0)
		return sp->rc;
	a->file = sp->name;
	if (a->line == 0)
		a->line = a->blocks[0].line;
	if ((rc = sp->fn(a, sp->arg)) != 0)
		sp->rc = rc;
	return sp->rc;
}
