/*
 * split_rules.c: how galley-split tells what a line or a block is (see
 * galley-split(1), "Article boundaries" and "Page furniture"): bylines,
 * datelines, jump lines, headline-shaped blocks, and the user's
 * --headline and --byline patterns.  The built-in patterns are PCRE2
 * expressions over the shape of the text (role words, agency and date
 * forms, bracket and punctuation), never over a particular paper's
 * names.  Every subject is valid UTF-8, as the decoder guarantees.
 */
#define _GNU_SOURCE	/* memmem */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "extern.h"
#include "split.h"

/* Bylines are short; a longer line is body text. */
#define BYLINE_MAX	40	/* code points */
#define DATELINE_SCAN	240	/* bytes of a lead looked at */
#define JUMP_SCAN	120	/* bytes at either end of a line */

enum rule {
	R_BYLINE_ZH,
	R_BYLINE_EN,
	R_DATELINE_ZH,
	R_DATELINE_AGENCY,
	R_DATELINE_EN,
	R_JUMP_HEAD,
	R_JUMP_TAIL,
	R_PHOTO,
	R_NAME,
	R_CREDIT_END,
	R_DATELINE_CITED,
	R_NUMBERED,
	R_USER_HEADLINE,
	R_USER_BYLINE,
	R__MAX
};

/* Bullets papers put before a byline. */
#define BULLETS "■□●○◆◇▲△▼★☆※·•"
#define ROLE \
	"(?:[记記]者|通[讯訊][员員]|[评評][论論][员員]|撰稿人|特派[员員]" \
	"|[编編][辑輯]" \
	"|[摄攝][影])"
#define NUMERAL "[\\p{N}〇零一二三四五六七八九十百]"
#define HANNUMS "〇一二三四五六七八九十"
#define HANNUM "[" HANNUMS "]"
/* The jump proper, with its direction in group 1 (to) or 2 (from). */
#define JUMP \
	"[（(]?\\s*(?:(下[转轉]|[转轉]至|[转轉])|(上接|承接|接|[续續]))" \
	"\\s*(?:第|[见見])?\\s*(" \
	NUMERAL "{1,4})\\s*(?:版|[页頁]|面)[^（()）\\n]{0,12}?[）)]?" \
	"|\\(?(?i:continued\\s+(?:(on)|(from))\\s+(?:page\\s+)?" \
	"([0-9]{1,3}|[a-z]-?[0-9]{1,2}))\\)?\\.?"

static const char *const builtin[R_USER_HEADLINE] = {
	/* ■中国城市报记者 郭文治 李彤彤, 本报驻南非记者温宪, 文/张三 */
	"^[\\s" BULLETS "]*(?:(?:文|图|文图|撰文|作者)\\s*[/／:：]"
	"|(?:本[报報]|本刊|\\p{Han}{1,12}(?:[报報社网網台臺刊站]|中心))?"
	"(?:[驻駐]\\p{Han}{1,8})?"
	"(?:特[约約]|[实實][习習]|首席|高[级級]|特派|本[报報])?" ROLE ")"
	"[\\s\\p{Han}·•、，,/／()（）]*$",
	/* By JOHN SMITH, By Jane Doe and John Roe */
	"^\\s*(?:By|BY)\\s+[A-Z][\\p{L}.'’-]*"
	"(?:(?:\\s+|\\s*,\\s*)(?:[A-Z][\\p{L}.'’-]*|and|of|the|de|van|von"
	"|la|le|&))*\\s*\\.?\\s*$",
	/* 本报讯, 本报北京１月１７日讯 */
	"^[\\s【]*本[报報][\\p{Han}\\p{N}\\s]{0,20}?(?:[讯訊]|[电電])",
	/* 新华社北京8月30日电, 中新社香港1月5日电 */
	"^[\\s【]*(?![据據])\\p{Han}{1,10}?[社网網台臺报報][\\p{Han}\\s]{0,12}?"
	"(?:\\p{N}{1,4}\\s*年\\s*)?\\p{N}{1,2}\\s*月\\s*\\p{N}{1,2}\\s*日"
	"\\s*(?:[电電]|[讯訊]|消息|[报報][道導])",
	/* BEIJING —, WASHINGTON, Aug. 30 —, LONDON (Reuters) - */
	"^\\s*[A-Z][A-Z.'’ -]{2,30}"
	"(?:,\\s*[A-Z][\\p{L}.]*(?:\\s+[A-Z]?[\\p{L}.]+){0,2}"
	"(?:\\s+\\d{1,2})?)?\\.?\\s*(?:\\([A-Za-z][\\w ]{0,20}\\)\\s*)?"
	"(?:—|–|--|-)\\s",
	"^\\s*(?:" JUMP ")",
	"(?:" JUMP ")\\s*$",
	/* （图片）, （附图片１张）, (with photo) */
	"(?:[（(](?:附)?(?:[图圖]片|照片|[传傳]真照片)"
	"(?:" NUMERAL "{1,2}[张張])?[）)]"
	"|\\((?i:with photo|photo)\\))\\s*$",
	/* 廖华歌, 张京 陈辉, 韩钟（昆音）: names alone */
	"^\\s*(?:\\p{Han}{2,9}|\\p{Han}{2,4}(?:[\\s、，]+\\p{Han}{2,4}){1,3})"
	"(?:\\s*[（(]\\p{Han}{1,8}[）)])?\\s*$",
	/* ...。（李妲）, ...日。（本报华盛顿１月１２日电）: an item's end */
	"[。！？”』」]\\s*[（(][^（）()。]{1,30}[）)]\\s*$",
	/* 据新华社南京１月２９日电: a lead citing a wire */
	"^[\\s【]*[据據]\\p{Han}{1,10}?[社网網台臺报報][\\p{Han}\\s]{0,12}?"
	"(?:\\p{N}{1,4}\\s*年\\s*)?\\p{N}{1,2}\\s*月\\s*\\p{N}{1,2}\\s*日"
	"\\s*(?:[电電]|[讯訊]|消息|[报報][道導])",
	/* １、 (二) 1. 第三章: a numbered section, not a headline */
	"^\\s*(?:(?:\\p{N}{1,3}|" HANNUM "{1,3})\\s*[、.．](?!\\p{N})"
	"|[（(]\\s*(?:\\p{N}{1,3}|" HANNUM "{1,3})\\s*[）)]"
	"|第[\\p{N}" HANNUMS "百]{1,4}[章节節部篇回])",
};

