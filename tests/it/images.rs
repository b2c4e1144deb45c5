//! Images from page PDFs (issue #16): what each dev page draws against
//! `pdfimages`, JPEG bytes passed through unchanged, bounded decodes, the
//! caption linked to its photo, the bytes beside the JSON, photos in every
//! format, and the front page as the book's cover.

use crate::common::{convert, page_names, require, run, shared_pages};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The JSON of a converted page and the folder it was written to.
fn json_of(pdf: &Path) -> (Value, tempfile::TempDir) {
    let dir = convert(pdf, "json");
    let stem = pdf.file_stem().unwrap().to_str().unwrap();
    let json = std::fs::read(dir.path().join(format!("{stem}.json"))).unwrap();
    (serde_json::from_slice(&json).unwrap(), dir)
}

fn images(v: &Value) -> Vec<Value> {
    v["pages"].as_array().unwrap().iter().flat_map(|p| p["images"].as_array().cloned().unwrap_or_default()).collect()
}

/// `pdfimages -list`: (width, height, colour, encoding) of each image drawn.
fn pdfimages_list(pdf: &Path) -> Vec<(u32, u32, String, String)> {
    let out = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[3].parse().unwrap(), f[4].parse().unwrap(), f[5].to_string(), f[8].to_string())
        })
        .collect()
}

#[test]
fn every_dev_page_image_has_the_pixel_size_pdfimages_gives() {
    require("pdfimages");
    let mut photos = 0;
    for name in page_names() {
        let pdf = shared_pages().join(format!("{name}.pdf"));
        let (v, _dir) = json_of(&pdf);
        let ours = images(&v);
        let theirs = pdfimages_list(&pdf);
        let page_h = v["pages"][0]["layout"]["height"].as_f64().unwrap();
        assert_eq!(ours.len(), theirs.len(), "{name}: images drawn");
        for (k, (o, t)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!((o["width"].as_u64().unwrap() as u32, o["height"].as_u64().unwrap() as u32), (t.0, t.1), "{name}: image {k}");
            // Large images are photos, but for the artwork of the page header.
            let big = t.0 >= 400 && t.1 >= 400 && t.0.max(t.1) <= 4 * t.0.min(t.1);
            let header = o["rect"]["y1"].as_f64().unwrap() <= 0.12 * page_h;
            if big && !header {
                assert_eq!(o["role"], "photo", "{name}: image {k} ({}×{}) is a photo", t.0, t.1);
                photos += 1;
            }
            if t.0.max(t.1) > 8 * t.0.min(t.1) {
                assert_eq!(o["role"], "furniture", "{name}: image {k} ({}×{}) is a strip", t.0, t.1);
            }
        }
    }
    assert!(photos >= 8, "the dev pages hold 9 images of 400 px a side, one of them header artwork; found {photos} photos");
}

