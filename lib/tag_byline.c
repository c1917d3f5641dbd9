/*
 * tag_byline.c: bylines, datelines, authors' names and photo credits,
 * for galley-tag (galley(5), the byline, author, org, dateline and
 * credit records).
 *
 * A byline names a role (记者, 通讯员, 特约撰稿人, 评论员 ...; "By" or
 * "correspondent" in English), the organisation written before the
 * role, and the names after it.  A dateline opens a paragraph: 本报讯,
 * 本报北京１月１７日讯, 新华社贵阳１２月３１日电, "BEIJING, Jan. 5 —"; a
 * byline may follow it there: （记者刘子富）, 记者李长云报道：.
 *
 * Names are separated by spaces, 、 or commas.  A run of five or more
 * Han characters with no separator ("李济国贾建舟") is cut into names of
 * two or three characters each starting with a common surname; the cut
 * that gives fewest names, favouring three-character names and the
 * more common surnames, wins.  A four-character run is cut in two only
 * when both halves start with one of the hundred commonest surnames
 * and the first two characters are not a compound surname.  The
 * heuristic cannot tell a rare surname, a two-character given name
 * that starts with a surname character, or a four-character name that
 * is really two names without that evidence; galley-tag --explain
 * shows every cut it makes.
 */
#include <stdint.h>
#include <string.h>

#include "extern.h"
#include "tag.h"

struct word;

static size_t	 word_at(const struct word *, struct span, size_t);
static size_t	 role_at(struct span, size_t);
static uint64_t	 role_mask(void);
static int	 surname_rank(uint32_t);
static int	 compound_at(const char *, size_t);
static int	 names_cjk(struct span, struct span, struct tag_byline *,
		    int);
static int	 add_name(struct tag_byline *, const char *, size_t,
		    struct span, int);
static int	 split_run(const char *, size_t, const size_t *, size_t,
		    struct span, struct tag_byline *, int);
static int	 best_cut(const char *, const size_t *, size_t, size_t,
		    size_t *, size_t *, int *);
static int	 byline_cjk(struct span, struct tag_byline *);
static struct span skip_seps(struct span);
static int	 is_sep(uint32_t);
static struct span cut_posting(struct span);
static int	 org_shape(struct span, int, struct span *);
static size_t	 names_last(struct span, int);
static int	 is_agency(struct span);
static size_t	 split_org(struct span, struct span *);
static struct span names_tail(struct span, int *);
static int	 byline_latin(struct span, struct tag_byline *);
static int	 latin_byline_may(struct span);
static int	 is_marker(uint32_t);
static size_t	 date_at(struct span, size_t);
static int	 lead_cjk(struct span, struct tag_lead *);
static int	 lead_latin(struct span, struct tag_lead *);
static int	 lead_byline(struct span, struct span, struct tag_lead *);
static size_t	 lead_names_end(struct span, size_t *, int *);
static int	 ci_find(struct span, const char *);
static int	 ci_starts(struct span, const char *);
static const char *credit_shape(struct span);
static int	 has(struct span, const char *);
static int	 is_role_en(struct span);
static int	 latin_name(struct span);

/*
 * A word of a list, with its length: the lists of roles and agencies
 * are looked for at every character of a byline or dateline.
 */
struct word {
	const char	*s;
	size_t		 n;
};
#define W(s)	{ s, sizeof(s) - 1 }

/* Roles, longest first where one holds another. */
static const struct word roles[] = {
	W("特约撰稿人"), W("特约评论员"), W("特约通讯员"), W("特约记者"),
	W("特派记者"), W("见习记者"), W("实习记者"), W("摄影记者"),
	W("首席记者"), W("驻站记者"), W("评论员"), W("通讯员"),
	W("撰稿人"), W("实习生"), W("记者"),
	{ NULL, 0 }
};

/*
 * Common single-character surnames, the first hundred in about the
 * order of their frequency.  Characters far more common in given
 * names than as surnames (华, 明, 国, 文, 海 ...) are left out, so that
 * they never start a cut.
 */
static const char surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
	"彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
	"石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
	"万钱严覃武戴莫孔向汤"
	"常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
	"左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路"
	"游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连"
	"芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬"
	"师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠"
	"惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚权"
	"帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋相初门容敬扈晁芮阙浦"
	"戈伏鹿薄邸雍辜裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危银亢嵇湛宾戎"
	"勾茅呼居揭尉冶束檀衣展阴昝智幸奉植衡富尧傅萧阎赖成";

#define SURNAMES_TOP	100

static const char *const compounds[] = {
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
	"慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木",
	"西门", "南宫", "独孤", "呼延", "澹台", "公冶", "申屠", "百里",
	NULL
};

/* News agencies and papers that open a dateline. */
static const struct word agencies[] = {
	W("新华社"), W("中新社"), W("中通社"), W("中国新闻社"), W("新华网"),
	W("人民网"), W("中新网"), W("央视网"), W("央广网"), W("国际在线"),
	W("法新社"), W("美联社"), W("路透社"), W("共同社"), W("塔斯社"),
	W("合众国际社"), W("俄新社"), W("韩联社"), W("德新社"), W("埃菲社"),
	W("安莎社"), W("中央社"),
	{ NULL, 0 }
};
#undef W

/*
 * The length of the word of list w that t.s[i..] starts with, or 0.
 * The first two bytes are compared before the rest.
 */
static size_t
word_at(const struct word *w, struct span t, size_t i)
{
	for (; w->s != NULL; w++)
		if (t.n - i >= w->n && t.s[i] == w->s[0] &&
		    t.s[i + 1] == w->s[1] && memcmp(t.s + i, w->s, w->n) == 0)
			return w->n;
	return 0;
}

/* The byte length of the role word at t.s[i], or 0. */
static size_t
role_at(struct span t, size_t i)
{
	return word_at(roles, t, i);
}

/*
 * A filter for role_at at every character of a block: bit b & 63 is
 * set for the second byte b of every role (role_at compares it).
 */
static uint64_t
role_mask(void)
{
	const struct word	*w;
	uint64_t		 mask;

	for (mask = 0, w = roles; w->s != NULL; w++)
		mask |= (uint64_t)1 << ((unsigned char)w->s[1] & 63);
	return mask;
}

