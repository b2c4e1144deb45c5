//! Shape patterns the passes look for: jump lines (`（下转四版）`), datelines
//! (`本报讯（…）`, `新华社北京6月22日电`), bylines and their people, photo
//! credits, and page furniture (page/section lines, dates, editor credits).
//! All are about punctuation, markers and a few role words of the trade —
//! never about words of one paper.

use super::inline::{clean_spaces, is_han, is_space};
use newsconv_core::{FurnitureKind, Person};

/// A jump marker found in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpMark {
    /// Byte range of the marker in the line (brackets included).
    pub start: usize,
    /// End of the marker.
    pub end: usize,
    /// True for `下转`/`转` (continues on), false for `上接`/`接` (continued from).
    pub to: bool,
    /// The page named, as a number, when it can be read.
    pub page: Option<u32>,
}

/// Read a page number as printed: `4`, `四`, `十二`, `A2`, `第二`.
pub fn page_number(s: &str) -> Option<u32> {
    let s = s.trim().trim_start_matches('第');
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let d = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|p| p as u32)
    };
    let cs: Vec<char> = s.chars().filter(|c| *c != '版' && *c != '页').collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => d(*a),
        ['十', b] => d(*b).map(|x| 10 + x),
        [a, '十'] => d(*a).map(|x| x * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

fn is_page_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "零一二三四五六七八九十〇".contains(c)
}

/// Find a jump marker: `（下转第二版）`, `（上接第一版）`, `（转A2版）`,
/// `下转4版`, `（紧接第3版）`. Spaces inside are tolerated.
pub fn find_jump(line: &str) -> Option<JumpMark> {
    // Every marker has 转 or 接: most lines need no closer look.
    if !line.contains('转') && !line.contains('接') {
        return None;
    }
    let chars: Vec<(usize, char)> = line
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    for i in 0..chars.len() {
        let c = chars[i].1;
        if c != '转' && c != '接' {
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let (to, mut s) = match (c, prev) {
            ('转', Some('下')) => (true, i - 1),
            ('转', Some('上')) => (false, i - 1),
            ('转', Some('（' | '(')) | ('转', None) => (true, i),
            ('接', Some('上' | '紧' | '承')) => (false, i - 1),
            _ => continue,
        };
        let mut j = i + 1;
        if j < chars.len() && chars[j].1 == '第' {
            j += 1;
        }
        let ps = j;
        while j < chars.len() && is_page_char(chars[j].1) && j - ps < 4 {
            j += 1;
        }
        if j == ps || j >= chars.len() || !(chars[j].1 == '版' || chars[j].1 == '页') {
            continue;
        }
        let label: String = chars[ps..j].iter().map(|x| x.1).collect();
        let mut e = j + 1;
        if s > 0 && matches!(chars[s - 1].1, '（' | '(') {
            s -= 1;
            if e < chars.len() && matches!(chars[e].1, '）' | ')') {
                e += 1;
            }
        } else if c == '转' && prev.is_none() {
            // A bare `转A2版` at the start of a line: fine.
        }
        let start = chars[s].0;
        let end = if e < chars.len() {
            chars[e].0
        } else {
            line.len()
        };
        // The marker must end the line (or be the whole line).
        if !line[end..].trim().is_empty() {
            continue;
        }
        return Some(JumpMark {
            start,
            end,
            to,
            page: page_number(&label),
        });
    }
    None
}

/// A dateline at the start of a paragraph, with an inline byline.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// `本报讯`, `福州晚报讯`, `新华社北京6月22日电`.
    pub text: String,
    /// The part in brackets after it (`宿津齐`, `记者 徐昕联 通讯员 田明`), if any.
    pub byline: Option<String>,
    /// Byte length of the dateline with its bracket and following spaces.
    pub len: usize,
}

