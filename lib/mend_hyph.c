/*
 * mend_hyph.c: end-of-line dehyphenation for galley-mend.  The
 * document is its own dictionary: the words and the hyphenated
 * compounds an article writes inside its lines are counted once per
 * article in a hash table, and a hyphen at a line end goes when the
 * joined word is what the article writes, stays when the article
 * writes the hyphenated form, and otherwise follows the shapes of the
 * two halves.  Building the table is linear in the article; each
 * lookup is constant time on average.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mend.h"

struct ventry {
	size_t		 off;	/* into the arena; 0 marks an empty slot */
	size_t		 len;
	size_t		 count;
	uint32_t	 hash;
};

struct mvocab {
	struct sbuf	 arena;	/* the words, lower case, one after another */
	struct ventry	*tab;
	size_t		 size;	/* slots, a power of two */
	size_t		 used;
	struct sbuf	 key;	/* scratch for building keys */
	size_t		 in2010;	/* U+2010 inside lines */
	size_t		 inascii;	/* '-' between letters inside lines */
	size_t		 end2010;	/* U+2010 at line ends */
	size_t		 endascii;	/* '-' at line ends */
};

static uint32_t	 hash(const char *, size_t);
static void	 grow(struct mvocab *);
static void	 add(struct mvocab *, const char *, size_t, uint32_t);
static uint32_t	 lower_hash(struct sbuf *, const char *, size_t, uint32_t);
static size_t	 lookup(const struct mvocab *, const char *, size_t);
static void	 lower(struct sbuf *, const char *, size_t);
static size_t	 letters(const char *, size_t, size_t);
static size_t	 letters_back(const char *, size_t);
static int	 technical(const struct mline *, const struct mline *,
		    size_t, size_t);
static int	 found_stem(const struct mvocab *, struct sbuf *,
		    const char *, size_t);