/*
 * The rank of c among the surnames (0 commonest), or -1.  c is looked
 * for by its UTF-8 bytes: a whole sequence can match only where a
 * character starts, and its rank is the number of characters before.
 */
static int
surname_rank(uint32_t c)
{
	char		 e[5];
	const char	*p;

	if (c == 0)
		return -1;
	e[utf8_encode(c, e)] = '\0';
	if ((p = strstr(surnames, e)) == NULL)
		return -1;
	return (int)utf8_count(surnames, (size_t)(p - surnames));
}

/* Non-zero when a compound surname starts at s (n bytes long). */
static int
compound_at(const char *s, size_t n)
{
	size_t	 k;

	for (k = 0; compounds[k] != NULL; k++)
		if (n >= 6 && memcmp(s, compounds[k], 6) == 0)
			return 1;
	return 0;
}

static int
add_name(struct tag_byline *b, const char *s, size_t n, struct span role,
    int split)
{
	if (b->nnames == TAG_NAMES_MAX)
		return -1;
	b->names[b->nnames].name.s = s;
	b->names[b->nnames].name.n = n;
	b->names[b->nnames].role = role;
	b->names[b->nnames].split = split;
	b->nnames++;
	if (split)
		b->nsplit++;
	return 0;
}

/*
 * Find the best cut of the code points from..ncp (offsets in off[],
 * off[ncp] the end) into names of two or three characters (three or
 * four after a compound surname) that each start with a surname.
 * Sets cut[] to the code point index where each name starts and *ncut
 * to their number; returns the score, or INT_MIN-ish -1000 when there
 * is no cut.  Runs are at most 12 code points, so plain recursion is
 * cheap.
 */
static int
best_cut(const char *s, const size_t *off, size_t ncp, size_t from,
    size_t *cut, size_t *ncut, int *score)
{
	size_t		 len, sub[12], nsub, lo, hi;
	uint32_t	 c;
	int		 r, best, sc, found, comp;

	if (from == ncp) {
		*ncut = 0;
		*score = 0;
		return 1;
	}
	tag_cp(s, off[ncp], off[from], &c);
	comp = compound_at(s + off[from], off[ncp] - off[from]);
	r = surname_rank(c);
	if (!comp && r < 0)
		return 0;
	lo = comp ? 3 : 2;
	hi = comp ? 4 : 3;
	found = 0;
	best = 0;
	/* Longer names are tried first, so that they win ties. */
	for (len = hi; len >= lo; len--) {
		if (from + len > ncp)
			continue;
		if (!best_cut(s, off, ncp, from + len, sub, &nsub, &sc))
			continue;
		/* Each name costs 4; three characters and common
		 * surnames earn a little back. */
		sc += -4 + (len == lo + 1 ? 2 : 0) +
		    (comp ? 3 : r < 30 ? 3 : r < SURNAMES_TOP ? 2 : 1);
		if (!found || sc > best) {
			found = 1;
			best = sc;
			cut[0] = from;
			memcpy(cut + 1, sub, nsub * sizeof(*sub));
			*ncut = nsub + 1;
		}
	}
	*score = best;
	return found;
}

/*
 * Add the run s[0..n) of ncp Han characters as one name or several.
 * Returns 0, or -1 when it cannot be a name.
 */
static int
split_run(const char *s, size_t n, const size_t *off, size_t ncp,
    struct span role, struct tag_byline *b, int strict)
{
	size_t		 cut[12], ncut, i, end;
	uint32_t	 c0, c2;
	int		 score;

	if (ncp < 2)
		return -1;
	if (ncp <= 3)
		return add_name(b, s, n, role, 0);
	if (ncp == 4) {
		tag_cp(s, n, off[0], &c0);
		tag_cp(s, n, off[2], &c2);
		if (!compound_at(s, n) && surname_rank(c0) >= 0 &&
		    surname_rank(c2) >= 0) {
			if (add_name(b, s, off[2], role, 1) < 0)
				return -1;
			return add_name(b, s + off[2], n - off[2], role, 1);
		}
		return strict && !compound_at(s, n) ? -1 :
		    add_name(b, s, n, role, 0);
	}
	if (ncp > 12 || !best_cut(s, off, ncp, 0, cut, &ncut, &score))
		return ncp <= 5 && !strict ? add_name(b, s, n, role, 0) : -1;
	for (i = 0; i < ncut; i++) {
		end = i + 1 < ncut ? off[cut[i + 1]] : n;
		if (add_name(b, s + off[cut[i]], end - off[cut[i]], role,
		    1) < 0)
			return -1;
	}
	return 0;
}

/*
 * Parse seg as the names that follow role: tokens separated by white
 * space, 、, commas or slashes.  Returns the number of names added, or
 * -1 when a token cannot be a name.  With strict (names with no role
 * word to vouch for them), every name must be Han and start with a
 * surname, and a run that cannot be cut is no name.
 */
static int
names_cjk(struct span seg, struct span role, struct tag_byline *b,
    int strict)
{
	size_t		 i, k, start, off[13], ncp, before;
	uint32_t	 c;
	int		 han, other;

	before = b->nnames;
	seg = tag_trim(seg);
	for (i = 0; i < seg.n; ) {
		/* Skip separators. */
		k = tag_cp(seg.s, seg.n, i, &c);
		if (uc_is_space(c) || c == 0x3001 || c == 0xff0c ||
		    c == ',' || c == '/' || c == 0xff0f) {
			i += k;
			continue;
		}
		start = i;
		ncp = 0;
		han = other = 0;
		while (i < seg.n) {
			k = tag_cp(seg.s, seg.n, i, &c);
			if (uc_is_space(c) || c == 0x3001 || c == 0xff0c ||
			    c == ',' || c == '/' || c == 0xff0f)
				break;
			if (ncp < 13)
				off[ncp] = i - start;
			ncp++;
			if (uc_is_han(c))
				han++;
			else if (c == 0xb7 || c == 0x30fb || c == 0x2022 ||
			    uc_is_latin_letter(c) ||
			    (c >= 0xff21 && c <= 0xff3a) ||
			    (c >= 0xff41 && c <= 0xff5a))
				other++;
			else
				return -1;
			i += k;
		}
		if (other == 0 && ncp > 12)
			return -1;
		if (other > 0 && strict)
			return -1;
		if (other > 0) {
			/* 买买提·吐尔逊, Ｓｍｉｔｈ: a name as written. */
			if (ncp < 2 || ncp > 24 ||
			    add_name(b, seg.s + start, i - start, role, 0) < 0)
				return -1;
			continue;
		}
		off[ncp] = i - start;
		if (split_run(seg.s + start, i - start, off, ncp, role,
		    b, strict) < 0)
			return -1;
	}
	for (i = before; strict && i < b->nnames; i++) {
		tag_cp(b->names[i].name.s, b->names[i].name.n, 0, &c);
		if (surname_rank(c) < 0 && !compound_at(b->names[i].name.s,
		    b->names[i].name.n))
			return -1;
		/* 常州市: a place, not a name. */
		if (tag_ends(b->names[i].name, "省") ||
		    tag_ends(b->names[i].name, "市") ||
		    tag_ends(b->names[i].name, "县") ||
		    tag_ends(b->names[i].name, "区"))
			return -1;
	}
	return (int)(b->nnames - before);
}

