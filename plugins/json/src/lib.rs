//! JSON exporter and importer: the newsconv document model as pretty-printed
//! UTF-8 JSON (CJK unescaped), carrying `"format": "newsconv"` and `"version"`.

use newsconv_core::{
    Diagnostic, ExportError, ExporterOptions, ImportError, Importer, Issue, FORMAT_NAME,
    FORMAT_VERSION,
};
use std::io::Write;

/// Options for [`write`]. There are none yet; the struct keeps the signature stable.
#[derive(Debug, Clone, Default)]
pub struct JsonOptions {}

impl ExporterOptions for JsonOptions {
    fn set(&mut self, key: &str, _value: &str) -> Result<(), String> {
        Err(format!("json takes no option `{key}`"))
    }
}

/// Write the issue as pretty JSON with a trailing newline. JSON carries the
/// whole model, so there is never a warning.
pub fn write(
    issue: &Issue,
    _opts: &JsonOptions,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, ExportError> {
    let mut issue_out = std::borrow::Cow::Borrowed(issue);
    if issue.format != FORMAT_NAME || issue.version != FORMAT_VERSION {
        let mut i = issue.clone();
        i.format = FORMAT_NAME.into();
        i.version = FORMAT_VERSION;
        issue_out = std::borrow::Cow::Owned(i);
    }
    let mut buf = serde_json::to_vec_pretty(&*issue_out)
        .map_err(|e| ExportError::Render(format!("json: {e}")))?;
    buf.push(b'\n');
    out.write_all(&buf)?;
    Ok(Vec::new())
}

/// The JSON as a string: what [`write`] writes, for tests and tools that
/// compare documents.
pub fn to_string(issue: &Issue) -> String {
    let mut v = Vec::new();
    write(issue, &JsonOptions::default(), &mut v)
        .expect("the model always serializes, and writing to a Vec cannot fail");
    String::from_utf8(v).expect("serde_json writes UTF-8")
}

/// Read a newsconv JSON document, refusing another format or major version.
/// Errors name the JSON path of the problem.
pub fn read(bytes: &[u8]) -> Result<Issue, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ImportError::Malformed {
            path: format!("line {}, column {}", e.line(), e.column()),
            message: e.to_string(),
        })?;
    let obj = value.as_object().ok_or(ImportError::Malformed {
        path: "$".into(),
        message: "expected a JSON object".into(),
    })?;
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err(ImportError::Malformed {
                path: "$.format".into(),
                message: format!("expected \"{FORMAT_NAME}\", found \"{other}\""),
            })
        }
        None => {
            return Err(ImportError::Malformed {
                path: "$.format".into(),
                message: format!("missing field (expected \"{FORMAT_NAME}\")"),
            })
        }
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == FORMAT_VERSION as u64 => {}
        Some(v) => {
            return Err(ImportError::Version {
                found: v,
                expected: FORMAT_VERSION,
            })
        }
        None => {
            return Err(ImportError::Malformed {
                path: "$.version".into(),
                message: "missing or not a whole number".into(),
            })
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let p = e.path().to_string();
        ImportError::Malformed {
            path: if p == "." {
                "$".into()
            } else {
                format!("$.{p}")
            },
            message: e.into_inner().to_string(),
        }
    })
}

fn sniff(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace());
    match start {
        Some(i) if b[i] == b'{' => {
            let head = &b[i..b.len().min(i + 4096)];
            head.windows(8).any(|w| w == b"\"format\"")
        }
        _ => false,
    }
}

newsconv_core::register_exporter! {
    "json", "json", "application/json", JsonOptions, &[], write,
    "newsconv JSON: the document model, loss-free (reads back)",
    assets: true,
}

inventory::submit! {
    Importer { name: "json", description: "newsconv JSON written by this tool", sniff, read }
}

/// Referenced by the binary so the linker keeps this crate's registrations.
pub fn link() {}