struct split_rules {
	pcre2_code		*re[R__MAX];
	pcre2_match_data	*md;
};

static int	 compile(struct split_rules *, enum rule, const char *,
		    const char *opt, const struct galley_report *);
static int	 match(struct split_rules *, enum rule, const char *,
		    size_t, size_t);
static uint32_t	 lastcp(const char *, size_t, size_t *start);
static int	 never_space(const char *, size_t);
static int	 is_closer(uint32_t);

struct split_rules *
split_rules_new(const char *headline_re, const char *byline_re,
    const struct galley_report *rep)
{
	struct split_rules	*r;
	int			 i;

	r = galley_xcalloc(1, sizeof(*r));
	for (i = 0; i < R_USER_HEADLINE; i++)
		if (compile(r, i, builtin[i], NULL, rep) != 0)
			goto bad;
	if (headline_re != NULL && compile(r, R_USER_HEADLINE, headline_re,
	    "--headline", rep) != 0)
		goto bad;
	if (byline_re != NULL && compile(r, R_USER_BYLINE, byline_re,
	    "--byline", rep) != 0)
		goto bad;
	if ((r->md = pcre2_match_data_create(16, NULL)) == NULL)
		galley_xmalloc((size_t)-1);	/* out of memory */
	return r;
bad:
	split_rules_free(r);
	return NULL;
}

void
split_rules_free(struct split_rules *r)
{
	int	 i;

	if (r == NULL)
		return;
	for (i = 0; i < R__MAX; i++)
		pcre2_code_free(r->re[i]);
	pcre2_match_data_free(r->md);
	free(r);
}

/*
 * Compile pattern pat as rule i.  A user's pattern (opt non-NULL) that
 * does not compile is reported naming the option.
 */
static int
compile(struct split_rules *r, enum rule i, const char *pat,
    const char *opt, const struct galley_report *rep)
{
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;
	int		 code;

	r->re[i] = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	if (r->re[i] == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		report(rep, GALLEY_ERROR, opt != NULL ? opt : "built-in", 0, 0,
		    "bad regular expression: %s at offset %zu",
		    (const char *)msg, (size_t)off);
		return -1;
	}
	/*
	 * No pcre2_jit_compile(): JIT code reads whole words past the
	 * subject, which valgrind (run in CI) reports as uninitialised
	 * reads, and the interpreter is fast enough on short lines.
	 */
	return 0;
}

/* Match rule i against s[from..n); 1 on a match. */
static int
match(struct split_rules *r, enum rule i, const char *s, size_t n,
    size_t from)
{
	if (r->re[i] == NULL)
		return 0;
	return pcre2_match(r->re[i], (PCRE2_SPTR)s, n, from,
	    PCRE2_NO_UTF_CHECK, r->md, NULL) >= 0;
}

/*
 * Prefilters.  The interpreter costs thousands of instructions a call,
 * so each built-in rule is first put to a cheap test that every text it
 * matches passes: a test that fails means no match, and the pattern is
 * not run.  Built with -DSPLIT_CHECK_PREFILTER, the pattern is run
 * anyway and a prefilter that rejects a match aborts (a test of the
 * prefilters on real text, not for production).
 */
#ifdef SPLIT_CHECK_PREFILTER
#include <stdio.h>
static int
checked(struct split_rules *r, enum rule i, const char *s, size_t n,
    size_t from, int maybe)
{
	if (!maybe && match(r, i, s, n, from)) {
		fprintf(stderr, "prefilter %d rejects a match: %.*s\n", (int)i,
		    (int)n, s);
		abort();
	}
	return maybe;
}
#define MAYBE(r, i, s, n, from, test) \
	(checked((r), (i), (s), (n), (from), (test)) && \
	match((r), (i), (s), (n), (from)))
#else
#define MAYBE(r, i, s, n, from, test) \
	((test) && match((r), (i), (s), (n), (from)))
#endif

/* The code points PCRE2's \s matches with PCRE2_UCP, exactly. */
static int
re_space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0d);
	return c == 0x85 || c == 0xa0 || c == 0x1680 || c == 0x180e ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000;
}

/*
 * Every code point \p{N} matches, and the Chinese numerals the patterns
 * take (〇零一二三四五六七八九十百), and more: a wide net.
 */
