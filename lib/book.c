/*
 * book.c: book-level metadata for the EPUB and DocBook writers (see
 * book.h): options first, then meta records, then what the text shows.
 * The identifier derived from the content is a name-based UUID of
 * version 8 (RFC 9562, "custom"): 122 bits of two independent 64-bit
 * FNV-1a hashes over every record, mixed.  It is stable for the same
 * content and changes when any character does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "extern.h"

static const char *const keynames[BOOK_KEY_MAX] = {
	"title", "language", "date", "identifier", "publisher", "creator",
};

#define FNV_PRIME	0x100000001b3ULL

void
book_init(struct book *b, const struct galley_book_opts *o)
{
	memset(b, 0, sizeof(*b));
	if (o != NULL)
		b->opts = *o;
	b->h1 = 0xcbf29ce484222325ULL;
	b->h2 = 0x84222325cbf29ce4ULL;
}

void
book_free(struct book *b)
{
	size_t	 i;

	for (i = 0; i < BOOK_KEY_MAX; i++)
		free(b->meta[i]);
	for (i = 0; i < b->nauthors; i++)
		free(b->authors[i]);
	free(b->authors);
	free(b->aslot);
	free(b->first_title);
	free(b->org);
	free(b->lang);
	free(b->ident);
	memset(b, 0, sizeof(*b));
}

static void
hash(struct book *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		b->h1 = (b->h1 ^ (unsigned char)s[i]) * FNV_PRIME;
		b->h2 = (b->h2 ^ (unsigned char)s[i]) * FNV_PRIME;
		b->h2 ^= b->h2 >> 29;
	}
}

/*
 * Count letters by script, for the language guess.  Every letter of the
 * book counts (a limit would let the first articles decide for a whole
 * newspaper), so the common cases come first and without decoding:
 * ASCII, then the Han of U+5000-U+9FFF (three bytes led by E5-E9).
 */
static void
count(struct book *b, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i, k;
	uint32_t		 c;

	n = strlen(s);
	for (i = 0; i < n; i += k) {
		c = u[i];
		k = 1;
		if (c < 0x80) {
			if ((uint32_t)((c | 0x20) - 'a') < 26)
				b->latin++;
			continue;
		}
		if (c >= 0xe5 && c <= 0xe9 && n - i >= 3 &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
			b->han++;
			k = 3;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &c)) == 0) {
			k = 1;
			continue;
		}
		if (c >= 0x3040 && c <= 0x30ff)
			b->kana++;
		else if (uc_is_han(c))
			b->han++;
		else if ((c >= 0xac00 && c <= 0xd7af) ||
		    (c >= 0x1100 && c <= 0x11ff))
			b->hangul++;
		else if (uc_is_latin_letter(c))
			b->latin++;
		else if (c >= 0x400 && c <= 0x4ff)
			b->cyrillic++;
		else if (c >= 0x600 && c <= 0x6ff)
			b->arabic++;
	}
}

static size_t
strhash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return (size_t)(h ^ (h >> 32));
}

/*
 * Remember a distinct author, in order of appearance.  A hash set of
 * indices (open addressing, kept at most half full) makes each look-up
 * constant time, so a book of many authors stays linear.
 */
static void
add_author(struct book *b, const char *name)
{
	size_t	 i, j, mask;

	if (*name == '\0')
		return;
	if (b->nauthors * 2 >= b->naslots) {
		free(b->aslot);
		b->naslots = b->naslots == 0 ? 64 : b->naslots * 2;
		b->aslot = galley_xcalloc(b->naslots, sizeof(*b->aslot));
		mask = b->naslots - 1;
		for (i = 0; i < b->nauthors; i++) {
			j = strhash(b->authors[i]) & mask;
			while (b->aslot[j] != 0)
				j = (j + 1) & mask;
			b->aslot[j] = i + 1;
		}
	}
	mask = b->naslots - 1;
	for (j = strhash(name) & mask; b->aslot[j] != 0; j = (j + 1) & mask)
		if (strcmp(b->authors[b->aslot[j] - 1], name) == 0)
			return;
	b->authors = galley_xreallocarray(b->authors, b->nauthors + 1,
	    sizeof(*b->authors));
	b->authors[b->nauthors++] = galley_xstrdup(name);
	b->aslot[j] = b->nauthors;
}

