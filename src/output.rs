//! Writing outputs safely: to a temporary file in the target folder, then
//! renamed into place, so a failure never leaves a half-written file.

use std::io::Write;
use std::path::Path;

/// Write `path` atomically with `f` producing the bytes.
/// On error the temporary file is removed and `path` is untouched.
pub fn write_atomic<E>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), AtomicError<E>> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".newsconv-").suffix(".tmp").tempfile_in(dir).map_err(AtomicError::Io)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        f(&mut w).map_err(AtomicError::Render)?;
        w.flush().map_err(AtomicError::Io)?;
    }
    tmp.as_file().sync_all().ok();
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
