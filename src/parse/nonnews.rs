//! What is printed among the stories but is not news: advertisements,
//! legal and official notices, tables. The passes before this one build
//! them into articles like any other text (they have display lines and
//! paragraphs); this pass sets them apart as page furniture of their own
//! kind, so readers of the e-book and the archive do not meet a shop's
//! prices as a story.
//!
//! The evidence is what such text is made of, not what one paper prints:
//! advertisements are dense with prices, phone numbers, addresses and
//! scan prompts; notices cite case numbers (`（2023）黔2301民初6201号`) and
//! call themselves `公告`; tables are many cells of a few characters. The
//! density is judged per article and, on pages whose front end sees the
//! boxes drawn round text, over everything inside one box: an
//! advertisement's slogan line says nothing alone but shares its box with
//! the prices.

use super::articles::PageParts;
use super::inline::is_han;
use super::SourceLine;
use newsconv_core::{Article, Block, BlockKind, Diagnostic, Furniture, FurnitureKind, Rect};

/// What an article's text is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Evidence {
    /// Characters, spaces not counted.
    chars: usize,
    /// Prices, phone numbers, addresses, scan prompts.
    trade: usize,
    /// Case numbers (`（2023）黔2301民初6201号`).
    cases: usize,
    /// The word `公告`.
    notices: usize,
    /// Paragraphs.
    paras: usize,
    /// Paragraphs of six characters or fewer.
    cells: usize,
}

impl std::ops::AddAssign for Evidence {
    fn add_assign(&mut self, o: Self) {
        self.chars += o.chars;
        self.trade += o.trade;
        self.cases += o.cases;
        self.notices += o.notices;
        self.paras += o.paras;
        self.cells += o.cells;
    }
}

impl Evidence {
    /// What the text says it is, if not news.
    fn kind(&self, boxed: bool) -> Option<FurnitureKind> {
        // Marks per hundred characters: an ad is made of them, a story that
        // quotes a price or a hotline has one or two in hundreds.
        let dense = |n: usize, per_100: usize| n * 100 >= per_100 * self.chars.max(1);
        // Notices are wall-to-wall case numbers and `公告` headings; a story
        // that cites a case or two, or a story run together with a column
        // of notices, is not that dense.
        if self.cases >= 2 && dense(self.cases + self.notices, 1) || self.notices >= 2 && dense(self.notices, 2) {
            Some(FurnitureKind::Notice)
        } else if self.trade >= 3 && dense(self.trade, 3)
            || boxed && self.trade >= 3 && dense(self.trade, 2)
        {
            Some(FurnitureKind::Ad)
        } else if self.paras >= 8 && self.cells * 2 > self.paras {
            Some(FurnitureKind::Table)
        } else {
            None
        }
    }
}

/// The texts of an article, in print order.
fn texts(a: &Article) -> Vec<&str> {
    let mut out: Vec<&str> = [&a.column, &a.kicker, &a.headline, &a.subheadline]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    out.extend(a.byline.as_ref().map(|b| b.text.as_str()));
    out.extend(a.dateline.as_deref());
    out.extend(a.blocks.iter().map(|b| b.text.as_str()));
    for c in &a.captions {
        out.push(&c.text);
        out.extend(c.credit.as_deref());
    }
    out.extend(
        [&a.continued_to, &a.continued_from]
            .into_iter()
            .flatten()
            .filter_map(|j| j.label.as_deref()),
    );
    out
}

/// Read an article's evidence.
fn evidence(a: &Article) -> Evidence {
    let mut e = Evidence::default();
    for t in texts(a) {
        let chars: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        e.chars += chars.len();
        e.trade += trade_marks(&chars);
        e.cases += case_numbers(&chars);
        e.notices += count(&chars, &['公', '告']);
    }
    for b in a.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        e.paras += 1;
        e.cells += usize::from(b.text.chars().filter(|c| !c.is_whitespace()).count() <= 6);
    }
    e
}

fn count(t: &[char], word: &[char]) -> usize {
    t.windows(word.len()).filter(|w| *w == word).count()
}

fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Prices (`80元`, `￥39`, `2折`, `直销价：`), phone numbers (a mobile
/// number's eleven digits, `0591-83770333`, seven or eight digits after
/// `电话`/`热线`), addresses and scan prompts.
fn trade_marks(t: &[char]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < t.len() {
        if digit(t[i]) {
            // A run of digits, with the decimal point or dash inside it.
            let start = i;
            while i < t.len()
                && (digit(t[i])
                    || matches!(t[i], '.' | '-' | '－') && i + 1 < t.len() && digit(t[i + 1]))
            {
                i += 1;
            }
            let run = &t[start..i];
            let digits = run.iter().filter(|c| digit(**c)).count();
            let next = t.get(i).copied();
            let mobile = digits == 11 && run[0] == '1' && run.iter().all(|c| digit(*c));
            let landline = run.contains(&'-') && (10..=12).contains(&digits) && run[0] == '0';
            // The six characters before the number, read only for a number
            // of a landline's length (most numbers are dates and counts).
            let called = (7..=8).contains(&digits) && {
                let before = &t[start.saturating_sub(6)..start];
                [['电', '话'], ['热', '线'], ['咨', '询'], ['订', '购'], ['预', '约']]
                    .iter()
                    .any(|w| count(before, w) > 0)
            };
            if matches!(next, Some('元' | '折'))
                || mobile
                || landline
                || called
                || start > 0 && matches!(t[start - 1], '￥' | '¥')
            {
                n += 1;
            }
            continue;
        }
        i += 1;
    }
    n + count(t, &['价', '：'])
        + count(t, &['价', ':'])
        + count(t, &['地', '址', '：'])
        + count(t, &['扫', '码'])
        + count(t, &['二', '维', '码'])
        + count(t, &['扫', '一', '扫'])
}

/// Case numbers: a year in brackets, then within a few characters `号`
/// (`（2023）黔2301民初6201号`).
fn case_numbers(t: &[char]) -> usize {
    let mut n = 0;
    for i in 0..t.len() {
        if !matches!(t[i], '（' | '(')
            || i + 6 > t.len()
            || !t[i + 1..i + 5].iter().all(|c| c.is_ascii_digit())
            || !matches!(t[i + 5], '）' | ')')
        {
            continue;
        }
        let rest = &t[i + 6..t.len().min(i + 26)];
        if let Some(k) = rest.iter().position(|c| *c == '号') {
            if k >= 3
                && rest[..k]
                    .iter()
                    .all(|c| digit(*c) || is_han(*c) || matches!(c, '-' | '之'))
            {
                n += 1;
            }
        }
    }
    n
}

/// Boxes read on one page at most (see [`decide`]).
const MAX_FRAMES: usize = 400;

/// The frame each article stands in: the smallest box holding nine in ten
/// of its lines.
fn frame_of(a: &Article, lines: &[SourceLine], frames: &[Rect]) -> Option<usize> {
    if frames.is_empty() {
        return None;
    }
    let span = a.source?;
    // Lines come in input order: find the span by halving, not by a scan
    // per article.
    let from = lines.partition_point(|l| l.line < span.start);
    let to = lines.partition_point(|l| l.line <= span.end).max(from);
    let geoms: Vec<_> = lines[from..to]
        .iter()
        .filter_map(|l| l.geom.as_ref())
        .collect();
    if geoms.is_empty() {
        return None;
    }
    frames
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            let pad = (f.x1 - f.x0).min(f.y1 - f.y0) * 0.01 + 1.0;
            let inside = geoms
                .iter()
                .filter(|g| {
                    g.x0 >= f.x0 - pad
                        && g.x1 <= f.x1 + pad
                        && g.y0 >= f.y0 - pad
                        && g.y1 <= f.y1 + pad
                })
                .count();
            inside * 10 >= geoms.len() * 9
        })
        .min_by(|(_, a), (_, b)| {
            ((a.x1 - a.x0) * (a.y1 - a.y0)).total_cmp(&((b.x1 - b.x0) * (b.y1 - b.y0)))
        })
        .map(|(k, _)| k)
}

