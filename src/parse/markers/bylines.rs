//! Bylines and their people (a name list, roles of the trade, a
//! reporter named before `报道`), photo credits and picture marks: the
//! shapes, not the names of one paper (a name is a surname character from
//! the common list, then one or two more).

use super::super::inline::{self, clean_spaces, is_han};
use super::find_word;
use newsconv_core::Person;

/// The common Chinese single-character surnames (about 400: nearly every
/// name printed in a byline starts with one of them).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由刀甫郇习郗仉";

/// Words of weather boxes and date lines that open with a surname
/// character but are no names.
pub const NOT_NAMES: [&str; 9] = [
    "明天",
    "雷阵雨",
    "雷雨",
    "雷电",
    "高温",
    "南风",
    "阴天",
    "阴雨",
    "严寒",
];

/// Two-character (compound) surnames.
pub const COMPOUND_SURNAMES: [&str; 12] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "公孙", "慕容", "令狐", "司徒", "夏侯", "端木",
];

/// Could this run of two to four Han characters be a person's name: does
/// it start with a common surname?
pub fn surname_first(t: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| t.starts_with(s))
        || t.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// An unbracketed reporter credit right after a dateline and before `报道`
/// (`辽沈晚报记者闫柳报道`, `记者 王明 报道`): the byte end of the name and the
/// byline (`辽沈晚报记者闫柳`).
pub(super) fn reporter_before_report(t: &str) -> Option<(usize, String)> {
    let report = t
        .char_indices()
        .take(24)
        .find(|&(i, _)| t[i..].starts_with("报道"))
        .map(|(i, _)| i)?;
    let head = &t[..report];
    let role = ["记者", "通讯员"]
        .iter()
        .filter_map(|r| head.find(r).map(|i| (i, i + r.len())))
        .min()?;
    let org = &head[..role.0];
    let name: String = head[role.1..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let name_chars = name.chars().count();
    let ok = org.chars().count() <= 10
        && org.chars().all(|c| is_han(c) || c.is_whitespace())
        && (2..=3).contains(&name_chars)
        && name.chars().all(is_han)
        && surname_first(&name);
    ok.then(|| (head.trim_end().len(), clean_spaces(head.trim_end())))
}

/// Markers that open a byline line (`●本报记者 姜海月`, `■记者 李晖`, `□ 田昀澍`).
pub fn is_byline_marker(c: char) -> bool {
    matches!(c, '●' | '■' | '□' | '◆' | '▲' | '★' | '◎' | '○' | '▌')
}

const ROLES: [&str; 14] = [
    "特约记者",
    "见习记者",
    "本报记者",
    "通讯员",
    "实习生",
    "记者",
    "摄影",
    "文/摄",
    "文／摄",
    "文/图",
    "文",
    "摄",
    "图",
    "编译",
];

/// Split a byline into people with roles. A role word applies to the names
/// after it (`本报记者 姜海月`) or, for `摄`/`文/摄`, to the names before it.
pub fn people(byline: &str) -> Vec<Person> {
    let text = byline.trim().trim_start_matches(is_byline_marker).trim();
    let text = text
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let mut toks: Vec<String> = Vec::new();
    for t in text
        .split([' ', '\u{3000}', '、', '，', ','])
        .filter(|t| !t.is_empty())
    {
        // Split a glued role: `辽沈晚报记者闫柳` → `辽沈晚报记者`, `闫柳`; `李天亮/摄` → `李天亮`, `/摄`.
        if let Some(p) = ["记者", "通讯员", "实习生"]
            .iter()
            .filter_map(|r| t.find(r).map(|i| i + r.len()))
            .min()
        {
            if p < t.len() {
                toks.push(t[..p].to_string());
                toks.push(t[p..].to_string());
                continue;
            }
        }
        if let Some(p) = t.find(['/', '／']) {
            if p > 0 && !ROLES.contains(&t) {
                toks.push(t[..p].to_string());
                toks.push(t[p..].trim_start_matches(['/', '／']).to_string());
                continue;
            }
        }
        toks.push(t.to_string());
    }
    // Letter-spaced two-character names: `肖 培` → `肖培`, `胡鞍钢 张 新` → `胡鞍钢`, `张新`.
    let one = |t: &str| inline::one_han(t) && !ROLES.contains(&t);
    let mut joined: Vec<String> = Vec::with_capacity(toks.len());
    let mut k = 0;
    while k < toks.len() {
        if k + 1 < toks.len() && one(&toks[k]) && one(&toks[k + 1]) {
            joined.push(format!("{}{}", toks[k], toks[k + 1]));
            k += 2;
        } else {
            joined.push(std::mem::take(&mut toks[k]));
            k += 1;
        }
    }
    let toks = joined;
    let is_role = |t: &str| {
        ROLES.iter().any(|r| {
            t.ends_with(r) && (t.len() == r.len() || t.contains("记者") || t.contains("通讯员"))
        })
    };
    let mut out: Vec<Person> = Vec::new();
    let mut role: Option<String> = None;
    for t in toks {
        if is_role(&t) {
            if matches!(
                t.as_str(),
                "摄" | "文/摄" | "文／摄" | "文/图" | "图" | "文"
            ) {
                // Applies to the people just named.
                for p in out.iter_mut().rev().take_while(|p| p.role.is_none()) {
                    p.role = Some(t.clone());
                }
                role = None;
            } else {
                role = Some(t);
            }
            continue;
        }
        if t.chars().any(is_han) {
            out.push(Person {
                name: t,
                role: role.clone(),
            });
        }
    }
    out
}

/// True when a whole line is a byline: a marker (●■□…) and names, a role
/// word and names (`本报记者 姜海月`, `辽沈晚报记者 胡月梅`), or names in brackets
/// after a body (`（宗何）`).
pub fn byline_kind(line: &str) -> Option<BylineShape> {
    let t = line.trim();
    let n = t.chars().count();
    if n == 0 || n > 40 || t.contains('。') || t.contains('，') || t.contains('：') {
        return None;
    }
    let first = t.chars().next().unwrap();
    if is_byline_marker(first) {
        let rest = t.trim_start_matches(is_byline_marker).trim();
        if !rest.is_empty() && rest.chars().any(is_han) && rest.chars().count() <= 30 {
            return Some(BylineShape::Marked);
        }
        return None;
    }
    if (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')')) {
        let inner: String = t.chars().skip(1).take(n.saturating_sub(2)).collect();
        let names: Vec<&str> = inner
            .split([' ', '、', '\u{3000}'])
            .filter(|x| !x.is_empty())
            .collect();
        let han: usize = inner.chars().filter(|c| is_han(*c)).count();
        if (2..=16).contains(&han)
            && names.iter().all(|x| {
                x.chars().count() <= 6 && x.chars().all(|c| is_han(c) || c == '/' || c == '／')
            })
        {
            return Some(BylineShape::Bracketed);
        }
        return None;
    }
    if n <= 30 {
        for r in ["记者", "通讯员", "实习生"] {
            if let Some(p) = find_word(t, r) {
                let before = t[..p].chars().count();
                let after = t[p + r.len()..].trim();
                let names: Vec<&str> = after
                    .split([' ', '、', '\u{3000}'])
                    .filter(|x| !x.is_empty())
                    .collect();
                if before <= 10
                    && !names.is_empty()
                    && t[..p].chars().all(|c| is_han(c) || is_byline_marker(c))
                    && names
                        .iter()
                        .all(|x| x.chars().all(is_han) && x.chars().count() <= 6)
                {
                    return Some(BylineShape::Role);
                }
            }
        }
    }
    // `孙爽 文/摄`, `李天亮/摄`
    if !t.ends_with(['摄', '图']) {
        return None;
    }
    let squashed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    for r in ["文/摄", "文／摄", "/摄", "／摄", "文/图"] {
        if let Some(name) = squashed.strip_suffix(r) {
            if (2..=12).contains(&name.chars().count())
                && name.chars().all(|c| is_han(c) || c == '、')
            {
                return Some(BylineShape::Credit);
            }
        }
    }
    None
}

