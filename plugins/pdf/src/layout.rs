//! Page composition: running header, section banners, article heads across
//! the measure, bodies in two balanced columns, page numbers.

use crate::fonts::Face;
use crate::linebreak::{break_lines, G};
use newsconv_core::{Article, BlockKind, Diagnostic, Issue};
use std::collections::{BTreeSet, HashMap};

/// Paper and type sizes.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width (pt).
    pub w: f32,
    /// Page height (pt).
    pub h: f32,
    /// Left margin (pt).
    pub left: f32,
    /// Column width (pt).
    pub col: f32,
    /// Gap between the columns (pt).
    pub gap: f32,
    /// Top of the text area (pt from the top).
    pub top: f32,
    /// Bottom of the text area (pt from the top).
    pub bottom: f32,
    /// Body size (pt).
    pub size: f32,
    /// Body line pitch (pt).
    pub lead: f32,
}

impl Geometry {
    /// Geometry for a paper name (`a4`, `a3`, `letter`).
    pub fn for_paper(name: &str) -> Option<Geometry> {
        let (w, h, size): (f32, f32, f32) = match name.to_ascii_lowercase().as_str() {
            "a4" => (595.28, 841.89, 10.0),
            "a3" => (841.89, 1190.55, 10.5),
            "letter" => (612.0, 792.0, 10.0),
            _ => return None,
        };
        let gap = 1.5 * size;
        let chars = ((w - 2.0 * 44.0 - gap) / 2.0 / size).floor();
        let col = chars * size;
        let left = (w - 2.0 * col - gap) / 2.0;
        Some(Geometry { w, h, left, col, gap, top: 66.0, bottom: h - 54.0, size, lead: (size * 1.45 * 2.0).round() / 2.0 })
    }
    /// Width of the full measure.
    pub fn measure(&self) -> f32 {
        2.0 * self.col + self.gap
    }
}

/// Something drawn on a page. Coordinates are from the top-left corner.
#[derive(Debug, Clone)]
pub enum Draw {
    /// A line of text: glyphs from `x` on `baseline`, with extra spacing
    /// `tc` after every glyph and `sp` after every space.
    Text { x: f32, baseline: f32, glyphs: Vec<G>, tc: f32, sp: f32 },
    /// A straight rule.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
}

/// One output page.
#[derive(Debug, Default)]
pub struct OutPage {
    /// What is drawn.
    pub draws: Vec<Draw>,
}

/// An outline entry: title, page index, y from the top, children.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Shown title.
    pub title: String,
    /// Output page index.
    pub page: usize,
    /// Position from the top of the page.
    pub y: f32,
    /// Nested entries.
    pub kids: Vec<Mark>,
}

/// Text styles.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Body,
    Head,
}

/// A line in a body column.
#[derive(Debug, Clone)]
struct ColLine {
    glyphs: Vec<G>,
    indent: f32,
    natural: f32,
    justify: bool,
    center: bool,
    para_first: bool,
    para_last: bool,
    keep_with_next: bool,
    spacer: bool,
}

impl ColLine {
    fn spacer() -> ColLine {
        ColLine {
            glyphs: Vec::new(),
            indent: 0.0,
            natural: 0.0,
            justify: false,
            center: false,
            para_first: true,
            para_last: true,
            keep_with_next: false,
            spacer: true,
        }
    }
}

/// The composer.
pub struct Composer<'a> {
    g: Geometry,
    faces: &'a [&'a Face],
    /// Role (0 body, 1 headline) of each fallback face after the first two.
    pub fallback_roles: Vec<u8>,
    /// Glyphs used per face.
    pub used: Vec<BTreeSet<u16>>,
    /// Output pages.
    pub pages: Vec<OutPage>,
    /// Outline.
    pub marks: Vec<Mark>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    y: f32,
    header_left: String,
    header_right: String,
    missing_seen: BTreeSet<(char, String)>,
    context: String,
}

/// Characters written as-is by the layout but never drawn (controls).
fn drawable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
}

