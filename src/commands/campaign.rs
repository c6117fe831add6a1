//! `smsctl campaign run` / `status`: the CLI around the campaign engine —
//! check, dry run, confirm, resume, progress, summary, report.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::Serialize;

use crate::campaign::engine::{self, EngineOptions, Progress, Stopped};
use crate::campaign::{
    self, CheckOptions, CheckReport, Fingerprint, Journal, JournalError, Summary, Template,
};
use crate::cli::{CampaignCommand, CampaignRunArgs, Channel};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::output::table;
use crate::phone::E164;
use crate::prompt;
use crate::sending::{build_message, region_flag, sending_client};
use crate::twilio::{Client, NewMessage, explain};

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
        ..Default::default()
    };
    let recipients = a.recipients.clone();
    let (tpl, opts2) = (template.clone(), check_opts.clone());
    let report = tokio::task::spawn_blocking(move || campaign::check(&recipients, &tpl, &opts2))
        .await?
        .map_err(|e| UserError::usage(e.to_string()))?;
    print_problems(ctx, &report);
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
        let cost = a
            .price_per_segment
            .map(|p| p * report.segments.total as f64);
        if ctx.printer.json {
            ctx.printer.json(&DryRun {
                dry_run: true,
                rows: report.rows,
                to_send: to_send_total,
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
        } else {
            let mut t = table(&["", ""]);
            t.add_row(vec!["rows".to_string(), thousands(report.rows)]);
            t.add_row(vec!["messages to send".into(), thousands(to_send_total)]);
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
        if blocked_by_invalid {
            return Err(invalid_rows_error(&report).into());
        }
        ctx.printer.status("dry run: nothing was sent");
        return Ok(ExitStatus::Success);
    }
    if blocked_by_invalid {
        return Err(invalid_rows_error(&report).into());
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
    let probe: E164 = "+15005550006".parse().expect("a valid number");
    let base = build_message(
        &resolved.senders,
        a.sender.message_sender()?,
        a.channel,
        &probe,
        String::new(),
        &resolved.source,
    )?;
    let sender_desc = base.sender.to_string();

    let whatsapp = a.channel == Channel::Whatsapp;

    // 4. Journal: resume or start.
    // A sandbox rehearsal keeps its own journal and report, so it never
    // blocks or pollutes the real campaign over the same files.
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
    let journal_path = campaign::default_journal_path(&named_after);
    let report_path = a
        .report
        .clone()
        .unwrap_or_else(|| campaign::default_report_path(&named_after));
    let channel = match a.channel {
        Channel::Sms => "sms",
        Channel::Whatsapp => "whatsapp",
    };
    let fp = Fingerprint::new(
        report.content_digest(),
        template.text(),
        &a.to_column,
        channel,
        &sender_desc,
        client.account_sid(),
        region.map(|r| r.code()),
    );
    let (journal, mut replay) =
        Journal::open_or_create(&journal_path, &fp, a.restart).map_err(|e| match e {
            JournalError::Changed { .. } | JournalError::Symlink { .. } => {
                anyhow::Error::new(UserError::usage(e.to_string()))
            }
            JournalError::Locked { .. } => anyhow::Error::new(UserError::failed(format!(
                "{e} (another `smsctl campaign run` is sending this campaign)"
            ))),
            other => other.into(),
        })?;
    journal.note_report_path(&report_path)?;
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
        if let Some(deadline) = engine::settle_deadline(&replay, settle) {
            wait_for_settle(ctx, deadline).await?;
        }
        let (found, unsent, still) =
            engine::reconcile(&client, &journal, &mut replay, whatsapp).await;
        ctx.printer.status(format!(
            "asked Twilio about {} interrupted requests: {found} were sent, {unsent} proven unsent (sending them now), {} cannot be told",
            found + unsent + still.len() as u64,
            still.len()
        ));
        if !still.is_empty() {
            for u in &still {
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
    }
    let remaining = (0..report.rows as u32)
        .filter(|&r| report.should_send(r) && replay.wants_send(r, a.resend_unknown))
        .count() as u64;

    // 5. Confirm.
    if remaining > 0 && !a.yes {
        let segs = if replay.fresh {
            format!(" ({} segments)", thousands(report.segments.total))
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
            journal.close()?;
            return Ok(ExitStatus::Failure);
        }
    }

    // 6. Send, with Ctrl-C / SIGTERM stopping cleanly.
    let cancel = Arc::new(AtomicBool::new(false));
    tokio::spawn(watch_signals(cancel.clone()));
    let progress = Arc::new(Progress::default());
    let journal = Arc::new(journal);
    let show = tokio::spawn(show_progress(progress.clone(), remaining, ctx.printer.json));
    let sender = base.sender.clone();
    let make_message = Box::new(move |to: &E164, body: &str| NewMessage {
        to: crate::twilio::address(to.as_str(), whatsapp),
        sender: sender.clone(),
        body: body.to_string(),
    });
    let total_rows = report.rows;
    let started = Instant::now();
    let stopped = engine::send_all(
        &client,
        journal.clone(),
        &a.recipients,
        Arc::new(template),
        check_opts,
        Arc::new(report),
        Arc::new(replay),
        EngineOptions {
            rate: a.rate,
            concurrency: a.concurrency,
            resend_unknown: a.resend_unknown,
            make_message,
        },
        progress.clone(),
        cancel,
    )
    .await;
    show.abort();
    let _ = show.await;
    let elapsed = started.elapsed();
    let journal = Arc::try_unwrap(journal).map_err(|_| anyhow::anyhow!("journal still in use"))?;
    journal.close()?;
    let stopped = match stopped {
        Ok(s) => s,
        Err(e) => {
            // Stopped by an error: the report still shows what was done.
            let _ = campaign::rebuild_report(&journal_path, &report_path);
            return Err(e);
        }
    };

    // 7. Report and summary, from the journal.
    let mut summary = match campaign::rebuild_report(&journal_path, &report_path) {
        Ok(s) => s,
        // The journal's own error (a full disk) is the one to show.
        Err(e) if matches!(stopped, Stopped::JournalFailed(_)) => {
            ctx.printer.warn(format!(
                "cannot write the report {}: {e}",
                report_path.display()
            ));
            return finish_status(ctx, &stopped, &Summary::default());
        }
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot write the report {}", report_path.display()));
        }
    };
    summary.set_total_rows(total_rows);
    print_summary(
        ctx,
        &summary,
        &report_path,
        &journal_path,
        elapsed,
        progress.finished(),
    );
    finish_status(ctx, &stopped, &summary)
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

async fn watch_signals(cancel: Arc<AtomicBool>) {
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
    cancel.store(true, Ordering::SeqCst);
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
            bar.set_position(p.finished());
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
            let done = p.finished();
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
    let (rows, mut sink) =
        campaign::open_status(file).map_err(|e| UserError::usage(e.to_string()))?;
    let r = ctx.resolve()?;
    let client = ctx.client(r.creds.clone())?;
    let limiter = Arc::new(governor::RateLimiter::direct(governor::Quota::per_second(
        std::num::NonZeroU32::new(20).expect("non-zero"),
    )));
    let mut chunk = Vec::with_capacity(256);
    let mut rows = rows.peekable();
    let mut refreshed = 0u64;
    while rows.peek().is_some() {
        chunk.clear();
        for row in rows.by_ref().take(256) {
            chunk.push(row?);
        }
        let fetches: Vec<(usize, String)> = chunk
            .iter()
            .enumerate()
            .filter(|(_, r)| r.needs_refresh())
            .filter_map(|(i, r)| r.report.message_sid.clone().map(|s| (i, s)))
            .collect();
        let results = fetch_all(&client, &limiter, fetches, 8).await;
        for (i, res) in results {
            match res {
                Ok(m) => {
                    let code = m.error_code.and_then(|c| u32::try_from(c).ok());
                    chunk[i].apply_twilio_status(&m.status, code, m.error_message.as_deref());
                    refreshed += 1;
                }
                Err(e) if e.is_auth() => return Err(e.into()),
                Err(e) => ctx.printer.warn(format!(
                    "{}: {e}",
                    chunk[i].report.message_sid.as_deref().unwrap_or("?")
                )),
            }
        }
        for row in &chunk {
            sink.write(row)?;
        }
    }
    let report_path = sink.report_path().to_path_buf();
    let summary = sink.finish()?;
    ctx.printer
        .status(format!("refreshed {} messages", thousands(refreshed)));
    print_summary(ctx, &summary, &report_path, file, Duration::ZERO, refreshed);
    Ok(if summary.any_failed() {
        ExitStatus::CampaignFailed
    } else {
        ExitStatus::Success
    })
}

async fn fetch_all(
    client: &Client,
    limiter: &Arc<governor::DefaultDirectRateLimiter>,
    fetches: Vec<(usize, String)>,
    concurrency: usize,
) -> Vec<(
    usize,
    Result<crate::twilio::Message, crate::twilio::TwilioError>,
)> {
    let sem = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let mut set = tokio::task::JoinSet::new();
    // Retries wait on the limiter too (the first attempt waits below).
    let client = client.clone().with_limiter(limiter.clone());
    for (i, sid) in fetches {
        let permit = sem.clone().acquire_owned().await.expect("semaphore open");
        limiter.until_ready().await;
        let client = client.clone();
        set.spawn(async move {
            let r = client.fetch_message(&sid).await;
            drop(permit);
            (i, r)
        });
    }
    let mut out = Vec::new();
    while let Some(r) = set.join_next().await {
        if let Ok(x) = r {
            out.push(x);
        }
    }
    out
}
