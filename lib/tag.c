/*
 * tag.c: galley-tag, what each block of an article is (galley(5), the
 * tagged stream).  The article's head is read in order: a headline (a
 * short first block with no sentence stop, perhaps with a label before
 * a full-width colon), a subtitle, bylines, a dateline (perhaps opening
 * the first paragraph, perhaps with a byline in it).  The body is then
 * classed block by block and settled by looking at siblings: section
 * headings (short blocks with no sentence stop between paragraphs, or
 * numbered 第…章 / 第…节 / 一、 / （一） / 1. / （1） heads nesting in that
 * order), run-in heads (a short first sentence ending in 。 or ： shared
 * by sibling paragraphs of one section), photo credits, and paragraphs.
 *
 * The records of an article are built in an arena and handed to the
 * caller's function once the article is done, so every field stays
 * valid for the call.  Memory is bounded by the largest article.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "tag.h"

#define TITLE_MAX	80	/* code points in a headline */
#define SUBTITLE_MAX	80
#define HEADING_MAX	30	/* code points in a section heading */
#define HEADING_WORDS	10	/* words in an English heading */
#define TITLE_WORDS	20
#define RUNIN_MAX	20	/* code points in a run-in head */
#define LABEL_MAX	15	/* code points before a label's colon */
#define BYLINES_MAX	4
#define HOIST_MAX	3	/* body blocks searched for a byline */
#define SIBLINGS	8	/* paragraphs either side a run-in's sibling */

enum bkind {
	BK_PARA,
	BK_HEAD,	/* a section heading */
	BK_HEADCAND,	/* maybe a heading: settled by its neighbours */
	BK_RUNCAND,	/* maybe a run-in head: settled by its siblings */
	BK_RUNIN,
	BK_CREDIT,
	BK_MAX
};

/* Numbered heading styles, outermost first. */
enum numstyle {
	NUM_CHAPTER,	/* 第一章, 第一篇, 第一部分 */
	NUM_SECTION,	/* 第一节 */
	NUM_HAN,	/* 一、 */
	NUM_HANPAREN,	/* （一） */
	NUM_ARABIC,	/* 1. 1、 １． */
	NUM_ARABPAREN,	/* （1） */
	NUM_MAX
};

static const char *const numnames[NUM_MAX] = {
	"第…章", "第…节", "一、", "（一）", "1.", "（1）"
};

struct binfo {
	enum bkind	 kind;
	int		 num;		/* enum numstyle, or -1 */
	struct span	 text;		/* trimmed */
	size_t		 headlen;	/* run-in head, bytes of text */
	size_t		 line;
	const char	*why;		/* the reason, for --explain */
	size_t		 nsib;		/* run-in: siblings opening alike */
	size_t		 nsec;		/* run-in: paragraphs in section */
	int		 latin;		/* tag_is_latin(text), or -1 */
};

struct rec {
	enum galley_kind kind;
	size_t		 nf;
	size_t		 off[GALLEY_FIELDS_MAX];
	size_t		 line;
};

struct galley_tagger {
	struct galley_tag_opts	 opts;
	const char		*file;
	struct sbuf		 arena;		/* fields, NUL-terminated */
	struct sbuf		 joined;	/* later stories' paragraphs */
	struct rec		*recs;
	size_t			 nrecs;
	size_t			 rcap;
	struct binfo		*bi;
	unsigned char		*skip;		/* block moved up or dropped */
	size_t			 bcap;
	struct bfacts		*facts;		/* per block of the article */
	size_t			 fcap;
};

/*
 * What is known of a block of the article: the head tests (byline,
 * dateline, title) look at the same first blocks again and again.
 * -1 until known.
 */
struct bfacts {
	int		 latin;		/* tag_is_latin */
	signed char	 byline;	/* 0: tag_byline fails */
	signed char	 lead;		/* 0: tag_lead fails */
};

static void	 put(struct galley_tagger *, enum galley_kind, size_t,
		    size_t, ...);
static void	 explain(struct galley_tagger *, size_t, const char *, ...)
		    GALLEY_PRINTF(3, 4);
static struct span block_span(const struct galley_block *);
static int	 block_byline(struct galley_tagger *,
		    const struct galley_article *, size_t, struct tag_byline *);
static int	 block_lead(struct galley_tagger *,
		    const struct galley_article *, size_t, struct tag_lead *);
static int	 pen_name(const struct galley_article *, size_t, int,
		    struct tag_byline *);
static int	 found_elsewhere(const struct galley_article *, size_t,
		    struct span);
static int	 is_title(struct span, int *, size_t);
static struct span photo_note(struct span);
static int	 split_label(struct span, struct span *, struct span *);
static int	 is_subtitle(struct galley_tagger *,
		    const struct galley_article *, size_t, const char **);
static void	 put_byline(struct galley_tagger *, const struct tag_byline *,
		    size_t, const char *);
