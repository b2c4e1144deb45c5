//! The external programs the tests check outputs with (xmllint, qpdf,
//! pdftotext, epubcheck, unzip …). One policy: a missing validator FAILS
//! the test that needs it; `bash tests/run.sh` installs them all.

use std::process::Command;

/// True when a program is on PATH.
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Fail the calling test when `program` is not on PATH.
pub fn require(program: &str) {
    assert!(
        have(program),
        "{program} is missing: run the suite with `bash tests/run.sh`, which installs it"
    );
}

/// Fail the calling test when the file `path` (a validator's jar) is missing.
pub fn require_file(path: &str) {
    assert!(
        std::path::Path::new(path).exists(),
        "{path} is missing: run the suite with `bash tests/run.sh`, which installs it"
    );
}

/// Where `bash tests/run.sh` installs Ace by DAISY (npm, `@daisy/ace`), below
/// the repository's `target/`; `NEWSCONV_ACE` names another `ace-puppeteer`.
pub fn ace_program() -> std::path::PathBuf {
    match std::env::var_os("NEWSCONV_ACE") {
        Some(p) => p.into(),
        None => crate::repo("target/ace/node_modules/.bin/ace-puppeteer"),
    }
}

/// Ace by DAISY, driving the system's Chromium (Debian's `chromium`), ready
/// to take `-o REPORT_DIR BOOK.epub`. Fails the calling test when either is missing.
pub fn ace() -> Command {
    let program = ace_program();
    require_file(&program.to_string_lossy());
    let chromium = Command::new("sh")
        .args(["-c", "command -v chromium"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    assert!(
        !chromium.is_empty(),
        "chromium is missing: run the suite with `bash tests/run.sh`, which installs it"
    );
    let mut c = Command::new(program);
    c.env("PUPPETEER_EXECUTABLE_PATH", chromium)
        .args(["--force", "--silent"]);
    c
}

/// A Python with PySpark: the virtual environment `bash tests/run.sh`
/// makes under `target/venv` (or `NEWSCONV_SPARK_PYTHON`). Fails the
/// calling test when PySpark cannot be imported.
pub fn spark_python() -> std::path::PathBuf {
    let python = match std::env::var_os("NEWSCONV_SPARK_PYTHON") {
        Some(p) => p.into(),
        None => crate::repo("target/venv/bin/python3"),
    };
    let ok = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{} cannot import pyspark: run the suite with `bash tests/run.sh`, which installs it",
        python.display()
    );
    python
}
