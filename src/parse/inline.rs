//! Pass 4, inline clean-up: character classes, display widths, joining
//! wrapped lines, and undoing the spaces a PDF text extractor inserts
//! (letter spacing, spaces between CJK and digits).

/// True for CJK ideographs (and the compatibility / extension blocks).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// True when the text is one CJK ideograph (one character of a
/// letter-spaced name, say).
pub fn one_han(t: &str) -> bool {
    let mut cs = t.chars();
    cs.next().is_some_and(is_han) && cs.next().is_none()
}

/// True for CJK and full-width punctuation and symbols (、。「」（）“” etc.).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x2014..=0x201F | 0x2026 | 0x00B7 | 0x25A0..=0x25FF | 0x2605 | 0x2606)
}

/// True for characters that are typeset full width in CJK text.
pub fn is_wide(c: char) -> bool {
    is_han(c)
        || is_cjk_punct(c)
        || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF | 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Exactly `char::is_whitespace` (the Unicode White_Space property; a unit
/// test compares every character), with the common cases decided first:
/// the standard one looks non-ASCII characters up in a table, and the
/// parser asks this of every character of every line, most of them CJK.
#[inline]
pub fn is_space(c: char) -> bool {
    match c as u32 {
        0x20 | 0x09..=0x0d => true,
        0..=0x7f => false,
        0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000 => true,
        _ => false,
    }
}

/// Display width: 2 for full-width characters, 1 otherwise (spaces count 1).
pub fn width(s: &str) -> u32 {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// Closing quotes and brackets that may follow a sentence end.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"' | '\'' | '】'
    )
}

/// Opening quotes and brackets: a print squeezes them against the glyph
/// before them, where an extractor may break the line.
pub fn is_opener(c: char) -> bool {
    matches!(c, '“' | '‘' | '《' | '「' | '『' | '（' | '〔' | '【')
}

/// Characters that may not start a line in Chinese typesetting (closing
/// brackets and quotes, sentence and clause punctuation): a line that starts
/// with one continues the line before it.
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '】'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '〕'
            | '〉'
    )
}

/// True when the text ends a sentence: 。！？… (possibly followed by closing
/// quotes or brackets), or a Latin full stop.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    let mut it = t.chars().rev().skip_while(|&c| is_closer(c));
    matches!(
        it.next(),
        Some('。' | '！' | '？' | '…' | '!' | '?' | '．' | '.')
    )
}

/// True when the text ends with punctuation that continues a sentence (，、；：).
pub fn ends_continuing(s: &str) -> bool {
    matches!(
        s.trim_end().chars().last(),
        Some('，' | '、' | '；' | '：' | ',' | ';' | ':' | '—' | '（' | '“' | '《')
    )
}

/// True when `s` holds sentence punctuation somewhere before its end.
pub fn has_inner_punct(s: &str) -> bool {
    // Every character but the last, without counting them first.
    let mut it = s.trim_end().chars();
    it.next_back();
    it.any(|c| matches!(c, '，' | '。' | '；' | '！' | '？' | ','))
}

/// Join two wrapped lines of one paragraph: CJK with nothing between, Latin
/// words with one space, a word hyphenated across the break rejoined.
pub fn join_into(acc: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let last = acc.chars().last();
    let first = next.chars().next();
    if let (Some(l), Some(f)) = (last, first) {
        if l == '-'
            && f.is_ascii_lowercase()
            && acc
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_alphabetic())
        {
            acc.pop();
        } else if (l.is_ascii_alphanumeric() || matches!(l, ',' | '.' | ';' | ':' | '!' | '?'))
            && f.is_ascii_alphanumeric()
        {
            acc.push(' ');
        }
    }
    acc.push_str(next);
}

fn side_cjk(c: char) -> bool {
    is_wide(c)
}

/// True when a space between `p` and `n` is the extractor's, not the
/// print's: between CJK characters, or between CJK and digits, CJK
/// punctuation or `%.,()`.
fn extractor_space(p: char, n: char) -> bool {
    let (pc, nc) = (side_cjk(p), side_cjk(n));
    (pc && nc)
        || (pc && (n.is_ascii_digit() || is_cjk_punct(p)))
        || (nc && (p.is_ascii_digit() || is_cjk_punct(n)))
        || (pc && matches!(n, '%' | '.' | ','))
        || (nc && matches!(p, '%' | '(' | ')'))
}

