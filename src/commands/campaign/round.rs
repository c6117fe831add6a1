//! `smsctl campaign retry` / `campaign cancel`: a round over a campaign's
//! journal (the library's [`crate::campaign::round`]): open, settle what was in
//! flight, select, dry run or confirm, act, report.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::progress::{show_progress, wait_for_settle, watch_signals};
use super::render::{count, print_summary, thousands};
use super::{finish_status, optout_keys};
use crate::campaign::engine::{EngineOptions, Limits, Progress};
use crate::campaign::round::{Left, Round, RoundError, RoundKind, Selection};
use crate::campaign::{JournalError, Summary};
use crate::cli::{CampaignCancelArgs, CampaignRetryArgs, RoundArgs};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::message_options;
use crate::phone::E164;
use crate::prompt;
use crate::twilio::NewMessage;

pub(super) async fn retry(ctx: &Context, a: CampaignRetryArgs) -> anyhow::Result<ExitStatus> {
    round(ctx, &a.round, RoundKind::Retry).await
}

pub(super) async fn cancel(ctx: &Context, a: CampaignCancelArgs) -> anyhow::Result<ExitStatus> {
    let kind = RoundKind::Cancel {
        opted_out_only: a.opted_out,
    };
    round(ctx, &a.round, kind).await
}

fn check_limits(a: &RoundArgs) -> Result<Limits, UserError> {
    if !(a.rate > 0.0 && a.rate.is_finite()) {
        return Err(UserError::usage(
            "--rate must be a positive number of requests per second",
        ));
    }
    if a.concurrency == 0 {
        return Err(UserError::usage("--concurrency must be at least 1"));
    }
    Ok(Limits {
        rate: a.rate,
        concurrency: a.concurrency,
        max_consecutive_failures: a.max_consecutive_failures,
    })
}

/// A journal that cannot be opened for a round: a lock held is a run (or a
/// round) in progress (exit 1); anything else is bad input (exit 2).
fn open_error(e: RoundError) -> anyhow::Error {
    match e {
        RoundError::Journal(e @ JournalError::Locked { .. }) => anyhow::Error::new(
            UserError::failed(format!("{e} (a `campaign run`, `retry` or `cancel`)")),
        ),
        RoundError::Journal(JournalError::Io { path, source })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            anyhow::Error::new(UserError::usage(format!(
                "{}: no such journal (a campaign's journal is recipients.csv.smsctl-journal, next to its recipients file)",
                path.display()
            )))
        }
        other => other.into(),
    }
}

