//! How long work says how far it got: a callback the binary turns into a progress bar (the
//! library knows nothing of the terminal).

/// Called with how much is done so far and of how much (0 when not known): rows, bundles or
/// pages, as the caller says.
#[derive(Clone, Copy)]
pub struct Tick<'a>(pub &'a dyn Fn(u64, u64));

impl std::fmt::Debug for Tick<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tick")
    }
}

impl Tick<'_> {
    pub fn at(&self, done: u64, total: u64) {
        (self.0)(done, total)
    }
}

/// Ticks `tick`, if any, every `every` steps of an unknown total.
pub fn every(tick: Option<Tick>, done: u64, every: u64) {
    if let Some(t) = tick.filter(|_| done.is_multiple_of(every)) {
        t.at(done, 0);
    }
}
