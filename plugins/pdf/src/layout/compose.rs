//! The composer's hands: text shaped into glyphs (with fallback faces and
//! a warning for characters no face has), broken into display lines across
//! the measure or into column lines, and drawn on pages that carry the
//! running header and page number.

use super::{ColLine, Composer, DisplayLine, Draw, Geometry, OutPage, Role};
use crate::fonts::Face;
use crate::linebreak::{break_lines, G};
use newsconv_core::Diagnostic;
use std::collections::BTreeSet;

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
            photos: Vec::new(),
            shown_captions: Vec::new(),
        }
    }

    fn resolve(&mut self, c: char, role: Role) -> Option<(u8, u16)> {
        let primary = if role == Role::Head && self.faces.len() > 1 {
            1
        } else {
            0
        };
        // The chosen face, then the bundled face of the same role (when a
        // font from the command line replaced it), then the others.
        let n = self.faces.len();
        let same = (2..n).filter(|&i| self.fallback_roles.get(i - 2) == Some(&(primary as u8)));
        let order: Vec<usize> = std::iter::once(primary)
            .chain(same)
            .chain((0..n).filter(|&i| i != primary))
            .collect();
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
            let c = if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            };
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
            out.push(G {
                ch,
                face,
                size,
                adv,
            });
        }
        out
    }

    pub(super) fn new_page(&mut self) {
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

    pub(super) fn cur(&mut self) -> &mut OutPage {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().unwrap()
    }

    pub(super) fn push_text(&mut self, x: f32, baseline: f32, glyphs: Vec<G>, tc: f32, sp: f32) {
        if glyphs.is_empty() {
            return;
        }
        self.cur().draws.push(Draw::Text {
            x,
            baseline,
            glyphs,
            tc,
            sp,
        });
    }

    pub(super) fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.cur().draws.push(Draw::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
        });
    }

    pub(super) fn page_is_empty(&self) -> bool {
        (self.y - self.g.top).abs() < 0.01
    }

    /// Lines of a centred/left display text across `measure`, each `lead` high.
    pub(super) fn display(
        &mut self,
        s: &str,
        role: Role,
        size: f32,
        lead: f32,
        center: bool,
    ) -> Vec<DisplayLine> {
        let gs = self.shape(s, role, size);
        let measure = self.g.measure();
        let lines = break_lines(&gs, 0.0, measure);
        lines
            .iter()
            .map(|l| {
                let x = if center {
                    clear_gutter(&self.g, (measure - l.natural).max(0.0) / 2.0, l.natural)
                } else {
                    0.0
                };
                (gs[l.start..l.end].to_vec(), x, lead)
            })
            .collect()
    }

    pub(super) fn place_display(&mut self, lines: Vec<DisplayLine>) {
        for (gs, x, lead) in lines {
            let size = gs.first().map(|g| g.size).unwrap_or(self.g.size);
            let base = self.y + (lead - size) / 2.0 + 0.88 * size;
            self.push_text(self.g.left + x, base, gs, 0.0, 0.0);
            self.y += lead;
        }
    }

    /// Break a paragraph into column lines, with an optional bold lead-in.
    pub(super) fn paragraph(
        &mut self,
        out: &mut Vec<ColLine>,
        lead_in: Option<&str>,
        text: &str,
        role: Role,
        size: f32,
    ) {
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
                justify: !l.last,
                ..ColLine::text(gs[l.start..l.end].to_vec(), l.indent, l.natural, i, n)
            });
        }
    }

    /// Short lines (headings, notes, captions): not justified, kept with what follows.
    pub(super) fn short(
        &mut self,
        out: &mut Vec<ColLine>,
        text: &str,
        role: Role,
        size: f32,
        center: bool,
        keep: bool,
    ) {
        let gs = self.shape(text.trim(), role, size);
        if gs.is_empty() {
            return;
        }
        let lines = break_lines(&gs, 0.0, self.g.col);
        let n = lines.len();
        for (i, l) in lines.iter().enumerate() {
            let indent = if center {
                ((self.g.col - l.natural) / 2.0).max(0.0)
            } else {
                0.0
            };
            out.push(ColLine {
                center,
                keep_with_next: keep,
                ..ColLine::text(gs[l.start..l.end].to_vec(), indent, l.natural, i, n)
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_lines_do_not_overlap_as_a_text_extractor_measures_them() {
        let (song, hei) = crate::bundled().unwrap();
        assert!(
            hei.height > 1.4 && song.height > 1.4,
            "{} {}",
            hei.height,
            song.height
        );
        let faces = [song, hei];
        for paper in ["a4", "a3", "letter"] {
            let g = Geometry::for_paper(paper).unwrap();
            let c = Composer::new(g, &faces);
            assert!(
                c.g.lead > hei.height * g.size && c.g.lead > song.height * g.size,
                "{paper}: pitch {} for size {}",
                c.g.lead,
                g.size
            );
            assert!(
                c.g.lead <= g.size * 1.5,
                "{paper}: pitch {} for size {}",
                c.g.lead,
                g.size
            );
        }
    }

    #[test]
    fn no_display_line_starts_or_ends_in_the_gutter() {
        let (song, hei) = crate::bundled().unwrap();
        let faces = [song, hei];
        for paper in ["a4", "a3", "letter"] {
            let g = Geometry::for_paper(paper).unwrap();
            let mut c = Composer::new(g, &faces);
            // fzwb 2024-04-19 A07: a one-character byline (七), centred,
            // fitted in the gutter; a two-character one does not.
            for (text, size) in [
                ("七", g.size * 0.95),
                ("七", g.size),
                ("天 麻", g.size * 0.95),
                ("不用事先购票 直接刷证进站", g.size * 2.1),
            ] {
                let lines = c.display(text, Role::Body, size, size * 1.9, true);
                assert_eq!(lines.len(), 1);
                let (gs, x, _) = &lines[0];
                let w: f32 = gs.iter().map(|g| g.adv).sum();
                for edge in [*x, x + w] {
                    assert!(
                        edge <= g.col - 0.5 || edge >= g.col + g.gap + 0.5,
                        "{paper}: «{text}» from {x} to {} ends in the gutter {}..{}",
                        x + w,
                        g.col,
                        g.col + g.gap
                    );
                }
                if w > 2.0 * g.gap {
                    assert!(
                        (x - (g.measure() - w) / 2.0).abs() < 0.01,
                        "{paper}: «{text}» is no longer centred"
                    );
                }
            }
        }
    }
}