async fn round(ctx: &Context, a: &RoundArgs, kind: RoundKind) -> anyhow::Result<ExitStatus> {
    let limits = check_limits(a)?;
    let (verb, noun) = match kind {
        RoundKind::Retry => ("retry", "retrying a campaign"),
        RoundKind::Cancel { .. } => ("cancel", "canceling scheduled messages"),
    };
    let mut round = Round::open(&a.journal).map_err(open_error)?;
    let account = round.header().fingerprint.account_sid.clone();
    let opted_out = Arc::new(optout_keys(ctx, &account)?);

    let no_spec = kind == RoundKind::Retry && round.replay().spec.is_none();
    if no_spec && !a.dry_run {
        let e = RoundError::NoSpec {
            path: round.journal_path().to_path_buf(),
        };
        round.abandon()?;
        return Err(e.into());
    }

    // A dry run needs no credentials: the journal's latest statuses.
    if a.dry_run {
        if no_spec {
            ctx.printer.warn(format!(
                "{}",
                RoundError::NoSpec {
                    path: round.journal_path().to_path_buf()
                }
            ));
        }
        if round.replay().unknown_count() > 0 || !round.replay().cancels.is_empty() {
            ctx.printer.warn(format!(
                "{} requests were in flight when the campaign last stopped: the {verb} asks Twilio about them first",
                round.replay().unknown_count() + round.replay().cancels.len() as u64
            ));
        }
        let sel = round.select(kind, &opted_out)?;
        print_selection(ctx, kind, &sel, true);
        if kind == RoundKind::Retry && !sel.rows.is_empty() {
            print_reused_options(ctx, &round);
            let n = sel.rows.len() as u64;
            let checked =
                round.check_schedule(jiff::Timestamp::now(), super::creating(n, limits.rate), n);
            if let Err(e) = checked {
                round.abandon()?;
                return Err(e.into());
            }
        }
        round.abandon()?;
        ctx.printer.status("dry run: nothing was sent");
        return Ok(ExitStatus::Success);
    }

    // Credentials: the campaign's account only.
    let r = ctx.resolve()?;
    let client = ctx.client(r.creds.clone())?;
    round.check_account(client.account_sid())?;

    // Settle what an interrupted run or round left in flight.
    let in_doubt = round.replay().unknown_count() + round.replay().cancels.len() as u64;
    if in_doubt > 0 {
        let settle = a
            .settle_secs
            .map_or_else(|| client.settle_bound(), Duration::from_secs);
        if let Some(deadline) = round.settle_deadline(settle) {
            wait_for_settle(ctx, deadline).await?;
        }
        let (creates, (canceled, cancel_failed)) = round.reconcile(&client).await;
        if creates.asked() > 0 {
            ctx.printer.status(format!(
                "asked Twilio about {} interrupted requests: {} were sent, {} proven unsent, {} cannot be told",
                creates.asked(),
                creates.found,
                creates.unsent,
                creates.still_unknown.len()
            ));
        }
        if canceled + cancel_failed > 0 {
            ctx.printer.status(format!(
                "asked Twilio about {} interrupted cancels: {canceled} settled, {cancel_failed} cannot be told",
                canceled + cancel_failed
            ));
        }
    }

    let sel = round.select(kind, &opted_out)?;
    print_selection(ctx, kind, &sel, false);
    if sel.rows.is_empty() {
        round.abandon()?;
        ctx.printer.status(format!("nothing to {verb}"));
        return Ok(ExitStatus::Success);
    }
    let n = sel.rows.len() as u64;

    // A retry renders its messages from the files the run checked.
    let (round, source) = match kind {
        RoundKind::Retry => {
            let keys = opted_out.clone();
            let sandbox = account == smsctl_sandbox::ACCOUNT_SID;
            let sel_rows = sel.clone();
            let (round, source) = tokio::task::spawn_blocking(move || {
                let extra = if sandbox {
                    smsctl_sandbox::TEST_NUMBERS
                } else {
                    &[]
                };
                let source = round.prepare_retry(&sel_rows, keys, extra);
                (round, source)
            })
            .await?;
            match source {
                Ok(s) => (round, Some(s)),
                Err(e) => {
                    round.abandon()?;
                    return Err(e.into());
                }
            }
        }
        RoundKind::Cancel { .. } => (round, None),
    };
    // A scheduled campaign's retry schedules at the same time: still possible?
    if source.is_some() {
        print_reused_options(ctx, &round);
        let checked =
            round.check_schedule(jiff::Timestamp::now(), super::creating(n, limits.rate), n);
        if let Err(e) = checked {
            round.abandon()?;
            return Err(e.into());
        }
    }
    let when = source
        .as_ref()
        .and_then(|s| s.options.send_at)
        .map(|at| format!(" scheduled for {}", message_options::describe_send_at(at)))
        .unwrap_or_default();

    // Confirm.
    if !a.yes {
        let q = match kind {
            RoundKind::Retry => format!(
                "Send {} once more{when} through {} ({})?",
                count(n, "message"),
                r.source,
                client.account_sid()
            ),
            RoundKind::Cancel { .. } => format!(
                "Cancel {} through {} ({})?",
                count(n, "scheduled message"),
                r.source,
                client.account_sid()
            ),
        };
        if !prompt::confirm(ctx.interactive, &q, noun)? {
            ctx.printer.status("nothing was sent");
            round.abandon()?;
            return Ok(ExitStatus::Failure);
        }
        // Again after the confirmation, which may have waited.
        if source.is_some() {
            let checked =
                round.check_schedule(jiff::Timestamp::now(), super::creating(n, limits.rate), n);
            if let Err(e) = checked {
                round.abandon()?;
                return Err(e.into());
            }
        }
    }

    // Act, with Ctrl-C / SIGTERM stopping cleanly.
    let cancel = CancellationToken::new();
    tokio::spawn(watch_signals(cancel.clone()));
    let progress = Arc::new(Progress::default());
    let stop_progress = CancellationToken::new();
    let show = tokio::spawn(show_progress(
        progress.clone(),
        n,
        ctx.printer.json,
        stop_progress.clone(),
    ));
    let finished = match source {
        Some(source) => {
            let whatsapp = round.whatsapp();
            let sender = source.sender.clone();
            let options = Arc::new(source.options.clone());
            let make_message = Box::new(move |to: &E164, body: &str| NewMessage {
                to: crate::twilio::address(to.as_str(), whatsapp),
                sender: sender.clone(),
                body: body.to_string(),
                content_variables: None,
                options: options.clone(),
            });
            let opts = EngineOptions {
                rate: limits.rate,
                concurrency: limits.concurrency,
                resend_unknown: false,
                max_consecutive_failures: limits.max_consecutive_failures,
                make_message,
            };
            round
                .retry(&client, source, sel, opts, progress.clone(), cancel)
                .await
        }
        None => {
            round
                .cancel(&client, sel, limits, progress.clone(), cancel)
                .await
        }
    };
    stop_progress.cancel();
    let _ = show.await;
    let finished = finished?;
    let summary = match finished.summary {
        Ok(s) => s,
        Err(e) => {
            ctx.printer.warn(format!(
                "cannot write the report {}: {e}",
                finished.report_path.display()
            ));
            return finish_status(ctx, &finished.stopped, &Summary::default());
        }
    };
    print_summary(
        ctx,
        &summary,
        &finished.report_path,
        &finished.journal_path,
        finished.elapsed,
        super::render::Requests::Sent(progress.done()),
    );
    let failed = progress.failed.load(std::sync::atomic::Ordering::Relaxed);
    if matches!(kind, RoundKind::Cancel { .. })
        && failed > 0
        && finished.stopped == crate::campaign::engine::Stopped::Completed
    {
        return Err(UserError::failed(format!(
            "{} could not be canceled (see the report's status and error columns); the same command tries those still scheduled again",
            count(failed, "message")
        ))
        .into());
    }
    finish_status(ctx, &finished.stopped, &summary)
}