/// Remove the spaces an extractor puts between CJK characters (letter
/// spacing) and between CJK and digits (`10 月 16 日` → `10月16日`), and
/// collapse runs of spaces. A space between a Latin word and CJK text
/// (`ERP 系统`) is kept: the print usually has one.
pub fn clean_spaces(s: &str) -> String {
    // One pass over the characters, no intermediate buffer: `prev` is the
    // last character written, `it.peek()` the one after a run of spaces.
    let t = s.trim();
    // Up to the first space the text is copied as it is (most lines have none).
    let Some(first_space) = t.find(is_space) else {
        return t.to_string();
    };
    let mut out = String::with_capacity(t.len());
    out.push_str(&t[..first_space]);
    let mut prev: Option<char> = out.chars().next_back();
    let mut it = t[first_space..].chars().peekable();
    while let Some(c) = it.next() {
        if is_space(c) {
            while it.next_if(|&c| is_space(c)).is_some() {}
            let next = it.peek().copied();
            let drop = match (prev, next) {
                (Some(p), Some(n)) => extractor_space(p, n),
                _ => true,
            };
            if !drop {
                out.push(' ');
                prev = Some(' ');
            }
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Clean a title line: undo letter spacing (`肖 培`, `深 入 推 进`) when
/// most gaps separate single characters, and otherwise keep a visual gap as
/// one space.
pub fn clean_title(s: &str) -> String {
    let toks: Vec<&str> = s.split_whitespace().collect();
    if toks.len() >= 3
        && toks.iter().filter(|t| t.chars().count() == 1).count() * 3 >= toks.len() * 2
    {
        return clean_spaces(s);
    }
    let mut out = String::new();
    for t in toks {
        if !out.is_empty() {
            let l = out.chars().last().unwrap();
            let f = t.chars().next().unwrap();
            // Digits and Latin letters beside CJK were spaced by the extractor.
            let glue = (is_han(l) && f.is_ascii_alphanumeric())
                || (l.is_ascii_alphanumeric() && is_han(f))
                || is_cjk_punct(l)
                || is_cjk_punct(f);
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(t);
    }
    out
}

/// Character bigrams of the CJK letters of `s` (punctuation and spaces
/// skipped), for similarity between a headline and body text.
pub fn han_bigrams(s: &str) -> Vec<(char, char)> {
    let mut v: Vec<(char, char)> = Vec::with_capacity(s.len() / 3);
    v.extend(bigrams(s));
    // Sorted as one integer: the same order as the pairs, cheaper to compare.
    v.sort_unstable_by_key(|&(a, b)| (a as u64) << 32 | b as u64);
    v.dedup();
    v
}

/// The bigrams of [`han_bigrams`] in text order, repeats included (for sets).
pub fn bigrams(s: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut prev: Option<char> = None;
    s.chars()
        .filter(|&c| is_han(c) || c.is_ascii_alphanumeric())
        .filter_map(move |c| prev.replace(c).map(|p| (p, c)))
}

/// A set of bigrams hashed with [`PairHasher`].
pub type BigramSet =
    std::collections::HashSet<(char, char), std::hash::BuildHasherDefault<PairHasher>>;

/// A map keyed by bigram, hashed with [`PairHasher`].
pub type BigramMap<V> =
    std::collections::HashMap<(char, char), V, std::hash::BuildHasherDefault<PairHasher>>;

/// A fast hasher for the small keys of the parser (character pairs): the
/// standard SipHash was a fifth of the parse time. Not DoS-resistant, which
/// does not matter for sets that are only looked up (never iterated, so the
/// results do not depend on the hash).
#[derive(Default, Clone, Copy)]
pub struct PairHasher(u64);

impl std::hash::Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(b as u32);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        // Fold the high bits down: hashbrown takes the bucket from the low bits.
        let m = (self.0 as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (m as u64) ^ ((m >> 64) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces() {
        assert_eq!(clean_spaces("10 月 16 日"), "10月16日");
        assert_eq!(clean_spaces("近 年 来 ，清 水"), "近年来，清水");
        assert_eq!(clean_spaces("ERP 系统"), "ERP 系统");
        assert_eq!(
            clean_title("送教下基层 赋能新发展"),
            "送教下基层 赋能新发展"
        );
        assert_eq!(clean_title("深 入 推 进“ 一"), "深入推进“一");
    }

    #[test]
    fn joins() {
        let mut s = String::from("inter-");
        join_into(&mut s, "national law");
        assert_eq!(s, "international law");
        let mut s = String::from("the");
        join_into(&mut s, "end");
        assert_eq!(s, "the end");
        let mut s = String::from("中国");
        join_into(&mut s, "中亚");
        assert_eq!(s, "中国中亚");
    }

    #[test]
    fn is_space_is_is_whitespace() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fast_paths_agree_with_the_plain_versions() {
        // The plain versions these replaced (kept here as the reference).
        fn clean_spaces_ref(s: &str) -> String {
            let chars: Vec<char> = s.trim().chars().collect();
            let mut out = String::new();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                if c.is_whitespace() {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_whitespace() {
                        j += 1;
                    }
                    let drop = match (out.chars().last(), chars.get(j).copied()) {
                        (Some(p), Some(n)) => extractor_space(p, n),
                        _ => true,
                    };
                    if !drop {
                        out.push(' ');
                    }
                    i = j;
                    continue;
                }
                out.push(c);
                i += 1;
            }
            out
        }
        fn han_bigrams_ref(s: &str) -> Vec<(char, char)> {
            let c: Vec<char> = s
                .chars()
                .filter(|&c| is_han(c) || c.is_ascii_alphanumeric())
                .collect();
            let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
            v.sort_unstable();
            v.dedup();
            v
        }
        fn has_inner_punct_ref(s: &str) -> bool {
            let t = s.trim_end();
            let n = t.chars().count();
            t.chars()
                .take(n.saturating_sub(1))
                .any(|c| matches!(c, '，' | '。' | '；' | '！' | '？' | ','))
        }
        let samples = [
            "",
            " ",
            "　",
            "，",
            "a，",
            "10 月 16 日",
            " 近 年 来 ，清 水 ",
            "ERP 系统 % ( 1 ) 。 ,",
            "深 入 推 进“ 一\u{3000}\u{3000}二 a b  c\t𠀀 𠀁 x",
            "本报讯（宿津齐）近年来，大安市 2024 年 4 月 19 日。",
            "the end. of it ，and 中国 中亚 ab12 12ab",
        ];
        for s in samples {
            assert_eq!(clean_spaces(s), clean_spaces_ref(s), "{s:?}");
            assert_eq!(han_bigrams(s), han_bigrams_ref(s), "{s:?}");
            assert_eq!(has_inner_punct(s), has_inner_punct_ref(s), "{s:?}");
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("的村民就业。"));
        assert!(ends_sentence("“加速键”。"));
        assert!(ends_sentence("合作下去。”"));
        assert!(!ends_sentence("优质资源“沉"));
        assert!(!ends_sentence("下去”"));
    }
}
