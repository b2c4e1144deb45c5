//! An exporter brings its own options without the command line naming it:
//! `demo`, registered here and nowhere else, declares `greeting` (also a
//! flag, `--greeting`) and `closing` (`--set` only); the CLI, driven in
//! process, offers both, refuses a key `demo` does not declare, and the
//! file holds what the options said. Also: an impossible `--date` is
//! refused in one clear line.

use crate::common::*;
use newsconv_core::{ExportError, Exporter, ExporterOptions, OptionSpec, RenderContext};
use std::process::ExitCode;

#[derive(Default)]
struct DemoOptions {
    greeting: Option<String>,
    closing: Option<String>,
}

impl ExporterOptions for DemoOptions {
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "greeting" => self.greeting = Some(value.into()),
            "closing" => self.closing = Some(value.into()),
            _ => return Err(format!("demo has no option `{key}`")),
        }
        Ok(())
    }
}

fn render(
    ctx: &RenderContext<'_>,
    out: &mut dyn std::io::Write,
) -> Result<Vec<newsconv_core::Diagnostic>, ExportError> {
    let o = DemoOptions::from_settings(ctx.settings)?;
    let title = ctx.issue.title.as_deref().unwrap_or("?");
    writeln!(
        out,
        "{}, {title}{}",
        o.greeting.as_deref().unwrap_or("hello"),
        o.closing.as_deref().unwrap_or(".")
    )
    .map_err(ExportError::Io)?;
    Ok(Vec::new())
}

inventory::submit! {
    Exporter {
        name: "demo",
        extension: "demo",
        media_type: "text/plain",
        description: "a test exporter with options of its own",
        options: &[
            OptionSpec { key: "greeting", flag: Some("greeting"), switch: false, help: "the first word" },
            OptionSpec { key: "closing", flag: None, switch: false, help: "what ends the line" },
        ],
        check: |s| DemoOptions::from_settings(s).map(drop),
        render,
        folder: false,
        assets: false,
        cover: false,
    }
}

/// `newsconv convert SAMPLE --to demo -o DIR ARGS…` in process; the written file.
fn demo(args: &[&str]) -> (anyhow::Result<()>, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let mut argv = vec![
        "newsconv",
        "convert",
        sample.to_str().unwrap(),
        "--to",
        "demo",
        "--title",
        "测试报",
        "-o",
        dir.path().to_str().unwrap(),
    ];
    argv.extend_from_slice(args);
    let result = newsconv::cli::try_run(&argv);
    let file = std::fs::read_to_string(dir.path().join("000_bf1f693cbe2b0d89.demo")).ok();
    (result, file)
}

#[test]
fn a_test_exporter_gets_its_flag_and_set_options() {
    let (r, file) = demo(&["--greeting", "你好", "--set", "demo.closing=!"]);
    r.unwrap();
    assert_eq!(file.as_deref(), Some("你好, 测试报!\n"));
    // `--set` works for a flagged option too, and the defaults hold without either.
    let (r, file) = demo(&["--set", "demo.greeting=hi"]);
    r.unwrap();
    assert_eq!(file.as_deref(), Some("hi, 测试报.\n"));
    assert_eq!(demo(&[]).1.as_deref(), Some("hello, 测试报.\n"));
    // The same through `run`, the binary's entry point.
    let dir = tempfile::tempdir().unwrap();
    let code = newsconv::cli::run([
        "newsconv",
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "demo",
        "--greeting",
        "hey",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(
        std::fs::read_to_string(dir.path().join("000_bf1f693cbe2b0d89.demo"))
            .unwrap()
            .starts_with("hey, ")
    );
}

#[test]
fn an_unknown_key_is_refused_naming_it_and_nothing_is_written() {
    let (r, file) = demo(&["--set", "demo.xyz=1"]);
    let err = format!("{:#}", r.unwrap_err());
    assert!(err.contains("xyz") && err.contains("demo"), "{err}");
    assert!(
        err.contains("greeting") && err.contains("closing"),
        "the known keys are listed: {err}"
    );
    assert!(!err.contains('\n'), "one line: {err}");
    assert!(file.is_none(), "nothing may be written");
    let dir = tempfile::tempdir().unwrap();
    let code = newsconv::cli::run([
        "newsconv",
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "demo",
        "--set",
        "demo.xyz=1",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, ExitCode::FAILURE);
}

#[test]
fn an_impossible_date_is_refused_in_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "convert",
        sample().to_str().unwrap(),
        "--date",
        "2023-02-31",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "a usage error: {err}");
    assert!(err.contains("2023-02-31"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error:") && first.contains("--date"),
        "one line names the flag and the value: {err}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing may be written"
    );
    // In process the same refusal is a usage error.
    let e = newsconv::cli::try_run([
        "newsconv",
        "convert",
        sample().to_str().unwrap(),
        "--date",
        "2023-02-31",
        "-o",
        dir.path().to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(e.downcast_ref::<clap::Error>().is_some(), "{e:#}");
}