/// Find a dateline opening a paragraph.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    // Both shapes open with a Han character and only the first ten
    // characters are looked at: keep those on the stack.
    if !t.chars().next().is_some_and(is_han) {
        return None;
    }
    let mut head = [(0usize, '\0'); 10];
    let mut n = 0;
    for x in t.char_indices().take(10) {
        head[n] = x;
        n += 1;
    }
    let chars = &head[..n];
    if !chars.iter().any(|x| matches!(x.1, '讯' | '电')) {
        return None;
    }
    // `…讯`: up to 8 Han characters, the one before 讯 being 报/社/网/台.
    let mut end = None;
    for (k, &(b, c)) in chars.iter().enumerate().take(10) {
        if c == '讯'
            && k >= 2
            && matches!(chars[k - 1].1, '报' | '社' | '网' | '台' | '端')
            && chars[..k].iter().all(|x| is_han(x.1))
        {
            end = Some(b + c.len_utf8());
            break;
        }
        if c == '电'
            && k >= 4
            && chars[..k].iter().take(3).all(|x| is_han(x.1))
            && matches!(chars[0].1, '新' | '中' | '本' | '人' | '央' | '据')
        {
            let head: String = chars[..3].iter().map(|x| x.1).collect();
            if head.ends_with('社') || head.starts_with("本报") || head.starts_with("据") {
                end = Some(b + c.len_utf8());
                break;
            }
        }
        if !(is_han(c) || c.is_ascii_digit() || c.is_whitespace()) {
            break;
        }
    }
    let end = end?;
    let date_text = clean_spaces(&t[..end]);
    let rest = &t[end..];
    let rest_trim = rest.trim_start();
    let mut len = end + (rest.len() - rest_trim.len());
    let mut byline = None;
    if let Some((name_end, by)) = reporter_before_report(rest_trim) {
        // `本报讯 辽沈晚报记者闫柳报道 昨日…`: the reporter, unbracketed; `报道` stays in the text.
        byline = Some(by);
        len = end + (rest.len() - rest_trim.len()) + name_end;
    } else if rest_trim.starts_with('（') || rest_trim.starts_with('(') {
        if let Some(close) = rest_trim.find(['）', ')']) {
            let inner = &rest_trim[rest_trim.chars().next().unwrap().len_utf8()..close];
            if inner.chars().count() <= 40 && !inner.contains('。') && !inner.contains('，') {
                byline = Some(super::inline::clean_title(inner).trim().to_string());
                let after =
                    &rest_trim[close + rest_trim[close..].chars().next().unwrap().len_utf8()..];
                len = end + (rest.len() - after.len()) + (after.len() - after.trim_start().len());
            }
        }
    }
    Some(Dateline {
        text: date_text,
        byline,
        len: lead + len,
    })
}

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
fn reporter_before_report(t: &str) -> Option<(usize, String)> {
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
    let one = |t: &str| super::inline::one_han(t) && !ROLES.contains(&t);
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

/// What a furniture line is: a page line, a date, editor credits, contact lines, or None.
pub fn furniture_kind(line: &str) -> Option<FurnitureKind> {
    let t = line.trim();
    // Cheap rejects first, no allocation: no rule takes a `。`, only the
    // contact rule takes a `，` (and its keywords), and every rule wants at
    // most 40 characters. Most lines are body text and stop here.
    if t.is_empty() || t.contains('。') {
        return None;
    }
    let comma = t.contains('，');
    if comma && !t.starts_with(['投', '新', '热', '报', '邮', '电', '网', '微']) {
        return None;
    }
    let (mut n, mut ntok, mut spaced, mut after_space) = (0usize, 0usize, false, true);
    for c in t.chars() {
        if is_space(c) {
            spaced = true;
            after_space = true;
            continue;
        }
        n += 1;
        ntok += after_space as usize;
        after_space = false;
    }
    if n > 40 {
        return None;
    }
    // The line without its spaces: the line itself, or a copy on the stack
    // (40 characters of at most 4 bytes).
    let mut buf = [0u8; 160];
    let sq = if spaced {
        let mut len = 0;
        for c in t.chars().filter(|&c| !is_space(c)) {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        std::str::from_utf8(&buf[..len]).expect("whole characters were written")
    } else {
        t
    };
    if comma {
        return contact_kind(sq, n);
    }
    // A page number, alone or with the section name: `7`, `05 综合新闻 微信：lswbwx`, `黔西南新闻 A3`, `7 理论`.
    // The rules look at up to 4 tokens (`ntok` counted above): on the stack,
    // and only split when there are 2 to 4 (one token is the whole line).
    let mut tok_buf = [t; 4];
    if (2..=4).contains(&ntok) {
        for (k, x) in t.split_whitespace().enumerate() {
            tok_buf[k] = x;
        }
    }
    let toks = &tok_buf[..ntok.min(tok_buf.len())];
    if is_page_line(toks, ntok, n, sq) {
        return Some(FurnitureKind::Page);
    }
    if is_date_line(sq, n) {
        return Some(FurnitureKind::Date);
    }
    if is_credit_line(sq, n) {
        return Some(FurnitureKind::Credit);
    }
    contact_kind(sq, n)
}

/// A page number, alone or with the section name: `7`, `05 综合新闻 微信：lswbwx`,
/// `黔西南新闻 A3`, `7 理论` (`ntok` tokens, the first up to 4 in `toks`).
/// `第1版`, `第A3版`, `第七版`: a page label alone.
fn page_label(t: &str) -> bool {
    let inner = t.strip_prefix('第').and_then(|r| r.strip_suffix('版'));
    inner.is_some_and(|m| (1..=3).contains(&m.chars().count()) && m.chars().all(is_page_char))
}

fn is_page_line(toks: &[&str], ntok: usize, n: usize, sq: &str) -> bool {
    let is_num = |s: &str| s.len() <= 3 && (s.chars().all(|c| c.is_ascii_digit()) || (s.starts_with(|c: char| c.is_ascii_uppercase()) && s[1..].chars().all(|c| c.is_ascii_digit()) && s.len() >= 2));
    if ntok == 1 && (is_num(toks[0]) || page_label(toks[0])) {
        return true;
    }
    if ntok >= 2
        && ntok <= 4
        && n <= 20
        && toks.iter().all(|t| t.chars().count() <= 12)
        && !sq.contains('。')
        && !sq.contains('，')
    {
        let short_han = |s: &str| (2..=8).contains(&s.chars().count()) && s.chars().all(is_han);
        return (is_num(toks[0]) && short_han(toks[1]))
            || (is_num(toks[toks.len() - 1]) && short_han(toks[toks.len() - 2]));
    }
    false
}

/// Dates: `2024 年 4 月 19 日`, `2021.3.23 星期二`, `星期五` (`sq`: the
/// line without spaces, `n` its characters).
fn is_date_line(sq: &str, n: usize) -> bool {
    let has_date = {
        let y = sq.find('年');
        let m = sq.find('月');
        let d = sq.find('日');
        matches!((y, m, d), (Some(a), Some(b), Some(c)) if a < b && b < c && sq[..a].chars().rev().take(4).all(|c| c.is_ascii_digit()) && a >= 4)
    };
    let dotted = sq.split('.').count() == 3 && sq.chars().take(4).all(|c| c.is_ascii_digit());
    let weekday =
        sq.starts_with("星期") && n <= 4 || (has_date || dotted) && find_word(sq, "星期").is_some();
    n <= 30
        && !sq.contains('，')
        && !sq.contains('。')
        && (has_date
            && (n <= 16 || find_word(sq, "星期").is_some() || find_word(sq, "农历").is_some())
            || dotted && n <= 16
            || weekday)
}

/// Editor roles as newspapers print them in their credits, longest first
/// (so `责任编辑` is read before `编辑`): the one list the line rule here and
/// the people of a credit (`parse::furniture`) read.
pub const EDITOR_ROLES: [&str; 26] = [
    "版面设计",
    "责任编辑",
    "本版编辑",
    "本版责编",
    "值班编辑",
    "值班主任",
    "责任校对",
    "版面编辑",
    "图片编辑",
    "视觉设计",
    "美术编辑",
    "责编",
    "编辑",
    "美编",
    "校对",
    "组版",
    "版式",
    "制图",
    "一审",
    "二审",
    "三审",
    "终审",
    "政审",
    "照排",
    "审读",
    "审校",
];

/// Editor credits: `责编 王杨林 美编 季春`, `编辑 白琳`, `一 审：`,
/// `本版编辑：张三` (`sq`: the line without spaces).
fn is_credit_line(sq: &str, n: usize) -> bool {
    n <= 30
        && !sq.contains('。')
        && !sq.contains('，')
        && EDITOR_ROLES.iter().any(|k| sq.starts_with(k))
}

/// `hay.find(needle)`, looking for the needle's first character first:
/// setting up a substring search for every line cost more than the search.
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let first = needle.chars().next()?;
    if !hay.contains(first) {
        return None;
    }
    hay.find(needle)
}

/// The contact rule of [`furniture_kind`]: `sq` is the line without spaces, `n` its length in characters.
fn contact_kind(sq: &str, n: usize) -> Option<FurnitureKind> {
    for k in [
        "投稿邮箱",
        "新闻热线",
        "热线电话",
        "报料热线",
        "邮箱",
        "电子信箱",
        "网址",
        "微信",
    ] {
        if sq.starts_with(k) && n <= 40 && !sq.contains('。') {
            return Some(FurnitureKind::Contact);
        }
    }
    None
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
    fn jumps() {
        let j = find_jump("共建研发中心、联合实验室、农业产业创新园， （下转四版）").unwrap();
        assert!(j.to);
        assert_eq!(j.page, Some(4));
        assert_eq!(
            &"共建研发中心、联合实验室、农业产业创新园， （下转四版）"[j.start..j.end],
            "（下转四版）"
        );
        assert_eq!(
            find_jump("（上接第一版）").map(|j| (j.to, j.page)),
            Some((false, Some(1)))
        );
        assert_eq!(
            find_jump("转A2版").map(|j| (j.to, j.page)),
            Some((true, Some(2)))
        );
        assert!(find_jump("下转变为上升").is_none());
    }

    #[test]
    fn datelines() {
        let d = find_dateline("本报讯（宿津齐）近年来，大安市").unwrap();
        assert_eq!(d.text, "本报讯");
        assert_eq!(d.byline.as_deref(), Some("宿津齐"));
        assert_eq!(&"本报讯（宿津齐）近年来，大安市"[d.len..], "近年来，大安市");
        let d = find_dateline("本报讯 辽沈晚报记者闫柳报道 昨日大连").unwrap();
        assert_eq!(d.byline.as_deref(), Some("辽沈晚报记者闫柳"));
        assert_eq!(
            &"本报讯 辽沈晚报记者闫柳报道 昨日大连"[d.len..],
            "报道 昨日大连"
        );
        assert!(find_dateline("本报讯 记者从市政府报道会上获悉")
            .unwrap()
            .byline
            .is_none());
        let d = find_dateline("福州晚报讯 记者从中国铁路南昌").unwrap();
        assert_eq!(d.text, "福州晚报讯");
        assert!(find_dateline("近年来，大安市").is_none());
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

    #[test]
    fn furniture() {
        use FurnitureKind::*;
        let kinds = [
            ("05 综合新闻 微信：lswbwx", Some(Page)),
            ("2024 年 4 月 19 日", Some(Date)),
            ("责编 王杨林 美编 季春", Some(Credit)),
            ("7", Some(Page)),
            ("黔西南新闻 A3", Some(Page)),
            ("6月22日，新华社国家高端智库课题组", None),
            ("本版编辑：张三", Some(Credit)),
            ("值班编辑 李四 责任校对 王五", Some(Credit)),
            ("值班民警张三", None),
        ];
        for (line, kind) in kinds {
            assert_eq!(furniture_kind(line), kind, "{line}");
        }
    }
}
