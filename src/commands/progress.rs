//! A progress bar on the terminal (indicatif), only for runs that last.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fluentmark::progress::{Progress, Silent};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar on stderr that appears once a run has lasted a second; nothing on
/// a pipe or under `--quiet`.
pub struct Bar {
    bar: ProgressBar,
    start: Instant,
    shown: AtomicBool,
}

impl Bar {
    /// The progress reporter for this run.
    pub fn for_run(quiet: bool) -> Box<dyn Progress> {
        if quiet || !std::io::stderr().is_terminal() {
            return Box::new(Silent);
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{msg:>24} [{bar:40}] {pos}/{len} pages")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Box::new(Bar {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        })
    }
}

impl Progress for Bar {
    fn phase(&self, name: &str, total: usize) {
        self.bar.set_message(name.to_string());
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
    }

    fn advance(&self, n: usize) {
        self.bar.inc(n as u64);
        if !self.shown.load(Ordering::Relaxed) && self.start.elapsed() > Duration::from_secs(1) {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
