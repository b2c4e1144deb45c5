//! Splitting a batch across machines with no coordination: `--shard K/N`
//! keeps the issues whose stable hash of their path relative to the root
//! falls in shard K of N, and `--files-from` takes the list of issue paths
//! instead of walking the tree. N machines given the same tree (or list)
//! and K = 1…N convert every issue exactly once.

use crate::cli::convert::{output_stem, Failure, Job};
use std::path::{Component, Path, PathBuf};

/// Shard K of N (1-based), from `K/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1 to `n`.
    pub k: u64,
    /// How many shards.
    pub n: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?}: expected K/N, e.g. 2/8"))?;
        let (k, n): (u64, u64) = (
            k.trim()
                .parse()
                .map_err(|_| format!("{s:?}: K is not a number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("{s:?}: N is not a number"))?,
        );
        if n == 0 || k == 0 || k > n {
            return Err(format!(
                "{s:?}: K must be between 1 and N, and N at least 1"
            ));
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    /// Does this shard take the issue at `rel` (its path relative to the root)?
    pub fn takes(&self, rel: &str) -> bool {
        fnv1a64(rel.as_bytes()) % self.n == self.k - 1
    }
}

/// FNV-1a, 64 bits: stable across machines, versions and platforms (the
/// standard library's hasher is randomly seeded and may change).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// An issue's path relative to the root, with `/` between parts (`.` for
/// the root itself): what shards hash and manifests name.
pub fn relative(root: &Path, input: &Path) -> String {
    let rel = input.strip_prefix(root).unwrap_or(input);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// The issues named in a list (one path a line, relative to `root` or
/// absolute; blank lines skipped), as jobs laid out as a walk of the tree
/// would lay them out. A path that does not exist is a failure.
pub fn jobs_from_list(root: &Path, list: &str) -> Vec<Result<Job, Failure>> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| job_for(root, line))
        .collect()
}

fn job_for(root: &Path, line: &str) -> Result<Job, Failure> {
    let given = Path::new(line);
    let input = if given.is_absolute() {
        given.to_path_buf()
    } else {
        root.join(given)
    };
    if let Err(e) = std::fs::metadata(&input) {
        return Err(Failure {
            input: input.clone(),
            message: format!(
                "{}: listed in --files-from but cannot be read: {e}",
                input.display()
            ),
        });
    }
    let rel = input
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| PathBuf::from(input.file_name().unwrap_or_default()));
    Ok(Job {
        out_dir: rel.parent().map(Path::to_path_buf).unwrap_or_default(),
        stem: output_stem(&input),
        input,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_refuse_what_is_not_k_of_n() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { k: 2, n: 3 }));
        for bad in ["0/3", "4/3", "x/3", "3", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_path_falls_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { k, n: 3 }).collect();
        for p in ["a/b.txt", "2024/04/19", ".", "人民日报/2018-01-02.pdf"] {
            assert_eq!(shards.iter().filter(|s| s.takes(p)).count(), 1, "{p}");
        }
        // The hash is pinned: the same path lands in the same shard everywhere.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative(Path::new("/r"), Path::new("/r/x/y.txt")),
            "x/y.txt"
        );
        assert_eq!(relative(Path::new("/r"), Path::new("/r")), ".");
    }
}
