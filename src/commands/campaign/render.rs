//! What `campaign run` and `campaign status` print: the check's problems, the dry
//! run, the reconciliation, the summary table (or its JSON).

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::campaign::reconcile::Reconciled;
use crate::campaign::{self, CheckReport, Summary};
use crate::cli::CampaignRunArgs;
use crate::context::Context;
use crate::output::table;
use crate::pricing::Estimate;
use crate::twilio::explain;

use super::cost::{CostJson, cost_lines, total_cell};

/// "1 message", "12,345 messages".
pub(super) fn count(n: u64, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", thousands(n))
}

/// 12345 → "12,345".
pub(super) fn thousands(n: u64) -> String {
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

#[derive(Serialize)]
pub(super) struct DryRun<'a> {
    dry_run: bool,
    rows: u64,
    to_send: u64,
    invalid: u64,
    duplicates: u64,
    opted_out: u64,
    segments_total: u64,
    segments_min: usize,
    segments_max: usize,
    /// The upper bound of the estimate, when every country is priced.
    estimated_cost: Option<f64>,
    cost: super::cost::CostJson,
    problems: &'a [campaign::Problem],
    problems_total: u64,
    samples: &'a [campaign::Sample],
}

pub(super) fn print_problems(ctx: &Context, report: &CheckReport) {
    for p in &report.problems {
        ctx.printer.status(&p.message);
    }
    let shown = report.problems.len() as u64;
    if report.problems_total > shown {
        ctx.printer.status(format!(
            "… and {} more",
            count(report.problems_total - shown, "problem")
        ));
    }
}

pub(super) fn print_reconciled(ctx: &Context, r: &Reconciled, a: &CampaignRunArgs) {
    ctx.printer.status(format!(
        "asked Twilio about {}: {} sent, {} proven unsent (sending them now), {} cannot be told",
        count(r.asked(), "interrupted request"),
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

pub(super) fn print_dry_run(ctx: &Context, report: &CheckReport, estimate: &Estimate) {
    if ctx.printer.json {
        ctx.printer.json(&DryRun {
            dry_run: true,
            rows: report.rows,
            to_send: report.segments.messages,
            invalid: report.invalid,
            duplicates: report.duplicates,
            opted_out: report.opted_out,
            segments_total: report.segments.total,
            segments_min: report.segments.min,
            segments_max: report.segments.max,
            estimated_cost: CostJson::upper(estimate),
            cost: CostJson::new(estimate),
            problems: &report.problems,
            problems_total: report.problems_total,
            samples: &report.samples,
        });
        return;
    }
    let mut t = table(&[]);
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
        "opted out (not sent)".into(),
        thousands(report.opted_out),
    ]);
    t.add_row(vec![
        "segments".into(),
        segments_line(
            report.segments.total,
            report.segments.min,
            report.segments.max,
        ),
    ]);
    if !estimate.lines.is_empty() {
        t.add_row(vec!["estimated cost".into(), total_cell(estimate)]);
    }
    ctx.printer.out(t.to_string());
    if !estimate.lines.is_empty() {
        ctx.printer
            .out(format!("\n{}", cost_lines(estimate).join("\n")));
    }
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

/// The requests behind a summary: a run's message creates, or the status
/// fetches of `campaign status`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Requests {
    Sent(u64),
    Refresh(u64),
}

#[derive(Serialize)]
pub(super) struct SummaryJson<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    report: String,
    journal: String,
    seconds: f64,
}

pub(super) fn print_summary(
    ctx: &Context,
    s: &Summary,
    report: &Path,
    journal: &Path,
    elapsed: Duration,
    requests: Requests,
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
    if s.scheduled > 0 {
        t.add_row(vec![
            "scheduled".into(),
            thousands(s.scheduled),
            "not sent yet (`smsctl campaign cancel` calls them off)".into(),
        ]);
    }
    if s.canceled > 0 {
        t.add_row(vec![
            "canceled".into(),
            thousands(s.canceled),
            "scheduled, then canceled: never sent".into(),
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
    if s.skipped.opted_out > 0 {
        t.add_row(vec![
            "skipped: opted out".into(),
            thousands(s.skipped.opted_out),
            "on the opt-out list (`smsctl optouts ls`)".into(),
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
    let (this_run, when) = match requests {
        Requests::Sent(n) => (n, " this run"),
        Requests::Refresh(n) => (n, ""),
    };
    let rate = per_second(this_run, elapsed)
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    ctx.printer.status(format!(
        "report: {}  (journal: {}); {}{when} in {:.1} s{rate}",
        report.display(),
        journal.display(),
        count(this_run, "request"),
        elapsed.as_secs_f64()
    ));
}

/// "7 in total (1 per message)", "5 in total (1–2 per message)".
pub(super) fn segments_line(total: u64, min: usize, max: usize) -> String {
    let per = if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    };
    format!("{} in total ({per} per message)", thousands(total))
}

/// The rate of `n` requests made over `elapsed`, as "10/s"; `None` when the run
/// is too short for the figure to mean anything (under 2 requests or 1 s).
///
/// Counted over the gaps between requests, `(n - 1) / elapsed`: n requests
/// evenly spaced at `--rate R` start `(n - 1) / R` seconds apart, so this never
/// shows more than R for a run the limiter held to R (n / elapsed would show
/// 12/s for 7 messages at `--rate 10`).
pub(super) fn per_second(n: u64, elapsed: Duration) -> Option<String> {
    let secs = elapsed.as_secs_f64();
    if n < 2 || secs < 1.0 {
        return None;
    }
    let rate = (n - 1) as f64 / secs;
    Some(if rate >= 10.0 {
        format!("{rate:.0}/s")
    } else {
        format!("{rate:.1}/s")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_line_says_one_figure_when_all_messages_are_alike() {
        assert_eq!(segments_line(7, 1, 1), "7 in total (1 per message)");
        assert_eq!(
            segments_line(1234, 1, 3),
            "1,234 in total (1–3 per message)"
        );
    }

    #[test]
    fn rate_is_never_above_the_limit_and_omitted_for_short_runs() {
        // 7 messages at --rate 10: the last starts 0.6 s after the first.
        assert_eq!(per_second(7, Duration::from_millis(600)), None);
        assert_eq!(per_second(1, Duration::from_secs(5)), None);
        assert_eq!(per_second(0, Duration::ZERO), None);
        // 1,997 requests "in 0.0 s" is no rate at all.
        assert_eq!(per_second(1997, Duration::from_millis(20)), None);
        // 31 messages at --rate 10 take 3 s (plus the last answer's time).
        assert_eq!(
            per_second(31, Duration::from_millis(3050)).as_deref(),
            Some("9.8/s")
        );
        assert_eq!(
            per_second(101, Duration::from_secs(10)).as_deref(),
            Some("10/s")
        );
        assert_eq!(
            per_second(4, Duration::from_secs(2)).as_deref(),
            Some("1.5/s")
        );
    }
}