#[test]
fn gray_and_rgb_jpegs_pass_through_byte_for_byte_and_cmyk_ones_become_srgb_jpegs() {
    require("pdfimages");
    let pdf = shared_pages().join("fzwb_20240419_A07.pdf");
    let (v, dir) = json_of(&pdf);
    let work = tempfile::tempdir().unwrap();
    let prefix = work.path().join("im");
    assert!(Command::new("pdfimages").arg("-j").arg(&pdf).arg(&prefix).status().unwrap().success());
    let assets = dir.path().join(v["assets"].as_str().expect("an assets folder"));
    assert_eq!(v["assets"], "fzwb_20240419_A07.assets");
    let (mut jpegs, mut converted) = (0, 0);
    for (k, img) in images(&v).iter().enumerate() {
        let file = assets.join(img["file"].as_str().unwrap());
        let ours = std::fs::read(&file).unwrap();
        assert_eq!(img["size"].as_u64().unwrap(), ours.len() as u64);
        let theirs = std::fs::read(work.path().join(format!("im-{k:03}.jpg"))).unwrap();
        let frame = newsconv_core::jpeg_frame(&ours).unwrap_or_else(|| panic!("image {k}: a JPEG"));
        assert_eq!((frame.width, frame.height), (img["width"].as_u64().unwrap() as u32, img["height"].as_u64().unwrap() as u32), "image {k}");
        match (img["color"].as_str().unwrap(), img["encoding"].as_str().unwrap()) {
            ("gray" | "rgb", "jpeg") => {
                assert!(ours == theirs, "image {k}: the page's JPEG stream, unchanged");
                jpegs += 1;
            }
            ("cmyk", "jpeg") => {
                // Converted once to an sRGB JPEG, much smaller than its pixels as PNG were.
                assert_eq!(newsconv_core::jpeg_frame(&theirs).unwrap().components, 4, "image {k}: the page's own is CMYK");
                assert_eq!(frame.components, 3, "image {k}: ours is RGB");
                assert!(ours.len() < 2 * theirs.len(), "image {k}: {} bytes from {}", ours.len(), theirs.len());
                converted += 1;
            }
            other => panic!("image {k}: unexpected {other:?}"),
        }
    }
    assert_eq!((jpegs, converted), (10, 4), "fzwb A07: 10 gray JPEGs, 4 CMYK JPEGs");
    // The JSON names files, never carries bytes.
    let text = std::fs::read_to_string(dir.path().join("fzwb_20240419_A07.json")).unwrap();
    assert!(text.len() < 200_000 && !text.contains("base64"));
}

#[test]
fn the_gold_caption_is_linked_to_its_photo_with_its_credit() {
    let (v, _dir) = json_of(&shared_pages().join("lswb_20210323_A05.pdf"));
    let page = &v["pages"][0];
    let photo = images(&v).into_iter().find(|i| i["caption"].is_u64()).expect("a photo with a caption");
    assert_eq!(photo["role"], "photo");
    assert_eq!((photo["width"].as_u64(), photo["height"].as_u64()), (Some(1654), Some(1240)));
    let article = page["articles"].as_array().unwrap().iter().find(|a| a["id"] == photo["article"]).expect("its article");
    let caption = &article["captions"][photo["caption"].as_u64().unwrap() as usize];
    assert!(caption["text"].as_str().unwrap().contains("经过两个多小时的侦查"), "{caption}");
    assert_eq!(caption["credit"], "警方供图");
    assert!(article["photos"].as_array().unwrap().contains(&photo["id"]));
}

#[test]
fn a_declared_huge_image_is_an_error_of_its_own_and_the_page_converts() {
    let hostile = newsconv_testkit::hostile_pdf::synthetic().into_iter().find(|h| h.name == "image_100000_square.pdf").unwrap();
    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join(hostile.name);
    std::fs::write(&pdf, &hostile.bytes).unwrap();
    let (v, dir) = json_of(&pdf);
    let page = &v["pages"][0];
    let d = page["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "image-not-extracted").expect("a diagnostic for the image");
    assert_eq!(d["level"], "error");
    assert!(d["message"].as_str().unwrap().contains("100000×100000"), "{d}");
    assert!(!page["articles"].as_array().unwrap().is_empty() || !page["unassigned"].as_array().unwrap_or(&vec![]).is_empty(), "the page's text converts");
    let img = &images(&v)[0];
    assert!(img["file"].is_null() && img["encoding"].is_null());
    assert!(v["assets"].is_null() && !dir.path().join("image_100000_square.assets").exists());
}

#[test]
fn images_and_json_are_the_same_bytes_every_run() {
    let pdf = shared_pages().join("gzmzb_20230706_A03.pdf");
    let a = convert(&pdf, "json");
    let b = convert(&pdf, "json");
    let files = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = newsconv_testkit::files_below(d).into_iter().map(|p| (p.display().to_string(), std::fs::read(d.join(&p)).unwrap())).collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.len(), 3, "the JSON and two images: {:?}", fa.iter().map(|f| &f.0).collect::<Vec<_>>());
    assert!(fa == fb);
    let o = run(&["convert", "seeds/000_bf1f693cbe2b0d89.txt", "--to", "json", "-o", "-"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\"images\""), "text input has no images");
}

