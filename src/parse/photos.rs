//! Photos on a page, tied to what they illustrate: each photo gets the
//! nearest caption printed directly under or beside it (captions are what
//! the passes already found, with their credits), and through it an
//! article; a photo with no caption belongs to the one article whose text
//! surrounds it, else it stands alone.

use newsconv_core::{ArticleKind, Image, ImageRole, Page, Rect, Role};

/// How far under a photo its caption may start, in type sizes of the
/// caption's first line (a caption sits right under its photo).
const UNDER_GAP_EMS: f32 = 2.5;
/// How far beside a photo its caption may stand, in type sizes.
const BESIDE_GAP_EMS: f32 = 2.0;

/// One caption on the page: its article, its index there, its box and type size.
struct CaptionBox {
    article: usize,
    index: usize,
    rect: Rect,
    size: f32,
}

/// Give the page its images: ids and file names, captions and articles.
pub fn place(page: &mut Page, mut images: Vec<Image>) {
    for (k, img) in images.iter_mut().enumerate() {
        img.page = page.number;
        img.id = format!("p{}-i{}", page.number, k + 1);
        img.file = img
            .encoding
            .map(|e| format!("{}.{}", img.id, e.extension()));
    }
    let captions = caption_boxes(page);
    let mut taken = vec![false; captions.len()];
    for (i, c) in pairs(&images, &captions) {
        if taken[c] || images[i].caption.is_some() {
            continue;
        }
        taken[c] = true;
        images[i].article = Some(page.articles[captions[c].article].id.clone());
        images[i].caption = Some(captions[c].index);
    }
    for img in images
        .iter_mut()
        .filter(|i| i.role == ImageRole::Photo && i.article.is_none())
    {
        img.article = surrounding_article(page, &img.rect);
    }
    for img in images.iter().filter(|i| i.role == ImageRole::Photo) {
        match page
            .articles
            .iter_mut()
            .find(|a| Some(&a.id) == img.article.as_ref())
        {
            Some(a) if a.kind != ArticleKind::Photo => a.photos.push(img.id.clone()),
            Some(a) => {
                a.photos.push(img.id.clone());
                page.standalone_photos.push(img.id.clone());
            }
            None => page.standalone_photos.push(img.id.clone()),
        }
    }
    page.images = images;
}

/// Every caption with the box of the layout lines that print it.
fn caption_boxes(page: &Page) -> Vec<CaptionBox> {
    let Some(layout) = &page.layout else {
        return Vec::new();
    };
    let mut seen = vec![0usize; page.articles.len()];
    let mut out = Vec::new();
    for e in page.elements() {
        let (Role::Caption, Some(a)) = (e.role, e.article) else {
            continue;
        };
        let index = seen[a];
        seen[a] += 1;
        let mut lines = e.lines.iter().filter_map(|&l| layout.lines.get(l));
        let Some(first) = lines.next() else { continue };
        let rect = lines.fold(first.rect, |r, l| r.union(&l.rect));
        out.push(CaptionBox {
            article: a,
            index,
            rect,
            size: first.size.max(1.0),
        });
    }
    out
}

/// (photo, caption) pairs that may go together, nearest first.
fn pairs(images: &[Image], captions: &[CaptionBox]) -> Vec<(usize, usize)> {
    let mut v: Vec<(f32, usize, usize)> = Vec::new();
    for (i, img) in images
        .iter()
        .enumerate()
        .filter(|(_, i)| i.role == ImageRole::Photo)
    {
        for (c, cap) in captions.iter().enumerate() {
            if let Some(gap) = gap(&img.rect, cap) {
                v.push((gap, i, c));
            }
        }
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    v.into_iter().map(|(_, i, c)| (i, c)).collect()
}

/// The distance from a photo to a caption directly under or beside it, in points.
fn gap(img: &Rect, cap: &CaptionBox) -> Option<f32> {
    let r = &cap.rect;
    let under = r.y0 - img.y1;
    let overlap = img.x_overlap(r);
    if under > -cap.size
        && under <= UNDER_GAP_EMS * cap.size
        && overlap >= 0.5 * r.width().min(img.width())
    {
        return Some(under.max(0.0));
    }
    let side = if r.x0 >= img.x1 {
        r.x0 - img.x1
    } else {
        img.x0 - r.x1
    };
    let within = r.y0 >= img.y0 - cap.size && r.y1 <= img.y1 + cap.size;
    (side > -cap.size && side <= BESIDE_GAP_EMS * cap.size && within).then_some(side.max(0.0))
}

/// The one article whose printed lines surround the photo's centre, if
/// exactly one does (the smallest such box: a photo inside a story).
fn surrounding_article(page: &Page, img: &Rect) -> Option<String> {
    let layout = page.layout.as_ref()?;
    let mut boxes: Vec<Option<Rect>> = vec![None; page.articles.len()];
    for e in page.elements() {
        let Some(a) = e.article else { continue };
        for l in e.lines.iter().filter_map(|&l| layout.lines.get(l)) {
            boxes[a] = Some(boxes[a].map_or(l.rect, |b| b.union(&l.rect)));
        }
    }
    let (cx, cy) = ((img.x0 + img.x1) / 2.0, (img.y0 + img.y1) / 2.0);
    boxes
        .iter()
        .enumerate()
        .filter_map(|(a, b)| {
            b.filter(|b| b.contains(cx, cy))
                .map(|b| (b.width() * b.height(), a))
        })
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, a)| page.articles[a].id.clone())
}

/// Make image ids (and file names) unique in the issue: pages that print
/// the same number (two papers' page 7 in one folder) would otherwise give
/// two images the same id and file. A repeated id gets the page's place in
/// the issue (`p7-i1` on the third page becomes `p7-3-i1`).
pub fn unique_ids(pages: &mut [Page]) {
    let mut seen = std::collections::BTreeSet::new();
    for (k, page) in pages.iter_mut().enumerate() {
        let clash = page.images.iter().any(|i| seen.contains(&i.id));
        if clash {
            let rename = |id: &str| {
                id.replacen(
                    &format!("p{}-i", page.number),
                    &format!("p{}-{}-i", page.number, k + 1),
                    1,
                )
            };
            for a in page.articles.iter_mut() {
                a.photos = a.photos.iter().map(|id| rename(id)).collect();
            }
            page.standalone_photos = page.standalone_photos.iter().map(|id| rename(id)).collect();
            for img in page.images.iter_mut() {
                img.id = rename(&img.id);
                img.file = img
                    .encoding
                    .map(|e| format!("{}.{}", img.id, e.extension()));
            }
        }
        seen.extend(page.images.iter().map(|i| i.id.clone()));
    }
}