static int	 numbered(struct span, struct span *);
static int	 heading_shaped(struct span, int *, const char **);
static size_t	 runin_head(struct span, int *);
static size_t	 runin_head_cjk(struct span);
static size_t	 runin_head_latin(struct span);
static void	 classify(struct galley_tagger *, struct binfo *);
static void	 settle(struct binfo *, size_t);
static int	 alike(const struct binfo *, const struct binfo *);
static void	 put_body(struct galley_tagger *, struct binfo *, size_t);
static int	 emit(struct galley_tagger *, galley_record_fn, void *);

struct galley_tagger *
galley_tag_new(const struct galley_tag_opts *o)
{
	struct galley_tagger	*t;

	t = galley_xcalloc(1, sizeof(*t));
	if (o != NULL)
		t->opts = *o;
	sbuf_init(&t->arena);
	sbuf_init(&t->joined);
	return t;
}

void
galley_tag_free(struct galley_tagger *t)
{
	if (t == NULL)
		return;
	sbuf_free(&t->arena);
	sbuf_free(&t->joined);
	free(t->recs);
	free(t->bi);
	free(t->skip);
	free(t->facts);
	free(t);
}

/*
 * Append a record of kind with nf fields, each given as a struct span
 * argument, copied into the arena.
 */
static void
put(struct galley_tagger *t, enum galley_kind kind, size_t line, size_t nf,
    ...)
{
	struct rec	*r;
	struct span	 f;
	va_list		 ap;
	size_t		 i;

	if (t->nrecs == t->rcap) {
		t->rcap = t->rcap == 0 ? 64 : t->rcap * 2;
		t->recs = galley_xreallocarray(t->recs, t->rcap,
		    sizeof(*t->recs));
	}
	r = &t->recs[t->nrecs++];
	r->kind = kind;
	r->nf = nf;
	r->line = line;
	va_start(ap, nf);
	for (i = 0; i < nf; i++) {
		f = va_arg(ap, struct span);
		r->off[i] = t->arena.len;
		sbuf_put(&t->arena, f.s, f.n);
		sbuf_putc(&t->arena, '\0');
	}
	va_end(ap);
}

static void
explain(struct galley_tagger *t, size_t line, const char *fmt, ...)
{
	va_list	 ap;

	if (!report_explaining(&t->opts.report))
		return;
	va_start(ap, fmt);
	vreport(&t->opts.report, GALLEY_EXPLAIN, t->file, line, 0, fmt, ap);
	va_end(ap);
}

static struct span
block_span(const struct galley_block *b)
{
	struct span	 s;

	s.s = b->text;
	s.n = b->len;
	return tag_trim(s);
}

/*
 * tag_byline and tag_lead of block k, remembering a failure (*b and *l
 * are set only when they return 1) and tag_is_latin of the block: the
 * tests ask it of the same blocks, and it reads the whole block, so it
 * is computed at most once per block and article, and only when a
 * test needs it.
 */
static int
block_byline(struct galley_tagger *t, const struct galley_article *a,
    size_t k, struct tag_byline *b)
{
	if (t->facts[k].byline == 0)
		return 0;
	if (tag_byline(block_span(&a->blocks[k]), &t->facts[k].latin, b))
		return 1;
	t->facts[k].byline = 0;
	return 0;
}

static int
block_lead(struct galley_tagger *t, const struct galley_article *a,
    size_t k, struct tag_lead *l)
{
	if (t->facts[k].lead == 0)
		return 0;
	if (tag_lead(block_span(&a->blocks[k]), &t->facts[k].latin, l))
		return 1;
	t->facts[k].lead = 0;
	return 0;
}

/*
 * Block k as a pen name alone (tag_byline_pen): only if the name is
 * found in no other block of the article.  A two-character block after
 * a headline that the text repeats is its topic ("四川", "汇率"); an
 * author's pen name is not written again.
 */
static int
pen_name(const struct galley_article *a, size_t k, int paren,
    struct tag_byline *b)
{
	if (!tag_byline_pen(block_span(&a->blocks[k]), paren, b))
		return 0;
	if (found_elsewhere(a, k, b->names[0].name)) {
		memset(b, 0, sizeof(*b));
		return 0;
	}
	return 1;
}

/* Non-zero when w (not empty) is in a block of a other than block k. */
static int
found_elsewhere(const struct galley_article *a, size_t k, struct span w)
{
	const char	*p, *end;
	size_t		 m;

	for (m = 0; m < a->nblocks; m++) {
		if (m == k || a->blocks[m].len < w.n)
			continue;
		p = a->blocks[m].text;
		end = p + a->blocks[m].len - w.n + 1;
		while ((p = memchr(p, w.s[0], (size_t)(end - p))) != NULL) {
			if (memcmp(p, w.s, w.n) == 0)
				return 1;
			p++;
		}
	}
	return 0;
}

