/*
 * mend.c: galley-mend, the repair stage of galley(5)'s article stream.
 * It reads an article's blocks as physical lines, measures the article
 * (its column width, whether its lines are hard-wrapped, whether its
 * paragraphs start with an indent), decides at every line end whether
 * a paragraph ends there or goes on (mend_decide below), and writes the
 * article back with one paragraph per block, each on one line.
 *
 * The decisions look only at general evidence: punctuation that ends
 * sentences or cannot start a line, sentence punctuation inside the
 * paragraph (headings, headlines and bylines hold none), list markers,
 * indents, and whether a line is full or short against the column
 * width.  The same rules judge a break between blocks and a break in a
 * block, and passes over the mended paragraphs repeat until one joins
 * nothing, so that mending mended text changes nothing.  Each pass is
 * linear in the article, and there are at most 16.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mend.h"

#define HEADING_MAX	60	/* code points; a longer unit is no heading */
#define HIST_MAX	1024	/* widest column measured */
#define CTX		8	/* code points of context in explanations */
#define MEDIAN_SORT	32	/* blocks sorted for the median, not counted */
#define VERSE_MAX	40	/* code points; longer open units are no verse */
#define NONNUM		0x10ffff	/* a digit that ends a Latin word */

/* Sentence evidence about a run of text (a paragraph so far). */
struct unit {
	size_t		 nchars;
	size_t		 npunct;	/* sentence punctuation */
	size_t		 nspace;	/* word spaces */
	int		 endp;		/* the last code point was counted */
	int		 lower;		/* holds a lower-case letter */
	size_t		 nsym;		/* code symbols */
	int		 hasopen;	/* an opening parenthesis */
	int		 fword;		/* ends with a function word */
	size_t		 ndun;		/* enumeration commas */
	uint32_t	 first;		/* its first character */
	uint32_t	 openprev;	/* before the last one */
	uint32_t	 openprev2;	/* and before that */
	int		 qbal;		/* open quotes */
	int		 pbal;		/* open parentheses */
	size_t		 ndq;		/* straight double quotes */
	uint32_t	 last, prevlast;
};

/*
 * A paragraph of one line, its text unchanged, as the pass that wrote
 * it scanned it: the next pass sees the same bytes as a block and takes
 * the figures from here instead of scanning them again.
 */
struct pline {
	struct mline	 l;
	int		 ok;	/* a line of its own, unchanged */
};

struct galley_mender {
	struct galley_mend_opts	 o;
	struct mline		*lines;
	size_t			 nlines;
	size_t			 cap;
	size_t			*hist;
	size_t			*bhist;		/* block lengths */
	size_t			 histmax;	/* hist[histmax + 1..] are 0 */
	struct mvocab		*vocab;
	struct mstats		 st;
	struct unit		 pu;		/* the paragraph so far */
	size_t			 pfirst;	/* its first line */
	int			 pass;		/* 1 for the first pass */
	int			 bodyseen;	/* a sentence has ended */
	int			 prevopen;	/* the paragraph before was
						   short and open: verse */
	size_t			*lastin;	/* each block's last line */
	size_t			*lastout;	/* output: the same */
	size_t			 lastcap;
	struct pline		*pcache;	/* output paragraphs */
	struct sbuf		 cur;		/* the paragraph so far */
	struct sbuf		 why;
	struct sbuf		 msg;
	struct sbuf		 tmp;
	const char		*file;
};

static int	 code_symbol(uint32_t);
static void	 scan_line(struct mline *, const char *, size_t);
static int	 mix_class(uint32_t);
static void	 mix_step(struct mline *, uint32_t, int *, size_t *);
static int	 function_word(const char *, size_t);
static int	 fw_lookup(const char *, size_t);
static int	 fword_first(const struct mline *);
static int	 determiner(const struct mline *);
static int	 fword_in(const struct mline *);
static int	 rule_line(const char *, size_t);
static int	 code_line(const struct mline *);
static int	 url_symbols(const char *, size_t);
static void	 add_lines(struct galley_mender *,
		    const struct galley_article *);
static void	 measure(struct galley_mender *);
static int	 terminal(uint32_t, uint32_t);
static size_t	 median_block(struct galley_mender *);
static int	 mixed_spacing(struct galley_mender *);
static int	 mixed(const struct galley_mender *, uint32_t, uint32_t);
static uint32_t	 edge(const struct mline *, int);
static int	 u3000(const struct mline *);
static int	 comma(uint32_t);
static int	 is_quote_closer(uint32_t);
static int	 tag_line(const struct galley_mender *, size_t);
static int	 wrapped_on(const struct galley_mender *, size_t);
static int	 less_indented(const struct galley_mender *, size_t);
static int	 inner(const struct unit *);
static int	 heading_open(const struct unit *);
static int	 uterminal(const struct unit *);
static int	 list_item(const struct mline *);
static int	 section_number(const char *, size_t);
static int	 heading_like(const struct unit *);
static int	 next_heading(const struct galley_mender *, size_t);
static int	 next_unit(const struct galley_mender *, size_t,
		    struct unit *);
static int	 next_command(const struct galley_mender *, size_t);
static int	 command_unit(const struct mline *, const struct unit *);
static int	 same_word(const struct mline *, const struct mline *);
static int	 forced_join(const struct galley_mender *, size_t);
static int	 cjkish(uint32_t);
static int	 cjk_nostart(uint32_t);
static int	 cjk_noend(uint32_t);
static int	 is_lower(uint32_t);
static int	 is_opener(uint32_t);
static int	 is_upper(uint32_t);
static size_t	 fit(const struct mline *);
static int	 short_line(const struct galley_mender *, size_t);
static int	 full_line(const struct galley_mender *, size_t);
static size_t	 shape(const struct mline *, char *, size_t, int);
static int	 same_shape(const struct galley_mender *, size_t);
static int	 cjk_near_full(const struct galley_mender *, size_t);
static int	 cjk_near_page(const struct galley_mender *, size_t);
static int	 goes_on(const struct galley_mender *, size_t, const char **);
static enum mjoin joinkind(const struct galley_mender *, size_t,
		    const char **);
static enum mjoin mend_decide(struct galley_mender *, size_t,
		    const char **);
static void	 unit_add(struct unit *, const struct mline *);
static void	 explain(struct galley_mender *, size_t, enum mjoin,
		    const char *);
static size_t	 endline(const struct galley_mender *, size_t);
static int	 is_ws(uint32_t);
static void	 ctx(struct sbuf *, const char *, size_t, size_t, int);
static void	 put_squeezed(struct sbuf *, const char *, size_t);
static void	 flush(struct galley_mender *, struct galley_article *,
		    size_t, size_t);
static size_t	 mend_pass(struct galley_mender *, struct galley_article *,
		    int);

struct galley_mender *
galley_mend_new(const struct galley_mend_opts *o)
{
	struct galley_mender	*m;

	m = galley_xcalloc(1, sizeof(*m));
	if (o != NULL)
		m->o = *o;
	m->vocab = mvocab_new();
	m->hist = galley_xcalloc(HIST_MAX + 1, sizeof(*m->hist));
	m->bhist = galley_xcalloc(HIST_MAX + 1, sizeof(*m->bhist));
	m->histmax = HIST_MAX;
	sbuf_init(&m->cur);
	sbuf_init(&m->why);
	sbuf_init(&m->msg);
	sbuf_init(&m->tmp);
	return m;
}

void
galley_mend_free(struct galley_mender *m)
{
	if (m == NULL)
		return;
	mvocab_free(m->vocab);
	free(m->lines);
	free(m->hist);
	free(m->bhist);
	free(m->lastin);
	free(m->lastout);
	free(m->pcache);
	sbuf_free(&m->cur);
	sbuf_free(&m->why);
	sbuf_free(&m->msg);
	sbuf_free(&m->tmp);
	free(m);
}

/* White space at a line's ends: ASCII, U+3000, NBSP, and controls. */
static int
is_ws(uint32_t c)
{
	return uc_is_space(c) || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Is the ASCII character c one of the code symbols {}$=<>|\\_~# (or NUL,
 * which strchr() on that string found as well)?
 */
static int
code_symbol(uint32_t c)
{
	static const uint64_t lo = 1ULL | (1ULL << '$') | (1ULL << '=') |
	    (1ULL << '<') | (1ULL << '>') | (1ULL << '#');
	static const uint64_t hi = (1ULL << ('{' - 64)) |
	    (1ULL << ('}' - 64)) | (1ULL << ('|' - 64)) |
	    (1ULL << ('\\' - 64)) | (1ULL << ('_' - 64)) |
	    (1ULL << ('~' - 64));

	if (c < 64)
		return (lo >> c) & 1;
	if (c < 128)
		return (hi >> (c - 64)) & 1;
	return 0;
}

/*
 * Fill l from the line s[0..n): strip and measure the indent and the
 * trailing white space, and gather what the decisions look at.
 */