/* Whether s is empty or holds only spaces. */
static int
blank(const char *s)
{
	size_t		 n, i, k;
	uint32_t	 c;

	n = strlen(s);
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			return 0;
		if (!uc_is_space(c))
			return 0;
	}
	return 1;
}

int
book_record(struct book *b, const struct galley_record *r)
{
	const char	*file = b->file;
	size_t		 i;
	int		 k;

	hash(b, galley_kind_name(r->kind), strlen(galley_kind_name(r->kind)));
	for (i = 0; i < r->nfields; i++) {
		hash(b, "\t", 1);
		hash(b, r->fields[i], strlen(r->fields[i]));
	}
	hash(b, "\n", 1);

	switch (r->kind) {
	case GALLEY_META:
		if (b->narticles > 0) {
			report(&b->opts.report, GALLEY_ERROR, file, r->line, 0,
			    "meta record after the first article");
			return -1;
		}
		for (k = 0; k < BOOK_KEY_MAX; k++)
			if (strcmp(r->fields[0], keynames[k]) == 0)
				break;
		if (k == BOOK_KEY_MAX && strcmp(r->fields[0], "lang") == 0)
			k = BOOK_LANG;
		if (k == BOOK_KEY_MAX) {
			struct sbuf q;

			sbuf_init(&q);
			sbuf_quote_line(&q, r->fields[0],
			    strlen(r->fields[0]), 40);
			report(&b->opts.report, GALLEY_ERROR, file, r->line, 0,
			    "unknown meta key '%s' (title, language, date, "
			    "identifier, publisher or creator)", sbuf_str(&q));
			sbuf_free(&q);
			return -1;
		}
		if (k == BOOK_CREATOR) {
			add_author(b, r->fields[1]);
			if (b->meta[k] == NULL)
				b->meta[k] = galley_xstrdup(r->fields[1]);
			break;
		}
		free(b->meta[k]);
		b->meta[k] = galley_xstrdup(r->fields[1]);
		break;
	case GALLEY_ARTICLE:
		b->narticles++;
		break;
	case GALLEY_TITLE:
		/* The first headline that is not blank, with its label. */
		if (b->first_title == NULL && !blank(r->fields[0])) {
			struct sbuf	 t;
			uint32_t	 c;
			size_t		 n;

			sbuf_init(&t);
			if (r->nfields > 1 && !blank(r->fields[1])) {
				/* A space after a Latin label, none after CJK. */
				sbuf_puts(&t, r->fields[1]);
				n = utf8_prev(t.buf, t.len);
				if (utf8_decode(t.buf + n, t.len - n, &c) > 0 &&
				    !uc_is_cjk(c) && !uc_is_space(c))
					sbuf_putc(&t, ' ');
			}
			sbuf_puts(&t, r->fields[0]);
			b->first_title = sbuf_take(&t, NULL);
		}
		break;
	case GALLEY_AUTHOR:
		if (b->meta[BOOK_CREATOR] == NULL)
			add_author(b, r->fields[0]);
		break;
	case GALLEY_ORG:
		if (b->org == NULL)
			b->org = galley_xstrdup(r->fields[0]);
		break;
	default:
		break;
	}
	book_letters(b, r);
	return 0;
}

void
book_letters(struct book *b, const struct galley_record *r)
{
	size_t	 i;

	switch (r->kind) {
	case GALLEY_META:
	case GALLEY_ARTICLE:
	case GALLEY_AUTHOR:
	case GALLEY_ORG:
		/* Names say little of the language of the text. */
		break;
	case GALLEY_TITLE:
		count(b, r->fields[0]);	/* not its label */
		break;
	default:
		for (i = 0; i < r->nfields; i++)
			count(b, r->fields[i]);
		break;
	}
}

