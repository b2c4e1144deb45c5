//! Writing outputs safely: to a temporary file in the target folder, then
//! renamed into place, so a failure never leaves a half-written file under
//! the output's name. (An interrupt can leave a hidden `.newsconv-*.tmp`
//! beside it, never a truncated output.)

use std::io::Write;
use std::path::Path;

/// Write `path` atomically with `f` producing the bytes.
/// On error the temporary file is removed and `path` is untouched.
/// The new file gets the permissions of the file it replaces, or 0644.
pub fn write_atomic<E>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), AtomicError<E>> {
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
    tmp.as_file().sync_all().map_err(AtomicError::Io)?;
    tmp.persist(path).map_err(|e| AtomicError::Io(e.error))?;
    Ok(())
}

/// Why an atomic write failed.
#[derive(Debug)]
pub enum AtomicError<E> {
    /// Creating, writing or renaming the file failed.
    Io(std::io::Error),
    /// The producer failed.
    Render(E),
}
