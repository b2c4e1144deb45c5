//! The shared scorer of record, `../shared/tools/score.py`: the same gold
//! annotations read by the script every project is measured with, run on our
//! JSON export. [`crate::score`] is the quicker in-process scorer the floors
//! use; this one is the number reported outside.

use crate::paths::root;
use newsconv_core::{find_exporter, Issue, RenderContext, Settings};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared/tools/score.py`.
pub fn script() -> PathBuf {
    root().join("../shared/tools/score.py")
}

/// Checks passed and checks made for a JSON export against a gold file.
pub fn score_json(pred: &Path, gold: &Path) -> Result<(usize, usize), String> {
    let o = Command::new("python3")
        .arg(script())
        .arg(pred)
        .arg(gold)
        .output()
        .map_err(|e| format!("python3: {e} (bash tests/run.sh installs it)"))?;
    let out = String::from_utf8_lossy(&o.stdout);
    if !o.status.success() {
        return Err(format!(
            "score.py {}: {}",
            pred.display(),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    // The last line reads `score: P/T (pct%)`.
    let line = out
        .lines()
        .rev()
        .find(|l| l.starts_with("score: "))
        .ok_or_else(|| format!("score.py printed no score: {out}"))?;
    let (p, t) = line["score: ".len()..]
        .split_whitespace()
        .next()
        .and_then(|f| f.split_once('/'))
        .ok_or_else(|| format!("unreadable score line {line:?}"))?;
    Ok((
        p.parse()
            .map_err(|_| format!("unreadable score line {line:?}"))?,
        t.parse()
            .map_err(|_| format!("unreadable score line {line:?}"))?,
    ))
}

/// Export `issue` as our JSON (default settings) and score it against `gold`.
pub fn score_issue(issue: &Issue, gold: &Path) -> Result<(usize, usize), String> {
    newsconv::link_plugins();
    let json = find_exporter("json").ok_or("the json exporter is not registered")?;
    let settings = Settings::new();
    let mut file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .map_err(|e| e.to_string())?;
    (json.render)(
        &RenderContext {
            issue,
            settings: &settings,
            input: None,
        },
        file.as_file_mut(),
    )
    .map_err(|e| e.to_string())?;
    score_json(file.path(), gold)
}

/// Load every page `NAME.<ext>` of `pages_dir` that has a `gold/NAME.json`
/// and score it with the shared scorer: checks passed and made, summed.
pub fn score_folder(pages_dir: &Path, ext: &str) -> Result<(usize, usize), String> {
    let (mut passed, mut made) = (0, 0);
    let mut golds: Vec<PathBuf> = std::fs::read_dir(pages_dir.join("gold"))
        .map_err(|e| format!("{}/gold: {e}", pages_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    for gold in golds {
        let name = gold
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let input = pages_dir.join(format!("{name}.{ext}"));
        if !input.exists() {
            continue;
        }
        let issue = newsconv::front::load(&input, &newsconv::front::Limits::default())
            .map_err(|e| e.to_string())?;
        let (p, t) = score_issue(&issue, &gold)?;
        passed += p;
        made += t;
    }
    Ok((passed, made))
}