static int
maybe_numeral(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	if (c >= 0x4e00 && c <= 0x9fff)
		return c == 0x96f6 || c == 0x4e00 || c == 0x4e8c ||
		    c == 0x4e09 || c == 0x56db || c == 0x4e94 || c == 0x516d ||
		    c == 0x4e03 || c == 0x516b || c == 0x4e5d || c == 0x5341 ||
		    c == 0x767e;
	if (c >= 0x3000 && c <= 0x303f)
		return c == 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
		    (c >= 0x3038 && c <= 0x303a);
	if (c >= 0xff00 && c <= 0xffef)
		return c >= 0xff10 && c <= 0xff19;
	return !(c >= 0x3400 && c <= 0x4dbf) &&
	    !(c >= 0x2000 && c <= 0x206f);
}

/*
 * Every code point \p{Han} matches (PCRE2 takes script extensions:
 * 、。「」【】 are Han too), and more.
 */
static int
maybe_han(uint32_t c)
{
	return c >= 0x2e80 && !(c >= 0xff00 && c <= 0xff60) &&
	    !(c >= 0xff66 && c <= 0xffff);
}

/* The code point at s[i..n), or 0 at the end. */
static uint32_t
cpat(const char *s, size_t n, size_t i, size_t *k)
{
	uint32_t	 cp;

	if (i >= n || (*k = utf8_decode(s + i, n - i, &cp)) == 0) {
		*k = 1;
		return 0;
	}
	return cp;
}

/* The offset of the first code point at or after i not in \s (or 【). */
static size_t
skip_space(const char *s, size_t n, size_t i, int bracket)
{
	uint32_t	 cp;
	size_t		 k;
	unsigned char	 u;

	while (i < n) {
		if ((unsigned char)s[i] == ' ') {
			i++;
			continue;
		}
		/* ASCII graphic characters and U+4000 up: neither. */
		u = (unsigned char)s[i];
		if ((u > 0x20 && u < 0x7f) || u >= 0xe4)
			break;
		cp = cpat(s, n, i, &k);
		if (!re_space(cp) && !(bracket && cp == 0x3010))
			break;
		i += k;
	}
	return i;
}

/* The last code point of s[0..n) not in \s, or 0. */
static uint32_t
last_nonspace(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	while (n > 0) {
		i = split_prev(s, n);
		cp = cpat(s, n, i, &k);
		if (!re_space(cp))
			return cp;
		n = i;
	}
	return 0;
}

/*
 * Whether the jump word ending at s[i] (转, 接, 续...) may start a
 * jump: then \s, 至, 第 or 见 may follow, then numerals and \s, then
 * 版, 页 or 面.  Greedy runs are exact here: no numeral is \s, 至, 第
 * or 见, and neither 版, 页 nor 面 is a numeral or \s.
 */
static int
jump_rest(const char *s, size_t n, size_t i)
{
	uint32_t	 cp;
	size_t		 k;

	for (;; i += k) {
		cp = cpat(s, n, i, &k);
		if (!re_space(cp) && cp != 0x81f3 && cp != 0x7b2c &&
		    cp != 0x89c1 && cp != 0x898b)
			break;
	}
	if (!maybe_numeral(cp))
		return 0;
	for (i += k;; i += k) {
		cp = cpat(s, n, i, &k);
		if (!maybe_numeral(cp) && !re_space(cp))
			break;
	}
	return cp == 0x7248 || cp == 0x9875 || cp == 0x9801 || cp == 0x9762;
}

/* 转, 轉, 接, 续, 續: the last character of a jump word. */
static int
jump_word(uint32_t cp)
{
	return cp == 0x8f6c || cp == 0x8f49 || cp == 0x63a5 || cp == 0x7eed ||
	    cp == 0x7e8c;
}

/* Whether s[i..n) opens with "continued" in any case (ASCII). */
static int
continued(const char *s, size_t n, size_t i)
{
	static const char	 w[] = "continued";
	size_t			 j;

	if (n - i < sizeof(w) - 1)
		return 0;
	for (j = 0; j < sizeof(w) - 1; j++)
		if (((unsigned char)s[i + j] | 0x20) != (unsigned char)w[j])
			return 0;
	return 1;
}

/*
 * Whether R_JUMP_HEAD may match: after \s*, maybe a bracket and \s*,
 * maybe 下, 上 or 承, a jump word and what jump_rest() wants; or after
 * \s* and maybe "(", "continued".
 */
static int
jump_head_maybe(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	i = skip_space(s, n, 0, 0);
	if (continued(s, n, i) || (i < n && s[i] == '(' &&
	    continued(s, n, i + 1)))
		return 1;
	cp = cpat(s, n, i, &k);
	if (cp == 0xff08 || cp == '(') {
		i = skip_space(s, n, i + k, 0);
		cp = cpat(s, n, i, &k);
	}
	if (cp == 0x4e0b || cp == 0x4e0a || cp == 0x627f) {
		i += k;
		cp = cpat(s, n, i, &k);
	}
	return jump_word(cp) && jump_rest(s, n, i + k);
}

/*
 * Whether the Chinese jump of R_JUMP_TAIL may end with the 版, 页 or 面
 * at s[e]: jump_rest() read backwards.  Going back from e over numerals
 * and \s, at least one numeral, then over \s, 至, 第 and 见, a jump word
 * must come.
 */