/* FNV-1a: simple and good enough for words. */
#define FNV_BASIS	2166136261u
static uint32_t
hash(const char *s, size_t n)
{
	uint32_t	 h = FNV_BASIS;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct mvocab *
mvocab_new(void)
{
	struct mvocab	*v;

	v = galley_xcalloc(1, sizeof(*v));
	sbuf_init(&v->arena);
	sbuf_init(&v->key);
	return v;
}

void
mvocab_free(struct mvocab *v)
{
	if (v == NULL)
		return;
	sbuf_free(&v->arena);
	sbuf_free(&v->key);
	free(v->tab);
	free(v);
}

void
mvocab_reset(struct mvocab *v)
{
	sbuf_reset(&v->arena);
	/* Offset 0 is never a word, so that 0 can mark an empty slot. */
	sbuf_putc(&v->arena, '\0');
	/*
	 * Clearing costs the table's size, so a table much larger than the
	 * last article needed is made smaller first: the cost of a reset is
	 * then bounded by the work of the article before it, and a run of
	 * small articles after one large one stays linear.
	 */
	if (v->tab != NULL && v->size > 64 && v->used * 8 < v->size) {
		size_t	 sz = 64;

		while (sz < v->used * 4)
			sz *= 2;
		free(v->tab);
		v->size = sz;
		v->tab = galley_xcalloc(v->size, sizeof(*v->tab));
	} else if (v->tab != NULL)
		memset(v->tab, 0, v->size * sizeof(*v->tab));
	v->used = 0;
	v->in2010 = v->inascii = v->end2010 = v->endascii = 0;
}

/* Double the table (keeping the load under a half), rehashing. */
static void
grow(struct mvocab *v)
{
	struct ventry	*old = v->tab;
	size_t		 oldsize = v->size, i, j;

	v->size = oldsize == 0 ? 1024 : oldsize * 2;
	v->tab = galley_xcalloc(v->size, sizeof(*v->tab));
	for (i = 0; i < oldsize; i++) {
		if (old[i].off == 0)
			continue;
		j = old[i].hash & (v->size - 1);
		while (v->tab[j].off != 0)
			j = (j + 1) & (v->size - 1);
		v->tab[j] = old[i];
	}
	free(old);
}

static size_t
lookup(const struct mvocab *v, const char *s, size_t n)
{
	uint32_t	 h;
	size_t		 j;

	if (v->size == 0 || n == 0)
		return 0;
	h = hash(s, n);
	for (j = h & (v->size - 1); v->tab[j].off != 0;
	    j = (j + 1) & (v->size - 1))
		if (v->tab[j].hash == h && v->tab[j].len == n &&
		    memcmp(v->arena.buf + v->tab[j].off, s, n) == 0)
			return v->tab[j].count;
	return 0;
}

/* Count s[0..n), whose hash() is h. */
static void
add(struct mvocab *v, const char *s, size_t n, uint32_t h)
{
	size_t		 j;

	if (n == 0)
		return;
	if (v->arena.len == 0)
		sbuf_putc(&v->arena, '\0');
	if ((v->used + 1) * 2 > v->size)
		grow(v);
	for (j = h & (v->size - 1); v->tab[j].off != 0;
	    j = (j + 1) & (v->size - 1))
		if (v->tab[j].hash == h && v->tab[j].len == n &&
		    memcmp(v->arena.buf + v->tab[j].off, s, n) == 0) {
			v->tab[j].count++;
			return;
		}
	v->tab[j].off = v->arena.len;
	v->tab[j].len = n;
	v->tab[j].count = 1;
	v->tab[j].hash = h;
	sbuf_put(&v->arena, s, n);
	v->used++;
}

/* Append s[0..n) to b lower-cased (ASCII letters only; others as is). */
static void
lower(struct sbuf *b, const char *s, size_t n)
{
	size_t	 i;
	char	*p;

	sbuf_put(b, s, n);
	p = b->buf + b->len - n;
	for (i = 0; i < n; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
}

/*
 * lower(b, s, n), and return h carried on over the bytes appended: the
 * hash() of b's text if h was that of b's text before.
 */
static uint32_t
lower_hash(struct sbuf *b, const char *s, size_t n, uint32_t h)
{
	size_t	 i;
	char	*p;

	sbuf_put(b, s, n);
	p = b->buf + b->len - n;
	for (i = 0; i < n; i++) {
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

/* The length in bytes of the run of Latin letters at s[i..n). */
static size_t
letters(const char *s, size_t n, size_t i)
{
	size_t		 j, k;
	uint32_t	 c;
	unsigned int	 u;

	for (j = i; j < n; j += k) {
		/* ASCII letters without decoding. */
		if ((u = (unsigned char)s[j]) < 0x80) {
			if ((u | 0x20) < 'a' || (u | 0x20) > 'z')
				break;
			k = 1;
			continue;
		}
		/* Three bytes or more: past U+07FF, no Latin letter. */
		if (u >= 0xe0)
			break;
		if ((k = utf8_decode(s + j, n - j, &c)) == 0 ||
		    !uc_is_latin_letter(c))
			break;
	}
	return j - i;
}

/* The start of the run of Latin letters ending at s[n]. */
static size_t
letters_back(const char *s, size_t n)
{
	size_t		 j, p;
	uint32_t	 c;

	for (j = n; j > 0; j = p) {
		p = utf8_prev(s, j);
		if (utf8_decode(s + p, j - p, &c) == 0 ||
		    !uc_is_latin_letter(c))
			break;
	}
	return j;
}

/* Does line l end with a letter and a hyphen (a candidate)? */
static int
ends_hyphenated(const struct mline *l)
{
	return mend_is_hyphen(l->last) && uc_is_latin_letter(l->prevlast);
}

void
mvocab_build(struct mvocab *v, const struct mline *lines, size_t n)
{
	size_t		 i, j, k, w, w2, end, skipfirst, pj, pw;
	uint32_t	 c, h;
	unsigned int	 u;
	const char	*s;

	mvocab_reset(v);
	for (i = 0; i < n; i++) {
		s = lines[i].s;
		end = lines[i].len;
		/* The halves of a line-end hyphenation are not words. */
		if (ends_hyphenated(&lines[i])) {
			end = letters_back(s, utf8_prev(s, end));
			if (lines[i].last == 0x2010)
				v->end2010++;
			else
				v->endascii++;
		}
		skipfirst = i > 0 && ends_hyphenated(&lines[i - 1]);
		pj = pw = 0;
		for (j = 0; j < end; ) {
			/* No word at an ASCII non-letter, nor past U+07FF. */
			u = (unsigned char)s[j];
			if (u < 0x80 &&
			    ((u | 0x20) < 'a' || (u | 0x20) > 'z')) {
				j++;
				continue;
			}
			if (u >= 0xe0 || (w = letters(s, end, j)) == 0) {
				k = utf8_decode(s + j, end - j, &c);
				j += k ? k : 1;
				continue;
			}
			if (skipfirst && j == 0) {
				j += w;
				continue;
			}
			sbuf_reset(&v->key);
			h = lower_hash(&v->key, s + j, w, FNV_BASIS);
			add(v, v->key.buf, v->key.len, h);
			/*
			 * A name of two words, the second capitalised
			 * ("Google Earth", "Security Team"): the pair.
			 */
			if (pw > 0 && pj + pw + 1 == j && s[pj + pw] == ' ' &&
			    s[j] >= 'A' && s[j] <= 'Z') {
				sbuf_reset(&v->key);
				h = lower_hash(&v->key, s + pj, pw, FNV_BASIS);
				h = lower_hash(&v->key, " ", 1, h);
				h = lower_hash(&v->key, s + j, w, h);
				add(v, v->key.buf, v->key.len, h);
			}
			pj = j;
			pw = w;
			/* A compound written in the line: word-word. */
			k = utf8_decode(s + j + w, end - j - w, &c);
			if (k != 0 && mend_is_hyphen(c) &&
			    (w2 = letters(s, end, j + w + k)) > 0) {
				if (c == 0x2010)
					v->in2010++;
				else
					v->inascii++;
				h = lower_hash(&v->key, "-", 1, h);
				h = lower_hash(&v->key, s + j + w + k, w2, h);
				add(v, v->key.buf, v->key.len, h);
			}
			j += w;
		}
	}
}

/*
 * Does the text write the last word of line a and the first word of
 * line b, capitalised, together inside its lines ("Google" "Earth")?
 */
int
mvocab_pair(const struct mvocab *v, const struct mline *a,
    const struct mline *b)
{
	struct sbuf	 key;
	size_t		 ls, rl;
	int		 found;

	ls = letters_back(a->s, a->len);
	rl = letters(b->s, b->len, 0);
	if (ls == a->len || rl == 0 || b->s[0] < 'A' || b->s[0] > 'Z' ||
	    (rl < b->len && b->s[rl] != ' ' && b->s[rl] != '.' &&
	    b->s[rl] != ',') || (ls > 0 && a->s[ls - 1] != ' '))
		return 0;
	sbuf_init(&key);
	lower(&key, a->s + ls, a->len - ls);
	sbuf_putc(&key, ' ');
	lower(&key, b->s, rl);
	found = lookup(v, key.buf, key.len) > 0;
	sbuf_free(&key);
	return found;
}

/*
 * Is key (a joined word) or a word of the same stem in the vocabulary?
 * Tries the common English inflections both ways.
 */
static int
found_stem(const struct mvocab *v, struct sbuf *b, const char *w, size_t n)
{
	static const char *const suf[] = {
		"s", "es", "ed", "d", "ing", "ly", "er", "ers", "ion", "ions",
		"al", "ment", "ments", "ness", "ity", "able", "ation", NULL
	};
	size_t	 i, sl;

	if (lookup(v, w, n) > 0)
		return 1;
	for (i = 0; suf[i] != NULL; i++) {
		sl = strlen(suf[i]);
		if (n > sl + 3 && memcmp(w + n - sl, suf[i], sl) == 0 &&
		    lookup(v, w, n - sl) > 0)
			return 1;
		sbuf_reset(b);
		sbuf_put(b, w, n);
		sbuf_puts(b, suf[i]);
		if (lookup(v, b->buf, b->len) > 0)
			return 1;
	}
	if (n > 4 && w[n - 1] == 'y') {
		sbuf_reset(b);
		sbuf_put(b, w, n - 1);
		sbuf_puts(b, "ies");
		if (lookup(v, b->buf, b->len) > 0)
			return 1;
	}
	return 0;
}

/*
 * Is the hyphenated word part of a longer technical token: an option
 * (--long-option-), a compound (a-b-c-), a mail address, a file name?
 * ls is where the left half starts in a, rl the right half's length.
 */
static int
technical(const struct mline *a, const struct mline *b, size_t ls,
    size_t rl)
{
	size_t		 k;
	uint32_t	 c, c2;

	if (ls > 0) {
		k = utf8_prev(a->s, ls);
		if (utf8_decode(a->s + k, ls - k, &c) != 0 &&
		    (mend_is_hyphen(c) || uc_is_digit(c) || c == '_' ||
		    c == '/' || c == '.' || c == '@'))
			return 1;
	}
	return rl < b->len && utf8_decode(b->s + rl, b->len - rl, &c) != 0 &&
	    (c == '@' || c == '_' || c == '/' || uc_is_digit(c) ||
	    mend_is_hyphen(c) || (c == '.' && rl + 1 < b->len &&
	    utf8_decode(b->s + rl + 1, b->len - rl - 1, &c2) != 0 &&
	    (uc_is_latin_letter(c2) || uc_is_digit(c2))));
}

enum mjoin
mend_hyphen(const struct mvocab *v, const struct mline *a,
    const struct mline *b, struct sbuf *why)
{
	struct sbuf	 joined, comp, tmp;
	size_t		 hy, ls, rl, jc, cc;
	enum mjoin	 res;
	const char	*reason;

	hy = utf8_prev(a->s, a->len);
	ls = letters_back(a->s, hy);
	rl = letters(b->s, b->len, 0);
	if (rl == 0) {
		if (why != NULL)
			sbuf_puts(why, "hyphen kept: no word follows");
		return MJ_TIGHT;
	}
	/*
	 * A text that hyphenates mostly with U+2010 and writes its own
	 * hyphens as '-' (groff does) tells the two apart by the
	 * character.
	 */
	if (v->end2010 > 2 * v->endascii && v->in2010 == 0 &&
	    v->inascii > 0) {
		if (a->last == 0x2010) {
			if (why != NULL)
				sbuf_puts(why, "hyphen dropped: the text "
				    "hyphenates with U+2010 and writes '-' "
				    "in words");
			return MJ_DEHYPH;
		}
		if (why != NULL)
			sbuf_puts(why, "hyphen kept: the text hyphenates "
			    "with U+2010, this is '-'");
		return MJ_TIGHT;
	}
	/* A suspended compound: "colon- or comma-separated". */
	if ((rl == 2 && memcmp(b->s, "or", 2) == 0) ||
	    (rl == 3 && memcmp(b->s, "and", 3) == 0) ||
	    (rl == 3 && memcmp(b->s, "nor", 3) == 0) ||
	    (rl == 2 && memcmp(b->s, "to", 2) == 0)) {
		if (rl == b->len || b->s[rl] == ' ') {
			if (why != NULL)
				sbuf_puts(why, "hyphen kept: a suspended "
				    "compound, as in 'long- and short-term'");
			return MJ_SPACE;
		}
	}
	sbuf_init(&joined);
	sbuf_init(&comp);
	sbuf_init(&tmp);
	lower(&joined, a->s + ls, hy - ls);
	lower(&joined, b->s, rl);
	lower(&comp, a->s + ls, hy - ls);
	sbuf_putc(&comp, '-');
	lower(&comp, b->s, rl);
	jc = lookup(v, joined.buf, joined.len);
	cc = lookup(v, comp.buf, comp.len);
	if (jc > 0 && jc >= cc) {
		res = MJ_DEHYPH;
		reason = "hyphen dropped: the text writes '%s'";
	} else if (cc > 0) {
		res = MJ_TIGHT;
		reason = "hyphen kept: the text writes '%s'";
	} else if (technical(a, b, ls, rl) && (hy - ls <= 2 || rl <= 2 ||
	    lookup(v, joined.buf, hy - ls) > 0 ||
	    lookup(v, joined.buf + (hy - ls), rl) > 0)) {
		res = MJ_TIGHT;
		reason = "hyphen kept: part of a compound, an option or a "
		    "name ('%s')";
	} else if (technical(a, b, ls, rl)) {
		/*
		 * Typesetters hyphenate addresses and names too: when
		 * neither half is a word of the text, "ee.sur-" "rey.ac.uk"
		 * is one name cut.
		 */
		res = MJ_DEHYPH;
		reason = "hyphen dropped: a name cut at the line end, "
		    "neither half a word of the text ('%s')";
	} else if (b->s[0] >= 'A' && b->s[0] <= 'Z' && rl > 1 &&
	    !(b->s[1] >= 'A' && b->s[1] <= 'Z')) {
		res = MJ_TIGHT;
		reason = "hyphen kept: a capital follows ('%s')";
	} else if (hy - ls == 1) {
		res = MJ_TIGHT;
		reason = "hyphen kept: one-letter prefix ('%s')";
	} else if (found_stem(v, &tmp, joined.buf, joined.len)) {
		res = MJ_DEHYPH;
		reason = "hyphen dropped: the text writes a form of '%s'";
	} else if (hy - ls >= 4 && rl >= 4 &&
	    lookup(v, joined.buf, hy - ls) > 0 &&
	    lookup(v, joined.buf + (hy - ls), rl) > 0) {
		res = MJ_TIGHT;
		reason = "hyphen kept: both halves are words of the text "
		    "('%s')";
	} else {
		res = MJ_DEHYPH;
		reason = "hyphen dropped: a word cut at the line end ('%s')";
	}
	if (why != NULL) {
		/* Quote the word as the text writes it. */
		sbuf_reset(&tmp);
		sbuf_put(&tmp, a->s + ls, hy - ls);
		if (res != MJ_DEHYPH)
			sbuf_put(&tmp, a->s + hy, a->len - hy);
		sbuf_put(&tmp, b->s, rl);
		sbuf_printf(why, reason, sbuf_str(&tmp));
	}
	sbuf_free(&joined);
	sbuf_free(&comp);
	sbuf_free(&tmp);
	return res;
}