static int
is_marker(uint32_t c)
{
	return c == 0x25a0 || c == 0x25a1 || c == 0x25cf || c == 0x25cb ||
	    c == 0x25c6 || c == 0x25c7 || c == 0x25b2 || c == 0x25b3 ||
	    c == 0x2605 || c == 0x2606 || c == 0x2022 || c == 0xb7;
}

/* Skip separators (white space, 、 and commas) at the start of t. */
static struct span
skip_seps(struct span t)
{
	size_t		 k;
	uint32_t	 c;

	while (t.n > 0) {
		k = tag_cp(t.s, t.n, 0, &c);
		if (!is_sep(c))
			break;
		t.s += k;
		t.n -= k;
	}
	return t;
}

static int
is_sep(uint32_t c)
{
	return uc_is_space(c) || c == 0x3001 || c == 0xff0c || c == ',' ||
	    c == '/' || c == 0xff0f;
}

/* Cut a posting ("驻南非") off the end of an organisation. */
static struct span
cut_posting(struct span o)
{
	size_t		 p, k;
	uint32_t	 c;

	for (p = 0; p < o.n; p += k) {
		k = tag_cp(o.s, o.n, p, &c);
		if (c == 0x9a7b) {	/* 驻 */
			o.n = p;
			break;
		}
	}
	return o;
}

/*
 * The organisation named by o, which is a known agency, 本报 (this
 * paper: no organisation), or 《...》.  With generic set, also any run
 * of at most 12 Han characters ending like an organisation (报, 社,
 * 台, 网 ...); without it, only one ending in 日报, 晚报, 电视台 and the
 * like.  Returns 1 and sets *org (n 0 for 本报), or 0.
 */
static int
org_shape(struct span o, int generic, struct span *org)
{
	static const char *const strong[] = {
		"日报", "晚报", "电视台", "电台", "通讯社", "报社", "杂志社",
		"周刊", "新闻社", NULL
	};
	static const char *const weak[] = {
		"报", "社", "台", "网", "刊", "站", "部", "局", "委", "院",
		"厅", "团", "所", "中心", "公司", "杂志", "频道", NULL
	};
	size_t		 i, k;
	uint32_t	 c;

	o = cut_posting(tag_trim(o));
	org->s = o.s;
	org->n = 0;
	if (o.n == 0)
		return generic;		/* "记者 X": no organisation */
	if (tag_starts(o, "本报") || tag_starts(o, "本刊") ||
	    tag_starts(o, "本台") || tag_starts(o, "本网"))
		return o.n == 6;
	if (is_agency(o)) {
		*org = o;
		return 1;
	}
	if (tag_starts(o, "《") && tag_ends(o, "》") && o.n > 6) {
		org->s = o.s + 3;
		org->n = o.n - 6;
		return 1;
	}
	if (tag_len_upto(o, 12) > 12)
		return 0;
	for (i = 0; i < o.n; i += k) {
		k = tag_cp(o.s, o.n, i, &c);
		if (!uc_is_han(c))
			return 0;
	}
	for (i = 0; strong[i] != NULL; i++)
		if (tag_ends(o, strong[i]) && tag_len_upto(o, 4) >= 4) {
			*org = o;
			return 1;
		}
	if (!generic || tag_len_upto(o, 3) < 3)
		return 0;
	for (i = 0; weak[i] != NULL; i++)
		if (tag_ends(o, weak[i])) {
			*org = o;
			return 1;
		}
	return 0;
}

/*
 * The number of code points of the last name when seg parses as names
 * (which are not kept), else 0.  With surname, the last name must start
 * with a surname ("温宪，中国国际广播电台" is not 温宪 and 中国国).
 */
static size_t
names_last(struct span seg, int surname)
{
	struct tag_byline	 scratch;
	struct span		 none;
	uint32_t		 c;

	memset(&scratch, 0, sizeof(scratch));
	none.s = NULL;
	none.n = 0;
	if (names_cjk(seg, none, &scratch, 0) <= 0)
		return 0;
	tag_cp(scratch.names[scratch.nnames - 1].name.s,
	    scratch.names[scratch.nnames - 1].name.n, 0, &c);
	if (surname && surname_rank(c) < 0 &&
	    !compound_at(scratch.names[scratch.nnames - 1].name.s,
	    scratch.names[scratch.nnames - 1].name.n))
		return 0;
	return utf8_count(scratch.names[scratch.nnames - 1].name.s,
	    scratch.names[scratch.nnames - 1].name.n);
}

/*
 * Split seg, the text between two role words, into the names of the
 * first role and the organisation of the second ("黄运成新华社").
 * Returns the byte offset of the organisation's start, or seg.n when
 * there is none, and sets *org.  Of the possible cuts, a known agency
 * (or 本报, or a title in 《》) wins, then a cut leaving a last name of
 * three characters ("刘建新中央人民广播电台"), then the longest
 * organisation.
 */