/// How a byline line was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylineShape {
    /// With a marker ●■□.
    Marked,
    /// A role word and names.
    Role,
    /// A bare name (or one character of a letter-spaced name) standing
    /// alone on its line.
    Name,
    /// Names in brackets (after a body).
    Bracketed,
    /// `name 文/摄`, `name/摄`.
    Credit,
}

/// A picture mark opening a caption (`〔图〕`, `［图］`, `【图】`, `（图）`,
/// `(图)`): the text after it, trimmed.
pub fn after_picture_mark(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["〔图〕", "［图］", "【图】", "（图）", "(图)"]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim_start)
        .filter(|r| !r.is_empty())
}

/// A photo credit ending a caption: `本报记者 刘梦涛 摄`, `警方供图`, `新华社发`.
/// Returns the byte offset where the credit starts.
pub fn find_credit(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let ends = ["供图", "摄", "图", "新华社发", "资料图片"];
    if !ends.iter().any(|e| t.ends_with(e)) {
        return None;
    }
    // The credit is the tail after the last sentence end or the last wide gap.
    let cut = t
        .rfind(['。', '！', '？', '）'])
        .map(|i| i + t[i..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let tail = &t[cut..];
    let tail_trim = tail.trim_start();
    let n = tail_trim.chars().count();
    if n == 0 || n > 24 || tail_trim.contains('，') {
        return None;
    }
    if t.ends_with('图') && !t.ends_with("供图") && !tail_trim.contains('/') {
        return None;
    }
    if t.ends_with('摄')
        && !(tail_trim.contains(' ')
            || tail_trim.contains('/')
            || tail_trim.contains("记者")
            || n <= 5)
    {
        return None;
    }
    Some(cut + (tail.len() - tail_trim.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_mark_opens_a_caption() {
        assert_eq!(after_picture_mark("〔图〕朵朵鲜花争奇斗艳。"), Some("朵朵鲜花争奇斗艳。"));
        assert_eq!(after_picture_mark("（图） 游客在花海中拍照。"), Some("游客在花海中拍照。"));
        assert_eq!(after_picture_mark("图为游客在花海中拍照。"), None);
        assert_eq!(after_picture_mark("〔图〕"), None);
    }

    #[test]
    fn bylines() {
        let shapes = [
            ("●本报记者 姜海月", Some(BylineShape::Marked)),
            ("辽沈晚报记者 胡月梅", Some(BylineShape::Role)),
            ("（宗何）", Some(BylineShape::Bracketed)),
            ("李天亮/摄", Some(BylineShape::Credit)),
            ("记者从沈阳市民政局获悉，", None),
        ];
        for (line, shape) in shapes {
            assert_eq!(byline_kind(line), shape, "{line}");
        }
        let p = people("●新华社记者 刘怀丕 牛少杰");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].role.as_deref(), Some("新华社记者"));
        // Letter-spaced two-character names pair up wherever they stand.
        let names: Vec<String> = people("胡鞍钢 张 新").into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["胡鞍钢", "张新"]);
        let names: Vec<String> = people("周 江 张济坤").into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["周江", "张济坤"]);
        assert!(
            surname_first("张济坤")
                && surname_first("欧阳辉")
                && !surname_first("防风险")
                && !surname_first("晴转多云")
        );
        let p = people("孙爽 文/摄");
        assert_eq!(
            (p[0].name.as_str(), p[0].role.as_deref()),
            ("孙爽", Some("文/摄"))
        );
    }
}