static void
scan_line(struct mline *l, const char *s, size_t n)
{
	static const struct mline zero;
	size_t		 i, k, end, nk, msp;
	uint32_t	 c, nc, pc, ppc;
	int		 mpc;

	*l = zero;	/* plain moves; memset was a slow rep stos */
	pc = ppc = 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 || !is_ws(c))
			break;
		if (c == 0x3000)
			l->indent += 2;
		else if (c == '\t')
			l->indent += 8 - l->indent % 8;
		else if (c == ' ' || c == 0xa0)
			l->indent++;
	}
	l->ind = s;
	l->indlen = i;
	for (end = n; end > i; end = k) {
		k = utf8_prev(s, end);
		if (utf8_decode(s + k, end - k, &c) == 0 || !is_ws(c))
			break;
	}
	l->s = s + i;
	l->len = end - i;
	s = l->s;
	n = l->len;
	nk = 0;
	nc = 0;
	mpc = 0;
	msp = 0;
	for (i = 0; i < n; i += k) {
		/* The character after the last one is decoded already. */
		if (nk != 0) {
			c = nc;
			k = nk;
		} else if ((k = utf8_decode(s + i, n - i, &c)) == 0) {
			k = 1;
			c = 0xfffd;
			mpc = -1;	/* mixed_spacing skips it */
		}
		if (mpc >= 0)
			mix_step(l, c, &mpc, &msp);
		else
			mpc = 0;
		if (l->nchars == 0)
			l->first = c;
		l->nchars++;
		/*
		 * Below U+1100 nothing is wide, and the common Han block
		 * is: no call for those.
		 */
		l->width += c >= 0x4e00 && c <= 0x9fff ? 2 :
		    c >= 0x1100 && mend_is_wide(c) ? 2 : 1;
		if (c < 0x80 && code_symbol(c))
			l->nsym++;
		if (c == ')' || c == 0xff09)
			l->pbal--;
		else if (c == '"')
			l->ndq++;
		if (c == '(' || c == 0xff08) {
			l->pbal++;
			/* What stands before it, spaces aside. */
			l->hasopen = 1;
			l->openprev = pc;
			l->openprev2 = ppc;
		}
		/* No quotation mark below U+2018: Latin text goes on. */
		if (c >= 0x2018 && (c == 0x201c || c == 0x2018 ||
		    c == 0x300c || c == 0x300e))
			l->qbal++;
		else if (c >= 0x2018 && (c == 0x201d || c == 0x2019 ||
		    c == 0x300d || c == 0x300f))
			l->qbal--;
		if (c != ' ') {
			ppc = pc;
			pc = c;
		}
		l->prevlast = l->last;
		l->last = c;
		nc = 0;
		nk = 0;
		if (i + k < n && (nk = utf8_decode(s + i + k, n - i - k,
		    &nc)) == 0)
			nc = 0;
		/*
		 * ASCII punctuation counts when no letter or digit
		 * follows: "1,000" and "e.g" are not sentence marks.
		 */
		l->endp = 0;
		/* mend_is_sentence_punct: past ASCII U+3002 and U+FF01... */
		if ((c < 0x80 ? c == ',' || c == ';' : (c == 0x3002 ||
		    c >= 0xff01) && mend_is_sentence_punct(c)) ||
		    c == '!' || c == '?' ||
		    (c == '.' && !uc_is_digit(l->prevlast))) {
			if (c >= 0x80 || (nc != '.' && !uc_is_digit(nc) &&
			    !(nc < 0x80 && uc_is_latin_letter(nc)) &&
			    (c == ',' || c == ';' || nc == 0 || nc == ' ' ||
			    cjkish(nc) || mend_is_closer(nc)))) {
				l->npunct++;
				l->endp = 1;
			}
		}
		if (c == ' ')
			l->nspace++;
		else if (c == 0x3001)
			l->ndun++;
		if (is_lower(c))
			l->lower = 1;
		if (l->nchars == 2)
			l->second = c;
	}
	l->fword = function_word(s, n);
	l->rule = rule_line(s, n);
	l->code = code_line(l);
}

/*
 * Does the line look like a command or code rather than prose: code
 * symbols, an option ("-s", "--list"), or a first word joined with
 * "-", "_" or "." ("apt-get", "lsb_release", "file.conf")?
 */
static int
code_line(const struct mline *l)
{
	const char	*s = l->s, *dash;
	size_t		 n = l->len, i;

	/* Long lines are prose, whatever symbols they quote. */
	if (l->nspace >= 6)
		return 0;
	if ((l->nsym > 0 && !url_symbols(s, n)) ||
	    (n > 1 && s[0] == '-' && s[1] != ' '))
		return 1;
	/* From the first '-' on: the line has none mostly. */
	dash = n > 0 ? memchr(s, '-', n) : NULL;
	for (i = dash != NULL ? (size_t)(dash - s) : n; i + 1 < n; i++)
		if (s[i] == '-' && (i == 0 || s[i - 1] == ' ') &&
		    ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || s[i + 1] == '-'))
			return 1;
	/* A joined first word needs a-z: l->lower says if there is any. */
	for (i = 1; l->lower && i + 1 < n && s[i] != ' '; i++)
		if ((s[i] == '-' || s[i] == '.' || s[i] == '/') &&
		    ((s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
		    (s[i + 1] >= 'A' && s[i + 1] <= 'Z')) &&
		    s[i - 1] >= 'a' && s[i - 1] <= 'z')
			return 1;
	return 0;
}

/*
 * Are all the code symbols of s[0..n) inside URLs ("https://host/#x"),
 * which prose quotes?
 */
static int
url_symbols(const char *s, size_t n)
{
	size_t		 i, j, k;
	int		 url;

	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && s[j] != ' '; j++)
			continue;
		url = 0;
		for (k = i; k + 2 < j; k++)
			if (memcmp(s + k, "://", 3) == 0) {
				url = 1;
				break;
			}
		if (url)
			continue;
		for (k = i; k < j; k++)
			if (s[k] != '\0' &&
			    strchr("{}$=<>|\\_~#", s[k]) != NULL)
				return 0;
	}
	return 1;
}

/*
 * English function words cannot end a paragraph: a line ending with
 * one is cut.  Lower-case forms count, and capitalised ones that start
 * a sentence or the line ("Appendix A" is no cut).
 */
static int
function_word(const char *s, size_t n)
{
	size_t	 i;

	for (i = n; i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z'; i--)
		continue;
	if (i == n || n - i > 8)
		return 0;
	/*
	 * A capital starts a sentence's first word ("... here. The"),
	 * which is no end either; after another word it is a name.
	 */
	if (i > 0 && s[i - 1] >= 'A' && s[i - 1] <= 'Z') {
		i--;
		if (i > 0 && !(i >= 2 && s[i - 1] == ' ' &&
		    strchr(".!?", s[i - 2]) != NULL))
			return 0;
	} else if (i > 0 && s[i - 1] != ' ')
		return 0;
	return fw_lookup(s + i, n - i);
}

/* Is the word w[0..n) (its first letter in either case) a function word? */
static int
fw_lookup(const char *w, size_t n)
{
	static const char *const fw[] = {
		"a", "an", "the", "and", "or", "nor", "but", "of", "to", "in",
		"on", "at", "by", "for", "from", "with", "as", "than", "that",
		"which", "who", "whom", "whose", "whether", "into", "onto",
		"upon", "via", "per", "its", "their", "our", "your", "his",
		"her", "my", "these", "those", "is", "are", "was", "were",
		"be", "been", "being", "has", "have", "had", "will", "would",
		"shall", "should", "can", "could", "may", "might", "must",
		"also", "such", "both", "either", "neither", "each", "every",
		"if", "when", "where", "while", "because", "although",
		"about", "between", "through", "without", "within", "during",
		"against", "among", "across", "toward", "towards", "unlike",
		"whereas", "despite", NULL
	};
	size_t	 j;

	if (n == 0)
		return 0;
	for (j = 0; fw[j] != NULL; j++)
		if (strlen(fw[j]) == n && (w[0] == fw[j][0] ||
		    w[0] == fw[j][0] - 'a' + 'A') &&
		    memcmp(fw[j] + 1, w + 1, n - 1) == 0)
			return 1;
	return 0;
}

/*
 * Does line l end with a determiner ("the", "a", "its")?  A noun
 * follows it, never a command set apart.
 */
static int
determiner(const struct mline *l)
{
	static const char *const dt[] = {
		"the", "a", "an", "its", "their", "our", "your", "his",
		"her", "my", "these", "those", "this", "each", "every", NULL
	};
	size_t	 i, j;

	for (i = l->len; i > 0 && l->s[i - 1] >= 'a' && l->s[i - 1] <= 'z';
	    i--)
		continue;
	if (i == l->len || (i > 0 && l->s[i - 1] != ' '))
		return 0;
	for (j = 0; dt[j] != NULL; j++)
		if (strlen(dt[j]) == l->len - i &&
		    memcmp(dt[j], l->s + i, l->len - i) == 0)
			return 1;
	return 0;
}

/* Does line l start with a lower-case function word ("and", "the")? */
static int
fword_first(const struct mline *l)
{
	size_t	 i;

	for (i = 0; i < l->len && l->s[i] >= 'a' && l->s[i] <= 'z'; i++)
		continue;
	if (i == 0 || (i < l->len && l->s[i] != ' '))
		return 0;
	return fw_lookup(l->s, i);
}

/*
 * Does line l hold a lower-case function word among its first 64
 * bytes ("support for Debian"): prose, where a command has none?
 */
static int
fword_in(const struct mline *l)
{
	size_t	 i, j, n;

	n = l->len < 64 ? l->len : 64;
	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && l->s[j] >= 'a' && l->s[j] <= 'z'; j++)
			continue;
		if (j > i && (j == l->len || l->s[j] == ' ') &&
		    (i == 0 || l->s[i - 1] == ' ') &&
		    fw_lookup(l->s + i, j - i))
			return 1;
		while (j < n && l->s[j] != ' ')
			j++;
	}
	return 0;
}