static int
jump_back(const char *s, size_t e)
{
	uint32_t	 cp;
	size_t		 i, j, k;
	int		 num;

	num = 0;
	for (i = e; i > 0; i = j) {
		j = split_prev(s, i);
		cp = cpat(s, i, j, &k);
		if (maybe_numeral(cp))
			num = 1;
		else if (!re_space(cp))
			break;
	}
	if (!num)
		return 0;
	for (; i > 0; i = j) {
		j = split_prev(s, i);
		cp = cpat(s, i, j, &k);
		if (!re_space(cp) && cp != 0x81f3 && cp != 0x7b2c &&
		    cp != 0x89c1 && cp != 0x898b)
			return jump_word(cp);
	}
	return 0;
}

/*
 * Whether R_JUMP_TAIL may match: it ends with \s*, before which an
 * English jump ends in a digit, maybe ")" and maybe "."; a Chinese one
 * has its 版, 页 or 面 among the last 14 code points (12 of
 * [^（()）\n] and a bracket may follow it).
 */
static int
jump_tail_maybe(const char *s, size_t n)
{
	const char	*p;
	uint32_t	 cp;
	size_t		 e, j, k, c, from;

	for (e = n; e > 0; e = j) {
		j = split_prev(s, e);
		if (!re_space(cpat(s, n, j, &k)))
			break;
	}
	j = e;
	if (j > 0 && s[j - 1] == '.')
		j--;
	if (j > 0 && s[j - 1] == ')')
		j--;
	if (j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9' &&
	    (memmem(s, n, "ontinued", 8) != NULL ||
	    memmem(s, n, "ONTINUED", 8) != NULL))
		return 1;
	/*
	 * The last 14 code points lie in the last 56 bytes, where the lead
	 * bytes of 版, 页 and 面 (E7, E9) are looked for.
	 */
	from = e > 4 * 14 ? e - 4 * 14 : 0;
	for (c = 0; c < 2; c++)
		for (j = from; j < e && (p = memchr(s + j, c == 0 ? 0xe7 :
		    0xe9, e - j)) != NULL; j++) {
			j = (size_t)(p - s);
			cp = cpat(s, e, j, &k);
			if ((cp == 0x7248 || cp == 0x9875 || cp == 0x9801 ||
			    cp == 0x9762) && jump_back(s, j))
				return 1;
		}
	return 0;
}

int
split_user_headline(struct split_rules *r, const char *s, size_t n)
{
	return match(r, R_USER_HEADLINE, s, n, 0);
}

int
split_user_byline(struct split_rules *r, const char *s, size_t n)
{
	return match(r, R_USER_BYLINE, s, n, 0);
}

/* Cut s[0..n) to at most max bytes, at a character boundary. */
static size_t
cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* The first line of s[0..n). */
static size_t
firstline(const char *s, size_t n)
{
	const char	*p;

	return (p = memchr(s, '\n', n)) != NULL ? (size_t)(p - s) : n;
}

/* The BULLETS of R_BYLINE_ZH. */
static int
is_bullet(uint32_t cp)
{
	switch (cp) {
	case 0x25a0: case 0x25a1: case 0x25cf: case 0x25cb: case 0x25c6:
	case 0x25c7: case 0x25b2: case 0x25b3: case 0x25bc: case 0x2605:
	case 0x2606: case 0x203b: case 0x00b7: case 0x2022:
		return 1;
	default:
		return 0;
	}
}

/*
 * A Chinese byline holds a role (记者, 通讯员, 评论员, 撰稿人, 特派员,
 * 编辑, 摄影) or a slash or colon after 文, 图 or 作者.
 */
static int
byline_zh_maybe(const char *s, size_t n)
{
	uint32_t	 cp, prev;
	size_t		 i, k;
	int		 credit, found;

	/* The slash or colon comes after [\s BULLETS]* and 文, 图, 撰, 作. */
	for (i = 0; i < n; i += k) {
		cp = cpat(s, n, i, &k);
		if (!re_space(cp) && !is_bullet(cp))
			break;
	}
	credit = cp == 0x6587 || cp == 0x56fe || cp == 0x64b0 ||
	    cp == 0x4f5c;
	found = 0;
	prev = 0;
	for (i = 0; i < n; i += k, prev = cp) {
		cp = cpat(s, n, i, &k);
		switch (cp) {
		case '/': case ':': case 0xff0f: case 0xff1a:
			found |= credit;
			break;
		case 0x8005:	/* 者 */
			found |= prev == 0x8bb0 || prev == 0x8a18;
			break;
		case 0x5458: case 0x54e1:	/* 员 員 */
			found |= prev == 0x8baf || prev == 0x8a0a ||
			    prev == 0x8bba || prev == 0x8ad6 || prev == 0x6d3e;
			break;
		case 0x4eba:	/* 人 */
			found |= prev == 0x7a3f;
			break;
		case 0x8f91: case 0x8f2f:	/* 辑 輯 */
			found |= prev == 0x7f16 || prev == 0x7de8;
			break;
		case 0x5f71:	/* 影 */
			found |= prev == 0x6444 || prev == 0x651d;
			break;
		case ',': case '(': case ')': case 0xff0c: case 0xff08:
		case 0xff09:
			break;
		default:
			/* Nothing else but \s, bullets and Han. */
			if (!maybe_han(cp) && !re_space(cp) && !is_bullet(cp))
				return 0;
			break;
		}
	}
	return found;
}

