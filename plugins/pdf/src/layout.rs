//! Page composition: running header, section banners, article heads across
//! the measure, bodies in two balanced columns, page numbers.

use crate::fonts::Face;
use crate::linebreak::{break_lines, G};
use newsconv_core::{Article, BlockKind, Diagnostic, Issue};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

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
    /// A spacer with a rule across the column (between stories run on in
    /// one flow, see [`Composer::issue`]).
    rule: bool,
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
            rule: false,
        }
    }

    /// A spacer with a rule across the column.
    fn rule() -> ColLine {
        ColLine { rule: true, ..ColLine::spacer() }
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

/// Body lines not yet set: the last flow of a page, which text with no head
/// of its own runs on in. `marks`: the first line of each story run on, with
/// the index of its outline entry among the page's.
#[derive(Default)]
struct Pending {
    lines: Vec<ColLine>,
    marks: Vec<(usize, usize)>,
}

impl Pending {
    /// Whether `lines` can run on here: there is text to run on after, and
    /// `lines` have text.
    fn takes(&self, lines: &[ColLine]) -> bool {
        self.lines.iter().any(|l| !l.spacer) && lines.iter().any(|l| !l.spacer)
    }

    /// Run `lines` on after a rule; `mark`: the story's outline entry index.
    fn run_on(&mut self, lines: Vec<ColLine>, mark: Option<usize>) {
        self.lines.push(ColLine::rule());
        if let Some(k) = mark {
            self.marks.push((self.lines.len(), k));
        }
        self.lines.extend(lines);
    }
}

/// Characters written as-is by the layout but never drawn (controls).
fn drawable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
}