/*
 * A rule or a scene break: three or more of one mark, spaces aside, or
 * two or more ellipses or em dashes ("……", "———"); or the border of a
 * grid table ("+----+----+", "+:---:+").
 */
static int
rule_line(const char *s, size_t n)
{
	size_t	 i, k, dash;

	if (n >= 6 && n % 3 == 0 && s[0] == '\xe2' && s[1] == '\x80' &&
	    (s[2] == '\xa6' || s[2] == '\x94')) {
		for (i = 3; i < n && memcmp(s + i, s, 3) == 0; i += 3)
			continue;
		if (i == n)
			return 1;
	}
	if ((s[0] == '+' || s[0] == '|') && n >= 3) {
		for (i = dash = 0; i < n && strchr("+-=:|", s[i]) != NULL;
		    i++)
			dash += s[i] == '-' || s[i] == '=';
		if (i == n && dash >= 3)
			return 1;
	}
	for (i = k = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		if (strchr("-=_*~#+.", s[i]) == NULL || s[i] != s[0])
			return 0;
		k++;
	}
	return k >= 3;
}

/* Cut the article's blocks into lines, noting the blank lines between. */
static void
add_lines(struct galley_mender *m, const struct galley_article *a)
{
	const struct galley_block	*b;
	struct mline			*l;
	const struct pline		*pc;
	const char			*p, *e, *nl;
	size_t				 i, ln, gap, prevend;
	int				 start;

	m->nlines = 0;
	prevend = 0;
	for (i = 0; i < a->nblocks; i++) {
		b = &a->blocks[i];
		p = b->text;
		e = b->text + b->len;
		ln = b->line;
		gap = i == 0 ? 0 : (b->line > prevend ? b->line - prevend : 1);
		start = 1;
		while (p <= e) {
			if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
				nl = e;
			if (m->nlines == m->cap) {
				m->cap = m->cap == 0 ? 256 : m->cap * 2;
				m->lines = galley_xreallocarray(m->lines,
				    m->cap, sizeof(*m->lines));
			}
			l = &m->lines[m->nlines];
			pc = m->pass > 1 ? &m->pcache[i] : NULL;
			if (pc != NULL && pc->ok && p == b->text &&
			    nl == e && pc->l.indlen + pc->l.len == b->len) {
				/* The same bytes as a line last pass. */
				*l = pc->l;
				l->ind = p;
				l->s = p + l->indlen;
			} else
				scan_line(l, p, (size_t)(nl - p));
			l->lineno = ln;
			l->block = i;
			if (l->len == 0) {
				/* Only white space: as good as blank. */
				gap++;
				start = 1;
			} else {
				l->gap = start ? (gap > 0 ? gap : 1) : 0;
				if (m->nlines == 0)
					l->gap = 0;
				l->blockstart = start;
				m->nlines++;
				start = 0;
				gap = 0;
			}
			ln++;
			p = nl + 1;
		}
		prevend = ln;
	}
}

/*
 * Measure the article: script, left margin, column width, whether the
 * lines are hard-wrapped and whether paragraphs start with an indent.
 * The column width is the widest right edge shared by at least two
 * lines near the most common one, so that a few over-long lines (a URL,
 * a table) do not count, and lines ending a paragraph are not measured
 * where the blocks show them (the last line of a block).
 */
static void
measure(struct galley_mender *m)
{
	struct mstats	*st = &m->st;
	struct mline	*l;
	size_t		 i, j, r, ncand, mode, near, han, latin, fli, bli;
	size_t		 lo, hi, above;

	memset(st, 0, sizeof(*st));
	memset(m->hist, 0, (m->histmax + 1) * sizeof(*m->hist));
	m->histmax = 0;
	han = latin = ncand = fli = bli = 0;
	st->margin = SIZE_MAX;
	for (i = 0; i < m->nlines; i++) {
		l = &m->lines[i];
		if (l->indent < st->margin)
			st->margin = l->indent;
		if (uc_is_han(l->first) || uc_is_han(l->last))
			han++;
		else if (uc_is_latin_letter(l->first) ||
		    uc_is_latin_letter(l->last))
			latin++;
		if (i + 1 >= m->nlines || m->lines[i + 1].blockstart)
			continue;
		/* First-line indents against block indents. */
		if (l->indent > m->lines[i + 1].indent)
			fli++;
		else if (l->indent < m->lines[i + 1].indent &&
		    i + 2 < m->nlines && !m->lines[i + 2].blockstart &&
		    m->lines[i + 2].indent == m->lines[i + 1].indent)
			bli++;
		/*
		 * Measure lines that something follows in their block,
		 * unless it starts a paragraph by its indent: those end
		 * paragraphs and say nothing of the column.
		 */
		if (u3000(&m->lines[i + 1]) ||
		    m->lines[i + 1].indent > l->indent)
			continue;
		/*
		 * Nor does a line of one Latin word: too long to break (a
		 * URL), it may stand past the column.
		 */
		if (l->nspace == 0 && l->first < 0x80 && l->last < 0x80 &&
		    l->nchars > 1)
			continue;
		r = l->indent + l->width;
		/* A mark hung in the margin does not widen it. */
		if (mend_is_noline_start(l->last) && l->nchars > 1)
			r -= mend_is_wide(l->last) ? 2 : 1;
		if (r > HIST_MAX)
			r = HIST_MAX;
		m->hist[r]++;
		if (r > m->histmax)
			m->histmax = r;
		ncand++;
	}
	if (st->margin == SIZE_MAX)
		st->margin = 0;
	st->medpara = median_block(m);
	st->mixspace = mixed_spacing(m);
	st->cjk = han >= latin;
	if (m->o.lang == GALLEY_LANG_CJK)
		st->cjk = 1;
	else if (m->o.lang == GALLEY_LANG_LATIN)
		st->cjk = 0;
	if (ncand < 2)
		return;
	/* Past histmax all are 0 and cannot displace the mode. */
	for (mode = 0, r = 1; r < HIST_MAX && r <= m->histmax; r++)
		if (m->hist[r] >= m->hist[mode])
			mode = r;
	/*
	 * The column is the narrowest width from the mode up that all but
	 * a few lines (3 %: a long URL, a table row) keep within, counting
	 * only widths that many lines share.
	 */
	for (above = 0, r = mode + 1; r <= m->histmax; r++)
		above += m->hist[r];
	st->width = mode;
	hi = mode + mode / 8 + 2;
	for (r = mode + 1; r <= hi && r < HIST_MAX &&
	    above * 100 > ncand * 3; r++) {
		above -= m->hist[r];
		if (m->hist[r] >= 2 && m->hist[r] * 8 >= m->hist[mode])
			st->width = r;
	}
	lo = st->width > st->width / 5 + 2 ? st->width - st->width / 5 - 2 :
	    0;
	for (near = 0, j = lo; j <= st->width; j++)
		near += m->hist[j];
	/* A short article needs its measured lines to agree exactly. */
	st->wrapped = st->width >= 16 && near * 100 >= ncand * 45 &&
	    (ncand >= 3 || m->hist[mode] == ncand);
	st->justified = !st->cjk && m->hist[st->width] * 3 >= ncand * 2;
	st->indents = (fli >= 2 && fli > bli) || (fli == 1 && bli == 0);
	/*
	 * A line past the right margin with a space where a wrapper would
	 * have broken it (a command, a table row) was set as it is, and so
	 * are the long lines that follow it in its block (the paths it
	 * prints).  A line that is one long word (a path, a URL) past the
	 * margin is the wrapper's doing, and so is a line it hyphenated.
	 */
	for (i = 0; i < m->nlines; i++) {
		l = &m->lines[i];
		l->pre = l->indent + l->width > st->width + 2 &&
		    !mend_is_hyphen(l->last) && (l->nspace > 0 ||
		    (i > 0 && !l->blockstart && m->lines[i - 1].pre));
	}
	if (m->o.no_unwrap)
		st->wrapped = 0;
}

static int
comma(uint32_t c)
{
	return c == ',' || c == 0xff0c || c == 0x3001;
}

/*
 * Is line i + 1 less indented than line i, in a text that does not
 * indent first lines: the end of a hanging indent, a new item?
 */