/* An English byline opens with By or BY. */
static int
byline_en_maybe(const char *s, size_t n)
{
	size_t	 i;

	i = skip_space(s, n, 0, 0);
	return n - i >= 2 && s[i] == 'B' && (s[i + 1] == 'y' ||
	    s[i + 1] == 'Y');
}

int
split_is_byline(struct split_rules *r, const char *s, size_t n)
{
	n = firstline(s, n);
	s = split_trim(s, &n);
	/* A code point takes at most 4 bytes. */
	if (n == 0 || n > 4 * BYLINE_MAX || utf8_count(s, n) > BYLINE_MAX)
		return 0;
	return MAYBE(r, R_BYLINE_ZH, s, n, 0, byline_zh_maybe(s, n)) ||
	    MAYBE(r, R_BYLINE_EN, s, n, 0, byline_en_maybe(s, n));
}

/* Whether 日 followed by \s* and 电, 讯, 消(息) or 报(道) is in s. */
static int
dated(const char *s, size_t n)
{
	const char	*p;
	uint32_t	 cp;
	size_t		 i, k;

	for (i = 0; (p = memchr(s + i, 0xe6, n - i)) != NULL; ) {
		i = (size_t)(p - s) + 1;
		if (n - i < 2 || p[1] != '\x97' || p[2] != '\xa5')
			continue;
		i = skip_space(s, n, i + 2, 0);
		cp = cpat(s, n, i, &k);
		if (cp == 0x7535 || cp == 0x96fb || cp == 0x8baf ||
		    cp == 0x8a0a || cp == 0x6d88 || cp == 0x62a5 ||
		    cp == 0x5831)
			return 1;
	}
	return 0;
}

/*
 * Whether an agency (社, 网, 台, 报) may open s: [\s【]* and Han, then
 * one of them, as R_DATELINE_AGENCY and R_DATELINE_CITED want; 【 is
 * Han to PCRE2.
 */
static int
agency(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k, c;

	/*
	 * \p{Han}{1,10}? comes after [\s【]* (and may take some 【),
	 * and after 据 in R_DATELINE_CITED: the agency is among the 12
	 * code points after them.
	 */
	i = skip_space(s, n, 0, 1);
	for (c = 0; c < 12 && i < n; c++, i += k) {
		cp = cpat(s, n, i, &k);
		if (cp == 0x793e || cp == 0x7f51 || cp == 0x7db2 ||
		    cp == 0x53f0 || cp == 0x81fa || cp == 0x62a5 ||
		    cp == 0x5831)
			return 1;
		if (!maybe_han(cp))
			return 0;
	}
	return 0;
}

/*
 * R_DATELINE_ZH, ^[\s【]*本[报報][\p{Han}\p{N}\s]{0,20}?(?:[讯訊]|[电電]),
 * by hand: 1 on a match, 0 on none, -1 when a code point is neither
 * surely in the class nor surely out of it (then PCRE2 decides).
 */
static int
dateline_zh(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k, c;

	i = skip_space(s, n, 0, 1);
	if (cpat(s, n, i, &k) != 0x672c)
		return 0;
	i += k;
	cp = cpat(s, n, i, &k);
	if (cp != 0x62a5 && cp != 0x5831)
		return 0;
	for (i += k, c = 0; i < n; i += k, c++) {
		cp = cpat(s, n, i, &k);
		if (cp == 0x8baf || cp == 0x8a0a || cp == 0x7535 ||
		    cp == 0x96fb)
			return 1;
		if (c == 20)
			return 0;
		/* Surely Han, N or \s: ideographs, digits, spaces. */
		if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= '0' &&
		    cp <= '9') || (cp >= 0xff10 && cp <= 0xff19) ||
		    re_space(cp))
			continue;
		/* Surely not: other ASCII, full-width punctuation. */
		if (cp < 0x80 || (cp >= 0xff00 && cp <= 0xff60))
			return 0;
		return -1;
	}
	return 0;
}

/* Whether a dash (-, — or –) is in s. */
static int
has_dash(const char *s, size_t n)
{
	return memchr(s, '-', n) != NULL ||
	    memmem(s, n, "\xe2\x80\x94", 3) != NULL ||
	    memmem(s, n, "\xe2\x80\x93", 3) != NULL;
}

int
split_is_dateline(struct split_rules *r, const char *s, size_t n)
{
	uint32_t	 first;
	size_t		 k;
	int		 date, zh;

	n = cut(s, n, DATELINE_SCAN);
	/* The patterns open with [\s【]* (\s* in English). */
	first = cpat(s, n, skip_space(s, n, 0, 1), &k);
	date = -1;
#ifdef SPLIT_CHECK_PREFILTER
	if (first == 0x672c && ((zh = dateline_zh(s, n)) == 1 ?
	    !match(r, R_DATELINE_ZH, s, n, 0) : zh == 0 &&
	    match(r, R_DATELINE_ZH, s, n, 0)))
		abort();
#endif
	if ((first == 0x672c && (zh = dateline_zh(s, n)) != 0 &&
	    (zh == 1 || match(r, R_DATELINE_ZH, s, n, 0))) ||
	    MAYBE(r, R_DATELINE_AGENCY, s, n, 0,
	    (date = agency(s, n) && dated(s, n))) ||
	    MAYBE(r, R_DATELINE_EN, s, n, 0, first >= 'A' && first <= 'Z' &&
	    has_dash(s, n)))
		return 2;
	return MAYBE(r, R_DATELINE_CITED, s, n, 0,
	    (first == 0x636e || first == 0x64da) &&
	    (date != -1 ? date : dated(s, n)));
}