/// The XHTML of every page document of a book (`unzip -p`).
fn epub_pages(book: &Path) -> String {
    require("unzip");
    let o = Command::new("unzip").arg("-p").arg(book).arg("OEBPS/page-*.xhtml").output().unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn every_photo_of_an_article_reaches_the_epub_with_alt_text_and_its_caption() {
    let mut shown = 0;
    for name in page_names() {
        let pdf = shared_pages().join(format!("{name}.pdf"));
        let dir = convert(&pdf, "json,epub");
        let v: Value = serde_json::from_slice(&std::fs::read(dir.path().join(format!("{name}.json"))).unwrap()).unwrap();
        let html = epub_pages(&dir.path().join(format!("{name}.epub")));
        for img in images(&v).iter().filter(|i| i["role"] == "photo") {
            // Photos of more than 1600 px a side, or not JPEG, are re-encoded as `ID.jpg`.
            let (file, id) = (img["file"].as_str().unwrap(), img["id"].as_str().unwrap());
            let at = html
                .find(&format!("<img src=\"images/{file}\" alt=\""))
                .or_else(|| html.find(&format!("<img src=\"images/{id}.jpg\" alt=\"")))
                .unwrap_or_else(|| panic!("{name}: {file} is in the book"));
            let w: u64 = html[at..].split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
            let h: u64 = html[at..].split("height=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
            assert!(w.max(h) <= 1600, "{name}: {file} is at most 1600 px a side in the book ({w}×{h})");
            let alt = &html[at..][..html[at..].find("/>").unwrap()];
            assert!(!alt.contains("alt=\"\""), "{name}: {file} has alt text: {alt}");
            shown += 1;
        }
        let furniture = images(&v).iter().filter(|i| i["role"] == "furniture" && i["file"].is_string()).map(|i| i["file"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        for f in furniture {
            assert!(!html.contains(&format!("images/{f}\"")), "{name}: furniture {f} stays out of the book");
        }
        if name == "lswb_20210323_A05" {
            assert!(html.contains("<figcaption>经过两个多小时的侦查，警方成功将肇事逃逸者抓获。<span class=\"credit\">警方供图</span></figcaption>"), "the gold caption is the photo's figcaption");
        }
    }
    assert!(shown >= 8, "photos in the books: {shown}");
}

#[test]
fn newsml_with_pictures_validates_and_points_at_the_files() {
    require("xmllint");
    let pdf = shared_pages().join("lswb_20210323_A05.pdf");
    let dir = convert(&pdf, "newsml");
    let xml_path = dir.path().join("lswb_20210323_A05.newsml.xml");
    let xsd = shared_pages().join("../newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd");
    let o = Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).arg(&xml_path).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    let at = xml.find("<remoteContent ").expect("a picture item");
    let rc = &xml[at..][..xml[at..].find("/>").unwrap()];
    let attr = |k: &str| rc.split(&format!(" {k}=\"")).nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    let file = dir.path().join(attr("href"));
    assert_eq!(std::fs::metadata(&file).unwrap().len().to_string(), attr("size"), "{rc}");
    assert_eq!((attr("contenttype").as_str(), attr("width").as_str(), attr("height").as_str()), ("image/jpeg", "1654", "1240"));
    assert!(xml.contains("<description>经过两个多小时的侦查，警方成功将肇事逃逸者抓获。</description>"));
    assert!(xml.contains("<creditline>警方供图</creditline>"));
    assert_eq!(xml.matches("qcode=\"ninat:picture\"").count(), 2, "the picture item and the package's reference to it");
    // The message still reads back (its text items; the pictures are files).
    run_ok_json(&xml_path);
}

fn run_ok_json(xml: &Path) {
    let o = run(&["convert", xml.to_str().unwrap(), "--to", "json", "-o", "-"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_print_pdf_carries_the_photo_jpeg_as_it_was_with_its_caption() {
    require("qpdf");
    require("pdfimages");
    require("pdftotext");
    let pdf = shared_pages().join("lswb_20210323_A05.pdf");
    let dir = convert(&pdf, "pdf,json");
    let out = dir.path().join("lswb_20210323_A05.pdf");
    let check = Command::new("qpdf").arg("--check").arg(&out).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let list = pdfimages_list(&out);
    assert_eq!(list, vec![(1654, 1240, "gray".to_string(), "jpeg".to_string())]);
    let work = tempfile::tempdir().unwrap();
    assert!(Command::new("pdfimages").arg("-j").arg(&out).arg(work.path().join("im")).status().unwrap().success());
    let embedded = std::fs::read(work.path().join("im-000.jpg")).unwrap();
    let original = std::fs::read(dir.path().join("lswb_20210323_A05.assets/p5-i31.jpg")).unwrap();
    assert!(embedded == original, "the page's JPEG, embedded byte for byte");
    let text = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert_eq!(text.matches("经过两个多小时的侦查").count(), 1, "the caption is printed once, under the photo");
    assert!(std::fs::metadata(&out).unwrap().len() < 2 * original.len() as u64, "a photo page stays within twice the size of its images");
}

#[test]
fn pages_printing_the_same_number_keep_their_images_apart() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("two-sevens");
    std::fs::create_dir(&folder).unwrap();
    for name in ["a.pdf", "b.pdf"] {
        std::fs::copy(shared_pages().join("lswb_20210323_A05.pdf"), folder.join(name)).unwrap();
    }
    let (v, dir) = json_of(&folder);
    let all = images(&v);
    let mut ids: Vec<&str> = all.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((n, ids.len()), (62, 62), "two pages of 31 images, every id once");
    let assets = dir.path().join(v["assets"].as_str().unwrap());
    assert_eq!(std::fs::read_dir(&assets).unwrap().count(), 60, "every extracted image its own file (the stencil mask has none)");
    for page in v["pages"].as_array().unwrap() {
        for id in page["articles"].as_array().unwrap().iter().flat_map(|a| a["photos"].as_array().cloned().unwrap_or_default()) {
            assert!(page["images"].as_array().unwrap().iter().any(|i| i["id"] == id), "{id} is an image of its page");
        }
    }
}

/// `pdfimages -list` sizes of the images of at least 400 px a side that
/// the page's JSON calls photos, with their ids and files.
fn big_photos(v: &Value) -> Vec<(u32, u32, String, String)> {
    images(v)
        .iter()
        .filter(|i| i["role"] == "photo" && i["width"].as_u64().unwrap() >= 400 && i["height"].as_u64().unwrap() >= 400)
        .map(|i| (i["width"].as_u64().unwrap() as u32, i["height"].as_u64().unwrap() as u32, i["id"].as_str().unwrap().to_string(), i["file"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn every_photo_of_400_px_a_side_reaches_the_print_pdf_the_epub_and_newsml() {
    require("pdfimages");
    require("qpdf");
    let (mut photos, mut standalone) = (0, 0);
    for name in page_names() {
        let src = shared_pages().join(format!("{name}.pdf"));
        let dir = convert(&src, "json,epub,pdf,newsml");
        let v: Value = serde_json::from_slice(&std::fs::read(dir.path().join(format!("{name}.json"))).unwrap()).unwrap();
        // Every photo of 400 px a side in the source is one of ours.
        let big = big_photos(&v);
        let source_big = pdfimages_list(&src).into_iter().filter(|t| t.0 >= 400 && t.1 >= 400).count();
        assert!(big.len() <= source_big, "{name}");
        let out = dir.path().join(format!("{name}.pdf"));
        let check = Command::new("qpdf").arg("--check").arg(&out).output().unwrap();
        assert!(check.status.success() && String::from_utf8_lossy(&check.stdout).contains("No syntax or stream encoding errors"), "{name}: {}", String::from_utf8_lossy(&check.stdout));
        let mut printed = pdfimages_list(&out);
        let html = epub_pages(&dir.path().join(format!("{name}.epub")));
        let xml = std::fs::read_to_string(dir.path().join(format!("{name}.newsml.xml"))).unwrap();
        for (w, h, id, file) in &big {
            let at = printed.iter().position(|p| (p.0, p.1) == (*w, *h)).unwrap_or_else(|| panic!("{name}: {id} ({w}×{h}) is in the print PDF: {printed:?}"));
            printed.remove(at);
            let img = html.find(&format!("<img src=\"images/{file}\" alt=\"")).or_else(|| html.find(&format!("<img src=\"images/{id}.jpg\" alt=\"")));
            let img = img.unwrap_or_else(|| panic!("{name}: {id} is in the book"));
            assert!(!html[img..].split("/>").next().unwrap().contains("alt=\"\""), "{name}: {id} has alt text");
            assert!(xml.contains(&format!("href=\"{name}.assets/{file}\"")), "{name}: {id} is a NewsML picture");
            let page = v["pages"].as_array().unwrap().iter().find(|p| p["images"].as_array().unwrap().iter().any(|i| i["id"] == id.as_str())).unwrap();
            if page["standalone_photos"].as_array().is_some_and(|s| s.iter().any(|s| s == id.as_str())) {
                standalone += 1;
            }
            photos += 1;
        }
    }
    assert!(photos >= 8, "photos of 400 px a side on the dev pages: {photos}");
    assert!(standalone >= 1, "some of them belong to no article: {standalone}");
}

#[test]
fn the_image_folder_is_written_only_for_formats_that_refer_to_it() {
    let pdf = shared_pages().join("lswb_20210323_A05.pdf");
    let assets = |formats: &str| convert(&pdf, formats).path().join("lswb_20210323_A05.assets").is_dir();
    assert!(!assets("epub"), "the EPUB carries its images");
    assert!(!assets("pdf,epub,mets"));
    assert!(assets("json") && assets("newsml") && assets("epub,newsml"));
    newsconv::link_plugins();
    let refer: Vec<&str> = newsconv_core::exporters().into_iter().filter(|e| e.assets).map(|e| e.name).collect();
    assert_eq!(refer, ["json", "newsml"]);
}

#[test]
fn a_page_pdf_book_has_its_front_page_as_cover_image_and_a_text_book_none() {
    require("unzip");
    let dir = convert(&shared_pages().join("lswb_20210323_A05.pdf"), "epub");
    let book = dir.path().join("lswb_20210323_A05.epub");
    let entry = |name: &str| Command::new("unzip").arg("-p").arg(&book).arg(name).output().unwrap().stdout;
    let opf = String::from_utf8(entry("OEBPS/content.opf")).unwrap();
    assert!(opf.contains("properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.jpg\""), "{opf}");
    assert!(opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"), "the EPUB 2 readers' cover");
    let frame = newsconv_core::jpeg_frame(&entry("OEBPS/images/cover.jpg")).expect("the cover is a JPEG");
    assert_eq!((frame.height, frame.components), (1000, 3), "{frame:?}");
    assert!(frame.width > 600 && frame.width < 800, "a newspaper page's proportions: {frame:?}");
    let cover = String::from_utf8(entry("OEBPS/cover.xhtml")).unwrap();
    let img = format!("<img src=\"images/cover.jpg\" alt=\"05版版面（印刷版原样）\" width=\"{}\" height=\"1000\"/>", frame.width);
    assert!(cover.contains(&img), "{cover}");
    let text = convert(&crate::common::sample(), "epub");
    let opf = Command::new("unzip").arg("-p").arg(text.path().join("000_bf1f693cbe2b0d89.epub")).arg("OEBPS/content.opf").output().unwrap().stdout;
    assert!(!String::from_utf8(opf).unwrap().contains("cover-image"), "text input has no page to show");
}
