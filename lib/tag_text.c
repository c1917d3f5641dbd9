/*
 * tag_text.c: the text measures galley-tag decides by: length in code
 * points, script, sentence stops, quotation marks, capitals.  Every
 * function takes one span and runs in time linear in its length.
 */
#include <stdint.h>
#include <string.h>

#include "extern.h"
#include "tag.h"

static int	 is_stop(uint32_t);
static int	 is_quote(uint32_t);
static int	 abbrev(struct span, size_t);
static int	 has_stop(struct span, int, int);
static int	 small_word(const char *, size_t);
static size_t	 prev(const char *, size_t);

size_t
tag_cp_slow(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t	 k;

	if ((k = utf8_decode(s + i, n - i, cp)) == 0) {
		*cp = 0xfffd;
		return 1;
	}
	return k;
}

/*
 * utf8_prev(s, n), with the two commonest cases (an ASCII byte, a
 * three-byte sequence) inline: every block's last character is looked
 * at several times.
 */
static inline size_t
prev(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[n - 1] < 0x80)
		return n - 1;
	if (n >= 3 && (u[n - 1] & 0xc0) == 0x80 &&
	    (u[n - 2] & 0xc0) == 0x80 && (u[n - 3] & 0xc0) != 0x80)
		return n - 3;
	return utf8_prev(s, n);
}

uint32_t
tag_first(struct span t)
{
	uint32_t	 c;

	if (t.n == 0)
		return 0;
	tag_cp(t.s, t.n, 0, &c);
	return c;
}

uint32_t
tag_last(struct span t)
{
	uint32_t	 c;
	size_t		 i;

	if (t.n == 0)
		return 0;
	i = prev(t.s, t.n);
	tag_cp(t.s, t.n, i, &c);
	return c;
}

struct span
tag_trim(struct span t)
{
	uint32_t	 c;
	size_t		 k, i;

	while (t.n > 0) {
		k = tag_cp(t.s, t.n, 0, &c);
		if (!uc_is_space(c) && c != '\n' && c != '\r')
			break;
		t.s += k;
		t.n -= k;
	}
	while (t.n > 0) {
		i = prev(t.s, t.n);
		tag_cp(t.s, t.n, i, &c);
		if (!uc_is_space(c) && c != '\n' && c != '\r')
			break;
		t.n = i;
	}
	return t;
}

size_t
tag_len(struct span t)
{
	return tag_len_upto(t, SIZE_MAX);
}

/*
 * Every block is measured so, often more than once: ASCII and the
 * characters of U+4000 to U+9FFF (lead byte E4 to E9 and two
 * continuation bytes), none of them white space, are counted without
 * decoding them.
 */
size_t
tag_len_upto(struct span t, size_t max)
{
	const unsigned char	*u = (const unsigned char *)t.s;
	size_t			 i, len;
	uint32_t		 c;

	for (i = len = 0; i < t.n && len <= max; ) {
		if (u[i] < 0x80) {
			c = u[i++];
		} else if (u[i] >= 0xe4 && u[i] <= 0xe9 && t.n - i >= 3 &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
			len++;
			i += 3;
			continue;
		} else
			i += tag_cp(t.s, t.n, i, &c);
		if (!uc_is_space(c) && c != '\n')
			len++;
	}
	return len;
}

/*
 * The number of ASCII letters in the eight ASCII bytes of w: each byte
 * is folded to lower case and tested against 'a' and 'z' + 1 by adding
 * to it (no byte carries into the next), and the high bits are summed.
 */
static size_t
ascii_letters(uint64_t w)
{
	uint64_t	 x, m;

	x = w | 0x2020202020202020ULL;
	m = (x + 0x1f1f1f1f1f1f1f1fULL) & ~(x + 0x0505050505050505ULL) &
	    0x8080808080808080ULL;
	return (size_t)(((m >> 7) * 0x0101010101010101ULL) >> 56);
}

/*
 * This would read every block whole, so it stops as soon as the answer
 * is settled: the r bytes left hold at most r Latin letters and r / 3
 * Han characters (three bytes or four each).  ASCII is taken eight
 * bytes at a time, and a Han character of U+5000 to U+9FFF (lead byte
 * E5 to E9 and two continuation bytes) without decoding it.
 */
int
tag_is_latin(struct span t)
{
	const unsigned char	*u = (const unsigned char *)t.s;
	size_t			 i, end, lat, han, r;
	uint64_t		 w;
	uint32_t		 c;

	for (i = lat = han = 0; i < t.n; ) {
		end = t.n - i > 64 ? i + 64 : t.n;
		while (i < end) {
			if (end - i >= 8) {
				memcpy(&w, u + i, 8);
				if ((w & 0x8080808080808080ULL) == 0) {
					lat += ascii_letters(w);
					i += 8;
					continue;
				}
			}
			if (u[i] < 0x80) {
				lat += (unsigned)((u[i] | 0x20) - 'a') < 26;
				i++;
				continue;
			}
			if (u[i] >= 0xe5 && u[i] <= 0xe9 && t.n - i >= 3 &&
			    (u[i + 1] & 0xc0) == 0x80 &&
			    (u[i + 2] & 0xc0) == 0x80) {
				han++;
				i += 3;
				continue;
			}
			i += tag_cp(t.s, t.n, i, &c);
			if (uc_is_han(c))
				han++;
			else if (uc_is_latin_letter(c))
				lat++;
		}
		r = t.n - i;
		if (han >= lat + r)
			return 0;
		if (lat > han + r / 3)
			return 1;
	}
	return lat > han;
}

size_t
tag_words(struct span t)
{
	return tag_words_upto(t, SIZE_MAX);
}

