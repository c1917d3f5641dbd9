/*
 * split.h: what the parts of galley-split share inside libgalley
 * (lib/split.c, lib/split_rules.c, lib/split_page.c).
 */
#ifndef SPLIT_H
#define SPLIT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extern.h"

/* --- split_rules.c: what a line or block looks like ------------------- */

struct split_rules;

enum jump_kind {
	JUMP_NONE,
	JUMP_TO,		/* （下转第3版）: continued on a later page */
	JUMP_FROM,		/* （上接第1版）: continued from before */
	JUMP_MAX
};

struct jump {
	enum jump_kind	 kind;
	unsigned	 page;		/* 0 when not a number we read */
	size_t		 so, eo;	/* the jump text in the line */
};

/*
 * Compile the built-in patterns and the user's (either may be NULL).
 * Returns NULL after reporting a user pattern that does not compile,
 * naming the option.
 */
struct split_rules *split_rules_new(const char *headline_re,
		    const char *byline_re, const struct galley_report *);
void		 split_rules_free(struct split_rules *);

/* The line matches the user's --headline or --byline pattern. */
int		 split_user_headline(struct split_rules *, const char *,
		    size_t);
int		 split_user_byline(struct split_rules *, const char *, size_t);
/* A byline on its own: ■中国城市报记者 郭文治 李彤彤, By JOHN SMITH. */
int		 split_is_byline(struct split_rules *, const char *, size_t);
/*
 * A lead opening with a dateline: 2 for 本报讯, 新华社北京8月30日电,
 * BEIJING —; 1 for one citing a wire (据新华社北京8月30日电); else 0.
 */
int		 split_is_dateline(struct split_rules *, const char *, size_t);
/* A jump line or a jump at either end of a line; 0 when none. */
int		 split_jump(struct split_rules *, const char *, size_t,
		    struct jump *);
/*
 * A block that could be a headline: short, at most three lines, not
 * ending a sentence, not wholly in brackets.
 */
int		 split_is_headish(const char *, size_t);
/* The text ends a sentence (。！？.!?…, maybe before a closing mark). */
int		 split_ends_sentence(const char *, size_t);
/* A headline marking a photo: ends in （图片） or （附图片1张）. */
int		 split_is_photo_head(struct split_rules *, const char *,
		    size_t);

/* Ends in a bracketed credit or source after a sentence: 。（李妲） */
int		 split_ends_credit(struct split_rules *, const char *, size_t);
/* An author's name alone on its line: 廖华歌, 韩钟（昆音）. */
int		 split_is_name(struct split_rules *, const char *, size_t);
/* Short and wholly in brackets: a photo credit, a source. */
int		 split_is_note(const char *, size_t);
/* Opens with a dash: ——a subtitle. */
int		 split_is_subtitle(const char *, size_t);

/* Opens with a section number: １、 （二） 第三章. */
int		 split_is_numbered(struct split_rules *, const char *, size_t);

/* Trim white space (ASCII, U+3000, NBSP) from both ends of s[0..*n). */
const char	*split_trim_slow(const char *s, size_t *n);
static inline const char *split_trim(const char *, size_t *);

/* utf8_prev(): the offset of the code point before offset i. */
static inline size_t
split_prev(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[--i] & 0xc0) == 0x80)
		continue;
	return i;
}

/*
 * split_trim(): most lines begin and end with a character that is
 * surely no white space (an ASCII graphic character, or a lead byte
 * of U+4000 and above, where Unicode has none); they are looked at
 * here, the rest in split_trim_slow().
 */
static inline const char *
split_trim(const char *s, size_t *n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 e;

	if (*n == 0 || !((u[0] > 0x20 && u[0] < 0x7f) || u[0] >= 0xe4))
		return split_trim_slow(s, n);
	e = split_prev(s, *n);
	if ((u[e] > 0x20 && u[e] < 0x7f) || u[e] >= 0xe4)
		return s;
	return split_trim_slow(s, n);
}

/* --- split_page.c: page furniture ------------------------------------- */

struct page;

/*
 * Receives each line the page filter lets through, in order, with its
 * input line number; flags say whether a page break (a form feed or a
 * removed line of furniture) came right before it.  A blank line has
 * len 0.  A non-zero return stops the filter and is passed back.
 */
#define PAGE_BREAK	0x01
typedef int (*page_line_fn)(void *arg, const char *s, size_t n,
		    size_t line, int flags);

struct page	*page_new(const char *name, const struct galley_report *,
		    page_line_fn, void *arg);
/* One line (no LF), or a form feed (s NULL) found at line. */
int		 page_line(struct page *, const char *s, size_t n,
		    size_t line);
int		 page_formfeed(struct page *, size_t line);
/* Let every line held for look-ahead through. */
int		 page_finish(struct page *);
void		 page_free(struct page *);

#endif /* SPLIT_H */