impl<'a> Composer<'a> {
    /// A composer over these faces (0 = body, 1 = headline, then fallbacks).
    pub fn new(mut g: Geometry, faces: &'a [&'a Face]) -> Self {
        // Lines of body size must not overlap as a text extractor measures
        // them (ascender to descender): where a Hei line overlapped the Song
        // line below it (A3: 15.2 pt high on a 15 pt pitch), pdftotext took
        // the two for neighbours side by side and read them right to left.
        let tallest = faces.iter().map(|f| f.height).fold(0.0f32, f32::max);
        g.lead = g.lead.max(((tallest * g.size + 0.01) * 2.0).ceil() / 2.0);
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
                let x = if center { clear_gutter(&self.g, (measure - l.natural).max(0.0) / 2.0, l.natural) } else { 0.0 };
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
        if let Some(d) = issue.date {
            left.push(d.chinese());
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

            // The last flow of body lines is set only when the next head
            // comes (or the page ends): text with no head of its own runs on
            // in its columns, after a rule across the column. Set as a band
            // of its own right under another band, with no head across the
            // gutter between them, it made a grid with it that pdftotext
            // read as a table, row by row (the two blocks beside each other
            // at the top of the upper band, then the two tops of the lower
            // band, and only then the rest of the upper band's second
            // column: rmrb 2018-01-05 p7, whose stories the parser left
            // untitled).
            let mut pending = Pending::default();
            let mut first = true;
            for a in &page.articles {
                if !a.id.is_empty() && consumed.contains(a.id.as_str()) {
                    continue;
                }
                let mut parts = vec![a];
                let mut cur = a;
                while let Some(next) = cur.continued_to.as_ref().and_then(|j| j.article.as_deref()).and_then(|id| by_id.get(id)) {
                    if parts.len() > 20 || parts.iter().any(|p| p.id == next.id) {
                        break;
                    }
                    parts.push(next);
                    cur = next;
                }
                let (head, lines, title) = self.article(&parts, issue);
                if head.is_empty() && pending.takes(&lines) {
                    pending.run_on(lines, Some(page_mark.kids.len()));
                    page_mark.kids.push(Mark { title, page: self.pages.len() - 1, y: self.y, kids: Vec::new() });
                    continue;
                }
                self.set_pending(&mut pending, &mut page_mark.kids);
                if !first {
                    self.separator();
                }
                first = false;
                page_mark.kids.push(self.place_head(head, title, lines.len()));
                pending.lines = lines;
            }
            if !page.unassigned.is_empty() {
                self.context = format!("page {} (unplaced text)", page.number);
                let mut lines = Vec::new();
                for u in &page.unassigned {
                    self.paragraph(&mut lines, None, &u.text, Role::Body, self.g.size * 0.9);
                }
                if pending.takes(&lines) {
                    pending.run_on(lines, None);
                } else {
                    self.set_pending(&mut pending, &mut page_mark.kids);
                    if !first {
                        self.separator();
                    }
                    pending.lines = lines;
                }
            }
            self.set_pending(&mut pending, &mut page_mark.kids);
            self.marks.push(page_mark);
        }
        if self.pages.is_empty() {
            self.new_page();
        }
    }

    /// Set the pending flow and place the outline entries of the stories
    /// run on in it.
    fn set_pending(&mut self, pending: &mut Pending, kids: &mut [Mark]) {
        let p = std::mem::take(pending);
        let want: Vec<usize> = p.marks.iter().map(|m| m.0).collect();
        let at = self.flow(p.lines, &want);
        for ((_, k), (page, y)) in p.marks.iter().zip(at) {
            kids[*k].page = page;
            kids[*k].y = y;
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
                rule: false,
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
                rule: false,
            });
        }
    }

    /// Compose one article (with its continuations): its head lines (across
    /// the measure), its body lines (for the columns) and its outline title.
    #[allow(clippy::type_complexity)]
    fn article(&mut self, parts: &[&Article], issue: &Issue) -> (Vec<(Vec<G>, f32, f32)>, Vec<ColLine>, String) {
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
            if !b.after_body() {
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
            if let Some(b) = part.byline.as_ref().filter(|b| b.after_body() && !b.text.trim().is_empty()) {
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

        (head, lines, title)
    }

    /// Place an article's head, kept with at least three of its `n` body
    /// lines; returns its outline entry.
    fn place_head(&mut self, head: Vec<(Vec<G>, f32, f32)>, title: String, n: usize) -> Mark {
        let head_h: f32 = head.iter().map(|l| l.2).sum::<f32>() + if head.is_empty() { 0.0 } else { 0.4 * self.g.lead };
        let need = head_h + (n.min(3) as f32) * self.g.lead;
        if self.y + need > self.g.bottom && !self.page_is_empty() {
            self.new_page();
        }
        let mark = Mark { title, page: self.pages.len() - 1, y: self.y, kids: Vec::new() };
        self.place_display(head);
        if mark.y != self.y {
            self.y += 0.4 * self.g.lead;
        }
        mark
    }

    /// Flow body lines into two columns from the current position, across
    /// pages; the last part is balanced (see [`plan`]). Returns where the
    /// lines `want` (or the first line set after each) went: output page
    /// and top of its row.
    fn flow(&mut self, lines: Vec<ColLine>, want: &[usize]) -> Vec<(usize, f32)> {
        let lead = self.g.lead;
        let cap = ((self.g.bottom - self.y) / lead + 0.001).floor().max(0.0) as usize;
        let page_cap = ((self.g.bottom - self.g.top) / lead + 0.001).floor().max(0.0) as usize;
        let mut at = vec![(self.pages.len().saturating_sub(1), self.y); want.len()];
        for band in plan(&lines, cap, page_cap) {
            if band.new_page {
                self.new_page();
            }
            for (k, &w) in want.iter().enumerate() {
                let w = skip(&lines, w);
                for c in [&band.c1, &band.c2] {
                    if c.contains(&w) {
                        at[k] = (self.pages.len() - 1, self.y + (w - c.start) as f32 * lead);
                    }
                }
            }
            self.column(&lines[band.c1.clone()], 0);
            self.column(&lines[band.c2.clone()], 1);
            self.y += band.height as f32 * lead;
        }
        at
    }

    fn column(&mut self, lines: &[ColLine], col: usize) {
        let x0 = self.g.left + col as f32 * (self.g.col + self.g.gap);
        let mut y = self.y;
        for l in lines {
            if l.rule {
                let ry = y + 0.5 * self.g.lead;
                self.rule(x0, ry, x0 + self.g.col, ry, 0.4);
            }
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

/// Where a display line `w` wide that would start at `x` (from the left
/// margin) goes so that neither of its ends falls in the gutter.
///
/// pdftotext widens a block to cover the text below it up to the nearest
/// block beside it: a line below two columns that ends in the gutter
/// widens the first column's blocks into it, one that starts there widens
/// the second column's. A line narrow enough to fit in the gutter (a
/// one-character byline, centred) does both: the columns above it then
/// overlap, and pdftotext reads their blocks by height alone (fzwb
/// 2024-04-19 A07 on A3: the second column before the lower block of the
/// first). Such a line ends at the first column's edge instead.
fn clear_gutter(g: &Geometry, x: f32, w: f32) -> f32 {
    // Glyph boxes as pdftotext measures them may differ by a little from
    // our advances (justified lines end a hundredth of a point past the edge).
    let slack = 0.1 * g.size;
    let (g0, g1) = (g.col - slack, g.col + g.gap + slack);
    let in_gutter = |v: f32| v > g0 && v < g1;
    if in_gutter(x) || in_gutter(x + w) {
        (g0 - w).max(0.0)
    } else {
        x
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

/// First index at or after `i` that is not a spacer.
fn skip(lines: &[ColLine], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| l.spacer) {
        i += 1;
    }
    i
}

/// Two columns side by side on one page: line ranges of the flowed lines,
/// whether a new page starts before them, and the rows they take.
#[derive(Debug, Clone, PartialEq)]
struct Band {
    new_page: bool,
    c1: Range<usize>,
    c2: Range<usize>,
    height: usize,
}

/// Cost of an arrangement a reader (or a text extractor) would misread, or
/// that breaks a hard rule: never taken when anything else fits.
const BAD: u32 = 1000;

/// Cost of ending a column before line `k` (`k == lines.len()`: nothing
/// follows): a widow (a paragraph's single last line at the top of the next
/// column) or a heading/spacer left at the bottom is [`BAD`]; an orphan (a
/// paragraph's single first line at the bottom) costs one row.
fn break_cost(lines: &[ColLine], k: usize) -> u32 {
    if k == 0 {
        return BAD;
    }
    let Some(next) = lines.get(skip(lines, k)) else {
        return 0;
    };
    let prev = &lines[k - 1];
    let mut cost = 0;
    if prev.keep_with_next || prev.spacer {
        cost += BAD;
    }
    if next.para_last && !next.para_first {
        cost += BAD;
    }
    if prev.para_first && !prev.para_last {
        cost += 2;
    }
    cost
}

/// Horizontal extent of a line within its column: justified lines fill it.
fn extent(l: &ColLine) -> (f32, f32) {
    if l.justify {
        (l.indent, f32::INFINITY)
    } else {
        (l.indent, l.indent + l.natural)
    }
}

/// The text blocks of a column as pdftotext builds them: a block grows
/// down by lines of the same size that overlap it horizontally, and ends at
/// a spacer. (A centred heading over a short line is a block of its own.)
/// Row ranges.
fn blocks(col: &[ColLine]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut cur: Option<(Option<f32>, f32, f32)> = None;
    for (r, l) in col.iter().enumerate() {
        if l.spacer {
            cur = None;
            continue;
        }
        let size = l.glyphs.first().map(|g| g.size);
        let (x0, x1) = extent(l);
        match (cur.as_mut(), out.last_mut()) {
            (Some((sz, b0, b1)), Some(b)) if *sz == size && x0 <= *b1 && *b0 <= x1 => {
                b.end = r + 1;
                *b0 = b0.min(x0);
                *b1 = b1.max(x1);
            }
            _ => {
                out.push(r..r + 1);
                cur = Some((size, x0, x1));
            }
        }
    }
    out
}

/// Cost of two columns side by side that read in the wrong order (as
/// pdftotext reads them, which follows Breuel's rules for reading order):
///  - a block of the first column with no text of the second column beside
///    it (facing spacers, or below the end of the second column) counts as
///    spanning the measure, and the second column, being above it, is read
///    before it;
///  - a second column that starts with a narrow block (a heading, a short
///    line) beside the first: the Hei face reaches higher than the Song
///    face beside it, and pdftotext reads the narrow block first;
///  - blocks that line up in a grid (two blocks side by side, and the
///    blocks below each of them starting, ending or centred on the same row)
///    read as a table, row by row.
fn order_cost(c1: &[ColLine], c2: &[ColLine]) -> u32 {
    if c2.is_empty() {
        return 0;
    }
    let (b1, b2) = (blocks(c1), blocks(c2));
    let text2 = |r: usize| c2.get(r).is_some_and(|l| !l.spacer);
    let mut cost = b1.iter().filter(|b| !(*b).clone().any(&text2)).count() as u32 * BAD / 2;
    if b2.first().is_some_and(|b| c2[b.clone()].iter().all(|l| !l.justify)) {
        cost += BAD / 2;
    }
    let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    for w in b1.windows(2) {
        let (a, a_below) = (&w[0], &w[1]);
        // The block below-right of `a`: the first of the second column
        // that starts after `a` ends.
        let Some(b_below) = b2.iter().find(|b| b.start >= a.end) else {
            continue;
        };
        let grid = b2.iter().filter(|b| overlap(a, b) && b.end <= a_below.start.min(b_below.start)).any(|b| {
            overlap(a_below, b_below)
                && ((a.start == b.start && a_below.start == b_below.start)
                    || (a.end == b.end && a_below.end == b_below.end)
                    || (a.start + a.end == b.start + b.end && a_below.start + a_below.end == b_below.start + b_below.end))
        });
        if grid {
            cost += BAD / 2;
        }
    }
    cost
}

/// The last part of a flow in two balanced columns of at most `cap` rows:
/// `(cost, k, j)` with the first column `..k` and the second `j..`, or
/// `None` when it does not fit without breaking a hard rule.
fn balance(lines: &[ColLine], cap: usize) -> Option<(u32, usize, usize)> {
    let n = lines.len();
    let mut best: Option<(u32, usize, usize)> = None;
    for k in 1..=cap.min(n) {
        let j = skip(lines, k);
        let (c1, c2) = (&lines[..k], &lines[j..]);
        if c2.len() > cap {
            continue;
        }
        // Two half-rows per row of height; the second column longer than
        // the first costs half a row.
        let cost = break_cost(lines, k) + order_cost(c1, c2) + 2 * k.max(c2.len()) as u32 + u32::from(c2.len() > k);
        if best.is_none_or(|(b, _, _)| cost <= b) {
            best = Some((cost, k, j));
        }
    }
    best.filter(|&(c, _, _)| c < BAD)
}

/// Fill both columns of `cap` rows from `lines` (which go on past them):
/// `(cost, k1, j, k2)` with the first column `..k1` and the second
/// `j..j + k2`. Up to `slack` rows per column are given up (each costs a
/// row) to avoid a widow, a stranded heading or columns that read out of
/// order.
fn fill(lines: &[ColLine], cap: usize, slack: usize) -> (u32, usize, usize, usize) {
    let n = lines.len();
    let mut best: Option<(u32, usize, usize, usize)> = None;
    for k1 in cap.saturating_sub(slack).max(1)..=cap.min(n) {
        let j = skip(lines, k1);
        let r = &lines[j..];
        let mut k2s: Vec<usize> = (cap.saturating_sub(slack).max(1)..=cap.min(r.len())).collect();
        if r.len() <= cap {
            k2s.push(r.len());
        }
        for k2 in k2s {
            let ends = k2 == r.len();
            let waste = (cap - k1) + if ends { 0 } else { cap - k2 };
            let cost = break_cost(lines, k1) + break_cost(r, k2) + order_cost(&lines[..k1], &r[..k2]) + 2 * waste as u32;
            if best.is_none_or(|(b, _, _, _)| cost <= b) {
                best = Some((cost, k1, j, k2));
            }
        }
    }
    let k = cap.min(n).max(1);
    best.unwrap_or((BAD, k, k, 0))
}

/// Arrange flowed lines in bands of two columns: `first_cap` rows are left
/// on the current page, `page_cap` on a fresh one.
fn plan(lines: &[ColLine], first_cap: usize, page_cap: usize) -> Vec<Band> {
    let page_cap = page_cap.max(2);
    let mut bands = Vec::new();
    let mut i = skip(lines, 0);
    let mut cap = first_cap;
    let mut new_page = false;
    while i < lines.len() {
        if cap < 2 {
            new_page = true;
            cap = page_cap;
            continue;
        }
        let rest = &lines[i..];
        let balanced = balance(rest, cap);
        let end_here = |bands: &mut Vec<Band>, (_, k, j): (u32, usize, usize)| {
            bands.push(Band { new_page, c1: i..i + k, c2: i + j..lines.len(), height: k.max(rest.len() - j) });
        };
        if let Some(b) = balanced.filter(|b| b.0 < BAD / 2) {
            end_here(&mut bands, b);
            break;
        }
        // No ending here that reads in order: fill the columns and go on
        // on the next page, giving up as much as half the room if that is
        // what it takes to read in order.
        let mut f = fill(rest, cap, 3);
        if f.0 >= BAD / 2 {
            let wide = fill(rest, cap, cap / 2);
            if wide.0 < f.0 {
                f = wide;
            }
        }
        if let Some(b) = balanced.filter(|_| f.0 >= BAD / 2) {
            end_here(&mut bands, b);
            break;
        }
        let (_, k1, j, k2) = f;
        bands.push(Band { new_page, c1: i..i + k1, c2: i + j..i + j + k2, height: k1.max(k2) });
        i = skip(lines, i + j + k2);
        new_page = true;
        cap = page_cap;
    }
    bands
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of `n` body lines in a column 100 wide: the first
    /// indented 20, the last 30 long.
    fn para(n: usize) -> Vec<ColLine> {
        (0..n)
            .map(|i| ColLine {
                glyphs: Vec::new(),
                indent: if i == 0 { 20.0 } else { 0.0 },
                natural: if i + 1 == n { 30.0 } else if i == 0 { 80.0 } else { 100.0 },
                justify: i + 1 < n,
                center: false,
                para_first: i == 0,
                para_last: i + 1 == n,
                keep_with_next: false,
                spacer: false,
                rule: false,
            })
            .collect()
    }

    /// A one-line heading kept with what follows, centred (40 to 60).
    fn heading() -> Vec<ColLine> {
        let mut h = para(1);
        h[0].keep_with_next = true;
        h[0].center = true;
        h[0].indent = 40.0;
        h[0].natural = 20.0;
        h
    }

    fn cat(parts: &[Vec<ColLine>]) -> Vec<ColLine> {
        parts.concat()
    }

    /// The non-empty columns of a plan, in reading order.
    fn columns(bands: &[Band]) -> Vec<Range<usize>> {
        bands.iter().flat_map(|b| [b.c1.clone(), b.c2.clone()]).filter(|c| !c.is_empty()).collect()
    }

    /// Every line placed exactly once, in order (spacers may be dropped at a column top).
    fn assert_complete(lines: &[ColLine], bands: &[Band]) {
        let mut next = 0;
        for c in columns(bands) {
            assert!(c.start >= next && lines[next..c.start].iter().all(|l| l.spacer), "{bands:?}");
            next = c.end;
        }
        assert!(lines[next..].iter().all(|l| l.spacer), "lines left over: {bands:?}");
    }

    fn widows(lines: &[ColLine], bands: &[Band]) -> Vec<usize> {
        columns(bands).into_iter().map(|c| c.start).filter(|&i| lines[i].para_last && !lines[i].para_first).collect()
    }

    #[test]
    fn body_lines_do_not_overlap_as_a_text_extractor_measures_them() {
        use std::borrow::Cow;
        let song = Face::load(Cow::Borrowed(crate::fonts::SONG), 0, "song", "song").unwrap();
        let hei = Face::load(Cow::Borrowed(crate::fonts::HEI), 0, "hei", "hei").unwrap();
        assert!(hei.height > 1.4 && song.height > 1.4, "{} {}", hei.height, song.height);
        let faces = [&song, &hei];
        for paper in ["a4", "a3", "letter"] {
            let g = Geometry::for_paper(paper).unwrap();
            let c = Composer::new(g, &faces);
            assert!(c.g.lead > hei.height * g.size && c.g.lead > song.height * g.size, "{paper}: pitch {} for size {}", c.g.lead, g.size);
            assert!(c.g.lead <= g.size * 1.5, "{paper}: pitch {} for size {}", c.g.lead, g.size);
        }
    }

    #[test]
    fn no_display_line_starts_or_ends_in_the_gutter() {
        use std::borrow::Cow;
        let song = Face::load(Cow::Borrowed(crate::fonts::SONG), 0, "song", "song").unwrap();
        let hei = Face::load(Cow::Borrowed(crate::fonts::HEI), 0, "hei", "hei").unwrap();
        let faces = [&song, &hei];
        for paper in ["a4", "a3", "letter"] {
            let g = Geometry::for_paper(paper).unwrap();
            let mut c = Composer::new(g, &faces);
            // fzwb 2024-04-19 A07: a one-character byline (七), centred,
            // fitted in the gutter; a two-character one does not.
            for (text, size) in [("七", g.size * 0.95), ("七", g.size), ("天 麻", g.size * 0.95), ("不用事先购票 直接刷证进站", g.size * 2.1)] {
                let lines = c.display(text, Role::Body, size, size * 1.9, true);
                assert_eq!(lines.len(), 1);
                let (gs, x, _) = &lines[0];
                let w: f32 = gs.iter().map(|g| g.adv).sum();
                for edge in [*x, x + w] {
                    assert!(edge <= g.col - 0.5 || edge >= g.col + g.gap + 0.5, "{paper}: «{text}» from {x} to {} ends in the gutter {}..{}", x + w, g.col, g.col + g.gap);
                }
                if w > 2.0 * g.gap {
                    assert!((x - (g.measure() - w) / 2.0).abs() < 0.01, "{paper}: «{text}» is no longer centred");
                }
            }
        }
    }

    #[test]
    fn a_story_with_no_head_runs_on_in_the_columns_above_it() {
        // rmrb 2018-01-05 p7: stories the parser left untitled were set as
        // bands of their own under the band above, with nothing across the
        // gutter between them; pdftotext read the two bands as a table.
        use newsconv_core::{Block, Page};
        use std::borrow::Cow;
        let song = Face::load(Cow::Borrowed(crate::fonts::SONG), 0, "song", "song").unwrap();
        let hei = Face::load(Cow::Borrowed(crate::fonts::HEI), 0, "hei", "hei").unwrap();
        let faces = [&song, &hei];
        let para = |id: &str, i: usize| Block::paragraph(format!("{id}第{i}段。{}", "新时代的长征路，是党在新的时代条件下践行初心、为民造福的使命之路。".repeat(3)));
        let story = |id: &str, headline: Option<&str>, n: usize| Article {
            id: id.into(),
            headline: headline.map(str::to_string),
            blocks: (0..n).map(|i| para(id, i)).collect(),
            ..Default::default()
        };
        let mut issue = Issue::new();
        issue.pages.push(Page {
            number: 7,
            articles: vec![story("a1", Some("走好新时代的长征路"), 5), story("a2", None, 4), story("a3", None, 2), story("a4", Some("把握历史方位"), 3)],
            ..Default::default()
        });
        let g = Geometry::for_paper("a4").unwrap();
        let mut c = Composer::new(g, &faces);
        c.issue(&issue);
        assert_eq!(c.pages.len(), 1);
        let draws = &c.pages[0].draws;
        // Body lines: those at body size.
        let body: Vec<f32> = draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { baseline, glyphs, .. } if glyphs[0].size == g.size && *baseline < g.bottom => Some(*baseline),
                _ => None,
            })
            .collect();
        let rules: Vec<(f32, f32)> = draws
            .iter()
            .filter_map(|d| match d {
                Draw::Rule { x1, y1, x2, .. } => Some((*y1, x2 - x1)),
                _ => None,
            })
            .collect();
        let head4 = draws
            .iter()
            .find_map(|d| match d {
                Draw::Text { baseline, glyphs, .. } if glyphs.iter().map(|g| g.ch).collect::<String>() == "把握历史方位" => Some(*baseline),
                _ => None,
            })
            .unwrap();
        let first = body.iter().copied().fold(f32::INFINITY, f32::min);
        // Across the measure below the first body line: only the separator
        // above the next head; the untitled stories are set after rules
        // across the column.
        let across: Vec<f32> = rules.iter().filter(|r| (r.1 - g.measure()).abs() < 0.1 && r.0 > first).map(|r| r.0).collect();
        assert_eq!(across.len(), 1, "{rules:?}");
        assert!(across[0] < head4 && body.iter().filter(|&&b| b < head4).all(|&b| b < across[0]), "{rules:?}");
        let in_column = rules.iter().filter(|r| (r.1 - g.col).abs() < 0.1).count();
        assert_eq!(in_column, 2, "{rules:?}");
        // The outline entries of the untitled stories point at their first lines.
        let kids = &c.marks[0].kids;
        assert_eq!(kids.len(), 4);
        for (k, lead) in [(1, "a2第0段"), (2, "a3第0段")] {
            let m = &kids[k];
            let at = draws.iter().any(|d| match d {
                Draw::Text { baseline, glyphs, .. } => {
                    glyphs.iter().map(|g| g.ch).collect::<String>().starts_with(lead) && *baseline > m.y && *baseline < m.y + c.g.lead
                }
                _ => false,
            });
            assert!(at && m.page == 0, "story {k}: outline at {} on page {}", m.y, m.page);
        }
    }

    #[test]
    fn a_last_line_never_lands_alone_at_the_top_of_a_column() {
        // An 11-line paragraph then a long one, 10 rows a column: filling
        // the first column would leave the paragraph's last line alone at
        // the top of the second; a line moves over so two lines are there.
        let lines = cat(&[para(11), para(15)]);
        let bands = plan(&lines, 10, 10);
        assert_complete(&lines, &bands);
        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{bands:?}");
        let col = columns(&bands).into_iter().find(|c| c.contains(&10)).unwrap();
        assert!(col.start <= 9, "the last line of the paragraph has {} line(s) of it at the column top: {bands:?}", 11 - col.start);
        assert_eq!(bands[0].c1, 0..9);
        assert_eq!(bands[0].c2.start, 9);

        // The same at the end of a flow, balanced: a two-line paragraph is
        // not split one line a column, it stays whole in the first column.
        let lines = para(2);
        let bands = plan(&lines, 40, 60);
        assert_eq!(bands, vec![Band { new_page: false, c1: 0..2, c2: 2..2, height: 2 }]);
    }

    #[test]
    fn no_widow_for_any_mix_of_paragraphs_and_room() {
        for a in 1..=7 {
            for b in 1..=7 {
                for c in [1, 2, 5, 13] {
                    let lines = cat(&[para(a), para(b), para(c), para(a + b)]);
                    for first in 0..=12 {
                        for page in 2..=9 {
                            let bands = plan(&lines, first, page);
                            assert_complete(&lines, &bands);
                            assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{a} {b} {c} caps {first}/{page}: {bands:?}");
                            for band in &bands {
                                let cap = if band.new_page { page } else { first };
                                assert!(band.c1.len() <= cap && band.c2.len() <= cap && band.height <= cap, "overflow: {bands:?}");
                            }
                        }
                    }
                }
            }
        }
    }

    /// What makes two columns read out of order: a block of the first
    /// column starting below the end of the second (it reads as spanning
    /// the measure, after the second column), or the second blocks of both
    /// columns starting on one row (the four blocks read as a table, row by
    /// row), or a second column that starts with a narrow block.
    fn misreads(lines: &[ColLine], b: &Band) -> Vec<String> {
        let (c1, c2) = (&lines[b.c1.clone()], &lines[b.c2.clone()]);
        if c2.is_empty() {
            return Vec::new();
        }
        let (b1, b2) = (blocks(c1), blocks(c2));
        let text2 = |r: usize| c2.get(r).is_some_and(|l| !l.spacer);
        let mut out: Vec<String> =
            b1.iter().filter(|x| !(*x).clone().any(&text2)).map(|x| format!("block {x:?} with nothing beside it in the second column")).collect();
        if c2[b2[0].clone()].iter().all(|l| !l.justify) {
            out.push(format!("the second column starts with a narrow block {:?}", b2[0]));
        }
        if b1.len() > 1 && b2.len() > 1 && b1[1].start == b2[1].start {
            out.push(format!("grid: {b1:?} beside {b2:?}"));
        }
        out
    }

    #[test]
    fn two_columns_read_in_order() {
        // rmrb 2018-01-29 p7: a paragraph, then heading + paragraph three
        // times, a spacer before each heading. The most even split put a
        // spacer on one row in both columns: four blocks in a grid, which
        // pdftotext read row by row.
        let sp = || vec![ColLine::spacer()];
        let lines = cat(&[para(3), sp(), heading(), para(7), sp(), heading(), para(2), sp(), heading(), para(12)]);
        let bands = plan(&lines, 20, 60);
        assert_eq!(bands.len(), 1, "{bands:?}");
        assert_complete(&lines, &bands);
        assert_eq!(misreads(&lines, &bands[0]), Vec::<String>::new(), "{bands:?}");
        // Both even splits misread (the other puts the third block of the
        // first column below the end of the second), and the only other
        // line-for-line even splits leave a widow or a heading at the
        // bottom: the first column is the shorter one here.
        let b = &bands[0];
        assert!(!lines[b.c1.end - 1].keep_with_next, "heading at the bottom of a column: {bands:?}");
        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{bands:?}");

        // The sample, page 2: the first column ended with a heading and two
        // lines below the end of the second column; that block was read
        // after the whole second column.
        let lines = cat(&[para(7), para(6), sp(), heading(), para(4), para(8), para(4), heading()]);
        let bands = plan(&lines, 60, 60);
        assert_complete(&lines, &bands);
        assert_eq!(misreads(&lines, &bands[0]), Vec::<String>::new(), "{bands:?}");

        // rmrb 2018-01-29 p7 on A3: a byline (set as a heading) alone at the
        // top of the second column was read before the first column.
        let lines = cat(&[para(4), sp(), heading()]);
        let bands = plan(&lines, 60, 60);
        assert_complete(&lines, &bands);
        assert_eq!(misreads(&lines, &bands[0]), Vec::<String>::new(), "{bands:?}");

        // The same near the foot of a page (16 rows left): neither even
        // split reads in order and the first column cannot be the shorter;
        // the columns are filled as far as they read in order and the
        // rest goes to the next page.
        let lines = cat(&[para(3), sp(), heading(), para(7), sp(), heading(), para(2), sp(), heading(), para(12)]);
        let bands = plan(&lines, 16, 60);
        assert_complete(&lines, &bands);
        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{bands:?}");
        for b in &bands {
            assert_eq!(misreads(&lines, b), Vec::<String>::new(), "{bands:?}");
            assert!(b.height <= if b.new_page { 60 } else { 16 }, "{bands:?}");
        }

        // lswb 2021-03-23 p5 on A3: a heading over a one-line paragraph
        // that it does not overlap is a block of its own; it faced the
        // spacer of the second column, had nothing beside it, and was read
        // after the second column's first block.
        let mut wide = heading();
        wide[0].indent = 55.0;
        wide[0].natural = 30.0;
        let lines = cat(&[para(6), sp(), wide.clone(), para(1), para(2), sp(), heading(), heading(), para(3), para(2), sp(), heading(), para(3)]);
        assert_eq!(blocks(&lines[..11]), vec![0..6, 7..8, 8..11]);
        let bands = plan(&lines, 60, 60);
        assert_complete(&lines, &bands);
        assert_eq!(misreads(&lines, &bands[0]), Vec::<String>::new(), "{bands:?}");

        for a in 1..=6 {
            for b in 1..=6 {
                for c in 1..=6 {
                    for d in 1..=8 {
                        let lines = cat(&[para(a), sp(), heading(), para(b), sp(), heading(), para(c), para(d)]);
                        let bands = plan(&lines, 60, 60);
                        assert_complete(&lines, &bands);
                        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{a} {b} {c} {d}: {bands:?}");
                        assert_eq!(misreads(&lines, &bands[0]), Vec::<String>::new(), "{a} {b} {c} {d}: {bands:?}");
                        assert!(!lines[bands[0].c1.end - 1].keep_with_next, "{a} {b} {c} {d}: {bands:?}");
                    }
                }
            }
        }
    }
}