/*
 * A headline: short, no full stop (。；), though ！？… may stand
 * anywhere ("饭桌上，谁先动筷子？——孩子，还是老人？").  A photo note at
 * the end ("（附图片１张）") is left out of the measure.
 */
static int
is_title(struct span s, int *latin, size_t nblocks)
{
	struct span	 t;
	uint32_t	 e;
	int		 caps, other;

	if (s.n == 0 || nblocks < 2)
		return 0;
	t = photo_note(s);
	if (t.s != s.s || t.n != s.n) {
		other = -1;
		latin = &other;
	}
	s = t;
	if (s.n == 0)
		return 0;
	e = tag_last(s);
	if (tag_is_clause_end(e) && e != 0x2026)
		return 0;
	if (*latin < 0)
		*latin = tag_is_latin(s);
	if (*latin) {
		if (tag_words_upto(s, TITLE_WORDS) > TITLE_WORDS)
			return 0;
		caps = tag_all_caps(s) || tag_title_case(s);
		return !tag_has_stop(s, caps || e == '?' || e == '!');
	}
	if (tag_len_upto(s, TITLE_MAX) > TITLE_MAX)
		return 0;
	return !tag_has_full_stop(s, 0);
}

/* s without a photo note at its end: （图片）, （附图片１张）, （传真照片）. */
static struct span
photo_note(struct span s)
{
	size_t		 i;
	struct span	 in;

	if (!tag_ends(s, "）"))
		return s;
	for (i = s.n; i > 0; i--)
		if (s.n - i >= 3 && memcmp(s.s + i, "（", 3) == 0)
			break;
	if (i == 0 && !(s.n >= 3 && memcmp(s.s, "（", 3) == 0))
		return s;
	in.s = s.s + i + 3;
	in.n = s.n - i - 6;
	if (tag_len_upto(in, 8) > 8 || !(tag_ends(in, "图片") ||
	    tag_ends(in, "照片") || tag_ends(in, "张")))
		return s;
	s.n = i;
	return tag_trim(s);
}

/*
 * Split "江苏省镇江市： 正文" into label (with its colon) and text.
 * Returns 1 when there is a label.
 */
static int
split_label(struct span s, struct span *label, struct span *text)
{
	size_t		 i, k, cps;
	uint32_t	 c;

	for (i = cps = 0; i < s.n && cps <= LABEL_MAX; i += k, cps++) {
		k = tag_cp(s.s, s.n, i, &c);
		if (c == 0xff1a)
			break;
		if (uc_is_space(c))
			return 0;
	}
	if (i >= s.n || cps < 2 || cps > LABEL_MAX)
		return 0;
	label->s = s.s;
	label->n = i + k;
	text->s = s.s + i + k;
	text->n = s.n - i - k;
	*text = tag_trim(*text);
	return text->n > 0;
}

/* Block i, after the title: a subtitle? */
static int
is_subtitle(struct galley_tagger *t, const struct galley_article *a,
    size_t i, const char **why)
{
	struct tag_byline	 b;
	struct tag_lead		 l;
	struct span		 s;
	const char		*cw;

	if (i + 1 >= a->nblocks)
		return 0;
	s = block_span(&a->blocks[i]);
	if (tag_starts(s, "——") || tag_starts(s, "--") ||
	    tag_starts(s, "—")) {
		if (tag_len_upto(s, SUBTITLE_MAX) > SUBTITLE_MAX ||
		    tag_has_stop(s, 1))
			return 0;
		*why = "opens with a dash";
		return 1;
	}
	if (!is_title(s, &t->facts[i].latin, a->nblocks) ||
	    block_byline(t, a, i, &b) || block_lead(t, a, i, &l) ||
	    tag_credit(s, &cw))
		return 0;
	if (block_byline(t, a, i + 1, &b) || (block_lead(t, a, i + 1, &l) &&
	    tag_len_upto(l.dateline, 0) > 0)) {
		*why = "short block between the title and a byline or "
		    "dateline";
		return 1;
	}
	return 0;
}

