//! Print PDF: validity (qpdf), embedded subset fonts (pdffonts), complete
//! extractable text in reading order (pdftotext), line-breaking rules,
//! metadata, outline and determinism — on the sample and every shared page.

use crate::common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Characters no line may start with.
const NO_START: &str = "。，、；：？！）》」』”’…】〕〉";

fn tool(program: &str, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (bash tests/run.sh installs it)"));
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
                && !c.is_control()
        })
        .collect()
}

/// Page height in points, from pdfinfo.
fn page_height(pdf: &Path) -> f64 {
    let (_, out, _) = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = out
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("pdfinfo page size");
    line.split_whitespace().nth(4).unwrap().parse().unwrap()
}

/// Texts of an article's blocks (and the parts it continues into), in order.
fn article_texts(a: &Value) -> Vec<String> {
    a["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect()
}

/// The model's texts in the order the PDF prints them: continuation parts
/// follow the part they continue.
fn model_order(model: &Value) -> Vec<(String, String)> {
    let arts: Vec<&Value> = model["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["articles"].as_array().unwrap())
        .collect();
    let find = |id: &str| arts.iter().copied().find(|a| a["id"].as_str() == Some(id));
    let next_of = |a: &Value| a["continued_to"]["article"].as_str().and_then(find);
    let mut consumed = std::collections::BTreeSet::new();
    for a in &arts {
        let mut cur: &Value = a;
        while let Some(n) = next_of(cur) {
            let id = n["id"].as_str().unwrap().to_string();
            if n["id"] == a["id"] || !consumed.insert(id) {
                break;
            }
            cur = n;
        }
    }
    let mut out = Vec::new();
    for a in &arts {
        if a["id"].as_str().is_some_and(|id| consumed.contains(id)) {
            continue;
        }
        let mut cur: &Value = a;
        let mut seen = vec![a["id"].clone()];
        loop {
            for t in article_texts(cur) {
                out.push((cur["id"].as_str().unwrap_or("?").to_string(), t));
            }
            match next_of(cur) {
                Some(n) if !seen.contains(&n["id"]) => {
                    seen.push(n["id"].clone());
                    cur = n;
                }
                _ => break,
            }
        }
    }
    out
}

/// Everything the issue asks of a PDF, checked against the model of the same input.
fn check_pdf(pdf: &Path, model: &Value) {
    let name = pdf.display().to_string();
    let p = pdf.to_str().unwrap();

    let (ok, out, err) = tool("qpdf", &["--check", p]);
    assert!(
        ok && !out.contains("WARNING") && err.trim().is_empty(),
        "{name}: qpdf --check:\n{out}\n{err}"
    );

    let (ok, out, err) = tool("pdffonts", &[p]);
    assert!(ok, "{name}: pdffonts: {err}");
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts:\n{out}");
    for r in &rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        // name type... emb sub uni object ID
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "{name}: font not embedded+subset+unicode: {r}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "{name}: no subset tag: {r}"
        );
    }

    // Body text as pdftotext reads whole pages (what is around the text
    // area takes part in its reading order: a centred page number below
    // the first column pulled a block there after the second column),
    // then without the lines of the running header and page number.
    let h = page_height(pdf);
    let band = |y: f64, hgt: f64| {
        let (y, hgt) = (format!("{}", y.floor()), format!("{}", hgt.ceil()));
        let (ok, t, err) = tool(
            "pdftotext",
            &[
                "-enc", "UTF-8", "-x", "0", "-y", &y, "-W", "2000", "-H", &hgt, p, "-",
            ],
        );
        assert!(ok, "{name}: pdftotext: {err}");
        t.split('\u{c}')
            .map(|pg| {
                pg.lines()
                    .map(squash)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let (heads, feet) = (band(0.0, 52.0), band(h - 52.0, 52.0));
    let (ok, full, err) = tool("pdftotext", &["-enc", "UTF-8", p, "-"]);
    assert!(ok, "{name}: pdftotext: {err}");
    let mut kept = Vec::new();
    for (i, pg) in full.split('\u{c}').enumerate() {
        let mut edge: Vec<String> = heads
            .get(i)
            .into_iter()
            .chain(feet.get(i))
            .flatten()
            .cloned()
            .collect();
        for l in pg.lines() {
            match edge.iter().position(|e| *e == squash(l)) {
                Some(at) => {
                    edge.remove(at);
                }
                None => kept.push(l),
            }
        }
        assert!(
            edge.is_empty(),
            "{name}: page {}: header/page number lines not found as lines of the page: {edge:?}",
            i + 1
        );
    }
    let text = kept.join("\n");

    // No line starts with a forbidden character, unless the model's own
    // paragraph begins with it (then the line breaker had no choice).
    let para_starts: Vec<String> = model_order(model)
        .iter()
        .map(|(_, t)| {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .take(8)
                .collect::<String>()
        })
        .filter(|t| t.chars().next().is_some_and(|c| NO_START.contains(c)))
        .collect();
    for l in text.lines() {
        if let Some(c) = l.trim_start().chars().next() {
            let head: String = l.chars().filter(|c| !c.is_whitespace()).take(8).collect();
            let model_starts_so = para_starts
                .iter()
                .any(|p| head.starts_with(p.as_str()) || p.starts_with(head.as_str()));
            assert!(
                !NO_START.contains(c) || model_starts_so,
                "{name}: line starts with {c}: {l}"
            );
        }
    }
    // No spaces inserted inside Chinese text (unless the model has them).
    let mut all_model: String = model_order(model)
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // A dateline is set in bold before the first paragraph, an ideographic space between.
    for a in model["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["articles"].as_array().unwrap())
    {
        if let (Some(d), Some(first)) = (a["dateline"].as_str(), a["blocks"][0]["text"].as_str()) {
            all_model.push_str(&format!("\n{} {first}", d.trim()));
        }
        // A caption is set with its photo credit after one space.
        for c in a["captions"].as_array().into_iter().flatten() {
            if let (Some(t), Some(cr)) = (c["text"].as_str(), c["credit"].as_str()) {
                all_model.push_str(&format!("\n{} {}", t.trim(), cr.trim()));
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(3) {
        if is_cjk(w[0]) && w[1] == ' ' && is_cjk(w[2]) {
            let s: String = w.iter().collect();
            assert!(
                all_model.contains(&s) || model.to_string().contains(&s),
                "{name}: space inserted in Chinese text: «{s}»"
            );
        }
    }
    // Every paragraph, in order.
    let flat = squash(&text);
    let mut pos = 0;
    for (id, t) in model_order(model) {
        let want = squash(&t);
        if want.is_empty() {
            continue;
        }
        match flat[pos..].find(&want) {
            Some(i) => pos += i + want.len(),
            None => {
                let earlier = flat
                    .find(&want)
                    .map(|i| format!("found earlier at byte {i}"))
                    .unwrap_or_else(|| "missing".into());
                panic!("{name}: paragraph of {id} not found in order ({earlier}): {t}");
            }
        }
    }
}

fn model_of(input: &Path) -> Value {
    let json = run_ok(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    serde_json::from_str(&json).unwrap()
}

#[test]
fn sample_pdf_passes_the_validators_and_is_small() {
    let dir = convert(&sample(), "pdf");
    let pdf = dir.path().join("000_bf1f693cbe2b0d89.pdf");
    check_pdf(&pdf, &model_of(&sample()));
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 500_000, "sample PDF is {size} bytes");
}

/// Known failures of the "every paragraph in order" check (issue 6 stays
/// open while there are any), as (paper, page). A listed page must keep
/// failing exactly that check (every other check on it passes) until fixed;
/// then remove it from this list. None now: rmrb 2018-01-05 p7 (A4 and A3:
/// untitled stories set as bands stacked under the band above, read by
/// pdftotext as a table) and fzwb 2024-04-19 A07 (A3: a one-character byline
/// in the gutter widened both columns' blocks) were fixed in the layout.
const KNOWN_ORDER_FAILURES: &[(&str, &str)] = &[];

/// Every shared page, converted on `paper`, passes [`check_pdf`].
fn shared_pages_pass_on(paper: &str) {
    let mut failures = Vec::new();
    for stem in page_names() {
        let known = KNOWN_ORDER_FAILURES.contains(&(paper, stem.as_str()));
        let input = shared_pages().join(format!("{stem}.txt"));
        let dir = tempfile::tempdir().unwrap();
        run_ok(&[
            "convert",
            input.to_str().unwrap(),
            "--to",
            "pdf",
            "-o",
            dir.path().to_str().unwrap(),
            "--paper",
            paper,
        ]);
        let pdf = dir.path().join(format!("{stem}.pdf"));
        let model = model_of(&input);
        let r = std::panic::catch_unwind(|| check_pdf(&pdf, &model));
        let msg = r.err().map(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        });
        match (known, msg) {
            (false, None) => {}
            (false, Some(m)) => failures.push(format!("{paper}: {m}")),
            (true, Some(m)) if m.contains("not found in order") => {}
            (true, m) => failures.push(format!("{paper}: {stem}: expected the known order failure, got {m:?} (fixed? remove it from KNOWN_ORDER_FAILURES)")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_shared_page_passes_the_validators() {
    shared_pages_pass_on("a4");
}

/// A3 has its own body size and line pitch: columns split elsewhere, and
/// lines once overlapped as pdftotext measures them (it then read a heading
/// and the line below it side by side).
#[test]
fn every_shared_page_passes_the_validators_on_a3() {
    shared_pages_pass_on("a3");
}

#[test]
fn pdf_is_byte_deterministic() {
    let a = convert(&sample(), "pdf");
    let b = convert(&sample(), "pdf");
    let name = "000_bf1f693cbe2b0d89.pdf";
    assert_eq!(
        std::fs::read(a.path().join(name)).unwrap(),
        std::fs::read(b.path().join(name)).unwrap()
    );
}

fn info(pdf: &Path) -> String {
    tool("pdfinfo", &[pdf.to_str().unwrap()]).1
}

#[test]
fn metadata_comes_from_the_issue_and_never_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().to_str().unwrap();
    run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "pdf",
        "-o",
        o,
        "--title",
        "白城日报",
        "--date",
        "2025-06-24",
    ]);
    let pdf = dir.path().join("000_bf1f693cbe2b0d89.pdf");
    let i = info(&pdf);
    assert!(i.contains("白城日报 2025年6月24日"), "{i}");
    let created = i
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .expect("CreationDate");
    assert!(
        created.contains("2025") && created.contains("Jun 24"),
        "{created}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        find(&bytes, b"/Lang(zh-CN)") || find(&bytes, b"/Lang (zh-CN)"),
        "no /Lang"
    );
    assert!(
        !find(&bytes, b"GTS_PDFX"),
        "PDF/X marker on a file that is not PDF/X"
    );
    // The running header names the paper and the date the flags gave.
    let (_, text, _) = tool("pdftotext", &["-l", "1", pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("白城日报") && text.contains("2025年6月24日"),
        "{text}"
    );

    // Without a date: no dates at all, and the header invents none.
    let dir2 = convert(&sample(), "pdf");
    let pdf2 = dir2.path().join("000_bf1f693cbe2b0d89.pdf");
    let i2 = info(&pdf2);
    assert!(
        !i2.contains("CreationDate") && !i2.contains("ModDate") && !i2.contains("1970"),
        "{i2}"
    );
    let (_, text2, _) = tool("pdftotext", &["-l", "1", pdf2.to_str().unwrap(), "-"]);
    assert!(
        !text2.contains("日报") && !text2.contains("年6月"),
        "header invents a paper or date:\n{}",
        &text2[..text2.len().min(300)]
    );
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn outline_nests_articles_under_pages() {
    // The expected model of the sample, so the outline does not depend on the parser.
    let input = repo("seeds/000_bf1f693cbe2b0d89.expected.json");
    let dir = convert(&input, "pdf");
    let pdf = dir.path().join("000_bf1f693cbe2b0d89.expected.pdf");
    let (ok, out, err) = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let top = v["outlines"].as_array().expect("outlines");
    assert_eq!(top.len(), 1, "one issue page");
    assert_eq!(top[0]["title"], "第1版");
    let kids: Vec<&str> = top[0]["kids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["title"].as_str().unwrap())
        .collect();
    assert_eq!(kids.len(), 6, "{kids:?}");
    assert!(kids[0].starts_with("“在长期实践中"), "{kids:?}");
    assert_eq!(kids[1], "洮北：花海织锦 花卉产业奏响振兴协奏曲");
    assert_eq!(kids[5], "风成于上，俗化于下");
    check_pdf(&pdf, &model_of(&input));
}

#[test]
fn paper_sizes() {
    for (paper, size) in [("a3", "841.89 x 1190.55"), ("letter", "612 x 792")] {
        let dir = tempfile::tempdir().unwrap();
        run_ok(&[
            "convert",
            sample().to_str().unwrap(),
            "--to",
            "pdf",
            "-o",
            dir.path().to_str().unwrap(),
            "--paper",
            paper,
        ]);
        let pdf = dir.path().join("000_bf1f693cbe2b0d89.pdf");
        let i = info(&pdf);
        assert!(i.contains(size), "{paper}: {i}");
        check_pdf(&pdf, &model_of(&sample()));
    }
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "pdf",
        "-o",
        dir.path().to_str().unwrap(),
        "--paper",
        "b5",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("b5"));
}

#[test]
fn a_character_no_font_has_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rare.json");
    std::fs::write(
        &p,
        r#"{"format":"newsconv","version":1,"pages":[{"number":1,"articles":[{"id":"p1-a1","kicker":null,"column":null,
        "headline":"生僻字","subheadline":null,"byline":null,"dateline":null,"captions":[],"continued_to":null,
        "blocks":[{"kind":"paragraph","text":"这个字𠀀不在字库里。"}]}]}]}"#,
    )
    .unwrap();
    let o = run(&[
        "convert",
        p.to_str().unwrap(),
        "--to",
        "pdf",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("𠀀") && err.contains("U+20000") && err.contains("p1-a1"),
        "{err}"
    );
}
