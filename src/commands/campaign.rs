//! `smsctl campaign run` / `status`: the CLI around the campaign engine —
//! check, dry run, confirm, resume, progress, summary, report.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::campaign::engine::{EngineOptions, Progress, Stopped};
use crate::campaign::reconcile::Reconciled;
use crate::campaign::refresh::{self, RefreshReporter};
use crate::campaign::{
    self, Campaign, CheckOptions, CheckReport, Destination, JournalError, Summary, Template,
};
use crate::cli::{CampaignCommand, CampaignRunArgs, Channel};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::output::table;
use crate::phone::E164;
use crate::prompt;
use crate::sending::{message_sender, region_flag, sending_client};
use crate::twilio::{NewMessage, explain};

pub async fn run(ctx: &Context, c: CampaignCommand) -> anyhow::Result<ExitStatus> {
    match c {
        CampaignCommand::Run(a) => run_campaign(ctx, *a).await,
        CampaignCommand::Status { file } => status(ctx, &file).await,
    }
}

/// "1 message", "12,345 messages".
pub fn count(n: u64, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", thousands(n))
}

/// 12345 → "12,345".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn load_template(a: &CampaignRunArgs) -> anyhow::Result<Template> {
    let text = match (&a.template, &a.body) {
        (Some(path), _) => std::fs::read_to_string(path)
            .map_err(|e| UserError::usage(format!("--template {}: {e}", path.display())))?,
        (None, Some(body)) => body.clone(),
        (None, None) => return Err(UserError::usage("pass --template FILE or --body TEXT").into()),
    };
    // A template file usually ends with a newline that is not part of the message.
    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
    Template::parse(&text).map_err(|e| {
        let src = a
            .template
            .as_ref()
            .map(|p| format!("{}: ", p.display()))
            .unwrap_or_else(|| "--body: ".into());
        UserError::usage(format!("{src}{e}")).into()
    })
}

#[derive(Serialize)]
struct DryRun<'a> {
    dry_run: bool,
    rows: u64,
    to_send: u64,
    invalid: u64,
    duplicates: u64,
    segments_total: u64,
    segments_min: usize,
    segments_max: usize,
    estimated_cost: Option<f64>,
    problems: &'a [campaign::Problem],
    problems_total: u64,
    samples: &'a [campaign::Sample],
}

fn print_problems(ctx: &Context, report: &CheckReport) {
    for p in &report.problems {
        ctx.printer.status(&p.message);
    }
    let shown = report.problems.len() as u64;
    if report.problems_total > shown {
        ctx.printer.status(format!(
            "… and {} more problems",
            thousands(report.problems_total - shown)
        ));
    }
}