/* Emit a byline: per group, its text, its authors and its org. */
static void
put_byline(struct galley_tagger *t, const struct tag_byline *b, size_t line,
    const char *where)
{
	const struct tag_group	*g;
	const struct tag_name	*n;
	struct sbuf		 q;
	size_t			 i, j;

	sbuf_init(&q);
	for (i = 0; i < b->ngroups; i++) {
		g = &b->groups[i];
		put(t, GALLEY_BYLINE, line, 1, g->text);
		explain(t, line, "byline: %s%s%s", b->why, b->ngroups > 1 ?
		    "; one of several organisations" : "", where);
		for (j = g->first; j < g->first + g->nnames; j++) {
			n = &b->names[j];
			if (n->role.n > 0)
				put(t, GALLEY_AUTHOR, line, 2, n->name,
				    n->role);
			else
				put(t, GALLEY_AUTHOR, line, 1, n->name);
			if (report_explaining(&t->opts.report)) {
				sbuf_reset(&q);
				sbuf_put(&q, n->name.s, n->name.n);
				explain(t, line, "author %s: %s",
				    sbuf_str(&q), n->split ? "cut from "
				    "run-together names at a surname" :
				    "named in the byline");
			}
		}
		if (g->org.n > 0) {
			put(t, GALLEY_ORG, line, 1, g->org);
			if (report_explaining(&t->opts.report)) {
				sbuf_reset(&q);
				sbuf_put(&q, g->org.s, g->org.n);
				explain(t, line, "org %s: named in the "
				    "byline", sbuf_str(&q));
			}
		}
	}
	sbuf_free(&q);
}

/*
 * If s opens with a heading number, set rest to what follows and
 * return its style; else -1.
 */
static int
numbered(struct span s, struct span *rest)
{
	size_t		 i, k, n;
	uint32_t	 c, open;
	int		 han, style;

	open = tag_first(s);
	i = 0;
	if (open == 0xff08 || open == '(')
		i = open == '(' ? 1 : 3;
	else if (open == 0x7b2c)	/* 第 */
		i = 3;
	han = 0;
	for (n = 0; i < s.n; i += k, n++) {
		k = tag_cp(s.s, s.n, i, &c);
		if (uc_is_digit(c))
			continue;
		if (c == 0x4e00 || c == 0x4e8c || c == 0x4e09 ||
		    c == 0x56db || c == 0x4e94 || c == 0x516d ||
		    c == 0x4e03 || c == 0x516b || c == 0x4e5d ||
		    c == 0x5341 || c == 0x767e || c == 0x96f6 ||
		    c == 0x3007) {
			han = 1;
			continue;
		}
		break;
	}
	if (n == 0 || n > 4 || i >= s.n)
		return -1;
	k = tag_cp(s.s, s.n, i, &c);
	if (open == 0x7b2c) {
		/* 第一章 总则, 第三节, 第二部分 */
		if (c == 0x7ae0 || c == 0x7bc7)		/* 章 篇 */
			style = NUM_CHAPTER;
		else if (c == 0x8282)			/* 节 */
			style = NUM_SECTION;
		else if (tag_starts((struct span){ s.s + i, s.n - i },
		    "部分")) {
			style = NUM_CHAPTER;
			k = 6;
		} else
			return -1;
	} else if (open == 0xff08 || open == '(') {
		if (c != 0xff09 && c != ')')
			return -1;
		style = han ? NUM_HANPAREN : NUM_ARABPAREN;
	} else if (han) {
		if (c != 0x3001)		/* 、 */
			return -1;
		style = NUM_HAN;
	} else {
		if (c != '.' && c != 0xff0e && c != 0x3001)
			return -1;
		/* 1.5 is a number, not a heading. */
		if (i + k < s.n && uc_is_digit(tag_first((struct span){
		    s.s + i + k, s.n - i - k })))
			return -1;
		style = NUM_ARABIC;
	}
	rest->s = s.s + i + k;
	rest->n = s.n - i - k;
	*rest = tag_trim(*rest);
	return rest->n > 0 ? style : -1;
}

/*
 * A heading: short, no sentence stop, not ending a clause; in English
 * a line in capitals or Title Case.  *latin is tag_is_latin(s), or -1
 * until it is needed (then it is set).
 */
static int
heading_shaped(struct span s, int *latin, const char **why)
{
	uint32_t	 f, e;
	int		 caps;

	if (s.n == 0)
		return 0;
	f = tag_first(s);
	e = tag_last(s);
	/* "———董颖（北京）" signs a letter; a dash leads no heading. */
	if (tag_is_clause_end(e) || f == 0xff08 || f == '(' || f == '[' ||
	    f == 0x2014 || f == 0x2015 || f == '-')
		return 0;
	if (*latin < 0)
		*latin = tag_is_latin(s);
	if (*latin) {
		/* Most English paragraphs fail the case test on their
		 * second word; the word count reads ten. */
		caps = tag_all_caps(s);
		if (!caps && !tag_title_case(s))
			return 0;
		if (tag_words_upto(s, HEADING_WORDS) > HEADING_WORDS)
			return 0;
		if (tag_has_stop(s, caps))
			return 0;
		*why = caps ? "short line in capitals between paragraphs" :
		    "short Title Case line between paragraphs";
		return 1;
	}
	if (tag_len_upto(s, HEADING_MAX) > HEADING_MAX || tag_has_stop(s, 0))
		return 0;
	*why = "short block without sentence punctuation between paragraphs";
	return 1;
}

/*
 * The byte length of a run-in head opening s, in English or in Chinese
 * as *latin says, or 0.  Both shapes are looked for in the first few
 * characters only, so *latin (-1 until known), which reads the whole
 * block, is computed only when one of them is there.
 */