static int
less_indented(const struct galley_mender *m, size_t i)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];

	return !m->st.indents && b->indent < a->indent && !u3000(a);
}

/* A closing quote starts a line only to close a quote left open. */
static int
is_quote_closer(uint32_t c)
{
	return c == 0x201d || c == 0x2019 || c == 0x300d || c == 0x300f;
}

/*
 * Is line i a term or an option of a list ("-S list, --sections=list"),
 * with its description indented more on the next line?
 */
static int
tag_line(const struct galley_mender *m, size_t i)
{
	return m->lines[i].code && !m->st.indents &&
	    m->lines[i + 1].indent > m->lines[i].indent;
}

/*
 * In wrapped text whose paragraphs start indented, a full line goes on
 * at the next line when that is not indented, even if it starts like
 * a list item ("五、六届全国委员会"): items start paragraphs, indented.
 */
static int
wrapped_on(const struct galley_mender *m, size_t i)
{
	const struct mline	*b = &m->lines[i + 1];

	return m->st.wrapped && m->st.indents && !b->blockstart &&
	    b->indent <= m->st.margin && full_line(m, i);
}

/* Is line l indented with U+3000, the CJK paragraph indent? */
static int
u3000(const struct mline *l)
{
	return l->indlen >= 3 && memcmp(l->ind + l->indlen - 3,
	    "\xe3\x80\x80", 3) == 0;
}

/*
 * Does the article put a space between CJK and Latin words ("systemd
 * 程序"), as technical Chinese does, or not ("ＮＥＣ奖杯", "3亿元"), as
 * newspapers do?  Counted on the pairs inside its lines.
 */
static int
mixed_spacing(struct galley_mender *m)
{
	const struct mline	*l;
	size_t			 i, spaced, tight, dspaced, dtight;

	spaced = tight = dspaced = dtight = 0;
	for (i = 0; i < m->nlines; i++) {
		l = &m->lines[i];
		tight += l->mix[0];
		spaced += l->mix[1];
		dtight += l->mix[2];
		dspaced += l->mix[3];
	}
	/* Digits go as the article writes them, else as Latin words. */
	m->st.digspace = dspaced + dtight > 0 ? dspaced > dtight :
	    spaced > tight;
	return spaced > tight;
}

/* Latin letter 1, Han 2, digit 3, else 0: what mixed_spacing weighs. */
static int
mix_class(uint32_t c)
{
	return c < 0x80 && uc_is_latin_letter(c) ? 1 :
	    cjkish(c) && uc_is_han(c) ? 2 :
	    c < 0x80 && uc_is_digit(c) ? 3 : 0;
}

/*
 * Count in l the pairs mixed_spacing weighs: a Latin letter (or a
 * digit) next to Han, with no space or one space between.  *pc is the
 * class of the last character that was no space, *sp the spaces since.
 */
static void
mix_step(struct mline *l, uint32_t c, int *pc, size_t *sp)
{
	int	 cc;

	if (c == ' ') {
		(*sp)++;
		return;
	}
	cc = mix_class(c);
	if ((*pc == 1 && cc == 2) || (*pc == 2 && cc == 1)) {
		if (*sp == 0)
			l->mix[0]++;
		else if (*sp == 1)
			l->mix[1]++;
	} else if ((*pc == 3 && cc == 2) || (*pc == 2 && cc == 3)) {
		if (*sp == 0)
			l->mix[2]++;
		else if (*sp == 1)
			l->mix[3]++;
	}
	*pc = cc;
	*sp = 0;
}

/*
 * The median length of the article's blocks in code points (capped at
 * HIST_MAX): the article's typical paragraph, against which a short
 * block with a comma inside looks like a subhead or a line of verse.
 */
static size_t
median_block(struct galley_mender *m)
{
	size_t	 i, j, n, len, nb, acc, v[MEDIAN_SORT];

	/*
	 * The median is the value of rank (nb + 1) / 2.  Most articles
	 * have few blocks: sort their lengths (insertion); otherwise count
	 * them in bhist, which is all 0 between calls.
	 */
	nb = len = 0;
	for (i = 0; i < m->nlines; i++) {
		len += m->lines[i].nchars;
		if (i + 1 == m->nlines || m->lines[i + 1].blockstart) {
			if (len > HIST_MAX)
				len = HIST_MAX;
			if (nb < MEDIAN_SORT) {
				for (j = nb; j > 0 && v[j - 1] > len; j--)
					v[j] = v[j - 1];
				v[j] = len;
			}
			nb++;
			len = 0;
		}
	}
	if (nb == 0)
		return 0;
	if (nb <= MEDIAN_SORT)
		return v[(nb + 1) / 2 - 1];
	for (i = 0; i < m->nlines; i++) {
		len += m->lines[i].nchars;
		if (i + 1 == m->nlines || m->lines[i + 1].blockstart) {
			m->bhist[len < HIST_MAX ? len : HIST_MAX]++;
			len = 0;
		}
	}
	for (n = acc = 0; n < HIST_MAX; n++)
		if ((acc += m->bhist[n]) * 2 >= nb)
			break;
	/* Clear what was counted. */
	for (i = 0; i < m->nlines; i++) {
		len += m->lines[i].nchars;
		if (i + 1 == m->nlines || m->lines[i + 1].blockstart) {
			m->bhist[len < HIST_MAX ? len : HIST_MAX] = 0;
			len = 0;
		}
	}
	return n;
}

/* Does a text ending in prevlast, last end a sentence? */
static int
terminal(uint32_t last, uint32_t prevlast)
{
	if (mend_is_terminal(last))
		return 1;
	return mend_is_closer(last) && mend_is_terminal(prevlast);
}

/*
 * Does the unit end a sentence?  Also when it ends with a remark in
 * parentheses after the sentence's stop: "…开工。（新华社发）".
 */
static int
uterminal(const struct unit *u)
{
	if (terminal(u->last, u->prevlast))
		return 1;
	if ((u->last == ')' || u->last == 0xff09 || (mend_is_closer(u->last) &&
	    (u->prevlast == ')' || u->prevlast == 0xff09))) && u->hasopen)
		return terminal(u->openprev, u->openprev2);
	return 0;
}

/*
 * Does the unit open with its quotation, as a heading or an item may
 * ("“Getting started" alone is no open sentence)?  Only a quotation
 * opened inside says the sentence goes on.
 */
static int
heading_open(const struct unit *u)
{
	return u->first == '"' || is_opener(u->first);
}

/* Sentence punctuation before the unit's last character. */
static int
inner(const struct unit *u)
{
	return u->npunct > (size_t)(u->endp ? 1 : 0) ||
	    (u->ndun >= 3 && u->nchars >= 30);
}

static int
heading_like(const struct unit *u)
{
	return u->nchars <= HEADING_MAX && !inner(u) && !uterminal(u) &&
	    !u->fword && !comma(u->last);
}

static void
unit_add(struct unit *u, const struct mline *l)
{
	u->nchars += l->nchars;
	u->npunct += l->npunct;
	u->nspace += l->nspace;
	u->nsym += l->nsym;
	u->fword = l->fword;
	u->qbal += l->qbal;
	u->pbal += l->pbal;
	u->ndq += l->ndq;
	u->ndun += l->ndun;
	if (u->nchars == l->nchars)
		u->first = l->first;
	if (l->hasopen) {
		u->hasopen = 1;
		u->openprev = l->openprev != 0 ? l->openprev : u->last;
		u->openprev2 = l->openprev != 0 ? l->openprev2 :
		    u->prevlast;
	}
	u->endp = l->endp;
	u->lower |= l->lower;
	u->prevlast = l->nchars > 1 ? l->prevlast : u->last;
	u->last = l->last;
}

/*
 * Is line i joined to line i + 1 whatever the paragraph before says?
 * That is when line i + 1 starts with a mark that cannot start a line,
 * when line i ends in a soft hyphen, and inside a block of wrapped text
 * when line i is full and no indent or list item starts line i + 1.
 */
static int
forced_join(const struct galley_mender *m, size_t i)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];

	if (b->blockstart ? 0 : m->o.no_unwrap)
		return 0;
	if (mend_is_noline_start(b->first) && !list_item(b) &&
	    !(b->rule && b->first >= 0x80))
		return 1;
	if (a->last == 0xad)
		return 1;
	if (!m->st.wrapped || b->blockstart ||
	    (list_item(b) && !wrapped_on(m, i)) ||
	    (m->st.indents && b->indent > m->st.margin) || u3000(b) ||
	    less_indented(m, i) || a->rule || b->rule || tag_line(m, i))
		return 0;
	return full_line(m, i) || cjk_near_full(m, i);
}

/*
 * Gather in u the paragraph starting at line j, as far as forced_join
 * runs it on, so that the answer is the same when the text is mended
 * again; the scan stops past HEADING_MAX code points, so it costs O(1)
 * lines.  Returns 0 when the paragraph is longer than that.
 */
