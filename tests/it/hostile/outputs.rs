//! Output safety (paths stay inside the folder, inputs never overwritten,
//! no partial files) and determinism.

use super::*;

// ---------------------------------------------------------------- paths and nothing lost

#[test]
fn hostile_titles_and_stems_stay_inside_the_output_folder() {
    let base = tempfile::tempdir().unwrap();
    let src = base.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let names = [
        "..txt",
        "...txt",
        ".hidden.txt",
        "a\\..\\..\\b.txt",
        "-o.txt",
        "line\nbreak.txt",
        "..\\evil.json.txt",
        "新闻 2024.txt",
    ];
    let out = base.path().join("out");
    for name in names {
        let p = write(&src, name, "标题\n\n正文。\n");
        let o = run(&[
            "convert",
            p.to_str().unwrap(),
            "--title",
            "../../escape/../../x",
            "--edition",
            "/etc/passwd",
            "--to",
            "all",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "{name:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // Nothing outside `out` and `src`.
    let mut top: Vec<_> = std::fs::read_dir(base.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    top.sort();
    assert_eq!(
        top,
        ["out", "src"],
        "files written outside the output folder"
    );
    assert_eq!(tree(&src).len(), names.len(), "the input folder changed");
    for f in tree(&out) {
        // One level, or inside a package folder (`NAME.mets/alto/0001.xml`).
        let package = f
            .components()
            .next()
            .is_some_and(|c| c.as_os_str().to_string_lossy().ends_with(".mets"));
        assert!(
            f.components().count() == 1 || package,
            "output in a subfolder: {f:?}"
        );
        let s = f.to_string_lossy();
        assert!(
            !s.starts_with('.') && !s.contains('\n') && !s.contains('\\'),
            "unsafe output name {s:?}"
        );
    }
    // A very long input name still gives a writable output name.
    let long = format!("{}.txt", "长".repeat(83));
    let p = write(&src, &long, "标题\n\n正文。\n");
    run_ok(&[
        "convert",
        p.to_str().unwrap(),
        "--to",
        "all",
        "-o",
        out.to_str().unwrap(),
    ]);
}

#[test]
fn input_is_never_overwritten_even_when_output_folder_is_input_folder() {
    let dir = tempfile::tempdir().unwrap();
    // Our JSON converted to JSON into its own folder: refused, input intact.
    let text = write(dir.path(), "issue.txt", "标题\n\n正文。\n");
    run_ok(&[
        "convert",
        text.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let renamed = dir.path().join("issue.json");
    let before = std::fs::read(&renamed).unwrap();
    let err = fails_naming(
        &[
            "convert",
            renamed.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "issue.json",
    );
    assert!(err.contains("overwrite"), "{err}");
    assert_eq!(std::fs::read(&renamed).unwrap(), before, "input changed");
    // Two inputs where one's output would be the other input.
    let err = fails_naming(
        &[
            "convert",
            text.to_str().unwrap(),
            renamed.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "issue.json",
    );
    assert!(err.contains("overwrite"), "{err}");
    assert_eq!(
        std::fs::read(&renamed).unwrap(),
        before,
        "second input overwritten by the first's output"
    );
    // The output path is a hard link to the input.
    let other = tempfile::tempdir().unwrap();
    let inp = write(other.path(), "a.json", &before);
    let outdir = other.path().join("o");
    std::fs::create_dir(&outdir).unwrap();
    std::fs::hard_link(&inp, outdir.join("a.json")).unwrap();
    let err = fails_naming(
        &[
            "convert",
            inp.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            outdir.to_str().unwrap(),
        ],
        "a.json",
    );
    assert!(err.contains("overwrite"), "{err}");
    assert_eq!(std::fs::read(&inp).unwrap(), before);
    no_temp_files(dir.path());
    no_temp_files(other.path());
}

#[test]
fn failed_write_leaves_no_partial_file() {
    // The producer fails after writing half: neither the target nor a temp file remains.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let r = newsconv::cli::output::write_atomic(&target, |w| {
        w.write_all(&[b'x'; 100_000]).unwrap();
        Err::<(), _>("render failed")
    });
    assert!(matches!(
        r,
        Err(newsconv::cli::output::AtomicError::Render("render failed"))
    ));
    assert!(!target.exists(), "partial output left");
    no_temp_files(dir.path());
    // An existing output is left untouched by a failed rewrite.
    std::fs::write(&target, "old").unwrap();
    let r = newsconv::cli::output::write_atomic(&target, |w| {
        w.write_all(b"new, half").unwrap();
        Err::<(), _>("boom")
    });
    assert!(r.is_err());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    no_temp_files(dir.path());
    // A successful write replaces it whole.
    newsconv::cli::output::write_atomic(&target, |w| w.write_all(b"new")).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    // A new output gets ordinary permissions (tempfile's own are 0600).
    std::fs::remove_file(&target).unwrap();
    newsconv::cli::output::write_atomic(&target, |w| w.write_all(b"fresh")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o644,
            "outputs must be readable like any file, not 0600"
        );
    }
    // Through the CLI: the output name is taken by a folder, so the rename fails.
    let src = write(dir.path(), "x.txt", "标题\n\n正文。\n");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("x.json")).unwrap();
    fails_naming(
        &[
            "convert",
            src.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
        "x.json",
    );
    assert_eq!(tree(&out), Vec::<PathBuf>::new(), "partial output left");
    no_temp_files(&out);
}

// ---------------------------------------------------------------- determinism

/// Run newsconv to every format with an environment; returns every output file's bytes.
fn outputs_with_env(
    input: &Path,
    env: &[(&str, &str)],
    wrapper: Option<&[&str]>,
) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_newsconv");
    let args = [
        "convert",
        input.to_str().unwrap(),
        "--to",
        "all",
        "-o",
        dir.path().to_str().unwrap(),
    ];
    let mut cmd = match wrapper {
        Some(w) => {
            let mut c = Command::new(w[0]);
            c.args(&w[1..]).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tree(dir.path())
        .into_iter()
        .map(|f| {
            (
                f.to_string_lossy().into_owned(),
                std::fs::read(dir.path().join(&f)).unwrap(),
            )
        })
        .collect()
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (k, v) in a {
        assert!(v == &b[k], "{what}: {k} differs between runs");
    }
}

#[test]
fn outputs_are_byte_identical_across_runs_and_days() {
    let input = sample();
    let epoch = [("SOURCE_DATE_EPOCH", "1700000000")];
    let first = outputs_with_env(&input, &epoch, None);
    let packages = first.keys().filter(|k| k.contains(".mets/")).count();
    assert_eq!(
        first.len() - packages + usize::from(packages > 0),
        formats().len()
    );
    let second = outputs_with_env(&input, &epoch, None);
    assert_same(&first, &second, "same SOURCE_DATE_EPOCH");
    // Without SOURCE_DATE_EPOCH, two runs agree too (no current time is used).
    let a = outputs_with_env(&input, &[], None);
    let b = outputs_with_env(&input, &[], None);
    assert_same(&a, &b, "no SOURCE_DATE_EPOCH");
    // With the clock moved years forward: still identical.
    require("faketime");
    for day in ["2031-07-01 12:00:00", "1999-12-31 23:59:59"] {
        let faked = outputs_with_env(
            &input,
            &epoch,
            Some(&["faketime", "-f", &format!("@{day}")]),
        );
        assert_same(&first, &faked, &format!("faked date {day}"));
        let faked = outputs_with_env(&input, &[], Some(&["faketime", "-f", &format!("@{day}")]));
        assert_same(
            &a,
            &faked,
            &format!("faked date {day} without SOURCE_DATE_EPOCH"),
        );
    }
    // The issue date given, JSON does not depend on SOURCE_DATE_EPOCH at all.
    let j1 = run_ok(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "--date",
        "2024-06-22",
        "-o",
        "-",
    ]);
    let o = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args([
            "convert",
            input.to_str().unwrap(),
            "--to",
            "json",
            "--date",
            "2024-06-22",
            "-o",
            "-",
        ])
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap();
    assert_eq!(j1.as_bytes(), &o.stdout[..]);
}

#[test]
fn epub_zip_entries_have_fixed_timestamps_and_order() {
    require("unzip");
    if !formats().iter().any(|(n, _)| n == "epub") {
        return;
    }
    let out = outputs_with_env(&sample(), &[], None);
    let (name, bytes) = out.iter().find(|(k, _)| k.ends_with(".epub")).unwrap();
    // The first entry is an uncompressed `mimetype`.
    assert_eq!(
        &bytes[30..38],
        b"mimetype",
        "{name}: mimetype is not the first entry"
    );
    assert_eq!(
        u16::from_le_bytes([bytes[8], bytes[9]]),
        0,
        "{name}: mimetype is compressed"
    );
    // Every local header's DOS time/date is the same fixed value.
    let mut stamps = std::collections::BTreeSet::new();
    let mut i = 0;
    while i + 30 <= bytes.len() {
        if bytes[i..i + 4] == *b"PK\x03\x04" {
            stamps.insert((
                u16::from_le_bytes([bytes[i + 10], bytes[i + 11]]),
                u16::from_le_bytes([bytes[i + 12], bytes[i + 13]]),
            ));
        }
        i += 1;
    }
    assert_eq!(
        stamps.len(),
        1,
        "{name}: zip entries carry different timestamps {stamps:?}"
    );
}
