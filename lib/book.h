/*
 * book.h: book-level metadata shared by the EPUB and DocBook writers.
 * Both take the same sources in the same order: an option, then a meta
 * record, then what the text itself shows (the first headline for the
 * title, the script of the text for the language, the bylines for the
 * creators and publisher, a hash of the content for the identifier).
 */
#ifndef BOOK_H
#define BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "galley.h"

struct book {
	struct galley_book_opts	 opts;
	const char		*file;		/* input name for messages */
	char			*meta[6];	/* enum book_key */
	char			*first_title;
	char			**authors;	/* distinct, in order */
	size_t			 nauthors;
	size_t			*aslot;		/* hash set: index + 1 */
	size_t			 naslots;	/* a power of two, or 0 */
	char			*org;		/* the first organisation */
	size_t			 han, kana, hangul, latin, cyrillic,
				 arabic;	/* letters counted */
	uint64_t		 h1, h2;	/* content hash state */
	size_t			 narticles;
	char			*lang;		/* resolved, owned */
	char			*ident;		/* resolved, owned */
};

enum book_key {
	BOOK_TITLE,
	BOOK_LANG,
	BOOK_DATE,
	BOOK_IDENTIFIER,
	BOOK_PUBLISHER,
	BOOK_CREATOR,
	BOOK_KEY_MAX
};

void	 book_init(struct book *, const struct galley_book_opts *);
void	 book_free(struct book *);
/*
 * Feed every record, in order.  Returns -1 (reported) for a meta record
 * after the first article or with an unknown key.
 */
int	 book_record(struct book *, const struct galley_record *);

/*
 * Count the letters of a record for book_lang() only, as book_record()
 * does: for the language of a part of a book (an article).
 */
void	 book_letters(struct book *, const struct galley_record *);

/*
 * Resolved values, valid until book_free.  title: option, meta, first
 * headline (with a warning), else "Untitled".  lang: option, meta, else
 * detected (zh, ja, ko, en, ru, ar; "und" when there is no letter).
 * identifier: option, meta, else "urn:uuid:" and a name-based UUID
 * derived from all content fed so far (so call it after the last
 * record).  date and publisher may be NULL.  A NULL creator list means
 * none.
 */
const char *book_title(struct book *);
const char *book_lang(struct book *);
const char *book_identifier(struct book *);
const char *book_date(const struct book *);
const char *book_publisher(const struct book *);
size_t	 book_ncreators(const struct book *);
const char *book_creator(const struct book *, size_t i);

#endif /* BOOK_H */