/* Whether the last code point but \s is a closing bracket. */
static int
closes(const char *s, size_t n)
{
	uint32_t	 cp;

	cp = last_nonspace(s, n);
	return cp == 0xff09 || cp == ')';
}

/*
 * R_CREDIT_END by hand, read backwards: [）)] and \s* at the end, before
 * it 1 to 30 code points but brackets and 。, then [（(], \s*, and one
 * of 。！？”』」, where a match can only begin: its offset, or -1.  The
 * pattern has no \p class, so this is exact.
 */
static ptrdiff_t
credit_at(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 e, j, k, c;

	for (e = n; e > 0; e = j) {
		j = split_prev(s, e);
		if (!re_space(cp = cpat(s, n, j, &k)))
			break;
	}
	if (e == 0 || (cp != 0xff09 && cp != ')'))
		return -1;
	e = j;
	for (c = 0; e > 0; c++, e = j) {
		j = split_prev(s, e);
		cp = cpat(s, n, j, &k);
		if (cp == 0xff08 || cp == 0xff09 || cp == '(' || cp == ')' ||
		    cp == 0x3002)
			break;
		if (c == 30)
			return -1;
	}
	if (e == 0 || c == 0 || (cp != 0xff08 && cp != '('))
		return -1;
	for (e = j; e > 0; e = j) {
		j = split_prev(s, e);
		if (!re_space(cp = cpat(s, n, j, &k)))
			break;
	}
	return e > 0 && (cp == 0x3002 || cp == 0xff01 || cp == 0xff1f ||
	    cp == 0x201d || cp == 0x300f || cp == 0x300d) ? (ptrdiff_t)j : -1;
}

int
split_ends_credit(struct split_rules *r, const char *s, size_t n)
{
	size_t		 from;
	ptrdiff_t	 m;

	from = n > JUMP_SCAN ? cut(s, n, n - JUMP_SCAN) : 0;
	m = credit_at(s, n);
#ifdef SPLIT_CHECK_PREFILTER
	if ((m >= 0 && (size_t)m >= from) != match(r, R_CREDIT_END, s, n,
	    from))
		abort();
#else
	(void)r;
#endif
	return m >= 0 && (size_t)m >= from;
}

int
split_is_photo_head(struct split_rules *r, const char *s, size_t n)
{
	size_t	 from;

	from = n > JUMP_SCAN ? cut(s, n, n - JUMP_SCAN) : 0;
	/* It ends in [）)]\s*. */
	return MAYBE(r, R_PHOTO, s, n, from, closes(s, n));
}

/* Read a page number in Western, full-width or Chinese digits. */
static unsigned
pagenum(const char *s, size_t n)
{
	static const char *const han[] = { "〇", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };
	unsigned	 v, d, t;
	uint32_t	 cp;
	size_t		 i, k, j;

	v = t = 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		if (cp >= '0' && cp <= '9')
			d = cp - '0';
		else if (cp >= 0xff10 && cp <= 0xff19)
			d = cp - 0xff10;
		else if (cp == 0x5341) {	/* 十 */
			t += (v == 0 ? 1 : v) * 10;
			v = 0;
			continue;
		} else {
			for (j = 0; j < 10; j++)
				if (k == strlen(han[j]) &&
				    memcmp(s + i, han[j], k) == 0)
					break;
			if (j == 10)
				return 0;
			d = (unsigned)j;
		}
		if (v > 10000)
			return 0;
		v = v * 10 + d;
	}
	return t + v;
}

/* A cheap test before the patterns: 转, 轉, 接, 续, 續, "ontinued" in s. */
static int
has_jump_word(const char *s, size_t n)
{
	static const char *const words[] = { "\xe8\xbd\xac", "\xe8\xbd\x89",
	    "\xe6\x8e\xa5", "\xe7\xbb\xad", "\xe7\xba\x8c", "ontinued",
	    "ONTINUED", NULL };
	size_t	 i;

	for (i = 0; words[i] != NULL; i++)
		if (memmem(s, n, words[i], strlen(words[i])) != NULL)
			return 1;
	return 0;
}