/// Decide, for each article, whether it is news; the rest become furniture
/// of their kind, with a note saying what decided.
fn decide(
    arts: &[Article],
    lines: &[SourceLine],
    frames: &[Rect],
) -> Vec<Option<(FurnitureKind, String)>> {
    let ev: Vec<Evidence> = arts.iter().map(evidence).collect();
    let why = |e: &Evidence, k: FurnitureKind, whole: &str| match k {
        FurnitureKind::Notice => format!(
            "{whole} cites {} case numbers and says 公告 {} times in {} characters",
            e.cases, e.notices, e.chars
        ),
        FurnitureKind::Ad => format!(
            "{whole} holds {} prices, phone numbers or addresses in {} characters",
            e.trade, e.chars
        ),
        _ => format!(
            "{whole} is {} cells of a few characters among {} paragraphs",
            e.cells, e.paras
        ),
    };
    let mut out: Vec<Option<(FurnitureKind, String)>> = ev
        .iter()
        .map(|e| e.kind(false).map(|k| (k, why(e, k, "the text"))))
        .collect();
    // Everything inside one frame is one piece. A page drawing more boxes
    // than any layout needs is a grid or a hostile file: its boxes are not
    // read (the articles' own evidence still is), so the work stays linear.
    let frames = if frames.len() > MAX_FRAMES {
        &[][..]
    } else {
        frames
    };
    let owner: Vec<Option<usize>> = arts.iter().map(|a| frame_of(a, lines, frames)).collect();
    let mut sums: std::collections::BTreeMap<usize, Evidence> = std::collections::BTreeMap::new();
    for (i, f) in owner.iter().enumerate() {
        if let Some(f) = f {
            *sums.entry(*f).or_default() += ev[i];
        }
    }
    for (i, f) in owner.iter().enumerate() {
        if let Some(sum) = f.and_then(|f| sums.get(&f)) {
            if let Some(k) = sum.kind(true) {
                out[i] = Some((k, why(sum, k, "the box it is printed in")));
            }
        }
    }
    ads_spread(arts, &ev, &mut out, &why);
    out
}

/// Most characters of a piece that joins the advertisement next to it on
/// a price or a phone number alone.
const AD_PIECE: usize = 80;

/// Is the page one of signed reports: at least two stories with a
/// byline, and every piece with text that is not next to an advertisement
/// signed? There, unsigned text is not a report.
fn signed_page(arts: &[Article], out: &[Option<(FurnitureKind, String)>]) -> bool {
    let ad = |k: Option<usize>| k.and_then(|k| out.get(k)).is_some_and(|o| matches!(o, Some((FurnitureKind::Ad, _))));
    let mut signed = 0;
    for (i, a) in arts.iter().enumerate() {
        if out[i].is_some() || a.blocks.is_empty() || ad(i.checked_sub(1)) || ad(Some(i + 1)) {
            continue;
        }
        if a.byline.is_none() {
            return false;
        }
        signed += 1;
    }
    signed >= 2
}

/// Pieces next to an advertisement in reading order that hold a price or
/// a phone number are part of it: short ones on any page, unsigned ones
/// of any length on a page of signed reports (an ad's boxes not drawn, or
/// drawn in a way the front end does not see, cut it into pieces: a
/// product's display line, its shop's address and hotline). Swept forwards
/// then backwards, so a run of pieces joins whichever way it leads off.
fn ads_spread(
    arts: &[Article],
    ev: &[Evidence],
    out: &mut [Option<(FurnitureKind, String)>],
    why: &dyn Fn(&Evidence, FurnitureKind, &str) -> String,
) {
    let signed = signed_page(arts, out);
    let is_ad = |o: Option<&Option<(FurnitureKind, String)>>| matches!(o, Some(Some((FurnitureKind::Ad, _))));
    let order: Vec<usize> = (0..arts.len()).chain((0..arts.len()).rev()).collect();
    for i in order {
        let next_to_ad = is_ad(i.checked_sub(1).map(|k| &out[k])) || is_ad(out.get(i + 1));
        let a = &arts[i];
        let unsigned = signed && a.byline.is_none() && a.dateline.is_none();
        if out[i].is_none() && next_to_ad && ev[i].trade >= 1 && (ev[i].chars <= AD_PIECE || unsigned) {
            let whole = if ev[i].chars <= AD_PIECE {
                "a short piece next to an advertisement"
            } else {
                "an unsigned piece next to an advertisement, on a page of signed reports,"
            };
            out[i] = Some((FurnitureKind::Ad, why(&ev[i], FurnitureKind::Ad, whole)));
        }
    }
}

/// Most characters of one block of an advertisement's price list.
const PRICE_CELL: usize = 24;

