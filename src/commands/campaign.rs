//! `smsctl campaign run` / `status`: the CLI around the campaign engine —
//! check, dry run, confirm, resume, progress, summary, report.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio_util::sync::CancellationToken;

use crate::campaign::engine::{EngineOptions, Progress, Stopped};
use crate::campaign::refresh::{self, RefreshReporter};
use crate::campaign::{
    self, Campaign, CheckOptions, CheckReport, Destination, JournalError, Summary, Template,
};
use crate::cli::{CampaignCommand, CampaignRunArgs, Channel};
use crate::context::Context;
use crate::context::Resolved;
use crate::error::{ExitStatus, UserError};
use crate::message_options;
use crate::phone::E164;
use crate::prompt;
use crate::sending::{
    fetch_content, message_options, message_sender, region_flag, require_schedulable,
    sending_client,
};
use crate::twilio::NewMessage;

mod cost;
mod progress;
mod render;
mod round;

use progress::{show_progress, wait_for_settle, watch_signals};
use render::{count, print_dry_run, print_problems, print_reconciled, print_summary, thousands};

pub async fn run(ctx: &Context, c: CampaignCommand) -> anyhow::Result<ExitStatus> {
    match c {
        CampaignCommand::Run(a) => run_campaign(ctx, *a).await,
        CampaignCommand::Status { file } => status(ctx, &file).await,
        CampaignCommand::Retry(a) => round::retry(ctx, a).await,
        CampaignCommand::Cancel(a) => round::cancel(ctx, a).await,
    }
}

