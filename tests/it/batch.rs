//! Batch conversion: `newsconv batch ROOT -o OUT` and `convert` with several
//! inputs. Mirrored output tree, bad inputs reported and skipped, exit codes,
//! `--skip-existing`, an interrupted run, and `--jobs` not changing a byte.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The fast formats that are registered: json always, newsml and epub when present.
fn fast_formats() -> String {
    let out = run_ok(&["formats"]);
    let names: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut v = vec!["json"];
    for f in ["newsml", "epub"] {
        if names.contains(&f) {
            v.push(f);
        }
    }
    v.join(",")
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn page(name: &str) -> Vec<u8> {
    std::fs::read(shared_pages().join(format!("{name}.txt"))).unwrap()
}

fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The lines of the summary's `failed:` list.
fn failed_lines(err: &str) -> Vec<String> {
    err.lines()
        .skip_while(|l| *l != "failed:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn tree_with_good_and_bad_inputs() {
    let names = page_names();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    write(
        &root.join("2024/front.txt"),
        std::fs::read(sample()).unwrap(),
    );
    write(&root.join("2024/more/other.txt"), page(&names[0]));
    write(
        &root.join("2024/broken.txt"),
        b"line one\nline two\x00\x01\x02\xff",
    );
    write(&root.join("empty.txt"), b"  \n\n");
    // A folder of page files is one issue.
    write(&root.join("2024/0419/A01.txt"), page(&names[1]));
    write(&root.join("2024/0419/A02.txt"), page(&names[2]));
    // Our own JSON is an input; other JSON and other files are left alone.
    let ours = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    write(&root.join("saved/kept.json"), &ours);
    write(&root.join("saved/settings.json"), br#"{"colour": "blue"}"#);
    write(&root.join("saved/notes.md"), b"# notes\n");
    // A JSON document of ours that is broken fails like any bad input.
    write(
        &root.join("saved/bad.json"),
        br#"{"format":"newsconv","version":2,"pages":[]}"#,
    );

    let out = tmp.path().join("out");
    let o = run(&[
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
        "--jobs",
        "2",
    ]);
    let err = stderr_of(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "one bad input means exit 1:\n{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    let expected: Vec<PathBuf> = [
        "2024/0419.json",
        "2024/front.json",
        "2024/more/other.json",
        "saved/kept.json",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(
        files_below(&out),
        expected,
        "output tree must mirror the input tree:\n{err}"
    );

    // Each output is what `convert` gives for the same input.
    let single = run_ok(&[
        "convert",
        root.join("2024/front.txt").to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(
        std::fs::read_to_string(out.join("2024/front.json")).unwrap(),
        single
    );
    let folder: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("2024/0419.json")).unwrap())
            .unwrap();
    assert_eq!(
        folder["pages"].as_array().unwrap().len(),
        2,
        "the page folder is one issue of two pages"
    );
    let kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("saved/kept.json")).unwrap())
            .unwrap();
    let orig: serde_json::Value = serde_json::from_str(&ours).unwrap();
    assert_eq!(kept["pages"], orig["pages"]);

    // The summary lists exactly the bad inputs, each with its reason.
    let failed = failed_lines(&err);
    assert_eq!(failed.len(), 3, "three failures expected:\n{err}");
    assert!(
        failed[0].contains("2024/broken.txt") && failed[0].contains("binary"),
        "{err}"
    );
    assert!(
        failed[1].contains("empty.txt") && failed[1].contains("empty"),
        "{err}"
    );
    assert!(
        failed[2].contains("saved/bad.json") && failed[2].contains("version 2"),
        "{err}"
    );
    assert!(err.contains("4 converted, 0 skipped, 3 failed"), "{err}");
}

#[test]
fn batch_without_failures_exits_zero_and_quiet_prints_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    for (i, name) in page_names().iter().take(3).enumerate() {
        write(&root.join(format!("d{i}/{name}.txt")), page(name));
    }
    let out = tmp.path().join("out");
    let o = run(&[
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert_eq!(
        stderr_of(&o),
        "",
        "--quiet prints nothing when all went well"
    );
    assert_eq!(files_below(&out).len(), 3);
}

#[test]
fn convert_with_several_inputs_keeps_going_past_a_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.txt");
    write(&bad, b"\x00\x00\x00binary");
    let names = page_names();
    let good = shared_pages().join(format!("{}.txt", names[0]));
    let out = tmp.path().join("out");
    let o = run(&[
        "convert",
        bad.to_str().unwrap(),
        sample().to_str().unwrap(),
        good.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr_of(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expected = vec![
        PathBuf::from("000_bf1f693cbe2b0d89.json"),
        PathBuf::from(format!("{}.json", names[0])),
    ];
    let mut expected = expected;
    expected.sort();
    assert_eq!(files_below(&out), expected, "{err}");
    let failed = failed_lines(&err);
    assert_eq!(failed.len(), 1, "{err}");
    assert!(failed[0].contains("bad.txt"), "{err}");
}

#[test]
fn convert_refuses_two_inputs_with_one_output_name() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        &tmp.path().join("a/x.txt"),
        std::fs::read(sample()).unwrap(),
    );
    write(
        &tmp.path().join("b/x.txt"),
        std::fs::read(sample()).unwrap(),
    );
    let out = tmp.path().join("out");
    let o = run(&[
        "convert",
        tmp.path().join("a/x.txt").to_str().unwrap(),
        tmp.path().join("b/x.txt").to_str().unwrap(),
        "--to",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = stderr_of(&o);
    assert!(err.contains("a/x.txt") && err.contains("b/x.txt"), "{err}");
    assert!(!out.join("x.json").exists());
}

#[test]
fn skip_existing_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    let names = page_names();
    for name in names.iter().take(3) {
        write(&root.join(format!("{name}.txt")), page(name));
    }
    let out = tmp.path().join("out");
    let args = |extra: &[&str]| {
        let mut v = vec![
            "batch".to_string(),
            root.to_str().unwrap().into(),
            "-o".into(),
            out.to_str().unwrap().into(),
            "--to".into(),
            "json".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let first = run(&args(&[]).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(first.status.success(), "{}", stderr_of(&first));
    let outs: Vec<PathBuf> = names
        .iter()
        .take(3)
        .map(|n| out.join(format!("{n}.json")))
        .collect();
    let full = std::fs::read(&outs[0]).unwrap();

    // Mark one output (so we can see it is not rewritten) and delete another.
    std::fs::write(&outs[1], b"marker").unwrap();
    std::fs::remove_file(&outs[0]).unwrap();
    let second = run(&args(&["--skip-existing"])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>());
    let err = stderr_of(&second);
    assert!(second.status.success(), "{err}");
    assert_eq!(
        std::fs::read(&outs[0]).unwrap(),
        full,
        "the missing output is made again"
    );
    assert_eq!(
        std::fs::read(&outs[1]).unwrap(),
        b"marker",
        "an existing output is left alone"
    );
    assert!(err.contains("1 converted, 2 skipped, 0 failed"), "{err}");

    // Without --skip-existing everything is converted again.
    let third = run(&args(&[]).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(third.status.success());
    assert_ne!(std::fs::read(&outs[1]).unwrap(), b"marker");
}

#[test]
fn jobs_do_not_change_a_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    let names = page_names();
    for (i, name) in names.iter().enumerate() {
        write(&root.join(format!("y{}/{name}.txt", i % 3)), page(name));
    }
    // A two-page issue made by joining pages with a form feed.
    let mut joined = page(&names[0]);
    joined.push(0x0c);
    joined.extend(page(&names[1]));
    write(&root.join("joined.txt"), joined);
    write(&root.join("front.txt"), std::fs::read(sample()).unwrap());
    let formats = fast_formats();
    let mut trees = Vec::new();
    for jobs in ["1", "2"] {
        let out = tmp.path().join(format!("out{jobs}"));
        let o = run(&[
            "batch",
            root.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            &formats,
            "--jobs",
            jobs,
        ]);
        assert!(o.status.success(), "--jobs {jobs}: {}", stderr_of(&o));
        let files = files_below(&out);
        let contents: Vec<(PathBuf, Vec<u8>)> = files
            .iter()
            .map(|f| (f.clone(), std::fs::read(out.join(f)).unwrap()))
            .collect();
        trees.push(contents);
    }
    let n_formats = formats.split(',').count();
    assert_eq!(trees[0].len(), (names.len() + 2) * n_formats);
    assert_eq!(
        trees[0].iter().map(|(p, _)| p).collect::<Vec<_>>(),
        trees[1].iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((p, a), (_, b)) in trees[0].iter().zip(&trees[1]) {
        assert!(
            a == b,
            "{} differs between --jobs 1 and --jobs 2",
            p.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn interrupted_batch_leaves_no_partial_files_and_resumes() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    // Enough issues that the batch is still running when the signal lands.
    let n = 400;
    let text = std::fs::read(sample()).unwrap();
    let mut big = Vec::new();
    for _ in 0..4 {
        big.extend_from_slice(&text);
        big.push(0x0c);
    }
    for i in 0..n {
        write(&root.join(format!("{:02}/issue{i:04}.txt", i % 20)), &big);
    }
    let out = tmp.path().join("out");
    let formats = fast_formats();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args([
            "batch",
            root.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            &formats,
            "--jobs",
            "2",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let mut log = String::new();
    // Wait until a few issues are done, then interrupt.
    let mut done = 0;
    for l in lines.by_ref() {
        let l = l.unwrap();
        log += &l;
        log.push('\n');
        if l.contains("] ok ") {
            done += 1;
            if done == 5 {
                break;
            }
        }
    }
    assert_eq!(done, 5, "batch ended early:\n{log}");
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    for l in lines {
        log += &l.unwrap();
        log.push('\n');
    }
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(130),
        "an interrupted batch exits 130:\n{log}"
    );
    assert!(log.contains("batch interrupted"), "{log}");

    let files = files_below(&out);
    let per_format = formats.split(',').count();
    assert!(
        files.len() < n * per_format,
        "the batch was not interrupted ({} files)",
        files.len()
    );
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(
            !name.starts_with('.') && !name.ends_with(".tmp"),
            "temporary file left: {}",
            f.display()
        );
        if name.ends_with(".json") {
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join(f)).unwrap())
                .unwrap_or_else(|e| panic!("{}: partial output: {e}", f.display()));
            assert_eq!(
                v["pages"].as_array().map(Vec::len),
                Some(4),
                "{}",
                f.display()
            );
        }
    }
    // Outputs are complete files; an issue stopped between two formats keeps the ones it finished.
    let mut per_issue: std::collections::BTreeMap<String, usize> = Default::default();
    for f in &files {
        *per_issue
            .entry(
                f.with_extension("")
                    .with_extension("")
                    .to_string_lossy()
                    .into_owned(),
            )
            .or_default() += 1;
    }
    let complete = per_issue.values().filter(|&&c| c == per_format).count();

    let again = run(&[
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        &formats,
        "--skip-existing",
    ]);
    let err = stderr_of(&again);
    assert!(again.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{} converted, {} skipped, 0 failed",
            n - complete,
            complete
        )),
        "{err}"
    );
    assert_eq!(files_below(&out).len(), n * per_format);
}

#[test]
fn durable_flag_writes_the_same_files_and_empty_outputs_are_made_again() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    let names = page_names();
    for name in names.iter().take(3) {
        write(&root.join(format!("sub/{name}.txt")), page(name));
    }
    let formats = fast_formats();
    // Flushed file by file (--durable) or once at the end (the default): the same files.
    let mut trees = Vec::new();
    for (dir, extra) in [("deferred", None), ("durable", Some("--durable"))] {
        let out = tmp.path().join(dir);
        let mut args = vec![
            "batch",
            root.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            &formats,
            "--jobs",
            "2",
        ];
        args.extend(extra);
        let o = run(&args);
        assert!(o.status.success(), "{dir}: {}", stderr_of(&o));
        let files = files_below(&out);
        assert_eq!(
            files.len(),
            3 * formats.split(',').count(),
            "{dir}: {files:?}"
        );
        assert!(
            files
                .iter()
                .all(|f| !f.file_name().unwrap().to_string_lossy().starts_with('.')),
            "{dir}: temporary files left: {files:?}"
        );
        trees.push(
            files
                .iter()
                .map(|f| (f.clone(), std::fs::read(out.join(f)).unwrap()))
                .collect::<Vec<_>>(),
        );
    }
    assert!(trees[0] == trees[1], "--durable changed the outputs");

    // An empty output (what a system crash before the final flush can leave)
    // does not count as existing for --skip-existing.
    let out = tmp.path().join("deferred");
    let victim = out.join(format!("sub/{}.json", names[0]));
    std::fs::write(&victim, b"").unwrap();
    let o = run(&[
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        &formats,
        "--skip-existing",
        "--durable",
    ]);
    let err = stderr_of(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("1 converted, 2 skipped, 0 failed"), "{err}");
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        trees[1]
            .iter()
            .find(|(p, _)| out.join(p) == victim)
            .unwrap()
            .1
    );

    // `convert` with several inputs takes the flag too.
    let inputs: Vec<String> = names
        .iter()
        .take(2)
        .map(|n| {
            root.join(format!("sub/{n}.txt"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let conv = tmp.path().join("conv");
    let o = run(&[
        "convert",
        &inputs[0],
        &inputs[1],
        "--to",
        "json",
        "-o",
        conv.to_str().unwrap(),
        "--durable",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert_eq!(files_below(&conv).len(), 2);
}