/// The campaign's message options a retry sends again (`--send-at`,
/// `--validity-period`, `--media-url`), if any.
fn print_reused_options(ctx: &Context, round: &Round) {
    let lines = message_options::describe(&round.message_options());
    if !lines.is_empty() {
        ctx.printer.status(format!(
            "every message, as in the campaign: {}",
            lines.join(", ")
        ));
    }
}

/// Whom the round acts on, and why the others are left alone.
fn print_selection(ctx: &Context, kind: RoundKind, sel: &Selection, dry_run: bool) {
    if ctx.printer.json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            recipient: &'a str,
            row: u64,
            status: &'a str,
            message_sid: Option<&'a str>,
            error_code: Option<u32>,
            attempts: u32,
        }
        #[derive(serde::Serialize)]
        struct Json<'a> {
            dry_run: bool,
            round: &'a str,
            selected: Vec<Row<'a>>,
            left: &'a Left,
        }
        if dry_run {
            ctx.printer.json(&Json {
                dry_run,
                round: match kind {
                    RoundKind::Retry => "retry",
                    RoundKind::Cancel { .. } => "cancel",
                },
                selected: sel
                    .rows
                    .iter()
                    .map(|c| Row {
                        recipient: &c.latest.recipient,
                        row: c.latest.row,
                        status: c.latest.status.as_str(),
                        message_sid: c.latest.message_sid.as_deref(),
                        error_code: c.latest.error_code,
                        attempts: c.attempts,
                    })
                    .collect(),
                left: &sel.left,
            });
        }
        return;
    }
    let n = sel.rows.len() as u64;
    let what = match kind {
        RoundKind::Retry => "to send once more",
        RoundKind::Cancel { .. } => "scheduled messages to cancel",
    };
    ctx.printer.status(format!("{} {what}", thousands(n)));
    if dry_run {
        let mut t = crate::output::table(&["LINE", "RECIPIENT", "LATEST", "CODE", "ATTEMPTS"]);
        for c in &sel.rows {
            t.add_row(vec![
                c.latest.row.to_string(),
                c.latest.recipient.clone(),
                c.latest.status.to_string(),
                c.latest
                    .error_code
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                c.attempts.to_string(),
            ]);
        }
        if n > 0 {
            ctx.printer.out(format!("{t}\n"));
        }
    }
    let l = &sel.left;
    let mut why: Vec<String> = Vec::new();
    for (code, k) in &l.permanent {
        why.push(format!("{} failed for good ({code})", thousands(*k)));
    }
    for (code, k) in &l.unclassified {
        why.push(format!(
            "{} failed with an unclassified code ({code})",
            thousands(*k)
        ));
    }
    for (k, label) in [
        (l.opted_out, "on the opt-out list now"),
        (l.unknown, "in doubt (maybe sent)"),
        (l.done, "sent or delivered"),
        (
            l.scheduled,
            match kind {
                RoundKind::Retry => "scheduled",
                RoundKind::Cancel { .. } => "scheduled, recipient not opted out",
            },
        ),
        (l.skipped, "skipped by the run"),
        (
            l.other,
            match kind {
                RoundKind::Retry => "canceled",
                RoundKind::Cancel { .. } => "not scheduled",
            },
        ),
    ] {
        if k > 0 {
            why.push(format!("{} {label}", thousands(k)));
        }
    }
    if !why.is_empty() {
        ctx.printer
            .status(format!("left alone: {}", why.join(", ")));
    }
}
