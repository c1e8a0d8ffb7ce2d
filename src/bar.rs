//! Progress bars on stderr for work that runs past a second, shown only when stderr is a
//! terminal: scripts and CI see nothing.

use std::io::{IsTerminal, Read};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Shown after this much work time, so quick work never flickers a bar.
const AFTER: Duration = Duration::from_secs(1);

pub struct Bar {
    bar: ProgressBar,
    started: Instant,
}

impl Bar {
    fn new(total: u64, template: &str, what: &str) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(template)
            .expect("a valid template")
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/秒", s.per_sec());
            })
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what.to_string());
        Bar {
            bar,
            started: Instant::now(),
        }
    }

    /// A bar over `total` items of `unit` (行, 个移交包, 页).
    pub fn count(total: u64, unit: &str, what: &str) -> Bar {
        let t = format!(
            "{{msg}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit}  {{rate}}  剩余 {{eta}}"
        );
        Bar::new(total, &t, what)
    }

    /// A running count of `unit` when the total is not known: how many so far, and how fast.
    pub fn running(unit: &str, what: &str) -> Bar {
        let t = format!("{{msg}}：{{human_pos}} {unit}  {{rate}}  已用 {{elapsed}}");
        Bar::new(0, &t, what)
    }

    /// A line saying what long work is doing while it has nothing to count: a spinner and the
    /// time so far, shown at once (only where stderr is a terminal).
    pub fn waiting(what: &str) -> Bar {
        let b = Bar::new(0, "{spinner} {msg}  已用 {elapsed}", what);
        if std::io::stderr().is_terminal() {
            b.bar.set_draw_target(ProgressDrawTarget::stderr());
            b.bar.enable_steady_tick(Duration::from_millis(200));
        }
        b
    }

    /// A bar over the `total` bytes of a file being read.
    pub fn bytes(total: u64, what: &str) -> Bar {
        let t = "{msg} [{bar:30}] {bytes}/{total_bytes}  {bytes_per_sec}  剩余 {eta}";
        Bar::new(total, t, what)
    }

    pub fn set(&self, pos: u64) {
        if self.bar.is_hidden() && self.started.elapsed() > AFTER && std::io::stderr().is_terminal()
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_position(pos);
    }

    /// Moves to `done` of `total` (0: the total is not known yet).
    pub fn update(&self, done: u64, total: u64) {
        if total > 0 {
            self.bar.set_length(total);
        }
        self.set(done);
    }

    pub fn say(&self, what: String) {
        self.bar.set_message(what);
    }

    /// Clears the bar; what the command prints next stands alone.
    pub fn done(&self) {
        self.bar.finish_and_clear();
    }
}

/// A reader that moves `bar` by the bytes it hands out.
pub struct Counted<'a, R> {
    pub inner: R,
    pub bar: &'a Bar,
    pub read: u64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.bar.set(self.read);
        Ok(n)
    }
}
