//! newsml exporter (stub: filled in by its own issue).

/// Referenced by the binary so the linker keeps this crate's registrations.
pub fn link() {}
