//! Progress reporting, as a callback: the library never prints, the binary
//! draws a bar.

/// Told about the phases of a run and the pages done in each.
pub trait Progress: Sync {
    /// A phase starts, with its number of steps (pages).
    fn phase(&self, name: &str, total: usize);
    /// `n` more steps are done.
    fn advance(&self, n: usize);
}

/// Reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn phase(&self, _: &str, _: usize) {}
    fn advance(&self, _: usize) {}
}
