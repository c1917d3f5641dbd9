/*
 * mend.h: declarations shared by the files of galley-mend's library
 * part (mend.c, mend_join.c, mend_hyph.c, mend_punct.c).  Internal;
 * never installed.
 */
#ifndef MEND_H
#define MEND_H

#include <stddef.h>
#include <stdint.h>

#include "extern.h"

/*
 * One physical line of an article, trimmed.  s[0..len) is the text
 * after the indent and without trailing white space; it points into the
 * article's block text (borrowed).  ind[0..indlen) is the leading white
 * space, kept on output when the line starts a paragraph.
 */
struct mline {
	const char	*s;
	size_t		 len;
	const char	*ind;
	size_t		 indlen;
	size_t		 lineno;	/* input line */
	size_t		 block;		/* index of its input block */
	size_t		 indent;	/* columns of leading white space */
	size_t		 width;		/* columns of s (wide chars 2) */
	size_t		 nchars;	/* code points of s */
	size_t		 gap;		/* blank lines before; 0 in a block */
	int		 blockstart;	/* first line of a block */
	uint32_t	 first;		/* first code point of s */
	uint32_t	 last;		/* last code point of s */
	uint32_t	 prevlast;	/* the code point before last, or 0 */
	uint32_t	 second;	/* the second code point, or 0 */
	size_t		 npunct;	/* sentence punctuation marks */
	size_t		 nspace;	/* ASCII spaces inside */
	int		 endp;		/* the last code point is one */
	int		 lower;		/* holds a lower-case letter */
	size_t		 nsym;		/* code symbols: { } $ = < > | _ ~ # */
	int		 hasopen;	/* holds an opening parenthesis */
	int		 fword;		/* ends with "the", "of", "and"... */
	int		 rule;		/* a rule: ----, ====, * * * */
	int		 code;		/* looks like a command or code */
	size_t		 ndun;		/* enumeration commas (、) */
	uint32_t	 openprev;	/* what is before the last one, or 0 */
	uint32_t	 openprev2;	/* and before that */
	int		 qbal;		/* opening less closing quotes */
	int		 pbal;		/* opening less closing parentheses */
	size_t		 ndq;		/* straight double quotes */
	int		 pre;		/* set as it is, past the column */
	size_t		 mix[4];	/* Latin-Han pairs tight, spaced;
					   digit-Han tight, spaced */
};

/* What the evidence says at a line end. */
enum mjoin {
	MJ_BREAK,		/* a paragraph ends here */
	MJ_SPACE,		/* join with one space */
	MJ_TIGHT,		/* join with nothing between */
	MJ_DEHYPH,		/* drop the final hyphen, join tight */
	MJ_MAX
};

/* Per-article figures the decisions use. */
struct mstats {
	size_t		 width;		/* column width (right edge), 0: none */
	int		 wrapped;	/* lines are hard-wrapped */
	int		 justified;	/* full lines reach the width exactly */
	int		 indents;	/* paragraphs start with an indent */
	size_t		 margin;	/* the usual left margin in columns */
	int		 cjk;		/* mostly CJK text */
	int		 mixspace;	/* a space between CJK and Latin */
	int		 digspace;	/* a space between Han and digits */
	size_t		 medpara;	/* median block length in code points */
};

/* The vocabulary of one article, for dehyphenation (mend_hyph.c). */
struct mvocab;

struct mvocab	*mvocab_new(void);
void		 mvocab_free(struct mvocab *);
/* Forget every word but keep the memory, for the next article. */
void		 mvocab_reset(struct mvocab *);
/* Learn the words of lines[0..n), skipping halves of line-end hyphens. */
void		 mvocab_build(struct mvocab *, const struct mline *, size_t n);
/* Does the text write a's last word and b's capitalised first together? */
int		 mvocab_pair(const struct mvocab *, const struct mline *a,
		    const struct mline *b);

/*
 * Decide whether the hyphen ending line a should go when a is joined to
 * line b.  Returns MJ_DEHYPH (drop it) or MJ_TIGHT (keep it), and
 * appends the reason to why unless it is NULL.
 */
enum mjoin	 mend_hyphen(const struct mvocab *, const struct mline *a,
		    const struct mline *b, struct sbuf *why);

/* Code point classes used by galley-mend (mend_punct.c). */
int		 mend_is_noline_start(uint32_t);	/* 、，。）… */
int		 mend_is_closer(uint32_t);		/* ）」”’ */
int		 mend_is_terminal(uint32_t);		/* 。！？.!? */
int		 mend_is_sentence_punct(uint32_t);	/* ，；。,; */
int		 mend_is_hyphen(uint32_t);		/* - U+2010 */
int		 mend_is_dash(uint32_t);		/* – — */
int		 mend_is_wide(uint32_t);
/* Turn half-width , ; : ? ! ( ) between CJK characters to full width. */
void		 mend_cjk_punct(struct sbuf *out, const char *s, size_t n);

#endif /* MEND_H */