static size_t
split_org(struct span seg, struct span *org)
{
	struct span	 names, cand, o;
	size_t		 k, step, last, best;
	uint32_t	 c;
	int		 score, top, known, sep;

	org->s = seg.s + seg.n;
	org->n = 0;
	best = seg.n;
	top = -1;
	for (k = 0; k < seg.n; k += step) {
		step = tag_cp(seg.s, seg.n, k, &c);
		if (k == 0)
			continue;
		cand.s = seg.s + k;
		cand.n = seg.n - k;
		cand = skip_seps(cand);
		if (cand.n == 0)
			break;
		names.s = seg.s;
		names.n = k;
		/* After a separator ("别义勋、解放军报") any organisation's
		 * shape will do. */
		sep = cand.s != seg.s + k;
		if (!org_shape(cand, sep, &o) ||
		    (o.n == 0 && !tag_starts(cand, "本")))
			continue;
		known = o.n == 0 || tag_starts(cand, "《") || is_agency(o);
		if ((last = names_last(names, !known && !sep)) == 0)
			continue;
		score = (known ? 4 : 0) + (last == 3 ? 2 : 0);
		if (score > top) {
			top = score;
			best = (size_t)(cand.s - seg.s);
			*org = o;
		}
	}
	/* Separators before the organisation stay with the names. */
	return best;
}

/* Non-zero when o is one of the known agencies. */
static int
is_agency(struct span o)
{
	const struct word	*w;

	for (w = agencies; w->s != NULL; w++)
		if (o.n == w->n && memcmp(o.s, w->s, o.n) == 0)
			return 1;
	return 0;
}

/* Drop what follows the names: 报道, 摄影报道, 摄影. */
static struct span
names_tail(struct span seg, int *credit)
{
	*credit = 0;
	seg = tag_trim(seg);
	if (tag_ends(seg, "报道"))
		seg.n -= 6;
	if (tag_ends(seg, "摄影"))
		seg.n -= 6;
	else if (tag_ends(seg, "摄"))
		*credit = 1;
	return tag_trim(seg);
}

/*
 * A Chinese byline: [marker] [ORG][驻PLACE] ROLE NAMES [[ORG] ROLE
 * NAMES]..., perhaps in parentheses, or a role alone ("本报评论员").
 * A new organisation before a role starts a new group.
 */
static int
byline_cjk(struct span t, struct tag_byline *b)
{
	struct span	 body, prefix, role, seg, org, next;
	const char	*start;
	size_t		 i, k, m, j, end, cut, rpos[8], rlen[8];
	uint64_t	 mask;
	uint32_t	 c, f;
	int		 credit, newgroup;
	struct tag_group *g;

	body = t;
	while (body.n > 0 && is_marker(tag_first(body))) {
		k = tag_cp(body.s, body.n, 0, &c);
		body.s += k;
		body.n -= k;
		body = tag_trim(body);
	}
	f = tag_first(body);
	if ((f == 0xff08 && tag_last(body) == 0xff09) ||
	    (f == '(' && tag_last(body) == ')')) {
		k = f == '(' ? 1 : 3;
		body.s += k;
		body.n -= 2 * k;
		body = tag_trim(body);
	}
	if (tag_len_upto(body, 40) > 40 || tag_has_stop(body, 0))
		return 0;
	mask = role_mask();
	for (i = m = 0; i < body.n && m < 8; ) {
		if (i + 1 < body.n && (mask >> ((unsigned char)body.s[i + 1] &
		    63) & 1) && (k = role_at(body, i)) > 0) {
			rpos[m] = i;
			rlen[m++] = k;
			i += k;
			continue;
		}
		i += tag_cp(body.s, body.n, i, &c);
	}
	if (m == 0)
		return 0;
	prefix.s = body.s;
	prefix.n = rpos[0];
	if (!org_shape(prefix, 1, &org))
		return 0;
	b->ngroups = 1;
	g = &b->groups[0];
	g->text.s = t.s;
	g->org = org;
	g->first = 0;
	b->why = "role word with names after it";
	for (j = 0; j < m; j++) {
		role.s = body.s + rpos[j];
		role.n = rlen[j];
		end = j + 1 < m ? rpos[j + 1] : body.n;
		seg.s = body.s + rpos[j] + rlen[j];
		seg.n = end - (rpos[j] + rlen[j]);
		cut = seg.n;
		if (j + 1 < m)
			cut = split_org(seg, &next);
		newgroup = cut < seg.n;
		if (newgroup && b->ngroups == TAG_GROUPS_MAX)
			return 0;
		start = seg.s;
		seg.n = cut;
		seg = names_tail(seg, &credit);
		if (credit)
			return 0;	/* "记者 X 摄": a photo credit */
		if (seg.n == 0) {
			if (j + 1 < m || b->nnames > 0 ||
			    tag_len_upto(body, 12) > 12)
				return 0;
			b->why = "role word alone";	/* 本报评论员 */
			break;
		}
		if (names_cjk(seg, role, b, 0) <= 0)
			return 0;
		if (newgroup) {
			/* The next organisation starts a new group. */
			g->nnames = b->nnames - g->first;
			g->text.n = (size_t)(start + cut - g->text.s);
			g = &b->groups[b->ngroups++];
			g->text.s = start + cut;
			g->org = next;
			g->first = b->nnames;
		}
	}
	g->nnames = b->nnames - g->first;
	g->text.n = (size_t)(t.s + t.n - g->text.s);
	return 1;
}

/* Find lit in t, ignoring ASCII case; its offset, or -1. */
static int
ci_find(struct span t, const char *lit)
{
	size_t	 i, j, n = strlen(lit);

	for (i = 0; i + n <= t.n; i++) {
		for (j = 0; j < n; j++) {
			char a = t.s[i + j], l = lit[j];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (a != l)
				break;
		}
		if (j == n)
			return (int)i;
	}
	return -1;
}

/* Non-zero when t starts with lit, ignoring ASCII case. */
static int
ci_starts(struct span t, const char *lit)
{
	size_t	 j, n = strlen(lit);

	if (t.n < n)
		return 0;
	for (j = 0; j < n; j++) {
		char a = t.s[j];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != lit[j])
			return 0;
	}
	return 1;
}

/*
 * Non-zero when t can be an English name: letters, spaces, full stops,
 * apostrophes and hyphens, starting with a capital.
 */