/// The opt-out list of `account_sid` as the check's keys.
fn optout_keys(ctx: &Context, account_sid: &str) -> anyhow::Result<std::collections::HashSet<u64>> {
    Ok(ctx.optouts(account_sid).load()?.keys())
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

/// The credentials a run with `--content-sid` needs before its check (to read
/// the template): a dry run reads it through any resolvable credentials, a run
/// through the ones it will send with.
async fn early_client(
    ctx: &Context,
    a: &CampaignRunArgs,
) -> anyhow::Result<(
    Option<smsctl_sandbox::Sandbox>,
    crate::twilio::Client,
    Resolved,
)> {
    if a.dry_run && !a.sandbox {
        let r = ctx.resolve()?;
        let client = ctx.client(r.creds.clone())?;
        return Ok((None, client, r));
    }
    sending_client(ctx, a.sandbox, a.force, &a.sender).await
}

async fn run_campaign(ctx: &Context, a: CampaignRunArgs) -> anyhow::Result<ExitStatus> {
    // 1. Input, checked before anything else.
    let options = message_options(&a.message, &a.content_var)?;
    let content_vars = message_options::content_vars(&a.content_var, "COLUMN")?;
    let template = if options.content_sid.is_none() {
        Some(load_template(&a)?)
    } else {
        None
    };
    let region = region_flag(a.default_region.as_deref())?;
    if !(a.rate > 0.0 && a.rate.is_finite()) {
        return Err(
            UserError::usage("--rate must be a positive number of messages per second").into(),
        );
    }
    let settle_secs = settle_secs(&a)?;
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
    if let Some(at) = options.send_at {
        // The window alone first (the campaign's size is known after the check).
        message_options::check_window(at, jiff::Timestamp::now(), Duration::ZERO, 1)?;
    }
    // A Content template is read from Twilio before the check: it says which
    // variables every row must fill and what the body says.
    let mut early = None;
    let mut template = match (template, &options.content_sid) {
        (Some(t), _) => t,
        (None, Some(sid)) => {
            let (sb, client, resolved) = early_client(ctx, &a).await?;
            let content = fetch_content(&client, sid).await?;
            message_options::check_mapping(&content, &content_vars, "COLUMN")?;
            ctx.printer.status(format!(
                "template {sid}{}: {}",
                content
                    .friendly_name
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default(),
                content_vars
                    .iter()
                    .map(|(v, c)| format!("{{{{{v}}}}} ← column \"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            early = Some((sb, client, resolved));
            Template::content(sid, content.body().unwrap_or(""), &content_vars)
        }
        (None, None) => return Err(UserError::usage("pass --template FILE or --body TEXT").into()),
    };
    if !options.media_urls.is_empty() {
        template.identify(&format!("media:{}", options.media_urls.join(" ")));
    }
    let optouts = campaign_optouts(ctx, &a)?;
    let opted_out = match &optouts {
        Some(store) => Arc::new(store.load()?.keys()),
        None => Arc::default(),
    };
    let check_opts = CheckOptions {
        to_column: Some(a.to_column.clone()),
        default_region: region,
        allow_duplicates: a.allow_duplicates,
        allow_empty: a.allow_empty,
        opted_out,
        // The sandbox's magic numbers, with --sandbox or the sandbox's account
        // (`smsctl sandbox` in another terminal).
        extra_numbers: if a.sandbox
            || ctx
                .account_sid()
                .is_ok_and(|(ac, _)| ac == smsctl_sandbox::ACCOUNT_SID)
        {
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
    if let Some(at) = options.send_at {
        message_options::check_window(
            at,
            jiff::Timestamp::now(),
            creating(to_send_total, a.rate),
            to_send_total,
        )?;
    }

    // 2. Dry run: needs no secret, sends nothing.
    if a.dry_run {
        let estimate = cost::dry_run_estimate(ctx, &a, report).await;
        print_dry_run(ctx, report, &estimate);
        print_options(ctx, &options);
        if blocked_by_invalid {
            return Err(invalid_rows_error(report).into());
        }
        if let Some(budget) = a.budget {
            estimate.check_budget(budget)?;
            ctx.printer.status(format!(
                "within --budget {budget}: the estimate's upper bound does not exceed it"
            ));
        }
        ctx.printer.status("dry run: nothing was sent");
        return Ok(ExitStatus::Success);
    }
    if blocked_by_invalid {
        return Err(invalid_rows_error(report).into());
    }
    ctx.printer.status(format!(
        "checked {}: {}, {} to send ({}), {} invalid{}, {}, {} opted out",
        a.recipients.display(),
        count(report.rows, "row"),
        count(to_send_total, "message"),
        count(report.segments.total, "segment"),
        thousands(report.invalid),
        if report.invalid > 0 { " (skipped)" } else { "" },
        count(report.duplicates, "duplicate"),
        thousands(report.opted_out)
    ));

    // 3. Credentials and sender.
    let (_sandbox, client, resolved) = match early.take() {
        Some(early) => early,
        None => sending_client(ctx, a.sandbox, a.force, &a.sender).await?,
    };
    let sender = message_sender(
        &resolved.senders,
        a.sender.message_sender()?,
        a.channel,
        &resolved.source,
    )?;
    require_schedulable(&options, &sender, a.sandbox)?;
    let sender_desc = sender.to_string();
    let whatsapp = a.channel == Channel::Whatsapp;

    // The cost, for the confirmation and --budget: refused here, before the
    // journal exists and before any request to Messages. `--yes` without
    // --budget asks nothing, so it looks nothing up.
    let estimate = if a.budget.is_some() || !a.yes {
        let account = client.account_sid().to_string();
        let est = cost::estimate(ctx, &a, checked.report(), Some(&account), || {
            Ok(client.clone())
        })
        .await;
        if let Some(budget) = a.budget {
            if let Err(e) = est.check_budget(budget) {
                for line in cost::cost_lines(&est) {
                    ctx.printer.status(line);
                }
                return Err(e.into());
            }
            if a.yes {
                for line in cost::cost_lines(&est) {
                    ctx.printer.status(line);
                }
            }
            ctx.printer.status(format!(
                "within --budget {budget}: the estimate's upper bound does not exceed it"
            ));
        }
        Some(est)
    } else {
        None
    };

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
            options: &options,
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
    if let Some(at) = options.send_at {
        // What this run creates (a resume: only the rest), before any request.
        let to_create = plan.remaining(true);
        if let Err(e) = message_options::check_window(
            at,
            jiff::Timestamp::now(),
            creating(to_create, a.rate),
            to_create,
        ) {
            plan.abandon()?;
            return Err(e.into());
        }
    }
    let replay = plan.replay();
    if let Some(old) = &replay.archived {
        ctx.printer.status(format!(
            "--restart: the old journal was kept as {}",
            old.display()
        ));
    }
    if !replay.fresh && replay.done_count() + replay.unknown_count() > 0 {
        let started = crate::output::timestamp(replay.started);
        let done = count(replay.done_count(), "recipient");
        let status = if replay.unknown_count() > 0 {
            format!(
                "resuming the campaign started {started} ({done} done, {} in flight when it stopped)",
                thousands(replay.unknown_count())
            )
        } else if plan.remaining(a.resend_unknown) == 0 {
            format!(
                "the campaign started {started} is complete ({done} done): nothing left to send"
            )
        } else {
            format!("resuming the campaign started {started} ({done} done)")
        };
        ctx.printer.status(status);
    }
    if replay.unknown_count() > 0 {
        let settle = settle_secs.map_or_else(|| client.settle_bound(), Duration::from_secs);
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
            format!(" ({})", count(plan.report().segments.total, "segment"))
        } else {
            String::new()
        };
        if let Some(est) = estimate.as_ref().filter(|e| !e.lines.is_empty()) {
            if !plan.replay().fresh {
                ctx.printer
                    .status("estimated cost of the whole campaign (some of it was sent before):");
            }
            for line in cost::cost_lines(est) {
                ctx.printer.status(line);
            }
        }
        let when = options
            .send_at
            .map(|at| format!(" scheduled for {}", message_options::describe_send_at(at)))
            .unwrap_or_default();
        let q = format!(
            "Send {}{segs}{when} through {} ({})?",
            count(remaining, "message"),
            resolved.source,
            client.account_sid()
        );
        if !prompt::confirm(ctx.interactive, &q, "sending a campaign")? {
            ctx.printer.status("nothing was sent");
            plan.abandon()?;
            return Ok(ExitStatus::Failure);
        }
    }

    if let Some(at) = options.send_at {
        // Again after the confirmation, which may have waited.
        if let Err(e) = message_options::check_window(
            at,
            jiff::Timestamp::now(),
            creating(remaining, a.rate),
            remaining,
        ) {
            plan.abandon()?;
            return Err(e.into());
        }
    }
    if remaining > 0 {
        for line in message_options::describe(&options) {
            ctx.printer.status(format!("every message: {line}"));
        }
    }

    // 6. Send, with Ctrl-C / SIGTERM stopping cleanly.
    let cancel = CancellationToken::new();
    tokio::spawn(watch_signals(cancel.clone()));
    let progress = Arc::new(Progress::default());
    let stop_progress = CancellationToken::new();
    let show = tokio::spawn(show_progress(
        progress.clone(),
        remaining,
        ctx.printer.json,
        stop_progress.clone(),
    ));
    let options = Arc::new(options);
    let make_message = Box::new(move |to: &E164, body: &str| NewMessage {
        to: crate::twilio::address(to.as_str(), whatsapp),
        sender: sender.clone(),
        body: body.to_string(),
        content_variables: None,
        options: options.clone(),
    });
    let opts = EngineOptions {
        rate: a.rate,
        concurrency: a.concurrency,
        resend_unknown: a.resend_unknown,
        max_consecutive_failures: a.max_consecutive_failures,
        make_message,
    };
    let finished = plan.send(&client, opts, progress.clone(), cancel).await;
    stop_progress.cancel();
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
    add_refused_optouts(ctx, &summary, client.account_sid(), &a);
    print_summary(
        ctx,
        &summary,
        &finished.report_path,
        &finished.journal_path,
        finished.elapsed,
        render::Requests::Sent(progress.done()),
    );
    finish_status(ctx, &finished.stopped, &summary)
}

/// How long creating `messages` takes at `rate` a second.
pub(super) fn creating(messages: u64, rate: f64) -> Duration {
    Duration::try_from_secs_f64(messages as f64 / rate).unwrap_or(Duration::MAX)
}

/// What the dry run adds about when and how the messages go out.
fn print_options(ctx: &Context, options: &crate::twilio::MessageOptions) {
    if let Some(at) = options.send_at {
        ctx.printer.status(format!(
            "scheduled: the messages are created now and Twilio sends them at {} (`smsctl campaign cancel JOURNAL` cancels them until then)",
            message_options::describe_send_at(at)
        ));
    }
    // describe() starts with the schedule when there is one: said above.
    for line in message_options::describe(options)
        .into_iter()
        .skip(usize::from(options.send_at.is_some()))
    {
        ctx.printer.status(format!("every message: {line}"));
    }
}

/// `--settle-secs`, else `SMSCTL_SETTLE_SECS` (a whole number of seconds).
fn settle_secs(a: &CampaignRunArgs) -> anyhow::Result<Option<u64>> {
    use crate::env_vars::{SMSCTL_SETTLE_SECS, var};
    if a.settle_secs.is_some() {
        return Ok(a.settle_secs);
    }
    let Some(v) = var(SMSCTL_SETTLE_SECS) else {
        return Ok(None);
    };
    match v.trim().parse::<u64>() {
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(UserError::usage(format!(
            "{SMSCTL_SETTLE_SECS}={v:?} is not a whole number of seconds; set it to one (e.g. 60) or unset it"
        ))
        .into()),
    }
}

/// The opt-out list the check skips: the account the run sends through (found
/// without a secret, so a dry run needs none), the sandbox's with `--sandbox`.
/// A dry run without any account checks no list (it says so); a real run
/// without one fails when it resolves the credentials, after the check.
fn campaign_optouts(
    ctx: &Context,
    a: &CampaignRunArgs,
) -> anyhow::Result<Option<crate::optouts::OptOutStore>> {
    if a.sandbox {
        return Ok(Some(ctx.optouts(smsctl_sandbox::ACCOUNT_SID)));
    }
    match ctx.account_sid() {
        Ok((ac, _)) => Ok(Some(ctx.optouts(&ac))),
        Err(e) if a.dry_run => {
            ctx.printer.warn(format!("no opt-out list checked ({e:#})"));
            Ok(None)
        }
        Err(_) => Ok(None),
    }
}

/// Adds the recipients Twilio refused with 21610 (they replied STOP) to the
/// account's opt-out list. They come from the journal (through the summary the
/// report was rebuilt with), so a 21610 of an earlier, interrupted run of the
/// same campaign is added too; adding a listed number again changes nothing.
fn add_refused_optouts(ctx: &Context, summary: &Summary, account_sid: &str, a: &CampaignRunArgs) {
    if summary.refused_opted_out.is_empty() {
        return;
    }
    let numbers: Vec<E164> = summary
        .refused_opted_out
        .iter()
        .filter_map(|n| {
            crate::phone::parse_number_accepting(n, None, smsctl_sandbox::TEST_NUMBERS).ok()
        })
        .collect();
    let store = ctx.optouts(account_sid);
    let source = crate::optouts::Source::Campaign(a.recipients.display().to_string());
    match store.add(&numbers, &source) {
        Ok(0) => {}
        Ok(n) => ctx.printer.status(format!(
            "{} opted out (Twilio error 21610): added to the opt-out list of {account_sid} (`smsctl optouts ls`)",
            count(n as u64, "recipient")
        )),
        Err(e) => ctx.printer.warn(format!(
            "{} opted out (Twilio error 21610), but the opt-out list could not be updated: {e}",
            count(numbers.len() as u64, "recipient")
        )),
    }
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

fn invalid_rows_error(report: &CheckReport) -> UserError {
    UserError::usage(format!(
        "{} (listed above); fix {}, or pass --skip-invalid to send to the others; nothing was sent",
        count(report.invalid, "invalid row"),
        if report.invalid == 1 { "it" } else { "them" }
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
        Stopped::AccountLevel { message, .. } => Err(UserError::failed(format!(
            "{message}; this fails every remaining message, so the campaign stopped ({} not sent yet, the journal is kept): fix the sender or the account, then run the same command to resume",
            thousands(summary.not_sent + summary.pending)
        ))
        .into()),
        Stopped::TooManyFailures { count: count_failed, last } => Err(UserError::failed(format!(
            "{} in a row failed (the last: {last}), so the campaign stopped ({} not sent yet, the journal is kept; --max-consecutive-failures changes the limit): see the report, fix the cause, then run the same command to resume",
            count(*count_failed, "request"),
            thousands(summary.not_sent + summary.pending)
        ))
        .into()),
        Stopped::JournalFailed(m) => Err(UserError::failed(format!(
            "the campaign stopped: {m}"
        ))
        .into()),
        Stopped::Completed if summary.any_failed() => Ok(ExitStatus::CampaignFailed),
        Stopped::Completed if summary.unknown > 0 || summary.not_sent > 0 => Err(UserError::failed(format!(
            "{} unknown and {} not sent; run the same command again to retry them",
            count(summary.unknown, "recipient"),
            thousands(summary.not_sent)
        ))
        .into()),
        Stopped::Completed => Ok(ExitStatus::Success),
    }
}

/// `campaign status`: refresh delivery statuses, bounded and rate limited.
async fn status(ctx: &Context, file: &Path) -> anyhow::Result<ExitStatus> {
    // Opened before the credentials are resolved: a wrong path says so first.
    let campaign = refresh::open(file).map_err(|e| UserError::usage(e.to_string()))?;
    let r = ctx.resolve()?;
    let client = ctx.client(r.creds.clone())?;
    let shown = StatusProgress::new(ctx);
    let done = campaign.run(&client, &shown).await?;
    shown.finish();
    ctx.printer.status(format!(
        "refreshed {} messages ({} list {}, {} single {})",
        thousands(done.refreshed),
        thousands(done.list_pages),
        if done.list_pages == 1 {
            "page"
        } else {
            "pages"
        },
        thousands(done.fetches),
        if done.fetches == 1 {
            "fetch"
        } else {
            "fetches"
        },
    ));
    print_summary(
        ctx,
        &done.summary,
        &done.report_path,
        file,
        done.elapsed,
        render::Requests::Refresh(done.list_pages + done.fetches),
    );
    Ok(if done.summary.any_failed() {
        ExitStatus::CampaignFailed
    } else {
        ExitStatus::Success
    })
}

/// `campaign status` on screen: a bar on a terminal, a line every few seconds
/// otherwise; a status that could not be fetched is a warning (the row keeps it).
struct StatusProgress<'a> {
    ctx: &'a Context,
    bar: Option<indicatif::ProgressBar>,
    last_line: std::sync::Mutex<std::time::Instant>,
}

impl<'a> StatusProgress<'a> {
    fn new(ctx: &'a Context) -> Self {
        use std::io::IsTerminal;
        let bar = (std::io::stderr().is_terminal() && !ctx.printer.json).then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} rows {msg}")
                    .expect("progress template"),
            );
            bar
        });
        StatusProgress {
            ctx,
            bar,
            last_line: std::sync::Mutex::new(std::time::Instant::now()),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl RefreshReporter for StatusProgress<'_> {
    fn fetch_failed(&self, sid: &str, error: &crate::twilio::TwilioError) {
        self.ctx.printer.warn(format!("{sid}: {error}"));
    }

    fn list_failed(&self, error: &crate::twilio::TwilioError) {
        self.ctx.printer.warn(format!(
            "the Messages list could not be read ({error}); fetching each message instead"
        ));
    }

    fn progress(&self, pages: u64, rows: u64, total: Option<u64>) {
        let pages = format!(
            "({} list {})",
            thousands(pages),
            if pages == 1 { "page" } else { "pages" }
        );
        if let Some(bar) = &self.bar {
            if let Some(t) = total {
                bar.set_length(t.max(rows));
            }
            bar.set_position(rows);
            bar.set_message(pages);
            return;
        }
        let mut last = self.last_line.lock().expect("progress clock");
        if last.elapsed() >= Duration::from_secs(5) {
            *last = std::time::Instant::now();
            let of = total
                .map(|t| format!("/{}", thousands(t)))
                .unwrap_or_default();
            self.ctx
                .printer
                .status(format!("progress: {}{of} rows {pages}", thousands(rows)));
        }
    }
}