static int
next_unit(const struct galley_mender *m, size_t j, struct unit *u)
{
	size_t	 i;

	memset(u, 0, sizeof(*u));
	for (i = j; i < m->nlines; i++) {
		unit_add(u, &m->lines[i]);
		if (u->nchars > HEADING_MAX)
			return 0;
		if (i + 1 >= m->nlines || !forced_join(m, i))
			break;
	}
	return 1;
}

/*
 * Does the paragraph starting at line j look like a heading (short, no
 * sentence punctuation, no final stop)?
 */
static int
next_heading(const struct galley_mender *m, size_t j)
{
	struct unit	 u;

	return next_unit(m, j, &u) && heading_like(&u);
}

/*
 * Is the paragraph starting at line j a command or a name set apart
 * ("aptitude update", "apt-get install foo"): short, without sentence
 * punctuation, an open end or a final stop, starting with a lower-case
 * Latin letter but not with a function word ("and installing Debian")?
 * A sentence cut by a page goes on with more than that, or ends it.
 */
static int
next_command(const struct galley_mender *m, size_t j)
{
	struct unit	 u;

	return next_unit(m, j, &u) && command_unit(&m->lines[j], &u);
}

/*
 * Does line a end with the Latin word (three letters or more) that
 * line b starts with, letter case aside?
 */
static int
same_word(const struct mline *a, const struct mline *b)
{
	size_t	 i, j, n;

	for (i = a->len; i > 0 && uc_is_latin_letter(
	    (unsigned char)a->s[i - 1]) && (unsigned char)a->s[i - 1] < 0x80;
	    i--)
		continue;
	n = a->len - i;
	if (n < 3 || n >= b->len || b->s[n] != ' ')
		return 0;
	for (j = 0; j < n; j++)
		if ((a->s[i + j] | 0x20) != (b->s[j] | 0x20))
			return 0;
	return 1;
}

/* Is the unit u, whose first line is l, a command (see next_command)? */
static int
command_unit(const struct mline *l, const struct unit *u)
{
	if (!is_lower(l->first) || l->first >= 0x80 || fword_first(l) ||
	    u->nchars > HEADING_MAX || (fword_in(l) && u->nsym == 0))
		return 0;
	return !inner(u) && !uterminal(u) && !comma(u->last) && !u->fword;
}

/*
 * List items, bylines and numbered headings start with a marker:
 * a bullet, "一、", "（一）", "(1)", "1.", "1、", "①", "第一章".
 */
static int
list_item(const struct mline *l)
{
	const char	*s = l->s;
	size_t		 n = l->len, i, k, nd;
	uint32_t	 c, c2;

	if ((k = utf8_decode(s, n, &c)) == 0)
		return 0;
	switch (c) {
	case 0x2022: case 0x25cf: case 0x25cb: case 0x25c6: case 0x25c7:
	case 0x25a0: case 0x25a1: case 0x2605: case 0x2606: case 0x25b2:
	case 0x25b3: case 0x25ba: case 0x25aa: case 0x203b: case 0x00b7:
	case 0x2027: case 0x30fb: case 0x25b6: case 0x2666: case 0x2713:
		return 1;
	case '-': case '*': case '+': case 0x2013: case 0x2014:
		/* "- item", but not "--option" or "-1". */
		return k < n && s[k] == ' ';
	default:
		break;
	}
	if (c >= 0x2460 && c <= 0x24ff)
		return 1;	/* ① ⑴ ⒈ */
	i = 0;
	if (c == '(' || c == 0xff08) {
		i = k;
		if (i >= n || (k = utf8_decode(s + i, n - i, &c)) == 0)
			return 0;
	}
	if (c == 0x7b2c) {	/* 第 */
		i += k;
		if (i >= n || (k = utf8_decode(s + i, n - i, &c)) == 0)
			return 0;
	}
	for (nd = 0; i < n; i += k, nd++) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			return 0;
		if (!uc_is_digit(c) &&
		    !(c == 0x4e00 || c == 0x4e8c || c == 0x4e09 ||
		    c == 0x56db || c == 0x4e94 || c == 0x516d ||
		    c == 0x4e03 || c == 0x516b || c == 0x4e5d ||
		    c == 0x5341 || c == 0x767e || c == 0x96f6 ||
		    c == 0x3007))
			break;
	}
	if (nd == 0 || nd > 3 || i >= n)
		return 0;
	c2 = 0;
	if (i + k < n)
		(void)utf8_decode(s + i + k, n - i - k, &c2);
	switch (c) {
	case 0x3001:		/* 、 */
		return 1;
	case ')': case 0xff09:
		/* "(1) item", but not "(Debian 8). In addition". */
		return c2 != '.' && c2 != ',' && c2 != ';' && c2 != ':';
	case '.': case 0xff0e:
		/* "1. Item" or "1.项目", but not "1.5". */
		if (!uc_is_digit(c2) && c2 != '.')
			return 1;
		return section_number(s + i, n - i);
	case 0x7ae0: case 0x8282: case 0x6761: case 0x7bc7: case 0x56de:
		/* 第一章 节 条 篇 回, not "一条路" */
		return s[0] != '(' && utf8_decode(s, n, &c2) != 0 &&
		    c2 == 0x7b2c;
	default:
		return 0;
	}
}

/*
 * After a first number: the rest of a section number, ".1.3." followed
 * by a space, a no-break space or a Han character ("8.1.3. aptitude").
 */
static int
section_number(const char *s, size_t n)
{
	size_t		 i, k, groups;
	uint32_t	 c;

	for (i = 0, groups = 0; i < n && s[i] == '.'; groups++) {
		i++;
		if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
			break;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (groups < 1 || i == 0 || s[i - 1] != '.' || i >= n)
		return 0;
	if ((k = utf8_decode(s + i, n - i, &c)) == 0)
		return 0;
	return c == ' ' || c == 0xa0 || uc_is_han(c);
}

/*
 * Chinese particles that cannot start a clause: 的 了 着 们 得 吗 呢 吧
 * 么.  (地 and 过 can: 地区, 过去.)
 */
static int
cjk_nostart(uint32_t c)
{
	switch (c) {
	case 0x7684: case 0x4e86: case 0x7740: case 0x4eec: case 0x5f97:
	case 0x5417: case 0x5462: case 0x5427: case 0x4e48:
		return 1;
	default:
		return 0;
	}
}

/*
 * Chinese words that cannot end a clause: 的, and the prepositions and
 * conjunctions 为 被 把 将 从 对 与 及 或 在 是 给 让 于.  (Names and
 * words end in 和, 向, 本: 瞿弦和, 走向, 日本.)
 */
static int
cjk_noend(uint32_t c)
{
	switch (c) {
	case 0x7684: case 0x4e3a: case 0x88ab: case 0x628a: case 0x5c06:
	case 0x4ece: case 0x5bf9: case 0x4e0e: case 0x53ca: case 0x6216:
	case 0x5728: case 0x662f: case 0x7ed9: case 0x8ba9: case 0x4e8e:
		return 1;
	default:
		return 0;
	}
}

/* CJK for spacing: Han, kana, full-width forms and CJK punctuation. */
static int
cjkish(uint32_t c)
{
	if (c >= 0x2010 && c <= 0x2027)
		return 0;	/* quotes, dashes, ellipsis: shared */
	return uc_is_cjk(c) && c != 0xb7 && c != 0x25a0;
}

static int
is_lower(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff &&
	    c != 0xf7);
}

static int
is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde &&
	    c != 0xd7);
}

static int
is_opener(uint32_t c)
{
	switch (c) {
	case 0x201c: case 0x2018: case 0xff08: case 0x300a: case 0x300c:
	case 0x300e: case 0x3010: case 0x3008: case 0x3014: case 0x3016:
	case '(': case '[':
		return 1;
	default:
		return 0;
	}
}

/*
 * The columns the start of line b needs on the line before it: a word
 * in Latin text, one wide character in CJK text,
 * or two when the typesetter may have moved a character down with a
 * mark that cannot start a line, or an opening bracket with what it
 * opens.
 */
static size_t
fit(const struct mline *b)
{
	const char	*s = b->s;
	size_t		 n = b->len, i, k, w;
	uint32_t	 c;

	if (mend_is_wide(b->first) || (is_opener(b->first) &&
	    b->first >= 0x80 && !(b->second > 0x20 && b->second < 0x7f))) {
		w = mend_is_wide(b->first) ? 2 : 1;
		if (b->second != 0 && (is_opener(b->first) ||
		    mend_is_noline_start(b->second)))
			w += mend_is_wide(b->second) ? 2 : 1;
		return w;
	}
	for (i = w = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 || c == ' ' ||
		    (mend_is_wide(c) && i > 0))
			break;
		w += mend_is_wide(c) ? 2 : 1;
	}
	return w;
}

/*
 * Is line i short: would the start of line i + 1 have fitted on it?
 * Then the typesetter ended the line on purpose.  A line ending in a
 * hyphen is only short when under half the width.
 */
