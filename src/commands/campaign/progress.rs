//! Progress while a campaign runs: the settle countdown, the progress bar (plain
//! lines without a terminal), and the signals that stop a run cleanly.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::render::thousands;
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
pub(super) async fn show_progress(p: Arc<Progress>, total: u64, quiet: bool) {
    use std::sync::atomic::Ordering::Relaxed;
    if std::io::stderr().is_terminal() && !quiet {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} {rate} ETA {eta}")
                .expect("progress template")
                .with_key(
                    "rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}/s", s.per_sec());
                    },
                ),
        );
        let _guard = scopeguard(bar.clone());
        loop {
            bar.set_position(p.done());
            bar.set_message(format!(
                "sent {} failed {}",
                p.sent.load(Relaxed),
                p.failed.load(Relaxed)
            ));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    } else {
        let start = Instant::now();
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
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