size_t
tag_words_upto(struct span t, size_t max)
{
	size_t		 i, w;
	uint32_t	 c;
	int		 in;

	for (i = w = 0, in = 0; i < t.n; ) {
		i += tag_cp(t.s, t.n, i, &c);
		if (uc_is_space(c) || c == '\n')
			in = 0;
		else if (!in) {
			if (w > max)
				break;
			in = 1;
			w++;
		}
	}
	return w;
}

/* Full-width and CJK sentence stops. */
static int
is_stop(uint32_t c)
{
	return c == 0x3002 || c == 0xff01 || c == 0xff1f || c == 0xff1b ||
	    c == 0x2026;
}

/*
 * Non-zero when the full stop at t.s[dot] ends a short capitalised
 * word such as "Mr" or "St" or a single initial, and so is no stop.
 */
static int
abbrev(struct span t, size_t dot)
{
	size_t	 i;

	for (i = dot; i > 0; i--) {
		unsigned char ch = (unsigned char)t.s[i - 1];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			break;
	}
	if (dot - i == 0 || dot - i > 3)
		return 0;
	if (i > 0 && t.s[i - 1] != ' ' && t.s[i - 1] != '(')
		return 0;
	if (t.s[i] < 'A' || t.s[i] > 'Z')
		return 0;
	/* An initial, or a capital then lower case ("Mr", "Jan"). */
	for (i++; i < dot; i++)
		if (t.s[i] < 'a' || t.s[i] > 'z')
			return 0;
	return 1;
}

/*
 * The work of tag_has_stop and tag_has_full_stop: with full_only, only
 * 。；; and a full stop count.
 */
static int
has_stop(struct span t, int allow_final, int full_only)
{
	size_t		 i, k;
	uint32_t	 c, next;

	t = tag_trim(t);
	for (i = 0; i < t.n; i += k) {
		k = tag_cp(t.s, t.n, i, &c);
		if (allow_final && i + k == t.n)
			break;
		if (c == 0xff0e)	/* full-width full stop */
			c = '.';
		if (is_stop(c) && (!full_only || c == 0x3002 || c == 0xff1b))
			return 1;
		if (c != '.' && c != '!' && c != '?' && c != ';')
			continue;
		if (full_only && (c == '!' || c == '?'))
			continue;
		next = 0;
		if (i + k < t.n)
			tag_cp(t.s, t.n, i + k, &next);
		/* 1202.6, ２．１, www.example: not a sentence stop. */
		if (c == '.' && next != 0 && !uc_is_space(next) &&
		    next != '"' && next != 0x201d && next != 0x2019)
			continue;
		/* "Mr." "Dr." "St.": a short capitalised word is no stop. */
		if (c == '.' && abbrev(t, i))
			continue;
		return 1;
	}
	return 0;
}

int
tag_has_stop(struct span t, int allow_final)
{
	return has_stop(t, allow_final, 0);
}

int
tag_has_full_stop(struct span t, int allow_final)
{
	return has_stop(t, allow_final, 1);
}

int
tag_is_clause_end(uint32_t c)
{
	return c == ',' || c == ':' || c == 0xff0c || c == 0xff1a ||
	    c == 0x3001 || c == ';' || c == 0xff1b || c == 0x2014 ||
	    c == '-' || c == 0x3002 || c == 0x2026;
}

static int
is_quote(uint32_t c)
{
	return c == '"' || c == 0x201c || c == 0x201d || c == 0x2018 ||
	    c == 0x2019 || (c >= 0x300c && c <= 0x300f) || c == 0xff02;
}

int
tag_has_quote(struct span t)
{
	size_t		 i;
	uint32_t	 c;

	for (i = 0; i < t.n; ) {
		i += tag_cp(t.s, t.n, i, &c);
		if (is_quote(c))
			return 1;
	}
	return 0;
}

int
tag_all_caps(struct span t)
{
	size_t		 i, up;
	uint32_t	 c;

	for (i = up = 0; i < t.n; ) {
		i += tag_cp(t.s, t.n, i, &c);
		if (c >= 'a' && c <= 'z')
			return 0;
		if (c >= 0xdf && c <= 0xff && c != 0xf7)
			return 0;
		if (c >= 'A' && c <= 'Z')
			up++;
	}
	return up >= 3;
}

/* Words that Title Case leaves in lower case. */
static int
small_word(const char *w, size_t n)
{
	static const char *const small[] = {
		"a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
		"into", "nor", "of", "on", "or", "the", "to", "with", NULL
	};
	size_t	 i;

	for (i = 0; small[i] != NULL; i++)
		if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0)
			return 1;
	return 0;
}

int
tag_title_case(struct span t)
{
	size_t		 i, k, start, letters, words;
	uint32_t	 c, first;

	words = 0;
	for (i = 0; i < t.n; ) {
		/* Skip to the next word. */
		k = tag_cp(t.s, t.n, i, &c);
		if (uc_is_space(c)) {
			i += k;
			continue;
		}
		start = i;
		first = 0;
		letters = 0;
		while (i < t.n) {
			k = tag_cp(t.s, t.n, i, &c);
			if (uc_is_space(c))
				break;
			if (uc_is_latin_letter(c)) {
				if (letters == 0)
					first = c;
				letters++;
			}
			i += k;
		}
		if (letters == 0)
			continue;
		/* Every word but "of", "the" and the like (not first)
		 * starts with a capital. */
		if (!(first >= 'A' && first <= 'Z') && (words == 0 ||
		    !small_word(t.s + start, i - start)))
			return 0;
		words++;
	}
	return words > 0;
}