static int
short_line(const struct galley_mender *m, size_t i)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];
	size_t			 right, sp;

	if (m->st.width == 0)
		return 1;
	right = a->indent + a->width;
	if ((mend_is_hyphen(a->last) && !a->rule) || a->last == 0xad)
		return right * 2 < m->st.width;
	/* Justified text: every full line reaches the right margin. */
	if (m->st.justified && a->nspace > 0 && !cjkish(a->last))
		return right < m->st.width;
	sp = cjkish(a->last) || cjkish(b->first) ? 0 : 1;
	if (mixed(m, edge(a, 1), edge(b, 0)))
		sp = 1;
	return right + sp + fit(b) <= m->st.width;
}

/*
 * Is line i full: not short, and not set as it is past the column (see
 * measure), when its end says nothing of a wrap?
 */
static int
full_line(const struct galley_mender *m, size_t i)
{
	const struct mline	*a = &m->lines[i];

	if (short_line(m, i))
		return 0;
	return !a->pre;
}

/*
 * In a block of wrapped CJK text, is line i, open at its end, near
 * enough to the column to be a wrap?  Typesetters leave CJK lines short
 * of the margin where they cannot break (groff breaks where its source
 * had a line end, and never inside "。man" or "明(若"), so a line in
 * the last quarter of the column that ends in a Han character with no
 * stop, the next line indented alike, goes on.
 */
static int
cjk_near_full(const struct galley_mender *m, size_t i)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];

	return m->st.cjk && m->st.wrapped && !b->blockstart &&
	    uc_is_han(a->last) && b->indent == a->indent &&
	    (a->indent + a->width) * 4 >= m->st.width * 3 &&
	    !a->pre && !list_item(b);
}

/*
 * The same across a blank line (a page break), when the paragraph so
 * far holds sentence punctuation (prose, not a heading) and line i + 1
 * is not a heading either.
 */
static int
cjk_near_page(const struct galley_mender *m, size_t i)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];

	return m->st.cjk && m->st.wrapped && uc_is_han(a->last) &&
	    b->indent == a->indent && !u3000(b) &&
	    (a->indent + a->width) * 4 >= m->st.width * 3 &&
	    !a->pre && !list_item(b) && inner(&m->pu) &&
	    !uterminal(&m->pu) && !next_heading(m, i + 1);
}

/*
 * The shape of the start of line l, its first three words at most, in
 * buf: a run of Latin letters is 'a', of other letters 'h', of digits
 * '9', of spaces ' ', and ASCII marks stand for themselves; with key,
 * the first word (a row's key) is 'w' whatever it holds
 * ("sysv-rc V:101, I:210" is "w a:9, a:9").  Returns its length, or 0
 * when it holds neither a digit and a mark nor a mark that is no
 * sentence punctuation: a shape of words and commas is any sentence's.
 */
static size_t
shape(const struct mline *l, char *buf, size_t max, int key)
{
	size_t		 i, k, n, words, lim;
	uint32_t	 c;
	unsigned char	 b;
	char		 t;
	int		 telling, digit, mark;

	n = words = 0;
	telling = digit = mark = 0;
	/*
	 * The start only: 64 bytes hold three words of a row.  Most lines
	 * of prose have no ASCII mark or digit there: say so at once.
	 */
	lim = l->len < 64 ? l->len : 64;
	for (i = 0; i < lim; i++) {
		b = (unsigned char)l->s[i];
		if (b > 0x20 && b < 0x7f && !uc_is_latin_letter(b))
			break;
	}
	if (i == lim)
		return 0;
	for (i = 0; i < lim && n + 1 < max; i += k) {
		if ((k = utf8_decode(l->s + i, l->len - i, &c)) == 0)
			return 0;
		if (c == ' ') {
			if (++words == 3)
				break;
			t = ' ';
		} else if (words == 0 && key) {
			t = 'w';
		} else if (uc_is_digit(c) && c < 0x80) {
			t = '9';
			digit = 1;
		} else if (c < 0x80 && !uc_is_latin_letter(c)) {
			t = (char)c;
			if (strchr(",.;:!?'\"", t) == NULL)
				telling = 1;
			mark = 1;
		} else
			t = c < 0x80 ? 'a' : 'h';
		if (n > 0 && buf[n - 1] == t && (t == 'a' || t == 'h' ||
		    t == '9' || t == ' ' || t == 'w'))
			continue;
		buf[n++] = t;
	}
	return telling || (digit && mark) ? n : 0;
}

/*
 * Does line i + 1 start like the paragraph that line i ends: the next
 * row of a table or item of a list, repeating the shape of the first?
 */
static int
same_shape(const struct galley_mender *m, size_t i)
{
	char	 x[40], y[40];
	size_t	 nx, ny;
	int	 key;

	/* A key can only hide marks: no shape without it, none with it. */
	for (key = 0; key <= 1; key++) {
		if ((ny = shape(&m->lines[i + 1], y, sizeof(y), key)) < 3)
			return 0;
		nx = shape(&m->lines[m->pfirst], x, sizeof(x), key);
		if (nx == ny && memcmp(x, y, nx) == 0)
			return 1;
	}
	return 0;
}

/*
 * Strong evidence, the same between blocks and inside one, that the
 * paragraph so far goes on at line i + 1: its sentence is open (sentence
 * punctuation inside, none at the end) and what follows is no heading,
 * or a lower-case word continues running Latin prose.
 */
static int
goes_on(const struct galley_mender *m, size_t i, const char **why)
{
	const struct mline	*b = &m->lines[i + 1];
	const struct unit	*p = &m->pu;
	struct unit		 u;

	if (uterminal(p))
		return 0;
	/*
	 * An indent may start a paragraph, and a line less indented than
	 * the paragraph ends a hanging indent; mended text keeps the
	 * indent of the first line, so both tests hold again.
	 */
	if (b->indent > 0 || (!m->st.indents &&
	    (b->indent < m->lines[i].indent ||
	    b->indent < m->lines[m->pfirst].indent)))
		return 0;
	if (list_item(b) || b->rule)
		return 0;
	/*
	 * Code and commands stand on lines of their own, but a function
	 * word leaves a sentence open that a file name may go on and end
	 * ("found in the" "sources.list(5) manual page.").
	 */
	if (m->lines[i].code || (b->code && !(p->fword &&
	    next_unit(m, i + 1, &u) && u.nsym == 0 &&
	    (u.last == '.' || u.last == '?' || u.last == '!'))))
		return 0;
	/* The first block of an article, one line, is its headline. */
	if (m->pfirst == 0 && i == 0 && m->lines[m->nlines - 1].block > 0)
		return 0;
	/*
	 * A Chinese word cut: a particle that cannot start a clause (的,
	 * 了) starts the next block, or a preposition, conjunction or 的
	 * that cannot end one ends this.  Lines of verse end so, and come
	 * in runs of short open blocks: not there.
	 */
	if (cjkish(p->last) && (cjk_nostart(b->first) ||
	    cjk_noend(p->last)) && !m->prevopen &&
	    !(next_unit(m, i + 1, &u) && u.nchars < VERSE_MAX &&
	    !uterminal(&u))) {
		*why = cjk_nostart(b->first) ? "a word cut: the next block "
		    "starts with a particle" : "a word cut: a particle or "
		    "preposition ends the block";
		return 1;
	}
	/*
	 * In CJK text, a block of a clause or two much shorter than the
	 * article's typical one is a subhead or a line of verse.
	 */
	if (cjkish(p->last) && ((p->nchars * 4 < m->st.medpara &&
	    p->npunct <= 1) ||
	    p->nchars < 10))
		return 0;
	/* A block wholly in brackets or quotes is a heading: 『…』. */
	if (is_opener(p->first) && mend_is_closer(p->last) && p->qbal <= 0 &&
	    !uterminal(p))
		return 0;
	/*
	 * A heading that names what the next block starts with ("8.1.3.
	 * aptitude" "aptitude is a package manager"): a sentence cut
	 * there would not say the word twice.
	 */
	if (same_word(&m->lines[i], b))
		return 0;
	/* A command or a name set apart in Latin text stands alone. */
	if (!cjkish(p->last) && next_command(m, i + 1) &&
	    !determiner(&m->lines[i]))
		return 0;
	if (p->fword || comma(p->last)) {
		*why = p->fword ? "sentence goes on: a function word ends it" :
		    "sentence goes on: a comma ends it";
		return 1;
	}
	if (fword_first(b) && b->nspace > 0 && p->nchars >= 2 &&
	    !command_unit(&m->lines[m->pfirst], p)) {
		*why = "sentence goes on: a function word starts the next "
		    "block";
		return 1;
	}
	if (p->pbal > 0 && !m->st.cjk) {
		*why = "sentence goes on: a parenthesis is open";
		return 1;
	}
	/* A quotation left open without a stop ("启动 \"$u", "“mult"). */
	if ((p->ndq % 2 == 1 || p->qbal > 0) && !heading_open(p)) {
		*why = "sentence goes on: a quotation is open";
		return 1;
	}
	if (is_lower(b->first) && p->nchars >= 2 &&
	    (b->nsym == 0 || b->nchars > HEADING_MAX) &&
	    !command_unit(&m->lines[m->pfirst], p) &&
	    p->lower && p->nsym == 0 &&
	    (uc_is_latin_letter(p->last) ||
	    p->last == ',' || uc_is_digit(p->last))) {
		*why = "a lower-case word goes on the sentence";
		return 1;
	}
	/* A numbered heading ("8.1.3. aptitude") stands alone. */
	if (uc_is_digit(p->first) && list_item(&m->lines[m->pfirst]) &&
	    !inner(p) &&
	    p->nchars <= HEADING_MAX && !p->fword && !comma(p->last))
		return 0;
	if (heading_like(p))
		return 0;
	/*
	 * Sentence punctuation inside: CJK prose, or Latin prose long
	 * enough not to be a list of options or names.
	 */
	/*
	 * Before the first paragraph that ends a sentence come the
	 * headline, subtitles and bylines: short blocks there stand alone
	 * even with a comma inside ("科学的评价，历史的定位").
	 */
	if (!m->bodyseen && p->nchars < 40)
		return 0;
	/*
	 * In Latin text a capital after an open end starts a new block
	 * (a term and its definition, an item) far more often than a
	 * proper noun goes on a sentence cut there.
	 */
	if (!cjkish(p->last) && is_upper(b->first)) {
		if (!mvocab_pair(m->vocab, &m->lines[i], b))
			return 0;
		*why = "a name goes on: the text writes the two words "
		    "together";
		return 1;
	}
	if (inner(p) && p->nchars >= (cjkish(p->last) ? 10 : 40) &&
	    p->first != '-' &&
	    !next_heading(m, i + 1)) {
		*why = "sentence goes on: no final punctuation, and "
		    "sentence punctuation before";
		return 1;
	}
	return 0;
}