/// An advertisement printed next to a story, read into it: the story's
/// last blocks are short cells of prices (`市场价：`, `198元/斤`) and the
/// next piece in reading order is an advertisement. The cells go to the
/// page's furniture as an advertisement of their own. Likewise a headline
/// with no text standing between advertisements (a product's name in large
/// type) is part of them.
fn peel_ad_tails(parts: &mut PageParts, verdicts: &mut [Option<(FurnitureKind, String)>]) {
    let ad = |v: Option<&Option<(FurnitureKind, String)>>| matches!(v, Some(Some((FurnitureKind::Ad, _))));
    for i in 0..parts.articles.len() {
        if verdicts[i].is_some() {
            continue;
        }
        let a = &parts.articles[i];
        let after = (i + 1..verdicts.len()).find(|&k| !parts.articles[k].blocks.is_empty() || verdicts[k].is_some());
        let next_ad = after.is_some_and(|k| ad(verdicts.get(k)));
        let prev_ad = i > 0 && ad(verdicts.get(i - 1));
        if a.blocks.is_empty() && a.captions.is_empty() && a.byline.is_none() && prev_ad && (next_ad || after.is_none()) {
            verdicts[i] = Some((FurnitureKind::Ad, "a headline with no text of its own between advertisements".into()));
            continue;
        }
        if !next_ad {
            continue;
        }
        // Runs of short blocks holding a price: at the end of the story, or
        // two or more in its middle (a price list the extractor read into
        // the story's lines).
        let short = |b: &Block| b.text.chars().filter(|c| !c.is_whitespace()).count() <= PRICE_CELL;
        let n = a.blocks.len();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut k = 0;
        while k < n {
            let start = k;
            while k < n && short(&a.blocks[k]) {
                k += 1;
            }
            if k > start {
                let text: Vec<char> = a.blocks[start..k].iter().flat_map(|b| b.text.chars().filter(|c| !c.is_whitespace())).collect();
                if trade_marks(&text) > 0 && (k == n || k - start >= 2) && !(start == 0 && k == n) {
                    runs.push((start, k));
                }
            }
            k += 1;
        }
        if runs.is_empty() {
            continue;
        }
        let a = &mut parts.articles[i];
        let line = a.source.map(|s| s.end);
        for &(start, end) in runs.iter().rev() {
            let peeled: Vec<String> = a.blocks.drain(start..end).map(|b| b.text).collect();
            parts.diagnostics.push(Diagnostic::info(
                "set-apart",
                format!("set apart as ad, not part of the story around it: {} short blocks of prices, next to an advertisement", end - start),
                line,
            ));
            parts.furniture.push(Furniture {
                kind: FurnitureKind::Ad,
                text: peeled.join("\n"),
                line,
                ..Default::default()
            });
        }
    }
}