static size_t
runin_head(struct span s, int *latin)
{
	size_t	 cjk;

	if (*latin < 0) {
		if ((cjk = runin_head_cjk(s)) == 0 &&
		    runin_head_latin(s) == 0)
			return 0;
		*latin = tag_is_latin(s);
		if (!*latin)
			return cjk;
	}
	return *latin ? runin_head_latin(s) : runin_head_cjk(s);
}

/*
 * A Chinese run-in head: a first sentence of at most RUNIN_MAX code
 * points ending in 。 or ：, without quotation marks, with more text
 * after it.  Returns its byte length, or 0.
 */
static size_t
runin_head_cjk(struct span s)
{
	static const char *const speech[] = {
		"说", "道", "表示", "指出", "强调", "认为", "宣布", "透露",
		"获悉", "包括", "如下", "赞叹", "回忆", "介绍", "问", "答",
		"告诉记者", "了解到", NULL
	};
	struct span	 head, rest;
	size_t		 i, k, cps, w;
	uint32_t	 c;

	for (i = cps = 0; i < s.n && cps <= RUNIN_MAX; i += k) {
		k = tag_cp(s.s, s.n, i, &c);
		if (!uc_is_space(c))
			cps++;
		if (c == 0x3002 || c == 0xff1a)
			break;
		if (c == 0xff01 || c == 0xff1f || c == 0xff1b)
			return 0;
	}
	if (i >= s.n || cps > RUNIN_MAX || cps < 3)
		return 0;
	head.s = s.s;
	head.n = i + k;
	rest.s = s.s + i + k;
	rest.n = s.n - i - k;
	rest = tag_trim(rest);
	/* A short note after it ("（本报加拉加斯电）") is no paragraph. */
	if (tag_has_quote(head) || tag_len_upto(rest, cps) < cps ||
	    tag_first(rest) == 0xff08)
		return 0;
	/* "她说：" introduces speech; it heads nothing. */
	if (c == 0xff1a) {
		head.n = i;
		for (w = 0; speech[w] != NULL; w++)
			if (tag_ends(head, speech[w]))
				return 0;
	}
	return i + k;
}

/*
 * An English run-in head: a few words led by one in capitals, then a
 * dash ("MINERALS. - The mania...", "POLICE FORCE.—We understand").
 * Returns the byte length of the head with its dash, or 0.
 */
static size_t
runin_head_latin(struct span s)
{
	struct span	 head, rest;
	const char	*p;
	size_t		 i, k, up, low, end, lim;
	uint32_t	 c, prev;

	/*
	 * No dash (- or U+2014, E2 80 94) in the bytes the loop below
	 * reads: no head.  Most blocks are rejected so, without decoding.
	 */
	lim = s.n < 62 ? s.n : 62;
	if (memchr(s.s, '-', lim) == NULL) {
		for (p = s.s; (p = memchr(p, 0xe2, lim - (size_t)(p - s.s))) !=
		    NULL; p++)
			if (lim - (size_t)(p - s.s) >= 3 && p[1] == '\x80' &&
			    p[2] == '\x94')
				break;
		if (p == NULL)
			return 0;
	}
	end = 0;
	for (i = 0, prev = 0; i < s.n && i < 60; i += k, prev = c) {
		k = tag_cp(s.s, s.n, i, &c);
		if (c == 0x2014 && i > 0) {
			end = i + k;
			break;
		}
		if (c == '-' && (prev == ' ' || prev == '.' || prev == ',')) {
			end = i + k;
			while (end < s.n && s.s[end] == '-')
				end++;
			break;
		}
	}
	if (end == 0)
		return 0;
	head.s = s.s;
	head.n = end;
	rest.s = s.s + end;
	rest.n = s.n - end;
	if (tag_words_upto(tag_trim(rest), 2) < 2 ||
	    tag_words_upto(head, 8) > 8)
		return 0;
	/* The first word in capitals, and most of the letters. */
	for (i = up = low = 0; i < head.n && head.s[i] != ' '; i++) {
		if (head.s[i] >= 'A' && head.s[i] <= 'Z')
			up++;
		else if (head.s[i] >= 'a' && head.s[i] <= 'z')
			low++;
	}
	if (up < 2 || low > 0)
		return 0;
	for (i = up = low = 0; i < head.n; i++) {
		if (head.s[i] >= 'A' && head.s[i] <= 'Z')
			up++;
		else if (head.s[i] >= 'a' && head.s[i] <= 'z')
			low++;
	}
	if (up < 3 || up * 2 < (up + low) + (up + low) / 5)
		return 0;
	return head.n;
}