/*
 * Should a space stand between a and b, one a Han character and the
 * other a Latin letter or another ASCII mark a space may stand beside
 * ("使用 \"/boot", "\"quiet\" 行"), not one that keeps to what it
 * follows or opens, as the article spaces Han and Latin words; or a
 * digit, as the article spaces Han and digits ("1992年" or "2 个")?
 */
static int
mixed(const struct galley_mender *m, uint32_t a, uint32_t b)
{
	int	 la, lb;

	if ((uc_is_han(a) && b < 0x80 && uc_is_digit(b)) ||
	    (uc_is_han(b) && a < 0x80 && uc_is_digit(a)))
		return m->st.digspace;
	if (a == NONNUM)
		a = 'a';
	if (b == NONNUM)
		b = 'a';
	la = a > 0x20 && a < 0x7f && a != '(' && a != '[' && a != '{' &&
	    a != '<';
	lb = b > 0x20 && b < 0x7f && !mend_is_noline_start(b) &&
	    !mend_is_closer(b) && b != '>';
	return m->st.mixspace && ((la && uc_is_han(b)) ||
	    (lb && uc_is_han(a)));
}

/*
 * The last (or first) code point of line l for mixed(): a digit ends
 * (or starts) a number only when its word holds nothing but digits and
 * separators; a digit in "-ix8" or "100-12" ends or starts a Latin
 * word, and counts as a letter (NONNUM).
 */
static uint32_t
edge(const struct mline *l, int last)
{
	size_t		 i;
	uint32_t	 c = last ? l->last : l->first;
	unsigned char	 x;

	if (c >= 0x80 || !uc_is_digit(c))
		return c;
	if (last) {
		for (i = l->len; i > 0; i--) {
			x = (unsigned char)l->s[i - 1];
			if (x == ' ' || x >= 0x80)
				break;
			if (!uc_is_digit(x) && x != '.' && x != ',')
				return NONNUM;
		}
	} else {
		for (i = 0; i < l->len; i++) {
			x = (unsigned char)l->s[i];
			if (x == ' ' || x >= 0x80)
				break;
			if (!uc_is_digit(x) && x != '.' && x != ',')
				return NONNUM;
		}
	}
	return c;
}

/* How to join line i to line i + 1 once they are to be joined. */
static enum mjoin
joinkind(const struct galley_mender *m, size_t i, const char **why)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];

	(void)why;
	if (a->last == 0xad)
		return MJ_DEHYPH;
	/* A wrapper breaks a long rule where it has a space. */
	if (a->rule && b->rule)
		return MJ_SPACE;
	/* A dash spaced from the word before it is spaced after it. */
	if (mend_is_dash(a->last) && a->prevlast == ' ')
		return MJ_SPACE;
	if (mend_is_dash(a->last) || (a->last == '-' && a->prevlast == '-'))
		return MJ_TIGHT;
	/* A run of one symbol ("────") cut by the wrap. */
	if (a->last == b->first && a->last >= 0x2000 && !cjkish(a->last))
		return MJ_TIGHT;
	if (mixed(m, edge(a, 1), edge(b, 0)))
		return MJ_SPACE;
	/* A straight quote that opens: another closes it on the line. */
	if (m->st.mixspace && uc_is_han(a->last) && b->first == '"' &&
	    memchr(b->s + 1, '"', b->len - 1) != NULL)
		return MJ_SPACE;
	if (cjkish(a->last) || cjkish(b->first))
		return MJ_TIGHT;
	if ((a->last >= 0x2018 && a->last <= 0x201f) &&
	    cjkish(a->prevlast))
		return MJ_TIGHT;
	if ((b->first >= 0x2018 && b->first <= 0x201f) && cjkish(b->second))
		return MJ_TIGHT;
	if (a->last == 0x2026 && cjkish(a->prevlast))
		return MJ_TIGHT;
	return MJ_SPACE;
}

/*
 * Decide what happens at the end of line i (followed by line i + 1):
 * MJ_BREAK, or how to join.  *why gets the reason (static text, or
 * m->why for a hyphen).
 */
static enum mjoin
mend_decide(struct galley_mender *m, size_t i, const char **why)
{
	const struct mline	*a = &m->lines[i], *b = &m->lines[i + 1];
	const struct unit	*p = &m->pu;
	int			 between = b->blockstart;
	enum mjoin		 j;

	*why = NULL;
	if (!between && m->o.no_unwrap) {
		*why = "--no-unwrap";
		return MJ_BREAK;
	}
	/* A line of ellipses or dashes ("……") is a break of its own. */
	if (mend_is_noline_start(b->first) && !list_item(b) &&
	    !(b->rule && b->first >= 0x80) &&
	    !(is_quote_closer(b->first) && p->qbal <= 0)) {
		*why = "the next line starts with a mark that cannot start "
		    "a line";
		goto join;
	}
	if (a->last == 0xad) {
		*why = "soft hyphen dropped";
		return MJ_DEHYPH;
	}
	if (list_item(b) && !wrapped_on(m, i)) {
		*why = "a list item, byline or numbered heading follows";
		return MJ_BREAK;
	}
	if (a->rule && b->rule && a->s[0] == b->s[0] && m->st.wrapped &&
	    !between && b->indent <= a->indent && !u3000(b) &&
	    !(m->st.indents && b->indent > m->st.margin) &&
	    !short_line(m, i)) {
		*why = "a rule line goes on";
		goto join;
	}
	if (a->rule || b->rule) {
		*why = "a rule line";
		return MJ_BREAK;
	}
	if (between && same_shape(m, i)) {
		*why = "the next block starts like this one (a row or an "
		    "item)";
		return MJ_BREAK;
	}
	if (m->st.wrapped) {
		if ((m->st.indents && b->indent > m->st.margin) ||
		    u3000(b)) {
			*why = "the next line is indented";
			return MJ_BREAK;
		}
		if (tag_line(m, i)) {
			*why = "an option or a term, its text indented below";
			return MJ_BREAK;
		}
		if (less_indented(m, i)) {
			*why = "the next line is less indented (a new item)";
			return MJ_BREAK;
		}
		if (full_line(m, i)) {
			if (!between) {
				*why = "hard wrap";
				goto join;
			}
			/*
			 * In Latin text a capital after the blank starts
			 * a new block more often than it goes on a
			 * sentence, unless a comma or a function word
			 * left the sentence open.
			 */
			if (!uterminal(p) && !next_heading(m, i + 1) &&
			    !(is_upper(b->first) && !p->fword &&
			    !comma(p->last))) {
				*why = "full line before a blank line (a page "
				    "or column break)";
				goto join;
			}
			if (m->st.indents) {
				*why = "full line before a blank line, and "
				    "the next line is not indented";
				goto join;
			}
		} else if (cjk_near_full(m, i)) {
			*why = "hard wrap: a CJK line near the column, open "
			    "at its end";
			goto join;
		} else if (between && cjk_near_page(m, i)) {
			*why = "a CJK line near the column, open at its end, "
			    "before a blank line (a page break)";
			goto join;
		}
	}
	if (goes_on(m, i, why))
		goto join;
	if (uterminal(p))
		*why = "the sentence ends";
	else if (heading_like(p))
		*why = "a heading, headline or byline (no sentence "
		    "punctuation)";
	else if (next_heading(m, i + 1))
		*why = "a heading or a short line follows";
	else if (b->indent > 0)
		*why = "the next line is indented";
	else if (m->st.wrapped)
		*why = "short last line";
	else
		*why = "no sign that the paragraph goes on";
	return MJ_BREAK;
join:
	j = joinkind(m, i, why);
	if (j == MJ_SPACE && mend_is_hyphen(a->last) &&
	    (uc_is_latin_letter(a->prevlast))) {
		sbuf_reset(&m->why);
		if (m->o.no_dehyphenate) {
			sbuf_puts(&m->why, "hyphen kept: --no-dehyphenate");
			j = MJ_TIGHT;
		} else
			j = mend_hyphen(m->vocab, a, b,
			    report_explaining(&m->o.report) ? &m->why : NULL);
		*why = sbuf_str(&m->why);
	} else if (j == MJ_SPACE && mend_is_hyphen(a->last) &&
	    uc_is_digit(a->prevlast))
		j = MJ_TIGHT;
	return j;
}