async fn run_campaign(ctx: &Context, a: CampaignRunArgs) -> anyhow::Result<ExitStatus> {
    // 1. Input, checked before anything else.
    let template = load_template(&a)?;
    let region = region_flag(a.default_region.as_deref())?;
    if !(a.rate > 0.0 && a.rate.is_finite()) {
        return Err(
            UserError::usage("--rate must be a positive number of messages per second").into(),
        );
    }
    if a.concurrency == 0 {
        return Err(UserError::usage("--concurrency must be at least 1").into());
    }
    if !a.recipients.is_file() {
        return Err(UserError::usage(format!(
            "--recipients {}: no such file",
            a.recipients.display()
        ))
        .into());
    }
    let check_opts = CheckOptions {
        to_column: Some(a.to_column.clone()),
        default_region: region,
        allow_duplicates: a.allow_duplicates,
        extra_numbers: if a.sandbox {
            smsctl_sandbox::TEST_NUMBERS
        } else {
            &[]
        },
        ..Default::default()
    };
    let campaign = Campaign {
        recipients: a.recipients.clone(),
        template,
        check: check_opts,
    };
    let checked = tokio::task::spawn_blocking(move || campaign.check())
        .await?
        .map_err(|e| UserError::usage(e.to_string()))?;
    let report = checked.report();
    print_problems(ctx, report);
    if report.is_fatal() {
        return Err(UserError::usage(format!(
            "{}: the campaign cannot run (see above); nothing was sent",
            a.recipients.display()
        ))
        .into());
    }
    let blocked_by_invalid = report.invalid > 0 && !a.skip_invalid;
    let to_send_total = report.segments.messages;

    // 2. Dry run: needs no secret, sends nothing.
    if a.dry_run {
        print_dry_run(ctx, report, a.price_per_segment);
        if blocked_by_invalid {
            return Err(invalid_rows_error(report).into());
        }
        ctx.printer.status("dry run: nothing was sent");
        return Ok(ExitStatus::Success);
    }
    if blocked_by_invalid {
        return Err(invalid_rows_error(report).into());
    }
    ctx.printer.status(format!(
        "checked {}: {}, {} to send ({}), {} invalid{}, {}",
        a.recipients.display(),
        count(report.rows, "row"),
        count(to_send_total, "message"),
        count(report.segments.total, "segment"),
        thousands(report.invalid),
        if report.invalid > 0 { " (skipped)" } else { "" },
        count(report.duplicates, "duplicate")
    ));

    // 3. Credentials and sender.
    let (_sandbox, client, resolved) = sending_client(ctx, a.sandbox, a.force, &a.sender).await?;
    let sender = message_sender(
        &resolved.senders,
        a.sender.message_sender()?,
        a.channel,
        &resolved.source,
    )?;
    let sender_desc = sender.to_string();
    let whatsapp = a.channel == Channel::Whatsapp;

    // 4. Journal: resume or start.
    let (journal_path, report_path) = campaign_files(&a);
    let mut plan = checked
        .prepare(Destination {
            journal: journal_path,
            report: report_path,
            to_column: &a.to_column,
            channel: match a.channel {
                Channel::Sms => "sms",
                Channel::Whatsapp => "whatsapp",
            },
            sender: &sender_desc,
            account_sid: client.account_sid(),
            restart: a.restart,
        })
        .map_err(|e| match e {
            JournalError::Changed { .. } | JournalError::Symlink { .. } => {
                anyhow::Error::new(UserError::usage(e.to_string()))
            }
            JournalError::Locked { .. } => anyhow::Error::new(UserError::failed(format!(
                "{e} (another `smsctl campaign run` is sending this campaign)"
            ))),
            other => other.into(),
        })?;
    let replay = plan.replay();
    if let Some(old) = &replay.archived {
        ctx.printer.status(format!(
            "--restart: the old journal was kept as {}",
            old.display()
        ));
    }
    if !replay.fresh && replay.done_count() + replay.unknown_count() > 0 {
        ctx.printer.status(format!(
            "resuming the campaign started {} ({} recipients done, {} in flight when it stopped)",
            replay.started.strftime("%Y-%m-%d %H:%M:%S UTC"),
            thousands(replay.done_count()),
            thousands(replay.unknown_count())
        ));
    }
    if replay.unknown_count() > 0 {
        let settle = a
            .settle_secs
            .map_or_else(|| client.settle_bound(), Duration::from_secs);
        if let Some(deadline) = plan.settle_deadline(settle) {
            wait_for_settle(ctx, deadline).await?;
        }
        let r = plan.reconcile(&client, whatsapp).await;
        print_reconciled(ctx, &r, &a);
    }
    let remaining = plan.remaining(a.resend_unknown);

    // 5. Confirm.
    if remaining > 0 && !a.yes {
        let segs = if plan.replay().fresh {
            format!(" ({} segments)", thousands(plan.report().segments.total))
        } else {
            String::new()
        };
        let q = format!(
            "Send {} messages{segs} through {} ({})?",
            thousands(remaining),
            resolved.source,
            client.account_sid()
        );
        if !prompt::confirm(ctx.interactive, &q, "sending a campaign")? {
            ctx.printer.status("nothing was sent");
            plan.abandon()?;
            return Ok(ExitStatus::Failure);
        }
    }

    // 6. Send, with Ctrl-C / SIGTERM stopping cleanly.
    let cancel = CancellationToken::new();
    tokio::spawn(watch_signals(cancel.clone()));
    let progress = Arc::new(Progress::default());
    let show = tokio::spawn(show_progress(progress.clone(), remaining, ctx.printer.json));
    let make_message = Box::new(move |to: &E164, body: &str| NewMessage {
        to: crate::twilio::address(to.as_str(), whatsapp),
        sender: sender.clone(),
        body: body.to_string(),
    });
    let opts = EngineOptions {
        rate: a.rate,
        concurrency: a.concurrency,
        resend_unknown: a.resend_unknown,
        make_message,
    };
    let finished = plan.send(&client, opts, progress.clone(), cancel).await;
    show.abort();
    let _ = show.await;
    let finished = finished?;

    // 7. Report and summary, from the journal.
    let summary = match finished.summary {
        Ok(s) => s,
        // The journal's own error (a full disk) is the one to show.
        Err(e) if matches!(finished.stopped, Stopped::JournalFailed(_)) => {
            ctx.printer.warn(format!(
                "cannot write the report {}: {e}",
                finished.report_path.display()
            ));
            return finish_status(ctx, &finished.stopped, &Summary::default());
        }
        Err(e) => {
            return Err(e).with_context(|| {
                format!("cannot write the report {}", finished.report_path.display())
            });
        }
    };
    print_summary(
        ctx,
        &summary,
        &finished.report_path,
        &finished.journal_path,
        finished.elapsed,
        progress.done(),
    );
    finish_status(ctx, &finished.stopped, &summary)
}