impl<'a> Composer<'a> {
    /// A composer over these faces (0 = body, 1 = headline, then fallbacks).
    pub fn new(g: Geometry, faces: &'a [&'a Face]) -> Self {
        Composer {
            g,
            faces,
            fallback_roles: Vec::new(),
            used: vec![BTreeSet::new(); faces.len()],
            pages: Vec::new(),
            marks: Vec::new(),
            warnings: Vec::new(),
            y: 0.0,
            header_left: String::new(),
            header_right: String::new(),
            missing_seen: BTreeSet::new(),
            context: String::new(),
        }
    }

    fn resolve(&mut self, c: char, role: Role) -> Option<(u8, u16)> {
        let primary = if role == Role::Head && self.faces.len() > 1 { 1 } else { 0 };
        // The chosen face, then the bundled face of the same role (when a
        // font from the command line replaced it), then the others.
        let n = self.faces.len();
        let same = (2..n).filter(|&i| self.fallback_roles.get(i - 2) == Some(&(primary as u8)));
        let order: Vec<usize> = std::iter::once(primary).chain(same).chain((0..n).filter(|&i| i != primary)).collect();
        for i in order {
            if let Some(gid) = self.faces[i].glyph(c) {
                return Some((i as u8, gid));
            }
        }
        None
    }

    /// Shape a string into glyphs at `size`, warning about characters no face has.
    fn shape(&mut self, s: &str, role: Role, size: f32) -> Vec<G> {
        let mut out = Vec::with_capacity(s.len() / 2);
        for c in s.chars() {
            let c = if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c };
            if !drawable(c) {
                continue;
            }
            let (face, gid, ch) = match self.resolve(c, role) {
                Some((f, gid)) => (f, gid, c),
                None => {
                    let key = (c, self.context.clone());
                    if self.missing_seen.insert(key) {
                        self.warnings.push(Diagnostic::warning(
                            "pdf-missing-glyph",
                            format!(
                                "no font has the character {c} (U+{:04X}) in {}; printed as 〓 (give a font that has it with --font-body)",
                                c as u32, self.context
                            ),
                            None,
                        ));
                    }
                    match self.resolve('〓', role) {
                        Some((f, gid)) => (f, gid, '〓'),
                        None => continue,
                    }
                }
            };
            self.used[face as usize].insert(gid);
            let adv = self.faces[face as usize].advance(gid) * size;
            out.push(G { ch, face, gid, size, adv });
        }
        out
    }

    fn new_page(&mut self) {
        self.pages.push(OutPage::default());
        self.y = self.g.top;
        let n = self.pages.len();
        // Running header and page number.
        let hs = 8.5;
        let base = self.g.top - 24.0;
        if !self.header_left.is_empty() {
            let gl = self.shape(&self.header_left.clone(), Role::Body, hs);
            self.push_text(self.g.left, base, gl, 0.0, 0.0);
        }
        if !self.header_right.is_empty() {
            let gr = self.shape(&self.header_right.clone(), Role::Body, hs);
            let w: f32 = gr.iter().map(|g| g.adv).sum();
            self.push_text(self.g.left + self.g.measure() - w, base, gr, 0.0, 0.0);
        }
        let ry = self.g.top - 18.0;
        self.rule(self.g.left, ry, self.g.left + self.g.measure(), ry, 0.5);
        let num = format!("— {n} —");
        let gn = self.shape(&num, Role::Body, 9.0);
        let w: f32 = gn.iter().map(|g| g.adv).sum();
        let nb = self.g.bottom + 30.0;
        self.push_text((self.g.w - w) / 2.0, nb, gn, 0.0, 0.0);
    }

    fn cur(&mut self) -> &mut OutPage {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().unwrap()
    }

    fn push_text(&mut self, x: f32, baseline: f32, glyphs: Vec<G>, tc: f32, sp: f32) {
        if glyphs.is_empty() {
            return;
        }
        self.cur().draws.push(Draw::Text { x, baseline, glyphs, tc, sp });
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.cur().draws.push(Draw::Rule { x1, y1, x2, y2, width });
    }

    fn page_is_empty(&self) -> bool {
        (self.y - self.g.top).abs() < 0.01
    }

    /// Lines of a centred/left display text across `measure`, each `lead` high.
    fn display(&mut self, s: &str, role: Role, size: f32, lead: f32, center: bool) -> Vec<(Vec<G>, f32, f32)> {
        let gs = self.shape(s, role, size);
        let measure = self.g.measure();
        let lines = break_lines(&gs, 0.0, measure);
        lines
            .iter()
            .map(|l| {
                let x = if center { (measure - l.natural).max(0.0) / 2.0 } else { 0.0 };
                (gs[l.start..l.end].to_vec(), x, lead)
            })
            .collect()
    }

    fn place_display(&mut self, lines: Vec<(Vec<G>, f32, f32)>) {
        for (gs, x, lead) in lines {
            let size = gs.first().map(|g| g.size).unwrap_or(self.g.size);
            let base = self.y + (lead - size) / 2.0 + 0.88 * size;
            self.push_text(self.g.left + x, base, gs, 0.0, 0.0);
            self.y += lead;
        }
    }

    /// Compose the issue.
    pub fn issue(&mut self, issue: &Issue) {
        let mut left = Vec::new();
        if let Some(t) = issue.title.as_deref().filter(|t| !t.trim().is_empty()) {
            left.push(t.trim().to_string());
        }
        if let Some(d) = issue.date.as_deref().and_then(chinese_date) {
            left.push(d);
        }
        if let Some(e) = issue.edition.as_deref().filter(|t| !t.trim().is_empty()) {
            left.push(e.trim().to_string());
        }
        self.header_left = left.join(" · ");

        // Continuations read whole: the part on a later page is appended to
        // the part it continues, with a note where the print jumped.
        let by_id: HashMap<&str, &Article> =
            issue.articles().filter(|(_, a)| !a.id.is_empty()).map(|(_, a)| (a.id.as_str(), a)).collect();
        let mut consumed: BTreeSet<&str> = BTreeSet::new();
        for (_, a) in issue.articles() {
            let mut cur = a;
            let mut guard = 0;
            while let Some(next) = cur.continued_to.as_ref().and_then(|j| j.article.as_deref()).and_then(|id| by_id.get(id)) {
                if next.id == a.id || guard > 20 || !consumed.insert(next.id.as_str()) {
                    break;
                }
                cur = next;
                guard += 1;
            }
        }

        for (pi, page) in issue.pages.iter().enumerate() {
            let label = page_label(page.number, page.label.as_deref(), page.section.as_deref());
            self.header_right = label.clone();
            let _ = pi;
            self.new_page();
            // Section banner.
            let mark_y = self.y;
            self.context = format!("page {} banner", page.number);
            let banner = self.display(&label, Role::Head, 15.0, 22.0, false);
            self.place_display(banner);
            self.y += 3.0;
            let y = self.y;
            self.rule(self.g.left, y, self.g.left + self.g.measure(), y, 1.4);
            self.y += 10.0;
            let mut page_mark = Mark { title: label.clone(), page: self.pages.len() - 1, y: mark_y, kids: Vec::new() };

            let mut first = true;
            for a in &page.articles {
                if !a.id.is_empty() && consumed.contains(a.id.as_str()) {
                    continue;
                }
                if !first {
                    self.separator();
                }
                first = false;
                let mut parts = vec![a];
                let mut cur = a;
                while let Some(next) = cur.continued_to.as_ref().and_then(|j| j.article.as_deref()).and_then(|id| by_id.get(id)) {
                    if parts.len() > 20 || parts.iter().any(|p| p.id == next.id) {
                        break;
                    }
                    parts.push(next);
                    cur = next;
                }
                if let Some(m) = self.article(&parts, issue) {
                    page_mark.kids.push(m);
                }
            }
            if !page.unassigned.is_empty() {
                if !first {
                    self.separator();
                }
                self.context = format!("page {} (unplaced text)", page.number);
                let mut lines = Vec::new();
                for u in &page.unassigned {
                    self.paragraph(&mut lines, None, &u.text, Role::Body, self.g.size * 0.9);
                }
                self.flow(lines);
            }
            self.marks.push(page_mark);
        }
        if self.pages.is_empty() {
            self.new_page();
        }
    }

    fn separator(&mut self) {
        if self.page_is_empty() {
            return;
        }
        if self.y + 3.0 * self.g.lead > self.g.bottom {
            self.new_page();
            return;
        }
        self.y += 0.5 * self.g.lead;
        let y = self.y;
        self.rule(self.g.left, y, self.g.left + self.g.measure(), y, 0.6);
        self.y += 0.6 * self.g.lead;
    }

    /// Break a paragraph into column lines, with an optional bold lead-in.
    fn paragraph(&mut self, out: &mut Vec<ColLine>, lead_in: Option<&str>, text: &str, role: Role, size: f32) {
        let mut gs = Vec::new();
        if let Some(l) = lead_in {
            gs = self.shape(l, Role::Head, size);
            gs.extend(self.shape("\u{3000}", Role::Body, size));
        }
        gs.extend(self.shape(text.trim(), role, size));
        if gs.is_empty() {
            return;
        }
        let lines = break_lines(&gs, 2.0 * size, self.g.col);
        let n = lines.len();
        for (i, l) in lines.iter().enumerate() {
            out.push(ColLine {
                glyphs: gs[l.start..l.end].to_vec(),
                indent: l.indent,
                natural: l.natural,
                justify: !l.last,
                center: false,
                para_first: i == 0,
                para_last: i + 1 == n,
                keep_with_next: false,
                spacer: false,
            });
        }
    }

    /// Short lines (headings, notes, captions): not justified, kept with what follows.
    fn short(&mut self, out: &mut Vec<ColLine>, text: &str, role: Role, size: f32, center: bool, keep: bool) {
        let gs = self.shape(text.trim(), role, size);
        if gs.is_empty() {
            return;
        }
        let lines = break_lines(&gs, 0.0, self.g.col);
        let n = lines.len();
        for (i, l) in lines.iter().enumerate() {
            out.push(ColLine {
                glyphs: gs[l.start..l.end].to_vec(),
                indent: if center { ((self.g.col - l.natural) / 2.0).max(0.0) } else { 0.0 },
                natural: l.natural,
                justify: false,
                center,
                para_first: i == 0,
                para_last: i + 1 == n,
                keep_with_next: keep,
                spacer: false,
            });
        }
    }

    /// Compose one article (with its continuations); returns its outline entry.
    fn article(&mut self, parts: &[&Article], issue: &Issue) -> Option<Mark> {
        let a = parts[0];
        let (title, _) = a.title();
        self.context = format!("article {} “{}”", if a.id.is_empty() { "?" } else { &a.id }, title);
        let s = self.g.size;
        let mut head: Vec<(Vec<G>, f32, f32)> = Vec::new();
        if let Some(c) = a.column.as_deref().filter(|t| !t.trim().is_empty()) {
            head.extend(self.display(&format!("【{}】", c.trim()), Role::Head, s, s * 1.8, false));
        }
        if let Some(k) = a.kicker.as_deref().filter(|t| !t.trim().is_empty()) {
            head.extend(self.display(k.trim(), Role::Body, s * 1.15, s * 1.9, true));
        }
        if let Some(h) = a.headline.as_deref().filter(|t| !t.trim().is_empty()) {
            let hs = if h.chars().count() > 30 { s * 1.7 } else { s * 2.1 };
            head.extend(self.display(h.trim(), Role::Head, hs, hs * 1.35, true));
        }
        if let Some(sh) = a.subheadline.as_deref().filter(|t| !t.trim().is_empty()) {
            head.extend(self.display(sh.trim(), Role::Body, s * 1.3, s * 2.0, true));
        }
        if let Some(b) = a.byline.as_ref().filter(|b| !b.text.trim().is_empty()) {
            if b.position.as_deref() != Some("after_body") {
                head.extend(self.display(b.text.trim(), Role::Body, s * 0.95, s * 1.9, true));
            }
        }
        // Body lines.
        let mut lines: Vec<ColLine> = Vec::new();
        if let Some(j) = a.continued_from.as_ref() {
            let note = match (&j.label, j.page) {
                (Some(l), _) => l.clone(),
                (None, Some(p)) => format!("（上接第{}版）", page_name(issue, p)),
                _ => "（上接）".to_string(),
            };
            self.short(&mut lines, &note, Role::Head, s * 0.9, false, true);
        }
        for (pi, part) in parts.iter().enumerate() {
            if pi > 0 {
                let from = issue.pages.iter().find(|p| p.articles.iter().any(|x| x.id == part.id)).map(|p| p.number);
                let note = match from {
                    Some(n) => format!("（以下原载第{}版）", page_name(issue, n)),
                    None => "（以下为转版部分）".to_string(),
                };
                self.short(&mut lines, &note, Role::Head, s * 0.9, false, true);
            }
            let mut dateline = part.dateline.as_deref().filter(|d| !d.trim().is_empty());
            let mut blocks = part.blocks.iter().peekable();
            let mut any = false;
            while let Some(b) = blocks.next() {
                match b.kind {
                    BlockKind::Paragraph | BlockKind::Note => {
                        self.paragraph(&mut lines, dateline.take(), &b.text, Role::Body, s);
                        any = true;
                    }
                    BlockKind::Heading => {
                        if any {
                            lines.push(ColLine::spacer());
                        }
                        self.short(&mut lines, &b.text, Role::Head, s, true, true);
                    }
                }
            }
            if let Some(d) = dateline {
                self.short(&mut lines, d, Role::Head, s, false, false);
            }
            if let Some(b) = part.byline.as_ref().filter(|b| b.position.as_deref() == Some("after_body") && !b.text.trim().is_empty()) {
                self.short(&mut lines, &format!("（{}）", b.text.trim()), Role::Body, s, false, false);
            }
            for c in &part.captions {
                lines.push(ColLine::spacer());
                let mut t = format!("〔图〕{}", c.text.trim());
                if let Some(cr) = c.credit.as_deref().filter(|x| !x.trim().is_empty()) {
                    t.push(' ');
                    t.push_str(cr.trim());
                }
                let mut cl = Vec::new();
                self.paragraph(&mut cl, None, &t, Role::Head, s * 0.85);
                for mut l in cl {
                    l.indent = 0.0;
                    l.justify = false;
                    lines.push(l);
                }
            }
        }
        let last = parts.last().unwrap();
        if let Some(j) = last.continued_to.as_ref() {
            if j.article.is_none() || parts.len() == 1 {
                let note = match (&j.label, j.page) {
                    (Some(l), _) => l.clone(),
                    (None, Some(p)) => format!("（下转第{}版）", page_name(issue, p)),
                    _ => "（下转）".to_string(),
                };
                self.short(&mut lines, &note, Role::Head, s * 0.9, false, false);
            }
        }

        // Keep the head with at least three body lines.
        let head_h: f32 = head.iter().map(|l| l.2).sum::<f32>() + if head.is_empty() { 0.0 } else { 0.4 * self.g.lead };
        let need = head_h + (lines.len().min(3) as f32) * self.g.lead;
        if self.y + need > self.g.bottom && !self.page_is_empty() {
            self.new_page();
        }
        let mark = Mark { title, page: self.pages.len() - 1, y: self.y, kids: Vec::new() };
        self.place_display(head);
        if mark.y != self.y {
            self.y += 0.4 * self.g.lead;
        }
        self.flow(lines);
        Some(mark)
    }

    /// Flow body lines into two columns from the current position, across
    /// pages; the last part is balanced.
    fn flow(&mut self, lines: Vec<ColLine>) {
        let mut rest: &[ColLine] = &lines;
        let lead = self.g.lead;
        while !rest.is_empty() {
            rest = skip_spacers(rest);
            if rest.is_empty() {
                break;
            }
            let cap = ((self.g.bottom - self.y) / lead + 0.001).floor() as usize;
            if cap < 2 {
                self.new_page();
                continue;
            }
            let n = rest.len();
            if n == 1 {
                self.column(&rest[..1], 0);
                self.y += lead;
                break;
            }
            if n <= 2 * cap {
                let half = n.div_ceil(2);
                let lo = n.saturating_sub(cap).max(1);
                let hi = cap.min(n - 1);
                let mut cands: Vec<usize> = (lo..=half.min(hi)).rev().collect();
                cands.extend((half + 1)..=hi);
                let k = cands.iter().copied().find(|&k| good_split(rest, k)).unwrap_or(half.clamp(lo, hi.max(lo)));
                if n - k <= cap && k <= cap {
                    let (c1, c2) = rest.split_at(k);
                    let c2 = skip_spacers(c2);
                    self.column(c1, 0);
                    self.column(c2, 1);
                    self.y += (c1.len().max(c2.len())) as f32 * lead;
                    break;
                }
            }
            // Fill both columns and continue on the next page.
            let k1 = best_fill(rest, cap);
            let (c1, r) = rest.split_at(k1);
            self.column(c1, 0);
            let r = skip_spacers(r);
            let k2 = best_fill(r, cap);
            let (c2, r2) = r.split_at(k2);
            self.column(c2, 1);
            rest = r2;
            if !skip_spacers(rest).is_empty() {
                self.new_page();
            } else {
                self.y += cap as f32 * lead;
            }
        }
    }

    fn column(&mut self, lines: &[ColLine], col: usize) {
        let x0 = self.g.left + col as f32 * (self.g.col + self.g.gap);
        let mut y = self.y;
        for l in lines {
            if !l.spacer {
                let size = l.glyphs.first().map(|g| g.size).unwrap_or(self.g.size);
                let base = y + (self.g.lead - size) / 2.0 + 0.88 * size;
                let avail = self.g.col - l.indent;
                let (tc, sp) = justify(l, avail);
                self.push_text(x0 + l.indent, base, l.glyphs.clone(), tc, sp);
            }
            y += self.g.lead;
        }
    }
}

