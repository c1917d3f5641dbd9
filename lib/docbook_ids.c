/*
 * docbook_ids.c: the xml:id of each article in galley-docbook's output,
 * unique in the document (XML ID 1.0), in memory that grows with the
 * ids the input gives, never with the number of articles.
 *
 * An article is named by the id its record gives, when that is not
 * used before, else "a" and its number N ("a12"), or when an id given
 * earlier took that, "aN-2", "aN-3" and so on.  The ids made here need
 * not be remembered: "aN" can only be made for article N, so it is used
 * before article M exactly when N < M and article N did not take a
 * given or suffixed id.  What is remembered is:
 *
 *   - a 64-bit hash of every id given and taken, and of every suffixed
 *     id made, in an open-addressing table (two equal ids always have
 *     equal hashes; two different ids have equal hashes with odds of
 *     about one in 2^64 a pair, and then the later one is renamed as if
 *     used before: the output stays valid);
 *   - the numbers of the articles not named "aN", in ascending order
 *     (articles are numbered as they come), searched by bisection.
 *
 * Both hold one entry for each id given (or made with a suffix, which
 * only a given id can cause): 24 to 48 bytes each with the slack of
 * the table (kept at most half full) and of the array (doubled).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docbook.h"

static uint64_t	 idhash(const char *, size_t);
static int	 has(const struct idset *, uint64_t);
static void	 insert(struct idset *, uint64_t);
static int	 unnamed(const struct idset *, size_t);
static void	 mark(struct idset *, size_t);
static int	 number_of(const char *, size_t *);

/*
 * FNV-1a over the bytes, then the splitmix64 finaliser, so that the low
 * bits (the table index) depend on every byte.  Never 0, which marks an
 * empty slot.
 */
static uint64_t
idhash(const char *s, size_t n)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h == 0 ? 1 : h;
}

static int
has(const struct idset *set, uint64_t h)
{
	size_t	 j;

	if (set->cap == 0)
		return 0;
	for (j = h & (set->cap - 1); set->slot[j] != 0;
	    j = (j + 1) & (set->cap - 1))
		if (set->slot[j] == h)
			return 1;
	return 0;
}

/*
 * Add h, which is not there.  Linear probing, the table doubled when
 * half full so that probes stay short and n inserts cost O(n) in all.
 */
static void
insert(struct idset *set, uint64_t h)
{
	uint64_t	*old;
	size_t		 oldcap, i, j;

	if (set->n * 2 >= set->cap) {
		old = set->slot;
		oldcap = set->cap;
		set->cap = oldcap == 0 ? 64 : oldcap * 2;
		set->slot = galley_xcalloc(set->cap, sizeof(*set->slot));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			j = old[i] & (set->cap - 1);
			while (set->slot[j] != 0)
				j = (j + 1) & (set->cap - 1);
			set->slot[j] = old[i];
		}
		free(old);
	}
	for (j = h & (set->cap - 1); set->slot[j] != 0;
	    j = (j + 1) & (set->cap - 1))
		continue;
	set->slot[j] = h;
	set->n++;
}

/* Whether article num was not named "a" and its number. */
static int
unnamed(const struct idset *set, size_t num)
{
	size_t	 lo = 0, hi = set->nart, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (set->art[mid] == num)
			return 1;
		if (set->art[mid] < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Article num, the highest so far, is not named "a" and its number. */
static void
mark(struct idset *set, size_t num)
{
	if (set->nart > 0 && set->art[set->nart - 1] == num)
		return;
	if (set->nart == set->artcap) {
		/* Doubling keeps n appends O(n) in all. */
		set->artcap = set->artcap == 0 ? 16 : set->artcap * 2;
		set->art = galley_xreallocarray(set->art, set->artcap,
		    sizeof(*set->art));
	}
	set->art[set->nart++] = num;
}

/*
 * Whether s is "a" and a number as this file writes one (no leading
 * zero, not 0, within a size_t); the number in *num.
 */
static int
number_of(const char *s, size_t *num)
{
	size_t	 i, v = 0, dig;

	if (s[0] != 'a' || s[1] < '1' || s[1] > '9')
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		dig = (size_t)(s[i] - '0');
		if (v > (SIZE_MAX - dig) / 10)
			return 0;
		v = v * 10 + dig;
	}
	*num = v;
	return 1;
}

/*
 * Whether s, an id given for article num (counted from 1, the articles
 * before it named), is used before; if not, it is now.  Returns 1 when
 * it is taken for the article, 0 when used before.
 */
int
docbook_ids_given(struct idset *set, const char *s, size_t num)
{
	uint64_t	 h;
	size_t		 n;

	h = idhash(s, strlen(s));
	if (has(set, h) ||
	    (number_of(s, &n) && n < num && !unnamed(set, n)))
		return 0;
	insert(set, h);
	mark(set, num);
	return 1;
}

/*
 * The id made for article num (counted from 1, the articles before it
 * named), which gave no id or one that cannot be used, in out (reset
 * first).
 */
void
docbook_ids_number(struct idset *set, size_t num, struct sbuf *out)
{
	size_t		 k;
	uint64_t	 h;

	sbuf_reset(out);
	sbuf_printf(out, "a%zu", num);
	if (!has(set, idhash(out->buf, out->len)))
		return;
	/* An id given before took it: the first free suffix. */
	mark(set, num);
	for (k = 2;; k++) {
		sbuf_reset(out);
		sbuf_printf(out, "a%zu-%zu", num, k);
		h = idhash(out->buf, out->len);
		if (!has(set, h))
			break;
	}
	insert(set, h);
}

void
docbook_ids_free(struct idset *set)
{
	free(set->slot);
	free(set->art);
	memset(set, 0, sizeof(*set));
}