const char *
book_title(struct book *b)
{
	if (b->opts.title != NULL)
		return b->opts.title;
	if (b->meta[BOOK_TITLE] != NULL)
		return b->meta[BOOK_TITLE];
	if (b->first_title != NULL) {
		/* Warn once, then remember it as if given. */
		report(&b->opts.report, GALLEY_WARN, NULL, 0, 0,
		    "no title given (--title or a meta record); using the "
		    "first headline");
		b->meta[BOOK_TITLE] = b->first_title;
		b->first_title = NULL;
		return b->meta[BOOK_TITLE];
	}
	report(&b->opts.report, GALLEY_WARN, NULL, 0, 0,
	    "no title given (--title or a meta record) and no headline; "
	    "using 'Untitled'");
	b->meta[BOOK_TITLE] = galley_xstrdup("Untitled");
	return b->meta[BOOK_TITLE];
}

const char *
book_lang(struct book *b)
{
	size_t	 cjk;

	if (b->opts.lang != NULL)
		return b->opts.lang;
	if (b->meta[BOOK_LANG] != NULL)
		return b->meta[BOOK_LANG];
	if (b->lang != NULL)
		return b->lang;
	cjk = b->han + b->kana;
	if (b->hangul > cjk && b->hangul >= b->latin)
		b->lang = galley_xstrdup("ko");
	else if (cjk > 0 && cjk >= b->latin / 4 && b->kana * 20 > cjk)
		b->lang = galley_xstrdup("ja");
	else if (cjk > 0 && cjk >= b->latin / 4)
		b->lang = galley_xstrdup("zh");
	else if (b->cyrillic > b->latin && b->cyrillic >= b->arabic)
		b->lang = galley_xstrdup("ru");
	else if (b->arabic > b->latin)
		b->lang = galley_xstrdup("ar");
	else if (b->latin > 0)
		b->lang = galley_xstrdup("en");
	else
		b->lang = galley_xstrdup("und");
	return b->lang;
}

const char *
book_identifier(struct book *b)
{
	uint64_t	 x, y;
	char		 buf[64];

	if (b->opts.identifier != NULL)
		return b->opts.identifier;
	if (b->meta[BOOK_IDENTIFIER] != NULL)
		return b->meta[BOOK_IDENTIFIER];
	if (b->ident != NULL)
		return b->ident;
	/* Mix each half with the other (splitmix64 finaliser). */
	x = b->h1 ^ (b->h2 >> 31);
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	y = b->h2 ^ (b->h1 << 7);
	y = (y ^ (y >> 30)) * 0xbf58476d1ce4e5b9ULL;
	y = (y ^ (y >> 27)) * 0x94d049bb133111ebULL;
	y ^= y >> 31;
	/* Version 8 in the high nibble of octet 6, variant 10 in octet 8. */
	x = (x & ~0xf000ULL) | 0x8000ULL;
	y = (y & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
	snprintf(buf, sizeof(buf), "urn:uuid:%08x-%04x-%04x-%04x-%012llx",
	    (unsigned)(x >> 32), (unsigned)((x >> 16) & 0xffff),
	    (unsigned)(x & 0xffff), (unsigned)(y >> 48),
	    (unsigned long long)(y & 0xffffffffffffULL));
	b->ident = galley_xstrdup(buf);
	return b->ident;
}

const char *
book_date(const struct book *b)
{
	return b->opts.date != NULL ? b->opts.date : b->meta[BOOK_DATE];
}

const char *
book_publisher(const struct book *b)
{
	if (b->opts.publisher != NULL)
		return b->opts.publisher;
	if (b->meta[BOOK_PUBLISHER] != NULL)
		return b->meta[BOOK_PUBLISHER];
	return b->org;
}

size_t
book_ncreators(const struct book *b)
{
	return b->opts.creator != NULL ? 1 : b->nauthors;
}

const char *
book_creator(const struct book *b, size_t i)
{
	if (b->opts.creator != NULL)
		return i == 0 ? b->opts.creator : NULL;
	return i < b->nauthors ? b->authors[i] : NULL;
}