/// The journal and report of a run. A sandbox rehearsal keeps its own, so it
/// never blocks or pollutes the real campaign over the same files.
fn campaign_files(a: &CampaignRunArgs) -> (PathBuf, PathBuf) {
    let named_after = if a.sandbox {
        // recipients.csv → recipients.sandbox.csv (a name only; no such file is made).
        let stem = a
            .recipients
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        let ext = a
            .recipients
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        a.recipients.with_file_name(format!("{stem}.sandbox{ext}"))
    } else {
        a.recipients.clone()
    };
    let journal = campaign::default_journal_path(&named_after);
    let report = a
        .report
        .clone()
        .unwrap_or_else(|| campaign::default_report_path(&named_after));
    (journal, report)
}

fn print_reconciled(ctx: &Context, r: &Reconciled, a: &CampaignRunArgs) {
    ctx.printer.status(format!(
        "asked Twilio about {} interrupted requests: {} were sent, {} proven unsent (sending them now), {} cannot be told",
        r.asked(),
        r.found,
        r.unsent,
        r.still_unknown.len()
    ));
    if r.still_unknown.is_empty() {
        return;
    }
    for u in &r.still_unknown {
        ctx.printer.status(format!(
            "  unknown: {}:{} {}",
            a.recipients.display(),
            u.line,
            u.to
        ));
    }
    if !a.resend_unknown {
        ctx.printer.status(
            "these are left unsent; check the Twilio Console, then pass --resend-unknown to send them",
        );
    }
}

fn print_dry_run(ctx: &Context, report: &CheckReport, price_per_segment: Option<f64>) {
    let cost = price_per_segment.map(|p| p * report.segments.total as f64);
    if ctx.printer.json {
        ctx.printer.json(&DryRun {
            dry_run: true,
            rows: report.rows,
            to_send: report.segments.messages,
            invalid: report.invalid,
            duplicates: report.duplicates,
            segments_total: report.segments.total,
            segments_min: report.segments.min,
            segments_max: report.segments.max,
            estimated_cost: cost,
            problems: &report.problems,
            problems_total: report.problems_total,
            samples: &report.samples,
        });
        return;
    }
    let mut t = table(&["", ""]);
    t.add_row(vec!["rows".to_string(), thousands(report.rows)]);
    t.add_row(vec![
        "messages to send".into(),
        thousands(report.segments.messages),
    ]);
    t.add_row(vec!["invalid rows".into(), thousands(report.invalid)]);
    t.add_row(vec![
        "duplicates (sent once)".into(),
        thousands(report.duplicates),
    ]);
    t.add_row(vec![
        "segments".into(),
        format!(
            "{} in total ({}–{} per message)",
            thousands(report.segments.total),
            report.segments.min,
            report.segments.max
        ),
    ]);
    if let Some(c) = cost {
        t.add_row(vec!["estimated cost".into(), format!("{c:.2}")]);
    }
    ctx.printer.out(t.to_string());
    for s in &report.samples {
        ctx.printer.out(format!(
            "\nsample, line {} → {} ({}):\n{}",
            s.line,
            s.to,
            s.segments.describe(),
            s.body
        ));
    }
}

fn invalid_rows_error(report: &CheckReport) -> UserError {
    UserError::usage(format!(
        "{} invalid rows (listed above); fix them, or pass --skip-invalid to send to the others; nothing was sent",
        thousands(report.invalid)
    ))
}

fn finish_status(
    ctx: &Context,
    stopped: &Stopped,
    summary: &Summary,
) -> anyhow::Result<ExitStatus> {
    match stopped {
        Stopped::Interrupted => {
            ctx.printer
                .status("interrupted: the journal is kept; run the same command again to resume");
            Ok(ExitStatus::Interrupted)
        }
        Stopped::CredentialsRejected(m) => Err(UserError {
            status: ExitStatus::CredentialsRejected,
            message: format!("{m}; the campaign stopped, the journal is kept: fix the credentials and run the same command to resume"),
        }
        .into()),
        Stopped::NetworkLost(m) => Err(UserError::failed(format!(
            "{m}; the campaign stopped, the journal is kept: run the same command again to resume"
        ))
        .into()),
        Stopped::JournalFailed(m) => Err(UserError::failed(format!(
            "the campaign stopped: {m}"
        ))
        .into()),
        Stopped::Completed if summary.any_failed() => Ok(ExitStatus::CampaignFailed),
        Stopped::Completed if summary.unknown > 0 || summary.not_sent > 0 => Err(UserError::failed(format!(
            "{} recipients are unknown and {} not sent; run the same command again to retry them",
            summary.unknown, summary.not_sent
        ))
        .into()),
        Stopped::Completed => Ok(ExitStatus::Success),
    }
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    report: String,
    journal: String,
    seconds: f64,
}

