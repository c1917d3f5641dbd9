/*
 * tag.h: declarations shared by the parts of galley-tag (tag.c, the
 * driver; tag_text.c, text measures; tag_byline.c, bylines, datelines,
 * names and photo credits).  Internal to libgalley.
 */
#ifndef TAG_H
#define TAG_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extern.h"

/* A piece of a block's text; not NUL-terminated. */
struct span {
	const char	*s;
	size_t		 n;
};

/* --- tag_text.c --------------------------------------------------------- */

/*
 * Decode the code point at s[i] (i < n) into *cp and return its length;
 * an invalid byte gives U+FFFD and length 1.  The tests decode nearly
 * every character they look at, so ASCII and the three-byte sequences
 * that need no range check (lead byte E1 to EF but ED: U+1000 to U+FFFF
 * without the surrogates, so Han, CJK and full-width punctuation) are
 * decoded inline, and the rest by tag_cp_slow, out of line so that
 * tag_cp stays small enough to be inlined everywhere.
 */
size_t	 tag_cp_slow(const char *s, size_t n, size_t i, uint32_t *cp);

static inline size_t
tag_cp(const char *s, size_t n, size_t i, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s + i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xe1 && u[0] != 0xed && u[0] <= 0xef && n - i >= 3 &&
	    (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x0f) << 12) |
		    ((uint32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
		return 3;
	}
	return tag_cp_slow(s, n, i, cp);
}

/* The first and last code points (0 for an empty span). */
uint32_t tag_first(struct span);
uint32_t tag_last(struct span);
/* Remove white space (ASCII, U+3000, NBSP) from both ends. */
struct span tag_trim(struct span);
/* The number of code points that are not white space. */
size_t	 tag_len(struct span);
/*
 * As tag_len, but counting no further than max + 1: enough to compare
 * the length with max, without reading a long paragraph to its end.
 */
size_t	 tag_len_upto(struct span, size_t max);
/* Non-zero when the span holds more Latin letters than Han. */
int	 tag_is_latin(struct span);
/* The number of space-separated words. */
size_t	 tag_words(struct span);
/* As tag_words, counting no further than max + 1. */
size_t	 tag_words_upto(struct span, size_t max);
/*
 * Non-zero when the span holds a sentence stop: 。！？；… or an ASCII
 * . ! ? ; that ends a sentence (a full stop between digits does not).
 * With allow_final, a stop as the last code point does not count.
 */
int	 tag_has_stop(struct span, int allow_final);
/* As tag_has_stop, counting only 。；; and full stops, not ！？… */
int	 tag_has_full_stop(struct span, int allow_final);
/* Non-zero when c ends a clause and so cannot end a heading or title. */
int	 tag_is_clause_end(uint32_t c);
/* Non-zero when the span holds a quotation mark or bracket. */
int	 tag_has_quote(struct span);
/*
 * Non-zero when t starts (ends) with the NUL-terminated lit.  Inline,
 * so that the length of a literal is known when compiling.
 */
static inline int
tag_starts(struct span t, const char *lit)
{
	size_t	 n = strlen(lit);

	return t.n >= n && memcmp(t.s, lit, n) == 0;
}

static inline int
tag_ends(struct span t, const char *lit)
{
	size_t	 n = strlen(lit);

	return t.n >= n && memcmp(t.s + t.n - n, lit, n) == 0;
}
/* Letters all upper case (at least 3 of them). */
int	 tag_all_caps(struct span);
/* Every word capitalised but small ones (of, the) after the first. */
int	 tag_title_case(struct span);

/* --- tag_byline.c ------------------------------------------------------- */

#define TAG_NAMES_MAX	16
#define TAG_GROUPS_MAX	8

struct tag_name {
	struct span	 name;
	struct span	 role;		/* n == 0: none */
	int		 split;		/* cut out of a run-together token */
};

/*
 * One organisation's part of a byline: "新华社记者贾永黄秋生" in
 * "中国国防报记者黄运成新华社记者贾永黄秋生".  The texts of the groups
 * cover the byline's text, in order.
 */
struct tag_group {
	struct span	 text;		/* as written */
	struct span	 org;		/* n == 0: none */
	size_t		 first;		/* its first name in names[] */
	size_t		 nnames;
};

/*
 * A parsed byline.  Every span points into the text given to the
 * parser.
 */
struct tag_byline {
	struct span	 text;		/* the byline as written */
	struct tag_group groups[TAG_GROUPS_MAX];
	size_t		 ngroups;
	struct tag_name	 names[TAG_NAMES_MAX];
	size_t		 nnames;
	int		 nsplit;	/* names cut out of run-together ones */
	const char	*why;		/* the shape recognised */
};

/*
 * A dateline at the start of a paragraph, perhaps with a byline after
 * it ("新华社贵阳１２月３１日电（记者刘子富）", "BEIJING, Jan. 5 —").
 */
struct tag_lead {
	struct span		 dateline;
	int			 has_byline;
	struct tag_byline	 byline;
	struct span		 rest;	/* the paragraph after them */
	const char		*why;
};

/*
 * Parse a whole block as a byline; 1 if it is one, else 0.  *latin is
 * tag_is_latin() of the block when the caller knows it (a block is
 * tested many times), else -1; it is set if it had to be computed.
 */
int	 tag_byline(struct span, int *latin, struct tag_byline *);
/*
 * A block of names alone ("胡昭衡", "（赵建民李连庚）", "（杨崇南绘）"),
 * each starting with a surname: at most four, sixteen characters in
 * all.  A photo credit is none.
 */
int	 tag_byline_names(struct span, struct tag_byline *);
/*
 * A pen name alone ("粒砂", "（晓王）"): two Han characters, perhaps
 * (with paren, only) in parentheses, with no surname needed, and not a
 * continuation mark or a source ("待续", "综合").  The caller checks
 * where the block stands and that the name is found nowhere else in
 * the article (a topic word, "四川", is).
 */
int	 tag_byline_pen(struct span, int paren, struct tag_byline *);
/*
 * Parse the start of a paragraph as a dateline; 1 if found, else 0.
 * latin as for tag_byline.
 */
int	 tag_lead(struct span, int *latin, struct tag_lead *);
/* Non-zero when the block is a photo credit; *why says which shape. */
int	 tag_credit(struct span, const char **why);

#endif /* TAG_H */
