//! Photos in the print edition: each photo of a story's first part under
//! its head, across the measure when wider than tall and a column wide
//! otherwise, with its caption and credit under it (that caption is then
//! not repeated in the body); a page's photos of no story after its
//! stories, a column wide. At most two fifths of the page high.

use super::{Composer, Draw, Role};
use newsconv_core::{Image, Issue, Page, Story};

/// Share of the text area's height a photo may take.
const MAX_HEIGHT: f32 = 0.4;

impl Composer<'_> {
    /// The photos to place with a story, remembering their captions so
    /// the body leaves them out.
    pub(super) fn story_photos<'i>(&mut self, story: &Story, issue: &'i Issue) -> Vec<&'i Image> {
        let a = story.head().article;
        let photos: Vec<&Image> = a.photos.iter().filter_map(|id| issue.image(id)).filter(|i| i.is_photo()).collect();
        self.shown_captions = photos.iter().filter(|i| i.article.as_deref() == Some(a.id.as_str())).filter_map(|i| i.caption).collect();
        photos
    }

    /// The photos of `page` that no story placed (a page's photos of no
    /// article, and those of an article that is itself a photo, when its
    /// story did not place them), in page order.
    pub(super) fn standalone_photos<'i>(&self, page: &'i Page, issue: &'i Issue) -> Vec<&'i Image> {
        page.standalone_photos.iter().filter(|id| !self.photos.contains(id)).filter_map(|id| issue.image(id)).filter(|i| i.is_photo()).collect()
    }

    /// The size a photo is printed at: the measure when wider than tall
    /// (unless `column`), else a column, scaled down to at most
    /// [`MAX_HEIGHT`] of the text area.
    pub(super) fn photo_size(&self, img: &Image, column: bool) -> (f32, f32) {
        let (pw, ph) = (img.width.max(1) as f32, img.height.max(1) as f32);
        let w = if pw > ph && !column { self.g.measure() } else { self.g.col };
        let h = w * ph / pw;
        let max_h = MAX_HEIGHT * (self.g.bottom - self.g.top);
        if h > max_h {
            (w * max_h / h, max_h)
        } else {
            (w, h)
        }
    }

    /// Place the photos at the current position, each with its caption;
    /// `column`: each a column wide.
    pub(super) fn place_photos(&mut self, photos: &[&Image], issue: &Issue, column: bool) {
        for img in photos {
            let (w, h) = self.photo_size(img, column);
            let caption = caption_text(img, issue);
            let cap_lines = caption.as_deref().map(|t| self.display(t, Role::Body, self.g.size * 0.85, self.g.lead * 0.85, false)).unwrap_or_default();
            let cap_h: f32 = cap_lines.iter().map(|l| l.2).sum();
            if self.y + h + cap_h + self.g.lead > self.g.bottom && !self.page_is_empty() {
                self.new_page();
            }
            let index = match self.photos.iter().position(|id| *id == img.id) {
                Some(k) => k,
                None => {
                    self.photos.push(img.id.clone());
                    self.photos.len() - 1
                }
            };
            let (x, y) = (self.g.left, self.y);
            self.cur().draws.push(Draw::Image { x, y, w, h, index });
            self.y += h + 0.3 * self.g.lead;
            self.place_display(cap_lines);
            self.y += 0.4 * self.g.lead;
        }
    }
}

/// The caption and credit of a photo, as printed under it.
fn caption_text(img: &Image, issue: &Issue) -> Option<String> {
    let a = issue.articles().map(|(_, a)| a).find(|a| Some(a.id.as_str()) == img.article.as_deref())?;
    let c = a.captions.get(img.caption?)?;
    let t = [c.text.trim(), c.credit.as_deref().unwrap_or("").trim()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}