fn print_summary(
    ctx: &Context,
    s: &Summary,
    report: &Path,
    journal: &Path,
    elapsed: Duration,
    this_run: u64,
) {
    if ctx.printer.json {
        ctx.printer.json(&SummaryJson {
            summary: s,
            report: report.display().to_string(),
            journal: journal.display().to_string(),
            seconds: elapsed.as_secs_f64(),
        });
        return;
    }
    let mut t = table(&["RESULT", "RECIPIENTS", "DETAIL"]);
    t.add_row(vec![
        "sent".to_string(),
        thousands(s.sent + s.delivered),
        String::new(),
    ]);
    if s.delivered > 0 {
        t.add_row(vec![
            "  of which delivered".to_string(),
            thousands(s.delivered),
            String::new(),
        ]);
    }
    for (code, n) in &s.failed_by_code {
        let detail = code
            .parse::<i64>()
            .ok()
            .and_then(explain)
            .unwrap_or("see the report for Twilio's message");
        t.add_row(vec![
            format!("failed ({code})"),
            thousands(*n),
            detail.to_string(),
        ]);
    }
    if s.not_sent > 0 {
        t.add_row(vec![
            "not sent (retry)".into(),
            thousands(s.not_sent),
            "the next run sends them".into(),
        ]);
    }
    if s.unknown > 0 {
        t.add_row(vec![
            "unknown".into(),
            thousands(s.unknown),
            "may have been sent; see the report".into(),
        ]);
    }
    if s.skipped.invalid > 0 {
        t.add_row(vec![
            "skipped: invalid".into(),
            thousands(s.skipped.invalid),
            String::new(),
        ]);
    }
    if s.skipped.duplicates > 0 {
        t.add_row(vec![
            "skipped: duplicate".into(),
            thousands(s.skipped.duplicates),
            "sent once".into(),
        ]);
    }
    if s.pending > 0 {
        t.add_row(vec![
            "not reached".into(),
            thousands(s.pending),
            "run again to continue".into(),
        ]);
    }
    ctx.printer.out(t.to_string());
    let rate = this_run as f64 / elapsed.as_secs_f64().max(1e-3);
    ctx.printer.status(format!(
        "report: {}  (journal: {}); {} this run in {:.1} s ({rate:.0}/s)",
        report.display(),
        journal.display(),
        count(this_run, "request"),
        elapsed.as_secs_f64()
    ));
}

async fn watch_signals(cancel: CancellationToken) {
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
async fn wait_for_settle(ctx: &Context, deadline: jiff::Timestamp) -> anyhow::Result<()> {
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
async fn show_progress(p: Arc<Progress>, total: u64, quiet: bool) {
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
fn scopeguard(bar: indicatif::ProgressBar) -> impl Drop {
    struct G(indicatif::ProgressBar);
    impl Drop for G {
        fn drop(&mut self) {
            self.0.finish_and_clear();
        }
    }
    G(bar)
}

/// `campaign status`: refresh delivery statuses, bounded and rate limited.
async fn status(ctx: &Context, file: &Path) -> anyhow::Result<ExitStatus> {
    // Opened before the credentials are resolved: a wrong path says so first.
    let campaign = refresh::open(file).map_err(|e| UserError::usage(e.to_string()))?;
    let r = ctx.resolve()?;
    let client = ctx.client(r.creds.clone())?;
    let done = campaign.run(&client, &WarnFailedFetch(ctx)).await?;
    ctx.printer
        .status(format!("refreshed {} messages", thousands(done.refreshed)));
    print_summary(
        ctx,
        &done.summary,
        &done.report_path,
        file,
        Duration::ZERO,
        done.refreshed,
    );
    Ok(if done.summary.any_failed() {
        ExitStatus::CampaignFailed
    } else {
        ExitStatus::Success
    })
}

/// A status that could not be fetched is a warning: the row keeps its status.
struct WarnFailedFetch<'a>(&'a Context);

impl RefreshReporter for WarnFailedFetch<'_> {
    fn fetch_failed(&self, sid: &str, error: &crate::twilio::TwilioError) {
        self.0.printer.warn(format!("{sid}: {error}"));
    }
}
