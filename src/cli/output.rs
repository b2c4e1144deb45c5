//! Writing outputs safely: to a temporary file in the target folder, then
//! renamed into place, so a failure never leaves a half-written file under
//! the output's name. (An interrupt can leave a hidden `.newsconv-*.tmp`
//! beside it, never a truncated output.)
//!
//! How soon a file is on the disk is a separate choice ([`Durability`]):
//! `convert` flushes every file before renaming it; `batch` by default
//! renames without waiting and flushes the output file system once at the
//! end ([`FsSync`]), which on a real disk is many times faster.

use std::io::Write;
use std::path::Path;

/// When written outputs are flushed to the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `fsync` each file before it is renamed into place: once the call
    /// returns the file is on the disk. One disk flush per file (about 7 ms
    /// each on the development machine's virtual disk).
    #[default]
    EachFile,
    /// Rename into place without waiting for the disk; the caller flushes
    /// everything at once with [`FsSync`] when it is done. Just as atomic
    /// for readers and for interrupts (a file under its final name is
    /// always complete); only a system crash before that flush can leave
    /// recent outputs empty. Where [`FsSync`] cannot flush a whole file
    /// system (outside Linux) this behaves as `EachFile`.
    Deferred,
}

/// Write `path` atomically with `f` producing the bytes, flushed to the
/// disk before it is renamed into place ([`Durability::EachFile`]).
/// On error the temporary file is removed and `path` is untouched.
/// The new file gets the permissions of the file it replaces, or 0644.
pub fn write_atomic<E>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), AtomicError<E>> {
    write_atomic_with(path, Durability::EachFile, f)
}

/// [`write_atomic`] with a choice of when the file reaches the disk.
pub fn write_atomic_with<E>(path: &Path, durability: Durability, f: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), AtomicError<E>> {
    stage_atomic(path, durability, f)?.persist(path).map_err(AtomicError::Io)
}

/// A file written (and, with [`Durability::EachFile`], flushed to the disk)
/// under a temporary name beside its final one, not yet renamed into place:
/// [`Staged::persist`] does that; dropping it removes the file.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
}

impl Staged {
    /// Rename the file into place at `path` (the folder given to [`stage_atomic`]).
    pub fn persist(self, path: &Path) -> std::io::Result<()> {
        self.tmp.persist(path).map(drop).map_err(|e| e.error)
    }
}

/// The first half of [`write_atomic_with`]: everything but the rename, so
/// that several outputs can be written and flushed at once (each by its
/// own thread, the flushes overlapping) and then renamed into place in
/// order. The file is as complete and, with [`Durability::EachFile`], as
/// durable as before its rename in [`write_atomic_with`].
pub fn stage_atomic<E>(path: &Path, durability: Durability, f: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<Staged, AtomicError<E>> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".newsconv-").suffix(".tmp").tempfile_in(dir).map_err(AtomicError::Io)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        f(&mut w).map_err(AtomicError::Render)?;
        w.flush().map_err(AtomicError::Io)?;
    }
    // tempfile creates the file 0600; outputs are ordinary files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(AtomicError::Io)?;
    }
    if durability == Durability::EachFile || !FsSync::AVAILABLE {
        tmp.as_file().sync_all().map_err(AtomicError::Io)?;
    } else {
        FsSync::start_writeback(tmp.as_file());
    }
    Ok(Staged { tmp })
}

/// A folder of the given files (name, bytes), written as
/// [`write_folder_atomic`] writes a package: whole or not at all.
pub fn write_files_atomic(path: &Path, files: &[(&str, &[u8])]) -> std::io::Result<()> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(*name, stored).map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    let bytes = zip.finish().map_err(std::io::Error::other)?.into_inner();
    write_folder_atomic(path, &bytes)
}

/// Unpack a package (a ZIP stream of its files, as a folder exporter writes
/// it) into the folder `path`, atomically: the files go into a temporary
/// folder beside it, which then replaces any old package in one rename
/// (the old one is moved aside first and removed after). Entry names that
/// would leave the folder are refused.
pub fn write_folder_atomic(path: &Path, zip: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new().prefix(".newsconv-").suffix(".tmp").tempdir_in(dir)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(std::io::Error::other)?;
    for k in 0..archive.len() {
        let mut f = archive.by_index(k).map_err(std::io::Error::other)?;
        let Some(name) = f.enclosed_name() else {
            return Err(std::io::Error::other(format!("package entry {:?} would leave the folder", f.name())));
        };
        let target = tmp.path().join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = std::fs::File::create(&target)?;
        std::io::copy(&mut f, &mut out)?;
    }
    // An old package is moved into a temporary folder of its own (removed
    // when it drops), so packages replaced at once by parallel workers
    // never meet.
    let aside = if path.exists() {
        let aside = tempfile::Builder::new().prefix(".newsconv-old-").tempdir_in(dir)?;
        std::fs::rename(path, aside.path().join("old"))?;
        Some(aside)
    } else {
        None
    };
    let kept = tmp.keep();
    if let Err(e) = std::fs::rename(&kept, path) {
        // Put the old package back; drop the new one.
        if let Some(a) = &aside {
            let _ = std::fs::rename(a.path().join("old"), path);
        }
        let _ = std::fs::remove_dir_all(&kept);
        return Err(e);
    }
    drop(aside);
    Ok(())
}

/// Flushes a whole file system to the disk at once (`syncfs`), for outputs
/// written with [`Durability::Deferred`]: one flush instead of one per file,
/// and it covers the renames too (the folder entries), which a per-file
/// `fsync` does not. It flushes other programs' pending writes on the same
/// file system as well.
///
/// Open it before writing: write-back errors are reported for the time the
/// handle was open.
pub struct FsSync {
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    dir: std::fs::File,
}

impl FsSync {
    /// Whether this platform can flush a file system at once (else
    /// [`Durability::Deferred`] flushes each file as it goes).
    pub const AVAILABLE: bool = cfg!(target_os = "linux");

    /// A handle on the file system holding the folder `dir`.
    pub fn open(dir: &Path) -> std::io::Result<FsSync> {
        Ok(FsSync { dir: std::fs::File::open(dir)? })
    }

    /// Ask the kernel to start writing `file` to the disk now, without
    /// waiting for it, so that the final [`FsSync::sync`] has little left
    /// to do (it would otherwise write the whole batch at the end, after the
    /// workers are done, on one thread).
    fn start_writeback(file: &std::fs::File) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: sync_file_range only reads the descriptor, which `file` keeps open for the
            // call. It is a hint: a write-back error shows again in the final syncfs.
            unsafe { libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE) };
        }
        #[cfg(not(target_os = "linux"))]
        let _ = file;
    }

    /// Flush everything written to the file system; any write-back error
    /// since [`FsSync::open`] is returned.
    pub fn sync(&self) -> std::io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: syncfs only reads the descriptor, which `self.dir` keeps open for the call.
            if unsafe { libc::syncfs(self.dir.as_raw_fd()) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

/// Why an atomic write failed.
#[derive(Debug)]
pub enum AtomicError<E> {
    /// Creating, writing or renaming the file failed.
    Io(std::io::Error),
    /// The producer failed.
    Render(E),
}