static int
latin_name(struct span t)
{
	size_t		 i, k, letters;
	uint32_t	 c;

	if (t.n == 0 || !(t.s[0] >= 'A' && t.s[0] <= 'Z'))
		return 0;
	for (i = letters = 0; i < t.n; i += k) {
		k = tag_cp(t.s, t.n, i, &c);
		if (uc_is_latin_letter(c))
			letters++;
		else if (c != ' ' && c != '.' && c != '\'' && c != '-' &&
		    c != 0x2019)
			return 0;
	}
	return letters >= 2;
}

/* Non-zero when t names an English role ("Staff Correspondent"). */
static int
is_role_en(struct span t)
{
	return ci_find(t, "correspondent") >= 0 ||
	    ci_find(t, "reporter") >= 0 || ci_find(t, "writer") >= 0 ||
	    ci_find(t, "editor") >= 0;
}

/*
 * Zero when byline_latin cannot accept t: every shape it knows opens
 * with "From" or "By" (perhaps after a parenthesis), or has a comma
 * after a role.  This looks only at the start and for a comma.
 */
static int
latin_byline_may(struct span t)
{
	struct span	 in;

	if (ci_starts(t, "from ") || ci_starts(t, "by ") ||
	    memchr(t.s, ',', t.n) != NULL)
		return 1;
	if (t.n > 0 && t.s[0] == '(') {
		in.s = t.s + 1;
		in.n = t.n - 1;
		return ci_starts(in, "from ") || ci_starts(in, "by ");
	}
	return 0;
}

/*
 * An English byline: "By NAME[, NAME] [and NAME][, ROLE or ORG]", or
 * "(From Our Own Correspondent.)".  latin_byline_may must admit every
 * block this accepts.
 */
static int
byline_latin(struct span t, struct tag_byline *b)
{
	struct span	 rest, part, role, nm;
	size_t		 i, j, e;

	if (tag_words_upto(t, 14) > 14)
		return 0;
	role.s = NULL;
	role.n = 0;
	rest = t;
	if (tag_first(rest) == '(' && tag_last(rest) == ')') {
		rest.s++;
		rest.n -= 2;
	}
	if (ci_find(rest, "correspondent") >= 0 &&
	    tag_words_upto(rest, 6) <= 6 &&
	    (ci_starts(rest, "from ") || ci_starts(rest, "by ")) &&
	    (ci_find(rest, " our ") >= 0 || ci_find(rest, " a ") >= 0 ||
	    ci_find(rest, " the ") >= 0)) {
		b->why = "correspondent line";
		return 1;
	}
	/* "(From the Bathurst Free Press)": a paper quoted. */
	if (ci_starts(rest, "from the ") && tag_words_upto(rest, 8) <= 8) {
		part.s = rest.s + 9;
		part.n = rest.n - 9;
		part = tag_trim(part);
		if (tag_last(part) == '.')
			part.n--;
		if (part.n > 0 && tag_title_case(part) &&
		    !tag_has_stop(part, 0) && tag_first(t) == '(') {
			b->groups[0].org = part;
			b->why = "paper quoted as the source";
			return 1;
		}
	}
	/* "OUR WAR CORRESPONDENT, JACK PERCIVAL": a role, then names. */
	for (e = 0; e < rest.n && rest.s[e] != ','; e++)
		continue;
	part.s = rest.s;
	part.n = e;
	if (e < rest.n && tag_words_upto(part, 4) <= 4 &&
	    tag_words_upto(rest, 10) <= 10 &&
	    !tag_has_stop(rest, 1) && (tag_all_caps(rest) ||
	    tag_title_case(rest)) && is_role_en(part)) {
		role = part;
		nm.s = rest.s + e + 1;
		nm.n = rest.n - e - 1;
		nm = tag_trim(nm);
		if (tag_last(nm) == '.')
			nm.n--;
		if (nm.n > 0 && tag_words_upto(nm, 4) <= 4 && !is_role_en(nm) &&
		    latin_name(nm) && add_name(b, nm.s, nm.n, role, 0) == 0) {
			b->why = "role, then a name";
			return 1;
		}
		b->nnames = 0;
		role.n = 0;
	}
	if (!(rest.n > 3 && (rest.s[0] == 'B' || rest.s[0] == 'b') &&
	    (rest.s[1] == 'y' || rest.s[1] == 'Y') && rest.s[2] == ' '))
		return 0;
	rest.s += 3;
	rest.n -= 3;
	rest = tag_trim(rest);
	if (rest.n == 0 || !(rest.s[0] >= 'A' && rest.s[0] <= 'Z'))
		return 0;
	if (tag_has_stop(rest, 1))
		return 0;
	if (tag_last(rest) == '.')
		rest.n--;
	b->why = "\"By\" and names";
	/* Split on commas; then each part on " and " / " & ". */
	for (i = 0; i < rest.n; i = e + 1) {
		for (e = i; e < rest.n && rest.s[e] != ','; e++)
			continue;
		part.s = rest.s + i;
		part.n = e - i;
		part = tag_trim(part);
		if (part.n == 0)
			continue;
		if (is_role_en(part)) {
			role = part;
			continue;
		}
		if (b->nnames > 0 && ci_find(part, " and ") < 0 &&
		    tag_words_upto(part, 3) > 3) {
			b->groups[0].org = part;
			continue;
		}
		if (b->nnames > 0 && ci_find(part, " and ") < 0 &&
		    i > 0 && role.n == 0 && tag_words_upto(part, 2) >= 2 &&
		    ci_find(part, "press") >= 0) {
			b->groups[0].org = part;
			continue;
		}
		/* Names in this part. */
		for (j = 0; j < part.n; ) {
			int	 a;
			size_t	 skip;

			nm.s = part.s + j;
			nm.n = part.n - j;
			a = ci_find(nm, " and ");
			skip = 5;
			if (a < 0) {
				a = ci_find(nm, " & ");
				skip = 3;
			}
			if (a >= 0)
				nm.n = (size_t)a;
			nm = tag_trim(nm);
			if (nm.n > 0 && (tag_words_upto(nm, 4) > 4 ||
			    !latin_name(nm) ||
			    add_name(b, nm.s, nm.n, role, 0) < 0))
				return 0;
			if (a < 0)
				break;
			j += (size_t)a + skip;
		}
	}
	if (b->nnames == 0)
		return 0;
	for (i = 0; i < b->nnames; i++)
		b->names[i].role = role;
	return 1;
}

/*
 * Two characters that close an article in parentheses, or stand alone
 * after a headline, and name no one: continuation marks and sources.
 */