/* Put the last (or first) max code points of s[0..n) in b, with "…". */
static void
ctx(struct sbuf *b, const char *s, size_t n, size_t max, int tail)
{
	size_t	 i, k;

	if (tail) {
		for (i = n, k = 0; i > 0 && k < max; k++)
			i = utf8_prev(s, i);
		if (i > 0)
			sbuf_puts(b, "\xe2\x80\xa6");
		sbuf_put(b, s + i, n - i);
	} else {
		/* Step by code points (utf8_prev cannot go forward). */
		for (i = 0, k = 0; i < n && k < max; k++) {
			i++;
			while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
		}
		sbuf_put(b, s, i);
		if (i < n)
			sbuf_puts(b, "\xe2\x80\xa6");
	}
}

/* The input line number of the end of line i (of a paragraph, later). */
static size_t
endline(const struct galley_mender *m, size_t i)
{
	return m->pass == 1 ? m->lines[i].lineno :
	    m->lastin[m->lines[i].block];
}

static void
explain(struct galley_mender *m, size_t i, enum mjoin j, const char *why)
{
	const struct mline	*b = &m->lines[i + 1];

	sbuf_reset(&m->msg);
	if (j == MJ_BREAK) {
		sbuf_quote(&m->msg, m->cur.buf, m->cur.len, 3 * CTX);
		report(&m->o.report, GALLEY_EXPLAIN, m->file,
		    endline(m, i), 0, "kept break after '%s' (%s)",
		    sbuf_str(&m->msg), why);
		return;
	}
	ctx(&m->msg, m->cur.buf, m->cur.len, CTX, 1);
	sbuf_putc(&m->msg, '|');
	ctx(&m->msg, b->s, b->len, CTX, 0);
	report(&m->o.report, GALLEY_EXPLAIN, m->file, endline(m, i), 0,
	    "joined '%s' (%s%s)", sbuf_str(&m->msg),
	    m->pass > 1 ? "second look: " : "", why);
}

/* Append s[0..n) with each run of spaces (justification) made one. */
static void
put_squeezed(struct sbuf *b, const char *s, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s[j] != ' '; j++)
			continue;
		sbuf_put(b, s + i, j - i);
		if (j < n)
			sbuf_putc(b, ' ');
		while (j < n && s[j] == ' ')
			j++;
	}
}

/* Append the finished paragraph to the article res. */
static void
flush(struct galley_mender *m, struct galley_article *res, size_t first,
    size_t lastl)
{
	struct pline		*pc;
	const struct mline	*l = &m->lines[first];

	galley_article_add(res, sbuf_str(&m->cur), m->cur.len, l->lineno);
	if (res->nblocks > m->lastcap) {
		m->lastcap = res->cap;
		m->lastout = galley_xreallocarray(m->lastout, m->lastcap,
		    sizeof(*m->lastout));
		m->lastin = galley_xreallocarray(m->lastin, m->lastcap,
		    sizeof(*m->lastin));
		m->pcache = galley_xreallocarray(m->pcache, m->lastcap,
		    sizeof(*m->pcache));
	}
	m->lastout[res->nblocks - 1] = endline(m, lastl);
	/*
	 * A paragraph of one line is written as its indent and its text,
	 * unless put_squeezed made it shorter.
	 */
	pc = &m->pcache[res->nblocks - 1];
	pc->ok = first == lastl && m->cur.len == l->indlen + l->len;
	if (pc->ok)
		pc->l = *l;
}

/*
 * One pass over the article a: decide at every line end, and replace
 * a's blocks by the paragraphs.  Returns the number of joins made.
 * Passes after the first see one paragraph a block and report only
 * their joins.
 */
static size_t
mend_pass(struct galley_mender *m, struct galley_article *a, int pass)
{
	struct galley_article	 res;
	const struct mline	*l;
	const char		*why;
	size_t			 i, first, k, joins;
	enum mjoin		 j;
	int			 explaining;

	explaining = report_explaining(&m->o.report);
	add_lines(m, a);
	measure(m);
	/* Names (mvocab_pair) as well as hyphens need it. */
	mvocab_build(m->vocab, m->lines, m->nlines);
	if (explaining && m->nlines > 0 && pass == 1) {
		sbuf_reset(&m->msg);
		sbuf_printf(&m->msg, "article: %s text, ",
		    m->st.cjk ? "CJK" : "Latin");
		if (m->st.wrapped)
			sbuf_printf(&m->msg, "hard-wrapped at %zu columns%s%s",
			    m->st.width, m->st.justified ? ", justified" : "",
			    m->st.indents ?
			    ", paragraphs indented" : "");
		else
			sbuf_puts(&m->msg, "not hard-wrapped");
		report(&m->o.report, GALLEY_EXPLAIN, m->file,
		    m->lines[0].lineno, 0, "%s", sbuf_str(&m->msg));
	}
	galley_article_init(&res);
	res.file = a->file;
	first = joins = 0;
	m->bodyseen = m->prevopen = 0;
	for (i = 0; i < m->nlines; i++) {
		l = &m->lines[i];
		if (i == 0) {
			j = MJ_BREAK;
			why = NULL;
		} else
			j = mend_decide(m, i - 1, &why);
		if (i > 0 && explaining && (pass == 1 || j != MJ_BREAK))
			explain(m, i - 1, j, why);
		if (j != MJ_BREAK)
			joins++;
		switch (j) {
		case MJ_BREAK:
			if (i > 0 && uterminal(&m->pu))
				m->bodyseen = 1;
			m->prevopen = i > 0 && !uterminal(&m->pu) &&
			    m->pu.nchars < VERSE_MAX;
			if (i > 0)
				flush(m, &res, first, i - 1);
			sbuf_reset(&m->cur);
			memset(&m->pu, 0, sizeof(m->pu));
			first = m->pfirst = i;
			sbuf_put(&m->cur, l->ind, l->indlen);
			break;
		case MJ_SPACE:
			sbuf_putc(&m->cur, ' ');
			break;
		case MJ_DEHYPH:
			k = utf8_prev(m->cur.buf, m->cur.len);
			m->cur.len = k;
			m->cur.buf[k] = '\0';
			m->pu.nchars--;
			break;
		default:
			break;
		}
		if (m->st.justified)
			put_squeezed(&m->cur, l->s, l->len);
		else
			sbuf_put(&m->cur, l->s, l->len);
		unit_add(&m->pu, l);
	}
	if (m->nlines > 0)
		flush(m, &res, first, m->nlines - 1);
	/* The lines point into a's text: swap only now. */
	res.line = a->line;
	galley_article_clear(a);
	a->blocks = res.blocks;
	a->nblocks = res.nblocks;
	a->cap = res.cap;
	a->line = res.line;
	return joins;
}

/*
 * Mend until nothing changes: a pass on mended text sees every
 * paragraph as a block of one line and may still find two halves of
 * one (say when the first pass judged a line short), so passes repeat
 * until one makes no join.  That makes mending idempotent by
 * construction.  Each pass is linear; it takes rarely more than two.
 */
int
galley_mend_article(struct galley_mender *m, struct galley_article *a)
{
	size_t	 i, n;
	int	 pass;

	m->file = a->file != NULL ? a->file : "<stdin>";
	for (pass = 1; pass <= 16; pass++) {
		m->pass = pass;
		n = mend_pass(m, a, pass);
		if (a->nblocks > 0)
			memcpy(m->lastin, m->lastout,
			    a->nblocks * sizeof(*m->lastin));
		/*
		 * With --no-unwrap the lines of a block stay apart, and a
		 * second look would see them as blocks of their own.
		 */
		if ((n == 0 && pass > 1) || m->o.no_unwrap)
			break;
	}
	if (m->o.cjk_punct)
		for (i = 0; i < a->nblocks; i++) {
			sbuf_reset(&m->tmp);
			mend_cjk_punct(&m->tmp, a->blocks[i].text,
			    a->blocks[i].len);
			galley_article_set(a, i, sbuf_str(&m->tmp),
			    m->tmp.len);
		}
	return 0;
}