/// Character and space stretch that fill `avail` (a little squeeze allowed).
fn justify(l: &ColLine, avail: f32) -> (f32, f32) {
    let n = l.glyphs.len();
    if n < 2 {
        return (0.0, 0.0);
    }
    let extra = avail - l.natural;
    if extra < 0.0 {
        return (extra / (n - 1) as f32, 0.0);
    }
    if !l.justify || l.center {
        return (0.0, 0.0);
    }
    let size = l.glyphs[0].size;
    // pdftotext reads a gap of 0.1 em or more as a word space: stay well
    // below between characters; spaces may widen up to half an em. What is
    // left (rare: a long unbreakable word follows) stays ragged.
    let tc = (extra / (n - 1) as f32).min(0.07 * size);
    let rest = extra - tc * (n - 1) as f32;
    let spaces = l.glyphs.iter().filter(|g| g.ch == ' ').count();
    let sp = if spaces > 0 && rest > 0.01 { (rest / spaces as f32).min(0.5 * size) } else { 0.0 };
    (tc, sp)
}

fn skip_spacers(mut l: &[ColLine]) -> &[ColLine] {
    while l.first().is_some_and(|x| x.spacer) {
        l = &l[1..];
    }
    l
}

/// Does splitting before line `k` avoid a widow at the top of the next
/// column and a heading stranded at the bottom of this one?
fn good_split(lines: &[ColLine], k: usize) -> bool {
    if k == 0 || k > lines.len() {
        return false;
    }
    if k == lines.len() {
        return true;
    }
    let prev = &lines[k - 1];
    if prev.keep_with_next || prev.spacer {
        return false;
    }
    let next = skip_spacers(&lines[k..]);
    match next.first() {
        Some(n) => !(n.para_last && !n.para_first),
        None => true,
    }
}