static const char *const not_pen[] = {
	"待续", "续完", "未完", "完结", "综合", "本报", "新华", "中新",
	"编者", "编辑", "责编", "资料", "组图", "附图", NULL
};

int
tag_byline_pen(struct span t, int paren, struct tag_byline *b)
{
	struct span	 body, none;
	const char	*why;
	size_t		 k1, k2, i;
	uint32_t	 f, c1, c2;

	memset(b, 0, sizeof(*b));
	t = tag_trim(t);
	if (t.n == 0 || t.n > 12 || tag_credit(t, &why))
		return 0;
	body = t;
	f = tag_first(body);
	if ((f == 0xff08 && tag_last(body) == 0xff09) ||
	    (f == '(' && tag_last(body) == ')')) {
		body.s += f == '(' ? 1 : 3;
		body.n -= f == '(' ? 2 : 6;
		body = tag_trim(body);
	} else if (paren)
		return 0;
	if (body.n == 0)
		return 0;
	k1 = tag_cp(body.s, body.n, 0, &c1);
	if (k1 >= body.n)
		return 0;
	k2 = tag_cp(body.s, body.n, k1, &c2);
	if (k1 + k2 != body.n || c1 < 0x4e00 || c1 > 0x9fff ||
	    c2 < 0x4e00 || c2 > 0x9fff)
		return 0;
	for (i = 0; not_pen[i] != NULL; i++)
		if (tag_starts(body, not_pen[i]))
			return 0;
	none.s = NULL;
	none.n = 0;
	if (add_name(b, body.s, body.n, none, 0) < 0)
		return 0;
	b->text = t;
	b->ngroups = 1;
	b->groups[0].text = t;
	b->groups[0].first = 0;
	b->groups[0].nnames = 1;
	b->why = "pen name alone, not written again in the article";
	return 1;
}

int
tag_byline_names(struct span t, struct tag_byline *b)
{
	struct span	 body, none;
	const char	*why;
	uint32_t	 f;

	memset(b, 0, sizeof(*b));
	t = tag_trim(t);
	if (tag_credit(t, &why))
		return 0;
	body = t;
	f = tag_first(body);
	if ((f == 0xff08 && tag_last(body) == 0xff09) ||
	    (f == '(' && tag_last(body) == ')')) {
		body.s += f == '(' ? 1 : 3;
		body.n -= f == '(' ? 2 : 6;
	}
	/* "（杨崇南绘）", "（张滨作）": the maker of a drawing or work. */
	body = tag_trim(body);
	if (tag_ends(body, "绘") || tag_ends(body, "作"))
		body.n -= 3;
	none.s = NULL;
	none.n = 0;
	if (body.n == 0 || tag_len_upto(body, 16) > 16 ||
	    names_cjk(body, none, b, 1) <= 0 || b->nnames > 4) {
		memset(b, 0, sizeof(*b));
		return 0;
	}
	b->text = t;
	b->ngroups = 1;
	b->groups[0].text = t;
	b->groups[0].first = 0;
	b->groups[0].nnames = b->nnames;
	b->why = "names alone, each starting with a surname";
	return 1;
}

int
tag_byline(struct span t, int *latin, struct tag_byline *b)
{
	int	 ok;

	memset(b, 0, sizeof(*b));
	t = tag_trim(t);
	b->text = t;
	if (t.n == 0)
		return 0;
	if (*latin < 0) {
		/*
		 * tag_is_latin reads the whole block, both parsers only
		 * its start (byline_cjk) or a comma and the first words
		 * (byline_latin): most blocks fail both without it.  What
		 * byline_cjk found stands if the block is not English.
		 */
		ok = byline_cjk(t, b);
		if (ok || latin_byline_may(t))
			*latin = tag_is_latin(t);
		if (*latin > 0) {
			memset(b, 0, sizeof(*b));
			b->text = t;
			ok = byline_latin(t, b);
		}
	} else
		ok = *latin ? byline_latin(t, b) : byline_cjk(t, b);
	if (ok) {
		if (b->ngroups == 0) {
			b->ngroups = 1;
			b->groups[0].text = t;
			b->groups[0].first = 0;
			b->groups[0].nnames = b->nnames;
		}
		return 1;
	}
	memset(b, 0, sizeof(*b));
	return 0;
}

/*
 * The length in bytes of a date "１月１７日", "1月17日" or "十二月三十一日"
 * at t.s[i], or 0.
 */
static size_t
date_at(struct span t, size_t i)
{
	size_t		 j, k, digits;
	uint32_t	 c;
	int		 part;

	j = i;
	for (part = 0; part < 2; part++) {
		for (digits = 0; j < t.n; j += k, digits++) {
			k = tag_cp(t.s, t.n, j, &c);
			if (!uc_is_digit(c) && c != 0x3007 && c != 0x96f6 &&
			    c != 0x4e00 && c != 0x4e8c && c != 0x4e09 &&
			    c != 0x56db && c != 0x4e94 && c != 0x516d &&
			    c != 0x4e03 && c != 0x516b && c != 0x4e5d &&
			    c != 0x5341)
				break;
		}
		if (digits == 0 || digits > 3)
			return 0;
		k = tag_cp(t.s, t.n, j, &c);
		/* "１月２９电": the 日 is sometimes left out. */
		if (part == 1 && (c == 0x7535 || c == 0x8baf))
			return j - i;
		if (c != (part == 0 ? 0x6708 : 0x65e5))	/* 月, 日 */
			return 0;
		j += k;
	}
	return j - i;
}

/*
 * Where the names of a byline in a lead end, when no parenthesis
 * closes them: at 报道, a colon, white space not followed by another
 * name or role, or a word that starts the sentence (从, 在, 获悉, 日前,
 * 近日, 今天, 昨天).  Returns the offset where the names stop and sets
 * *end past what belongs to the byline (报道 and a colon after it), or
 * returns 0 when no end is found within 60 characters.  *weak is set
 * when the end is only a word or a space, not 报道 or a colon.
 */