/* First look at one body block, without its neighbours. */
static void
classify(struct galley_tagger *t, struct binfo *b)
{
	struct span	 rest;
	const char	*why;
	int		 lrest;

	(void)t;
	b->kind = BK_PARA;
	b->num = -1;
	b->why = NULL;
	b->headlen = 0;
	if (tag_credit(b->text, &why)) {
		b->kind = BK_CREDIT;
		b->why = why;
		return;
	}
	lrest = -1;
	if ((b->num = numbered(b->text, &rest)) >= 0 &&
	    heading_shaped(rest, &lrest, &why)) {
		b->kind = BK_HEAD;
		b->why = "numbered short block without sentence punctuation";
		return;
	}
	b->num = -1;
	if (heading_shaped(b->text, &b->latin, &why)) {
		b->kind = BK_HEADCAND;
		b->why = why;
		return;
	}
	if ((b->headlen = runin_head(b->text, &b->latin)) > 0)
		b->kind = BK_RUNCAND;
	b->nsib = b->nsec = 0;
}

/*
 * Settle the candidates by their neighbours.  A heading candidate must
 * be followed by a paragraph and must not touch another candidate (a
 * run of short lines is a list or a poem).  Run-in candidates stand
 * when at least two paragraphs of their section, and at least half of
 * them, open the same way.
 */
static void
settle(struct binfo *bi, size_t n)
{
	size_t	 i, j, m, lo, hi, start, npara, ncand;

	for (i = 0; i < n; i++) {
		if (bi[i].kind != BK_HEADCAND)
			continue;
		if (i + 1 < n && (bi[i + 1].kind == BK_PARA ||
		    bi[i + 1].kind == BK_RUNCAND) &&
		    (i == 0 || bi[i - 1].kind != BK_HEADCAND))
			continue;
		/* Demote the whole run of candidates. */
		for (j = i; j < n && bi[j].kind == BK_HEADCAND; j++) {
			bi[j].kind = BK_PARA;
			bi[j].why = "short block not followed by a paragraph, "
			    "or in a run of short blocks";
		}
		i = j - 1;
	}
	for (i = 0; i < n; i++)
		if (bi[i].kind == BK_HEADCAND)
			bi[i].kind = BK_HEAD;
	for (start = 0; start < n; start = j + 1) {
		npara = ncand = 0;
		for (j = start; j < n && bi[j].kind != BK_HEAD; j++) {
			if (bi[j].kind == BK_PARA)
				npara++;
			else if (bi[j].kind == BK_RUNCAND)
				npara++;
		}
		/*
		 * Only heads shaped like a sibling's count; siblings are
		 * looked for among the nearest paragraphs only, which
		 * keeps this linear.
		 */
		for (i = start; i < j; i++) {
			if (bi[i].kind != BK_RUNCAND)
				continue;
			lo = i - start > SIBLINGS ? i - SIBLINGS : start;
			hi = j - i > SIBLINGS ? i + SIBLINGS + 1 : j;
			for (m = lo; m < hi; m++)
				if (m != i && bi[m].kind == BK_RUNCAND &&
				    alike(&bi[i], &bi[m]))
					break;
			if (m < hi)
				ncand++;
			else {
				bi[i].kind = BK_PARA;
				bi[i].why = "short opening sentence not shaped "
				    "like a sibling's";
			}
		}
		for (i = start; i < j; i++) {
			if (bi[i].kind != BK_RUNCAND)
				continue;
			bi[i].nsib = ncand;
			bi[i].nsec = npara;
			if (ncand >= 2 && ncand * 2 >= npara)
				bi[i].kind = BK_RUNIN;
			else {
				bi[i].kind = BK_PARA;
				bi[i].why = "short opening sentence not shared "
				    "by sibling paragraphs";
			}
		}
	}
}

/*
 * Two run-in heads open alike when they start with the same character
 * ("推动…", "△…"), end alike ("…增强执行力。" "…增强感召力。" share
 * 力。), or are about as long with the same stop ("记者：", "石万鹏：").
 * English heads in capitals with a dash always do.
 */
static int
alike(const struct binfo *a, const struct binfo *b)
{
	struct span	 ha, hb;
	size_t		 la, lb, pa, pb;
	uint32_t	 ca, cb;

	ha.s = a->text.s;
	ha.n = a->headlen;
	hb.s = b->text.s;
	hb.n = b->headlen;
	if (tag_is_latin(ha) && tag_is_latin(hb))
		return 1;
	if (tag_first(ha) == tag_first(hb))
		return 1;
	if (tag_last(ha) != tag_last(hb))
		return 0;
	/* The code point before the stop. */
	pa = utf8_prev(ha.s, ha.n);
	pb = utf8_prev(hb.s, hb.n);
	tag_cp(ha.s, pa, utf8_prev(ha.s, pa), &ca);
	tag_cp(hb.s, pb, utf8_prev(hb.s, pb), &cb);
	if (ca == cb)
		return 1;
	la = tag_len(ha);
	lb = tag_len(hb);
	return la <= lb + 1 && lb <= la + 1;
}

