//! The external programs the tests check outputs with (xmllint, qpdf,
//! pdftotext, epubcheck, unzip …). One policy: a missing validator FAILS
//! the test that needs it; `bash tests/run.sh` installs them all.

use std::process::Command;

/// True when a program is on PATH.
pub fn have(program: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().map(|o| o.status.success()).unwrap_or(false)
}

/// Fail the calling test when `program` is not on PATH.
pub fn require(program: &str) {
    assert!(have(program), "{program} is missing: run the suite with `bash tests/run.sh`, which installs it");
}

/// Fail the calling test when the file `path` (a validator's jar) is missing.
pub fn require_file(path: &str) {
    assert!(std::path::Path::new(path).exists(), "{path} is missing: run the suite with `bash tests/run.sh`, which installs it");
}