static size_t
lead_names_end(struct span at, size_t *end, int *weak)
{
	static const char *const words[] = {
		"从", "在", "获悉", "日前", "近日", "今天", "昨天", "今年",
		NULL
	};
	struct span	 rest;
	size_t		 i, k, w, cps, j;
	uint32_t	 c, d;

	*weak = 0;
	for (i = cps = 0; i < at.n && cps < 60; i += k, cps++) {
		k = tag_cp(at.s, at.n, i, &c);
		rest.s = at.s + i;
		rest.n = at.n - i;
		if (tag_starts(rest, "报道")) {
			*end = i + 6;
			if (*end < at.n) {
				tag_cp(at.s, at.n, *end, &d);
				if (d == 0xff1a || d == ':' || d == 0xff0c)
					*end += d == ':' ? 1 : 3;
			}
			return i;
		}
		if (c == 0xff1a || c == ':') {
			*end = i + k;
			return i;
		}
		if (cps < 4)	/* the role word and a name at least */
			continue;
		*weak = 1;
		for (w = 0; words[w] != NULL; w++)
			if (tag_starts(rest, words[w])) {
				*end = i;
				return i;
			}
		if (uc_is_space(c)) {
			/* A space ends the byline unless a role follows. */
			for (j = i; j < at.n; j += w) {
				w = tag_cp(at.s, at.n, j, &d);
				if (!uc_is_space(d))
					break;
			}
			if (role_at(at, j) == 0) {
				*end = i;
				return i;
			}
		}
		*weak = 0;
	}
	return 0;
}

/*
 * A byline in a lead, after its dateline: "（记者刘子富）",
 * "记者李长云报道：", "记者江世杰从...获悉".  at is the text after the
 * dateline; org the agency, if any.
 */
static int
lead_byline(struct span at, struct span org, struct tag_lead *l)
{
	struct span	 inner, bl;
	struct tag_group *g;
	size_t		 i, k, end, stop;
	uint32_t	 c, open;
	int		 weak, latin;

	at = tag_trim(at);
	open = tag_first(at);
	if (open == 0xff08 || open == '(') {
		/* Up to the closing parenthesis, within 40 characters. */
		for (i = 0; i < at.n && i < 120; i += k) {
			k = tag_cp(at.s, at.n, i, &c);
			if (c == (open == '(' ? ')' : 0xff09))
				break;
		}
		if (i >= at.n || i >= 120)
			return 0;
		inner.s = at.s + (open == '(' ? 1 : 3);
		inner.n = i - (open == '(' ? 1 : 3);
		/* A role first, or an organisation and a role
		 * ("（中央人民广播电台记者X、新华社记者Y）"). */
		latin = -1;
		if (!tag_byline(inner, &latin, &l->byline) ||
		    l->byline.nnames == 0)
			return 0;
		end = i + k;
	} else {
		/* A role first, or an organisation and a role
		 * ("新华社记者陈雁、本报记者何加正报道："). */
		for (i = 0; i < at.n && i < 36; i += k) {
			if (role_at(at, i) > 0)
				break;
			k = tag_cp(at.s, at.n, i, &c);
			if (!uc_is_han(c) && c != 0x300a && c != 0x300b)
				return 0;
		}
		if (i >= at.n || i >= 36 ||
		    (stop = lead_names_end(at, &end, &weak)) == 0)
			return 0;
		bl.s = at.s;
		bl.n = stop;
		latin = -1;
		if (!tag_byline(bl, &latin, &l->byline))
			return 0;
		/*
		 * Nothing closes these names but the sentence going on
		 * ("记者今天..."): each must start with a surname.
		 */
		for (i = 0; weak && i < l->byline.nnames; i++) {
			tag_cp(l->byline.names[i].name.s,
			    l->byline.names[i].name.n, 0, &c);
			if (surname_rank(c) < 0 &&
			    !compound_at(l->byline.names[i].name.s,
			    l->byline.names[i].name.n))
				return 0;
		}
	}
	g = &l->byline.groups[0];
	if (g->org.n == 0)
		g->org = org;
	g->text.n += (size_t)(g->text.s - at.s);
	g->text.s = at.s;
	g = &l->byline.groups[l->byline.ngroups - 1];
	g->text.n = (size_t)(at.s + end - g->text.s);
	l->byline.text.s = at.s;
	l->byline.text.n = end;
	l->has_byline = 1;
	l->rest.s = at.s + end;
	l->rest.n = at.n - end;
	return 1;
}

/*
 * 本报讯, 本报北京讯, 本报北京１月１７日讯, 新华社贵阳１２月３１日电,
 * 据新华社北京１月５日电, 中新网１月５日消息.
 */
static int
lead_cjk(struct span t, struct tag_lead *l)
{
	struct span	 org, after;
	size_t		 i, k, d, an, start;
	uint32_t	 c;
	int		 ours, paren;

	org.s = NULL;
	org.n = 0;
	i = 0;
	if (tag_starts(t, "据"))
		i = 3;
	after.s = t.s + i;
	after.n = t.n - i;
	ours = tag_starts(after, "本报");
	if (ours)
		i += 6;
	else {
		if ((an = word_at(agencies, after, 0)) == 0)
			return 0;
		org.s = t.s + i;
		org.n = an;
		i += an;
	}
	start = i;
	/*
	 * A place of Han characters, perhaps with its country in
	 * parentheses ("吕勒奥（瑞典）"), a date, then 讯, 电 or 消息.  An
	 * agency's dateline may leave out the date ("据新华社哈尔滨电").
	 */
	for (k = 0, d = 0, paren = 0; i < t.n; i += k) {
		if ((d = date_at(t, i)) > 0)
			break;
		k = tag_cp(t.s, t.n, i, &c);
		if (c == 0xff08 && !paren) {
			paren = 1;
			continue;
		}
		if (c == 0xff09 && paren == 1) {
			paren = 2;
			continue;
		}
		/* A place ends at 讯 or 电. */
		if (!uc_is_han(c) || c == 0x8baf || c == 0x7535)
			break;
		if (i - start > 36)
			return 0;
	}
	if (paren == 1)
		return 0;
	if (d == 0 && !ours && (i - start == 0 || i - start > 24))
		return 0;
	i += d;
	if (tag_starts((struct span){ t.s + i, t.n - i }, "讯") ||
	    tag_starts((struct span){ t.s + i, t.n - i }, "电"))
		i += 3;
	else if (tag_starts((struct span){ t.s + i, t.n - i }, "消息"))
		i += 6;
	else
		return 0;
	l->dateline.s = t.s;
	l->dateline.n = i;
	l->why = ours ? "本报…讯 dateline" : "agency dateline";
	after.s = t.s + i;
	after.n = t.n - i;
	if (!lead_byline(after, org, l)) {
		memset(&l->byline, 0, sizeof(l->byline));
		l->has_byline = 0;
		l->rest = after;
	}
	l->rest = tag_trim(l->rest);
	return 1;
}

