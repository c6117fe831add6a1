//! Progress while a campaign runs: the settle countdown, the progress bar (plain
//! lines without a terminal), and the signals that stop a run cleanly.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::render::{per_second, thousands};
use crate::campaign::engine::Progress;
use crate::context::Context;
use crate::error::{ExitStatus, UserError};

pub(super) async fn watch_signals(cancel: CancellationToken) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    cancel.cancel();
}

/// Waits until `deadline`, when every request in flight at the interruption has
/// finished at Twilio: a countdown on a terminal, one line otherwise. Ctrl-C
/// stops the wait (nothing was sent).
pub(super) async fn wait_for_settle(
    ctx: &Context,
    deadline: jiff::Timestamp,
) -> anyhow::Result<()> {
    let left = |now: jiff::Timestamp| {
        Duration::try_from(deadline.duration_since(now)).unwrap_or(Duration::ZERO)
    };
    let wait = left(jiff::Timestamp::now());
    if wait.is_zero() {
        return Ok(());
    }
    let why = "for requests in flight at the interruption to finish at Twilio before asking about them (--settle-secs changes this)";
    let countdown = async {
        if std::io::stderr().is_terminal() && !ctx.printer.json {
            let bar = indicatif::ProgressBar::new_spinner();
            let _guard = scopeguard(bar.clone());
            loop {
                let l = left(jiff::Timestamp::now());
                if l.is_zero() {
                    break;
                }
                bar.set_message(format!("waiting {} s {why}", l.as_secs() + 1));
                bar.tick();
                tokio::time::sleep(l.min(Duration::from_millis(250))).await;
            }
        } else {
            ctx.printer
                .status(format!("waiting {} s {why}", wait.as_secs_f64().ceil()));
            tokio::time::sleep(wait).await;
        }
    };
    tokio::select! {
        _ = countdown => Ok(()),
        _ = tokio::signal::ctrl_c() => Err(UserError {
            status: ExitStatus::Interrupted,
            message: "interrupted while waiting; nothing was sent (run the same command to resume)".into(),
        }
        .into()),
    }
}

/// An indicatif bar on a terminal; a plain line every few seconds otherwise.
/// Runs until `stop` is cancelled; the bar then shows the final count and stays.
pub(super) async fn show_progress(
    p: Arc<Progress>,
    total: u64,
    quiet: bool,
    stop: CancellationToken,
) {
    if std::io::stderr().is_terminal() && !quiet {
        let bar = RunBar::new(indicatif::ProgressBar::new(total), p);
        loop {
            bar.update();
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
            }
        }
        bar.finish();
    } else {
        use std::sync::atomic::Ordering::Relaxed;
        let start = Instant::now();
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
            let done = p.done();
            let rate = done as f64 / start.elapsed().as_secs_f64();
            let eta = if rate > 0.0 {
                format!("{:.0} s", (total.saturating_sub(done)) as f64 / rate)
            } else {
                "-".into()
            };
            eprintln!(
                "progress: {}/{} (sent {}, failed {}) {rate:.0}/s, ETA {eta}",
                thousands(done),
                thousands(total),
                thousands(p.sent.load(Relaxed)),
                thousands(p.failed.load(Relaxed))
            );
        }
    }
}

/// The progress bar of a run: what it shows is read from the engine's counters.
struct RunBar {
    bar: indicatif::ProgressBar,
    p: Arc<Progress>,
}

impl RunBar {
    fn new(bar: indicatif::ProgressBar, p: Arc<Progress>) -> Self {
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} {rate} ETA {eta}")
                .expect("progress template")
                .with_key(
                    "rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        // Over the gaps between requests, as the summary counts it.
                        if let Some(r) = per_second(s.pos(), s.elapsed()) {
                            let _ = write!(w, "{r}");
                        }
                    },
                ),
        );
        RunBar { bar, p }
    }

    fn update(&self) {
        use std::sync::atomic::Ordering::Relaxed;
        self.bar.set_position(self.p.done());
        self.bar.set_message(format!(
            "sent {} failed {}",
            self.p.sent.load(Relaxed),
            self.p.failed.load(Relaxed)
        ));
    }

    /// The last figures, drawn and left on screen: the bar ends at the count
    /// the summary below it adds up (not at the last 100 ms tick before the end).
    fn finish(self) {
        self.update();
        self.bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .expect("progress template"),
        );
        self.bar.finish();
        // indicatif leaves the cursor on the bar's line: what follows starts below it.
        if !self.bar.is_hidden() {
            eprintln!();
        }
    }
}

/// Clears the bar when the progress task is aborted.
pub(super) fn scopeguard(bar: indicatif::ProgressBar) -> impl Drop {
    struct G(indicatif::ProgressBar);
    impl Drop for G {
        fn drop(&mut self) {
            self.0.finish_and_clear();
        }
    }
    G(bar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::engine::Reporter;
    use crate::campaign::journal::OutcomeStatus;

    #[test]
    fn the_bar_ends_at_the_final_count() {
        let p = Arc::new(Progress::default());
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(715),
            indicatif::ProgressDrawTarget::hidden(),
        );
        let run = RunBar::new(bar.clone(), p.clone());
        run.update();
        for _ in 0..708 {
            p.finished(OutcomeStatus::Sent);
        }
        run.update();
        assert_eq!(bar.position(), 708);
        // The last 7 end after the last tick.
        for _ in 0..5 {
            p.finished(OutcomeStatus::Sent);
        }
        for _ in 0..2 {
            p.finished(OutcomeStatus::Failed);
        }
        run.finish();
        assert_eq!(bar.position(), 715);
        assert!(bar.is_finished());
        assert_eq!(bar.message(), "sent 713 failed 2");
    }
}