/// How many lines to put in a column of `cap` lines.
fn best_fill(lines: &[ColLine], cap: usize) -> usize {
    if lines.len() <= cap {
        return lines.len();
    }
    for k in (cap.saturating_sub(3).max(1)..=cap).rev() {
        if good_split(lines, k) {
            return k;
        }
    }
    cap
}

/// `2024-06-25` → `2024年6月25日`.
pub fn chinese_date(d: &str) -> Option<String> {
    let mut it = d.trim().split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let dd: u32 = it.next()?.parse().ok()?;
    Some(format!("{y}年{m}月{dd}日"))
}

fn page_label(number: u32, label: Option<&str>, section: Option<&str>) -> String {
    let mut s = match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) if l.starts_with('第') => l.to_string(),
        Some(l) => format!("{l}版"),
        None => format!("第{number}版"),
    };
    if let Some(sec) = section.map(str::trim).filter(|l| !l.is_empty()) {
        s.push_str(" · ");
        s.push_str(sec);
    }
    s
}

fn page_name(issue: &Issue, number: u32) -> String {
    issue
        .pages
        .iter()
        .find(|p| p.number == number)
        .and_then(|p| p.label.as_deref())
        .map(|l| l.trim_start_matches('第').trim_end_matches('版').to_string())
        .unwrap_or_else(|| number.to_string())
}