/// Set apart the articles that are advertisements, notices or tables: each
/// becomes one piece of furniture holding all its text, with an info note.
pub(crate) fn set_apart(parts: &mut PageParts, lines: &[SourceLine], frames: &[Rect]) {
    let mut verdicts = decide(&parts.articles, lines, frames);
    if verdicts.iter().all(Option::is_none) {
        return;
    }
    peel_ad_tails(parts, &mut verdicts);
    let arts = std::mem::take(&mut parts.articles);
    for (a, v) in arts.into_iter().zip(verdicts) {
        match v {
            None => parts.articles.push(a),
            Some((kind, why)) => {
                let line = a.source.map(|s| s.start);
                parts.diagnostics.push(Diagnostic::info(
                    "set-apart",
                    format!("set apart as {kind}, not an article: {why}"),
                    line,
                ));
                parts.furniture.push(Furniture {
                    kind,
                    text: texts(&a).join("\n"),
                    line,
                    ..Default::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn trade_marks_are_prices_phones_and_prompts() {
        assert_eq!(trade_marks(&chars("市场价：1.2元/克直销价：0.4元/克")), 4);
        assert_eq!(trade_marks(&chars("热线电话：18960800706")), 1);
        assert_eq!(trade_marks(&chars("订购热线83770333，扫码关注")), 2);
        // A story's figures are not prices.
        assert_eq!(trade_marks(&chars("2024年4月19日，102座火车站启用")), 0);
    }

    #[test]
    fn case_numbers_are_bracketed_years_then_a_number() {
        assert_eq!(
            case_numbers(&chars("公告（2023）黔2301民初6201号罗登万：")),
            1
        );
        assert_eq!(
            case_numbers(&chars("(2022)黔2301民初14455号与（2023）黔2301执恢980号")),
            2
        );
        assert_eq!(case_numbers(&chars("（2023年）工作要点")), 0);
    }

    #[test]
    fn density_decides_not_a_single_mark() {
        let story = Evidence {
            chars: 800,
            trade: 3,
            paras: 6,
            ..Default::default()
        };
        assert_eq!(story.kind(false), None);
        let ad = Evidence {
            chars: 60,
            trade: 6,
            paras: 2,
            ..Default::default()
        };
        assert_eq!(ad.kind(false), Some(FurnitureKind::Ad));
        // A service brief with a hotline and an address is news.
        let brief = Evidence { chars: 60, trade: 2, paras: 1, ..Default::default() };
        assert_eq!(brief.kind(false), None);
        let table = Evidence {
            chars: 300,
            paras: 30,
            cells: 25,
            ..Default::default()
        };
        assert_eq!(table.kind(false), Some(FurnitureKind::Table));
    }

    #[test]
    fn price_cells_and_product_names_next_to_an_ad_are_the_ads() {
        let story = Article {
            headline: Some("旅行商大会举行".into()),
            blocks: vec![
                Block::paragraph("作为2024年全省文旅经济发展大会重要活动之一，大会在泉州举行。"),
                Block::heading("市场价："),
                Block::paragraph("198元/斤"),
                Block::paragraph("此次活动汇集海内外380多名旅行商代表、文旅行业专家学者、网络大V、文旅达人等，为海丝沿线国家和国内重点旅行商深入交流搭建平台，加快推动福建打造世界知名旅游目的地。"),
            ],
            ..Default::default()
        };
        let ad = Article {
            blocks: vec![Block::paragraph("直销价：80元/斤 直营店地址：某路1号 电话：83770333 扫码下单 2折起")],
            ..Default::default()
        };
        let name = Article { headline: Some("铁皮石斛".into()), ..Default::default() };
        let mut parts = PageParts { articles: vec![story, ad.clone(), name, ad], ..Default::default() };
        set_apart(&mut parts, &[], &[]);
        assert_eq!(parts.articles.len(), 1);
        assert_eq!(parts.articles[0].blocks.len(), 2);
        let ads: Vec<&str> = parts.furniture.iter().map(|f| f.text.as_str()).collect();
        assert!(ads.contains(&"市场价：\n198元/斤"), "{ads:?}");
        assert!(ads.contains(&"铁皮石斛"), "{ads:?}");
    }

    #[test]
    fn unsigned_pieces_next_to_an_ad_on_a_signed_page_are_the_ads() {
        let signed = |h: &str| Article {
            headline: Some(h.into()),
            byline: Some(newsconv_core::Byline { text: "记者 张三".into(), ..Default::default() }),
            blocks: vec![Block::paragraph("记者从市交通部门获悉，新的线路今日开通，市民可拨打热线电话12345咨询。")],
            ..Default::default()
        };
        let ad = Article {
            blocks: vec![Block::paragraph("直销价：80元/斤 直营店地址：某路1号 电话：83770333 扫码下单 2折起")],
            ..Default::default()
        };
        let shop = Article {
            headline: Some("某某参茸馆：某区某街一号店面 热线电话：18960800706".into()),
            blocks: vec![Block::paragraph("可乘19、22、74、102、117路公交车到某站下，也可乘5、55、80路公交车到另一站下，也可乘地铁到某站下D出口出，步行三百米即到。")],
            ..Default::default()
        };
        let parts = |arts: Vec<Article>| {
            let mut p = PageParts { articles: arts, ..Default::default() };
            set_apart(&mut p, &[], &[]);
            p.articles.iter().filter_map(|a| a.headline.clone()).collect::<Vec<_>>()
        };
        // Signed reports: the long unsigned shop piece is the ad's; the
        // signed story with a hotline is not.
        let got = parts(vec![signed("线路开通"), signed("探头新增"), signed("门票全免"), ad.clone(), shop.clone()]);
        assert_eq!(got, ["线路开通", "探头新增", "门票全免"]);
        // A page of unsigned stories: a long piece is judged on its own.
        let mut plain = signed("线路开通");
        plain.byline = None;
        let got = parts(vec![plain.clone(), plain.clone(), plain, ad, shop]);
        assert_eq!(got.len(), 4, "{got:?}");
    }
}