/* Emit the body records, with heading levels. */
static void
put_body(struct galley_tagger *t, struct binfo *bi, size_t n)
{
	struct span	 lv, head, rest;
	char		 level[4];
	unsigned	 present, below;
	size_t		 i;
	int		 s, lvl, plain_first, seen;

	present = 0;
	plain_first = 0;
	seen = 0;
	for (i = 0; i < n; i++) {
		if (bi[i].kind != BK_HEAD)
			continue;
		if (bi[i].num >= 0)
			present |= 1u << bi[i].num;
		else if (!seen)
			plain_first = 1;
		seen = 1;
	}
	for (i = 0; i < n; i++) {
		switch (bi[i].kind) {
		case BK_HEAD:
			if (bi[i].num >= 0) {
				below = present & ((1u << bi[i].num) - 1);
				for (lvl = 1; below != 0; below &= below - 1)
					lvl++;
				lvl += plain_first;
			} else if (plain_first || present == 0)
				lvl = 1;
			else {
				for (lvl = 1, s = 0; s < NUM_MAX; s++)
					if (present & (1u << s))
						lvl++;
			}
			if (lvl > 6)
				lvl = 6;
			level[0] = (char)('0' + lvl);
			level[1] = '\0';
			lv.s = level;
			lv.n = 1;
			put(t, GALLEY_HEADING, bi[i].line, 2, lv, bi[i].text);
			if (bi[i].num >= 0)
				explain(t, bi[i].line, "heading %d: %s %s", lvl,
				    "numbered", numnames[bi[i].num]);
			else
				explain(t, bi[i].line, "heading %d: %s", lvl,
				    bi[i].why);
			break;
		case BK_RUNIN:
			head.s = bi[i].text.s;
			head.n = bi[i].headlen;
			rest.s = head.s + head.n;
			rest.n = bi[i].text.n - head.n;
			put(t, GALLEY_RUNIN, bi[i].line, 2, tag_trim(head),
			    tag_trim(rest));
			explain(t, bi[i].line, "runin: short opening sentence "
			    "shared by %zu of %zu paragraphs in its section",
			    bi[i].nsib, bi[i].nsec);
			break;
		case BK_CREDIT:
			put(t, GALLEY_CREDIT, bi[i].line, 1, bi[i].text);
			explain(t, bi[i].line, "credit: %s", bi[i].why);
			break;
		default:
			put(t, GALLEY_PARA, bi[i].line, 1, bi[i].text);
			if (bi[i].why != NULL)
				explain(t, bi[i].line, "para: %s", bi[i].why);
			break;
		}
	}
}

static int
emit(struct galley_tagger *t, galley_record_fn fn, void *arg)
{
	struct galley_record	 r;
	size_t			 i, j;
	int			 rc;

	for (i = 0; i < t->nrecs; i++) {
		memset(&r, 0, sizeof(r));
		r.kind = t->recs[i].kind;
		r.nfields = t->recs[i].nf;
		for (j = 0; j < r.nfields; j++)
			r.fields[j] = t->arena.buf + t->recs[i].off[j];
		if ((rc = fn(&r, arg)) != 0)
			return rc;
	}
	return 0;
}

