//! The plugin interface: an exporter is a name plus one `render` function
//! over a context (compare mdBook's `Renderer`); an importer is a sniffing
//! test plus a `read` function. Plugins register with `inventory::submit!`.
//!
//! An exporter's own options (paper size, guid prefix …) are declared by the
//! exporter as [`OptionSpec`]s. The command line offers each as
//! `--set NAME.KEY=VALUE` and, when the spec names one, as a flag of its
//! own; it never names an exporter's options itself. The exporter reads its
//! [`Settings`] into its typed options struct through [`ExporterOptions`].

use crate::error::{ExportError, ImportError};
use crate::model::{Diagnostic, Issue};
use std::collections::BTreeMap;
use std::io::Write;

/// One option an exporter takes.
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    /// Key after the exporter's name in `--set NAME.KEY=VALUE`, e.g. `paper`.
    pub key: &'static str,
    /// Long flag the command line also offers for it (`paper` gives
    /// `--paper VALUE`); `None` for `--set` only.
    pub flag: Option<&'static str>,
    /// True for an on/off option: its flag takes no value and sets `true`.
    pub switch: bool,
    /// One line of help, shown by `--help` and `newsconv formats`.
    pub help: &'static str,
}

/// The settings given for one exporter: key → value, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings(BTreeMap<String, String>);

impl Settings {
    /// No settings: every option at its default.
    pub fn new() -> Self {
        Settings::default()
    }
    /// Set `key` to `value` (a later value wins).
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.0.insert(key.into(), value.into());
    }
    /// The value given for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }
    /// Every key and value, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An exporter's typed options, read from its [`Settings`]. Implement `set`
/// for each key the exporter declares; `from_settings` does the rest.
pub trait ExporterOptions: Default {
    /// Take one `key=value`; an unknown key or a bad value is an error
    /// whose message names both.
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;

    /// The defaults with every setting applied in key order.
    fn from_settings(settings: &Settings) -> Result<Self, ExportError> {
        let mut o = Self::default();
        for (k, v) in settings.iter() {
            o.set(k, v).map_err(ExportError::Options)?;
        }
        Ok(o)
    }
}

/// `true`/`false` (also `yes`/`no`, `1`/`0`, `on`/`off`) for switch options.
pub fn parse_switch(key: &str, value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "on" => Ok(true),
        "false" | "no" | "0" | "off" => Ok(false),
        _ => Err(format!("{key}={value}: expected true or false")),
    }
}

/// What an exporter renders: the issue (which carries the metadata every
/// format shares: title, date, publisher, edition, language) and this
/// exporter's own settings.
pub struct RenderContext<'a> {
    /// The issue to render.
    pub issue: &'a Issue,
    /// This exporter's settings (from `--set NAME.KEY=VALUE` or its flags).
    pub settings: &'a Settings,
    /// The input the issue was read from (a file, or a folder of page
    /// files), for packages that carry their sources; `None` when unknown.
    pub input: Option<&'a std::path::Path>,
}

