//! Checks shared by the fuzz targets. Each panics (a fuzz finding) when the
//! property does not hold.

use newsconv_core::{exporters, importers, Issue, RenderContext, Settings};

pub use newsconv_testkit::conserve::{conservation_diff, model_text};

/// Render the issue to every registered format twice, checking that no
/// exporter panics, that output is deterministic, that XML outputs carry no
/// character XML forbids and that JSON reads back to the same model.
pub fn render_all(issue: &Issue) {
    let settings = Settings::new();
    let ctx = RenderContext { issue, settings: &settings, input: None };
    for e in exporters() {
        let mut first = Vec::new();
        let r = (e.render)(&ctx, &mut first);
        let mut second = Vec::new();
        let r2 = (e.render)(&ctx, &mut second);
        assert_eq!(r.is_ok(), r2.is_ok(), "{}: render result differs between runs", e.name);
        if r.is_err() {
            continue;
        }
        assert!(first == second, "{}: output differs between two renders of the same issue", e.name);
        if e.extension.ends_with("xml") {
            let text = std::str::from_utf8(&first).unwrap_or_else(|err| panic!("{}: output is not UTF-8: {err}", e.name));
            if let Some(c) = text.chars().find(|&c| !newsconv_core::text::is_xml_char(c)) {
                panic!("{}: output holds XML-illegal character {c:?}", e.name);
            }
        }
        if e.name == "json" {
            let back = newsconv_json::read(&first).unwrap_or_else(|err| panic!("json: own output does not read back: {err}"));
            let mut want = issue.clone();
            want.format = newsconv_core::FORMAT_NAME.into();
            want.version = newsconv_core::FORMAT_VERSION;
            assert!(back == want, "json: read(write(issue)) != issue");
        }
        if let Some(imp) = importers().into_iter().find(|i| i.name == e.name) {
            assert!((imp.sniff)(&first), "{}: the importer does not recognise the exporter's output", e.name);
            if let Err(err) = (imp.read)(&first) {
                panic!("{}: the importer refuses the exporter's own output: {err}", e.name);
            }
        }
    }
}
