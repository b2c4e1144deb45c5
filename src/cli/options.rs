//! The exporters on the command line: the flags each one declares (added to
//! the parser at run time, so a new exporter brings its own options without
//! the CLI naming it), `--set FORMAT.KEY=VALUE`, `--to` and `formats`.

use super::args::Cli;
use anyhow::{anyhow, bail, Result};
use clap::{Arg, ArgAction, ArgMatches, CommandFactory};
use newsconv_core::{exporters, find_exporter, Exporter, Settings};
use std::collections::BTreeMap;

/// The command line: the derived arguments plus every flag an exporter
/// declares, on `convert` and `batch`. Two exporters declaring one flag is
/// a build mistake, refused here rather than left to clap.
pub(crate) fn command() -> Result<clap::Command> {
    let mut flags: Vec<(&str, &str)> = Vec::new();
    for e in exporters() {
        for o in e.options.iter().filter_map(|o| o.flag.map(|f| (f, o))) {
            if let Some((_, other)) = flags.iter().find(|(f, _)| *f == o.0) {
                bail!(
                    "exporters {other} and {} both declare the flag --{}",
                    e.name,
                    o.0
                );
            }
            flags.push((o.0, e.name));
        }
    }
    let mut cmd = Cli::command();
    for sub in ["convert", "batch"] {
        cmd = cmd.mut_subcommand(sub, |mut c| {
            for e in exporters() {
                for o in e.options {
                    let Some(flag) = o.flag else { continue };
                    let arg = Arg::new(format!("{}.{}", e.name, o.key))
                        .long(flag)
                        .help(o.help)
                        .help_heading("Format options");
                    c = c.arg(if o.switch {
                        arg.action(ArgAction::SetTrue)
                    } else {
                        arg.value_name("VALUE").action(ArgAction::Set)
                    });
                }
            }
            c
        });
    }
    Ok(cmd)
}

/// Each exporter's settings from `--set` and the exporters' own flags,
/// checked by the exporter before anything is converted.
pub(crate) fn settings(
    m: &ArgMatches,
    sets: &[String],
) -> Result<BTreeMap<&'static str, Settings>> {
    let mut out: BTreeMap<&'static str, Settings> = BTreeMap::new();
    for e in exporters() {
        for o in e.options.iter().filter(|o| o.flag.is_some()) {
            let id = format!("{}.{}", e.name, o.key);
            let value = if o.switch {
                m.get_flag(&id).then(|| "true".to_string())
            } else {
                m.get_one::<String>(&id).cloned()
            };
            if let Some(v) = value {
                out.entry(e.name).or_default().insert(o.key, v);
            }
        }
    }
    for s in sets {
        let (name, rest) = s
            .split_once('.')
            .ok_or_else(|| anyhow!("--set {s}: expected FORMAT.KEY=VALUE"))?;
        let (key, value) = rest
            .split_once('=')
            .ok_or_else(|| anyhow!("--set {s}: expected FORMAT.KEY=VALUE"))?;
        let e = find_exporter(name).ok_or_else(|| anyhow!("--set {s}: unknown format `{name}`"))?;
        if !e.options.iter().any(|o| o.key == key) {
            let known: Vec<_> = e.options.iter().map(|o| o.key).collect();
            bail!(
                "--set {s}: {name} has no option `{key}` (known: {})",
                if known.is_empty() {
                    "none".into()
                } else {
                    known.join(", ")
                }
            );
        }
        out.entry(e.name).or_default().insert(key, value);
    }
    for e in exporters() {
        if let Some(s) = out.get(e.name) {
            (e.check)(s).map_err(|err| anyhow!("{}: {err}", e.name))?;
        }
    }
    Ok(out)
}

pub(crate) fn formats(options: bool) {
    for e in exporters() {
        println!(
            "{:<8} .{:<12} {:<24} {}",
            e.name, e.extension, e.media_type, e.description
        );
        for o in e.options.iter().filter(|_| options) {
            let flag = o.flag.map(|f| format!(" (--{f})")).unwrap_or_default();
            println!("{:<8}   --set {}.{}=…{flag}: {}", "", e.name, o.key, o.help);
        }
    }
}

pub(crate) fn parse_formats(to: &str) -> Result<Vec<&'static Exporter>> {
    if to.trim() == "all" {
        return Ok(exporters());
    }
    let mut out: Vec<&'static Exporter> = Vec::new();
    for name in to.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let e = find_exporter(name).ok_or_else(|| {
            let known: Vec<_> = exporters().iter().map(|e| e.name).collect();
            anyhow!("unknown format `{name}` (known: {})", known.join(", "))
        })?;
        if !out.iter().any(|x| x.name == e.name) {
            out.push(e);
        }
    }
    if out.is_empty() {
        bail!("no output format given");
    }
    Ok(out)
}