int
split_jump(struct split_rules *r, const char *s, size_t n, struct jump *j)
{
	PCRE2_SIZE	*ov;
	size_t		 from, g;
	int		 rc;

	memset(j, 0, sizeof(*j));
	if (!jump_head_maybe(s, n) && !jump_tail_maybe(s, n)) {
#ifdef SPLIT_CHECK_PREFILTER
		if (match(r, R_JUMP_HEAD, s, cut(s, n, JUMP_SCAN), 0) ||
		    match(r, R_JUMP_TAIL, s, n, 0))
			abort();
#endif
		return 0;
	}
	if (!has_jump_word(s, cut(s, n, JUMP_SCAN)) && !(n > JUMP_SCAN &&
	    has_jump_word(s + cut(s, n, n - JUMP_SCAN),
	    n - cut(s, n, n - JUMP_SCAN))))
		return 0;
	if (match(r, R_JUMP_HEAD, s, cut(s, n, JUMP_SCAN), 0))
		;
	else {
		from = n > JUMP_SCAN ? cut(s, n, n - JUMP_SCAN) : 0;
		if (!match(r, R_JUMP_TAIL, s, n, from))
			return 0;
	}
	ov = pcre2_get_ovector_pointer(r->md);
	rc = (int)pcre2_get_ovector_count(r->md);
	j->so = ov[0];
	j->eo = ov[1];
	/* Groups: 1 to, 2 from, 3 page; 4 on, 5 from, 6 page. */
	if (rc > 1 && (ov[2] != PCRE2_UNSET || ov[8] != PCRE2_UNSET))
		j->kind = JUMP_TO;
	else
		j->kind = JUMP_FROM;
	g = ov[6] != PCRE2_UNSET ? 3 : 6;
	if (ov[2 * g] != PCRE2_UNSET)
		j->page = pagenum(s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
	return 1;
}

/*
 * Whether the character at s[0..n) (n > 0) is surely no white space:
 * an ASCII graphic character, or a code point above U+3000, where
 * Unicode has no White_Space character (so neither has uc_is_space()).
 */
static int
never_space(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;

	return (u[0] > 0x20 && u[0] < 0x7f) || u[0] >= 0xe4 ||
	    (u[0] == 0xe3 && n >= 3 && (u[1] != 0x80 || u[2] != 0x80));
}

const char *
split_trim_slow(const char *s, size_t *n)
{
	size_t		 i, k, e;
	uint32_t	 cp;

	for (i = 0; i < *n; i += k) {
		if (never_space(s + i, *n - i) ||
		    (k = utf8_decode(s + i, *n - i, &cp)) == 0 ||
		    !uc_is_space(cp))
			break;
	}
	s += i;
	*n -= i;
	while (*n > 0) {
		e = split_prev(s, *n);
		if (never_space(s + e, *n - e) ||
		    utf8_decode(s + e, *n - e, &cp) == 0 || !uc_is_space(cp))
			break;
		*n = e;
	}
	return s;
}

/* The last code point of s[0..n), its offset in *start. */
static uint32_t
lastcp(const char *s, size_t n, size_t *start)
{
	uint32_t	 cp;
	size_t		 i;

	if (n == 0) {
		*start = 0;
		return 0;
	}
	i = split_prev(s, n);
	*start = i;
	return utf8_decode(s + i, n - i, &cp) ? cp : 0;
}

static int
is_closer(uint32_t cp)
{
	return cp == 0x201d || cp == 0x2019 || cp == 0x300d ||
	    cp == 0x300f || cp == '"' || cp == '\'' || cp == 0x300b;
}

int
split_ends_sentence(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i;

	s = split_trim(s, &n);
	cp = lastcp(s, n, &i);
	while (is_closer(cp) && i > 0) {
		n = i;
		cp = lastcp(s, n, &i);
	}
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == '.' ||
	    cp == '!' || cp == '?' || cp == 0x2026 || cp == 0xff0e ||
	    cp == 0xff09 || cp == ')';
}

int
split_is_headish(const char *s, size_t n)
{
	const char	*p;
	size_t		 i, k, lines, cps, letters, latin, linecps;
	uint32_t	 cp, first, last, end;
	size_t		 st, commas, digits;
	int		 upper, lower;

	s = split_trim(s, &n);
	if (n == 0)
		return 0;
	/*
	 * The loop below gives up at a 。 or a fourth line wherever they
	 * are: look for them first, without decoding (most blocks are
	 * paragraphs).
	 */
	for (i = 0, lines = 1; lines <= 3 && (p = memchr(s + i, '\n',
	    n - i)) != NULL; lines++)
		i = (size_t)(p - s) + 1;
	if (lines > 3)
		return 0;
	/* memmem() is slow on so short a needle: find its lead byte. */
	for (i = 0; (p = memchr(s + i, 0xe3, n - i)) != NULL; i++) {
		i = (size_t)(p - s);
		if (n - i >= 3 && p[1] == '\x80' && p[2] == '\x82')
			return 0;
	}
	lines = 1;
	cps = letters = latin = linecps = commas = digits = 0;
	upper = lower = 0;
	first = 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		if (first == 0)
			first = cp;
		if (cp >= 0x4e00 && cp <= 0x9fff) {
			/* An ideograph, the common case: a Han letter. */
			cps++;
			linecps++;
			letters++;
			if (latin * 2 > letters ? linecps > 90 : linecps > 40)
				return 0;
			continue;
		}
		if (cp < 0x80 && cp != '\n') {
			/* ASCII, as the classes below take it. */
			cps++;
			linecps++;
			if (cp == ',')
				commas++;
			else if (cp >= '0' && cp <= '9')
				digits++;
			else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
				letters++;
				latin++;
				if (cp <= 'Z')
					upper++;
				else
					lower++;
			}
			if (latin * 2 > letters ? linecps > 90 : linecps > 40)
				return 0;
			continue;
		}
		if (cp == '\n') {
			if (++lines > 3)
				return 0;
			linecps = 0;
			continue;
		}
		cps++;
		linecps++;
		/* A full stop inside: sentences, not a headline. */
		if (cp == 0x3002)
			return 0;
		if (cp == 0xff0c || cp == ',')
			commas++;
		if (uc_is_digit(cp))
			digits++;
		if (uc_is_han(cp))
			letters++;
		else if (uc_is_latin_letter(cp)) {
			letters++;
			latin++;
			if (cp >= 'A' && cp <= 'Z')
				upper++;
			else if (cp >= 'a' && cp <= 'z')
				lower++;
		}
		if (latin * 2 > letters ? linecps > 90 : linecps > 40)
			return 0;
	}
	if (letters < 2)
		return 0;
	last = lastcp(s, n, &st);
	/*
	 * A line that exclaims or asks may be a headline, but not when it
	 * wraps or holds a comma: then it is a sentence.
	 */
	end = last;
	while (is_closer(end) && st > 0)
		end = lastcp(s, st, &st);
	if ((end == 0xff01 || end == 0xff1f || end == '!' || end == '?') &&
	    (lines > 1 || commas > 0))
		return 0;
	/* Tables and figures: mostly digits. */
	if (digits > letters)
		return 0;
	/* A sentence with its credit: 谢谢！（新华社北京１２月３１日电） */
	if (last == 0xff09 || last == ')') {
		for (i = st; i > 0; i = split_prev(s, i)) {
			(void)utf8_decode(s + i, n - i, &cp);
			if (cp == 0xff08 || cp == '(')
				break;
		}
		if (i > 0) {
			end = lastcp(s, i, &i);
			if (end == 0x3002 || end == 0xff01 || end == 0xff1f)
				return 0;
		}
	}
	/* Wholly in brackets: a credit or a note, not a headline. */
	if ((first == 0xff08 && last == 0xff09) || (first == '(' &&
	    last == ')') || (first == 0x3010 && last == 0x3011))
		return 0;
	switch (last) {
	case 0x3002: case 0xff0c: case 0x3001: case 0xff1b: case 0xff1a:
	case ',': case ';': case ':': case 0x2026:
		return 0;
	case '.':
		/* Old papers end headlines in capitals with a stop. */
		return upper > 0 && lower * 4 <= upper;
	default:
		return 1;
	}
}