/// An output format plugin.
pub struct Exporter {
    /// Format name used with `--to`, e.g. `epub`.
    pub name: &'static str,
    /// File extension without the leading dot, e.g. `newsml.xml`.
    pub extension: &'static str,
    /// Media type, e.g. `application/epub+zip`.
    pub media_type: &'static str,
    /// One-line description for `newsconv formats`.
    pub description: &'static str,
    /// The options this exporter takes.
    pub options: &'static [OptionSpec],
    /// Check settings before any issue is rendered, so a bad value fails
    /// once, up front (usually `|s| MyOptions::from_settings(s).map(drop)`).
    pub check: fn(&Settings) -> Result<(), ExportError>,
    /// Render the issue to `out`; returns warnings (lossy output and the like).
    pub render: fn(&RenderContext<'_>, &mut dyn Write) -> Result<Vec<Diagnostic>, ExportError>,
    /// The output is a package folder (`NAME.EXTENSION/`): `render` writes
    /// its files as a ZIP stream, which the command line unpacks into place
    /// atomically (a whole folder or none).
    pub folder: bool,
    /// The output refers to the issue's image files beside it
    /// (`NAME.assets/`, [`Issue::assets`]) rather than carrying them: the
    /// command line writes that folder when, and only when, an exporter
    /// asked for says so.
    pub assets: bool,
    /// The output shows the front page as printed (a book's cover): the
    /// front end draws it, from a page PDF, only when an exporter asked
    /// for says so.
    pub cover: bool,
}

/// An input format plugin for documents newsconv wrote itself (JSON, NewsML).
pub struct Importer {
    /// Format name, e.g. `json`.
    pub name: &'static str,
    /// One-line description.
    pub description: &'static str,
    /// True when the bytes look like this format (checked on content, not file name).
    pub sniff: fn(&[u8]) -> bool,
    /// Rebuild the issue from the bytes.
    pub read: fn(&[u8]) -> Result<Issue, ImportError>,
}

/// Register an exporter whose entry point is
/// `write(issue: &Issue, options: &OPTIONS_TYPE, out: &mut dyn Write)`:
/// `register_exporter! { NAME, EXTENSION, MEDIA_TYPE, OPTIONS_TYPE, OPTION_SPECS, write, DESCRIPTION }`,
/// with `, assets: true` and/or `, cover: true` at the end for the
/// properties [`Exporter::assets`] and [`Exporter::cover`].
/// The options are read from the exporter's settings (and checked up front)
/// through [`ExporterOptions::from_settings`], so every exporter reads them the same way.
#[macro_export]
macro_rules! register_exporter {
    ($name:expr, $ext:expr, $media:expr, $opts:ty, $specs:expr, $write:path, $desc:expr, $($field:ident: $value:expr),+ $(,)?) => {
        $crate::inventory::submit! {{
            let mut e = $crate::Exporter {
                name: $name,
                extension: $ext,
                media_type: $media,
                description: $desc,
                options: $specs,
                check: |s| <$opts as $crate::ExporterOptions>::from_settings(s).map(drop),
                render: |ctx, out| $write(ctx.issue, &<$opts as $crate::ExporterOptions>::from_settings(ctx.settings)?, out),
                folder: false,
                assets: false,
                cover: false,
            };
            $(e.$field = $value;)+
            e
        }}
    };
    ($name:expr, $ext:expr, $media:expr, $opts:ty, $specs:expr, $write:path, $desc:expr $(,)?) => {
        $crate::register_exporter! { $name, $ext, $media, $opts, $specs, $write, $desc, assets: false }
    };
}

inventory::collect!(Exporter);
inventory::collect!(Importer);

/// All registered exporters, sorted by name.
pub fn exporters() -> Vec<&'static Exporter> {
    let mut v: Vec<&'static Exporter> = inventory::iter::<Exporter>.into_iter().collect();
    v.sort_by_key(|e| e.name);
    v
}

/// All registered importers, sorted by name.
pub fn importers() -> Vec<&'static Importer> {
    let mut v: Vec<&'static Importer> = inventory::iter::<Importer>.into_iter().collect();
    v.sort_by_key(|e| e.name);
    v
}

/// The exporter with this name.
pub fn find_exporter(name: &str) -> Option<&'static Exporter> {
    inventory::iter::<Exporter>
        .into_iter()
        .find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug)]
    struct Demo {
        paper: String,
        fonts: bool,
    }

    impl ExporterOptions for Demo {
        fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
            match key {
                "paper" => self.paper = value.into(),
                "fonts" => self.fonts = parse_switch(key, value)?,
                _ => return Err(format!("unknown option {key}")),
            }
            Ok(())
        }
    }

    #[test]
    fn settings_fill_typed_options_and_name_what_is_wrong() {
        let mut s = Settings::new();
        s.insert("paper", "a3");
        s.insert("fonts", "yes");
        let d = Demo::from_settings(&s).unwrap();
        assert_eq!((d.paper.as_str(), d.fonts), ("a3", true));
        s.insert("fonts", "maybe");
        assert_eq!(
            Demo::from_settings(&s).unwrap_err().to_string(),
            "fonts=maybe: expected true or false"
        );
        let mut s = Settings::new();
        s.insert("colour", "red");
        assert!(Demo::from_settings(&s)
            .unwrap_err()
            .to_string()
            .contains("unknown option colour"));
    }
}