int
galley_tag_article(struct galley_tagger *t, const struct galley_article *a,
    galley_record_fn fn, void *arg)
{
	struct tag_byline	 b;
	struct tag_lead		 l, l2;
	struct span		 s, label, text;
	const char		*why;
	struct {
		size_t		 j, off, n;
	}			 later[HOIST_MAX];
	size_t			 i, j, k, nb, n, lead, nlater;
	int			 nby, own, rc;

	t->file = a->file;
	t->nrecs = 0;
	sbuf_reset(&t->arena);
	sbuf_reset(&t->joined);
	put(t, GALLEY_ARTICLE, a->line, 0);
	if (a->nblocks > t->fcap) {
		t->fcap = a->nblocks;
		t->facts = galley_xreallocarray(t->facts, t->fcap,
		    sizeof(*t->facts));
	}
	for (j = 0; j < a->nblocks; j++) {
		t->facts[j].latin = -1;
		t->facts[j].byline = -1;
		t->facts[j].lead = -1;
	}
	i = 0;

	/* The headline. */
	if (a->nblocks > 0) {
		s = block_span(&a->blocks[0]);
		if (is_title(s, &t->facts[0].latin, a->nblocks) &&
		    !block_byline(t, a, 0, &b) && !block_lead(t, a, 0, &l) &&
		    !tag_credit(s, &why)) {
			if (split_label(s, &label, &text)) {
				put(t, GALLEY_TITLE, a->blocks[0].line, 2,
				    text, label);
				explain(t, a->blocks[0].line, "title: short "
				    "first block without sentence "
				    "punctuation; label before a full-width "
				    "colon");
			} else {
				put(t, GALLEY_TITLE, a->blocks[0].line, 1, s);
				explain(t, a->blocks[0].line, "title: short "
				    "first block without sentence "
				    "punctuation");
			}
			i = 1;
			if (is_subtitle(t, a, i, &why)) {
				put(t, GALLEY_SUBTITLE, a->blocks[i].line, 1,
				    block_span(&a->blocks[i]));
				explain(t, a->blocks[i].line, "subtitle: %s",
				    why);
				i++;
			}
		}
	}

	/*
	 * Bylines; right after a headline, names alone will do
	 * ("胡昭衡"), or a pen name ("粒砂").
	 */
	for (nby = 0; i < a->nblocks && nby < BYLINES_MAX; i++, nby++) {
		s = block_span(&a->blocks[i]);
		if (!block_byline(t, a, i, &b) &&
		    !(nby == 0 && i > 0 && (tag_byline_names(s, &b) ||
		    (i + 1 < a->nblocks && pen_name(a, i, 0, &b)))))
			break;
		put_byline(t, &b, a->blocks[i].line, "");
	}

	nb = a->nblocks - i;
	if (nb > t->bcap) {
		t->bcap = nb;
		t->bi = galley_xreallocarray(t->bi, t->bcap,
		    sizeof(*t->bi));
		t->skip = galley_xrealloc(t->skip, t->bcap);
	}
	if (nb > 0)
		memset(t->skip, 0, nb);

	/*
	 * A byline a little further down (after an editor's note or a
	 * deck of the headline), or closing the article (perhaps before a
	 * photo credit), goes up with the others.
	 */
	for (j = 0; j < nb && j < HOIST_MAX; j++)
		if (block_byline(t, a, i + j, &b)) {
			put_byline(t, &b, a->blocks[i + j].line,
			    "; moved up from the text");
			t->skip[j] = 1;
		}
	j = nb;
	if (j > 0 && tag_credit(block_span(&a->blocks[i + j - 1]), &why))
		j--;
	if (j >= 2 && !t->skip[j - 1] &&
	    (block_byline(t, a, i + j - 1, &b) ||
	    tag_byline_names(block_span(&a->blocks[i + j - 1]), &b) ||
	    pen_name(a, i + j - 1, 1, &b)) &&
	    b.nnames > 0) {
		put_byline(t, &b, a->blocks[i + j - 1].line,
		    "; moved up from the end");
		t->skip[j - 1] = 1;
	}

	/* A dateline opening one of the first paragraphs. */
	lead = nb;
	for (j = 0; j < nb && j < HOIST_MAX; j++) {
		if (t->skip[j] || !block_lead(t, a, i + j, &l))
			continue;
		/* In the order of the text: the dateline opens the lead. */
		put(t, GALLEY_DATELINE, a->blocks[i + j].line, 1,
		    l.dateline);
		explain(t, a->blocks[i + j].line, "dateline: %s", l.why);
		if (l.has_byline)
			put_byline(t, &l.byline, a->blocks[i + j].line, "");
		lead = j;
		break;
	}

	/*
	 * A later story among the first paragraphs, opening with its own
	 * dateline and byline ("本报波恩１月１０日电记者江建国报道：…"
	 * after a first story): its byline goes up with the others, its
	 * dateline stays in its paragraph, before the text.
	 */
	nlater = 0;
	for (j = lead + 1; j < nb && j < HOIST_MAX; j++) {
		if (t->skip[j] || !block_lead(t, a, i + j, &l2) ||
		    !l2.has_byline)
			continue;
		put_byline(t, &l2.byline, a->blocks[i + j].line,
		    "; moved up from a later story's lead");
		later[nlater].j = j;
		later[nlater].off = t->joined.len;
		sbuf_put(&t->joined, l2.dateline.s, l2.dateline.n);
		sbuf_put(&t->joined, l2.rest.s, l2.rest.n);
		later[nlater].n = t->joined.len - later[nlater].off;
		nlater++;
	}

	/* The body. */
	for (n = 0, j = 0, k = 0; j < nb; j++) {
		if (t->skip[j])
			continue;
		s = j == lead ? l.rest : block_span(&a->blocks[i + j]);
		own = j != lead;
		if (k < nlater && later[k].j == j) {
			s.s = t->joined.buf + later[k].off;
			s.n = later[k].n;
			own = 0;
			k++;
		}
		if (s.n == 0)
			continue;
		t->bi[n].text = s;
		t->bi[n].line = a->blocks[i + j].line;
		t->bi[n].latin = own ? t->facts[i + j].latin : -1;
		classify(t, &t->bi[n]);
		n++;
	}
	settle(t->bi, n);
	put_body(t, t->bi, n);
	rc = emit(t, fn, arg);
	t->nrecs = 0;
	return rc;
}