/*
 * A name holds only Han, \s, 、，and brackets.  Without 、 (which is
 * Han to PCRE2 as well as a separator), the part before a bracket is
 * one run of 2 to 9 Han, or 2 to 4 runs of 2 to 4 between \s and ，.
 */
static int
name_maybe(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k, runs, len, maxlen, minlen;
	int		 comma, main;

	runs = len = maxlen = 0;
	minlen = SIZE_MAX;
	comma = 0;
	main = 1;
	for (i = 0; i <= n; i += k) {
		k = 1;
		cp = i < n ? cpat(s, n, i, &k) : 0;
		if (i < n && !maybe_han(cp) && !re_space(cp) &&
		    cp != 0xff0c && cp != 0xff08 && cp != 0xff09 &&
		    cp != '(' && cp != ')')
			return 0;
		if (cp == 0x3001)
			comma = 1;
		if (cp == 0xff08 || cp == '(')
			main = 0;
		/* U+3000 is Han to maybe_han(), \s to PCRE2. */
		if (main && i < n && maybe_han(cp) && !re_space(cp)) {
			len++;
			continue;
		}
		if (len > 0) {
			runs++;
			maxlen = len > maxlen ? len : maxlen;
			minlen = len < minlen ? len : minlen;
		}
		len = 0;
		if (i == n)
			break;
	}
	if (comma)
		return 1;
	return (runs == 1 && maxlen >= 2 && maxlen <= 9) ||
	    (runs >= 2 && runs <= 4 && minlen >= 2 && maxlen <= 4);
}

int
split_is_name(struct split_rules *r, const char *s, size_t n)
{
	s = split_trim(s, &n);
	return n > 0 && n <= 4 * 20 && utf8_count(s, n) <= 20 &&
	    MAYBE(r, R_NAME, s, n, 0, name_maybe(s, n));
}

/* Wholly in brackets, and short: （新华社记者樊如钧摄）, （附图片１张）. */
int
split_is_note(const char *s, size_t n)
{
	uint32_t	 first, last;
	size_t		 st;

	s = split_trim(s, &n);
	if (n == 0 || n > 4 * 60 || utf8_count(s, n) > 60 ||
	    memchr(s, '\n', n) != NULL)
		return 0;
	if (utf8_decode(s, n, &first) == 0)
		return 0;
	last = lastcp(s, n, &st);
	return (first == 0xff08 && last == 0xff09) ||
	    (first == '(' && last == ')') ||
	    (first == 0x3010 && last == 0x3011);
}

/* A subtitle: ——一九九八年新年讲话. */
int
split_is_subtitle(const char *s, size_t n)
{
	s = split_trim(s, &n);
	return (n >= 6 && memcmp(s, "\xe2\x80\x94\xe2\x80\x94", 6) == 0) ||
	    (n >= 2 && memcmp(s, "--", 2) == 0);
}

int
split_is_numbered(struct split_rules *r, const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 k;

	n = cut(s, n, 64);
	/* After \s*: a numeral, a bracket or 第. */
	cp = cpat(s, n, skip_space(s, n, 0, 0), &k);
	return MAYBE(r, R_NUMBERED, s, n, 0, maybe_numeral(cp) ||
	    cp == 0xff08 || cp == '(' || cp == 0x7b2c);
}