/*
 * "BEIJING —", "BEIJING, Jan. 5 —", "LONDON, May 3.—", "NEW YORK (AP)
 * --": capitals, perhaps a date, then a dash.
 */
static int
lead_latin(struct span t, struct tag_lead *l)
{
	size_t		 i, k, caps, words;
	uint32_t	 c;
	char		 ch;

	caps = words = 0;
	for (i = 0; i < t.n && i < 40; i++) {
		ch = t.s[i];
		if (ch >= 'A' && ch <= 'Z')
			caps++;
		else if (ch == ' ' && i + 1 < t.n && t.s[i + 1] >= 'A' &&
		    t.s[i + 1] <= 'Z')
			words++;
		else if (ch != '.' && ch != '\'' && ch != '-')
			break;
	}
	if (caps < 3 || words > 3 || i >= t.n)
		return 0;
	/* The place ends at a comma, a parenthesis or the dash itself. */
	ch = t.s[i] == ' ' && i + 1 < t.n ? t.s[i + 1] : t.s[i];
	if (ch != ',' && ch != '(' && ch != '-' && ch != '\xe2')
		return 0;
	/* Then up to 40 bytes of date, source or place, and a dash. */
	for (; i < t.n && i < 80; i += k) {
		k = tag_cp(t.s, t.n, i, &c);
		if (c == 0x2014 || c == 0x2013)
			break;
		if (c == '-' && i + 1 < t.n && t.s[i + 1] == '-') {
			k = 2;
			break;
		}
		/* "LONDON, March 1. -", "DRAYTON, April 23.-" */
		if (c == '-' && i > 0 && (t.s[i - 1] == ' ' ||
		    t.s[i - 1] == '.') && i + 1 < t.n && (t.s[i + 1] == ' ' ||
		    (t.s[i + 1] >= 'A' && t.s[i + 1] <= 'Z')))
			break;
		/* A sentence going on: no dateline. */
		if (c == 0x3002 || (c == '.' && i + 2 < t.n &&
		    t.s[i + 1] == ' ' && t.s[i + 2] >= 'a' &&
		    t.s[i + 2] <= 'z'))
			return 0;
	}
	if (i >= t.n || i >= 80)
		return 0;
	l->dateline.s = t.s;
	l->dateline.n = i + k;
	l->dateline = tag_trim(l->dateline);
	l->rest.s = t.s + i + k;
	l->rest.n = t.n - i - k;
	l->rest = tag_trim(l->rest);
	if (l->rest.n == 0 || tag_len_upto(l->dateline, 60) > 60)
		return 0;
	l->why = "capitals and a dash";
	return 1;
}

int
tag_lead(struct span t, int *latin, struct tag_lead *l)
{
	int	 ok, cjk;

	memset(l, 0, sizeof(*l));
	t = tag_trim(t);
	if (t.n == 0)
		return 0;
	if (*latin < 0) {
		/*
		 * Both parsers read only the start of t (see tag_byline);
		 * what the one the script asks for found stands.
		 */
		if (!(cjk = lead_cjk(t, l))) {
			memset(l, 0, sizeof(*l));
			if (!lead_latin(t, l)) {
				memset(l, 0, sizeof(*l));
				return 0;
			}
		}
		*latin = tag_is_latin(t);
		if (cjk == !*latin)
			return 1;
		memset(l, 0, sizeof(*l));
		ok = cjk && lead_latin(t, l);
	} else
		ok = *latin ? lead_latin(t, l) : lead_cjk(t, l);
	if (ok)
		return 1;
	memset(l, 0, sizeof(*l));
	return 0;
}

/* Non-zero when t holds lit. */
static int
has(struct span t, const char *lit)
{
	size_t	 i, n = strlen(lit);

	for (i = 0; i + n <= t.n; i++)
		if (memcmp(t.s + i, lit, n) == 0)
			return 1;
	return 0;
}

/*
 * A photo credit: at most 40 characters, no full stop, and one of the
 * shapes credit_shape knows.  The shape is looked at first: it reads
 * only the ends of the block, where the other tests read it all.
 */
int
tag_credit(struct span t, const char **why)
{
	const char	*w;

	t = tag_trim(t);
	if (t.n == 0 || (w = credit_shape(t)) == NULL ||
	    tag_len_upto(t, 40) > 40 || tag_has_full_stop(t, 0))
		return 0;
	*why = w;
	return 1;
}

/* The shape of a photo credit that t (trimmed) has, or NULL. */
static const char *
credit_shape(struct span t)
{
	struct span	 in;
	size_t		 i;
	uint32_t	 f, e;

	f = tag_first(t);
	e = tag_last(t);
	if ((f == 0xff08 && e == 0xff09) || (f == '(' && e == ')')) {
		in.s = t.s + (f == '(' ? 1 : 3);
		in.n = t.n - (f == '(' ? 2 : 6);
		if (has(in, "摄") || tag_ends(in, "照片") ||
		    tag_ends(in, "供图") || tag_ends(in, "制图") ||
		    has(in, "新华社发") || ci_find(in, "photo") >= 0)
			return "photograph note in parentheses";
		return NULL;
	}
	if (e == 0xff09 && tag_ends(t, "摄）")) {
		/* A caption ending with its credit: "图为…（周筱华摄）". */
		for (i = t.n - 3; i > 0; i--)
			if (memcmp(t.s + i, "（", 3) == 0)
				break;
		if (i > 0)
			return "caption ending with the photographer";
	}
	if ((tag_ends(t, "摄") || tag_ends(t, "摄影")) &&
	    tag_len_upto(t, 30) <= 30)
		return "ends with 摄";
	if (ci_starts(t, "photo:") || ci_starts(t, "photograph by ") ||
	    ci_starts(t, "photo by "))
		return "photograph note";
	return NULL;
}
