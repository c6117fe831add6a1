//! Issue 11 (points 2, 4, 5) and issue 12 (`campaign cancel`): the circuit
//! breaker on rejected credentials mid-run, `campaign retry` and `campaign
//! cancel` — rounds over a finished campaign's journal — against the Stand and
//! the sandbox.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use super::{
    Camp, Plan, SandboxProc, Stand, assert_exactly_once, csv_for, journal_records, numbers, refuse,
    wait_until,
};

const JOURNAL: &str = "r.csv.smsctl-journal";

/// Retry intents (with `prev`) and cancel intents (`X`) without a later record
/// of their row: requests in flight.
fn dangling(recs: &[Value], kind: &str) -> usize {
    let mut open: HashMap<u64, bool> = HashMap::new();
    for r in recs {
        let Some(row) = r["row"].as_u64() else {
            continue;
        };
        let is_open = match kind {
            "retry" => r["t"] == "I" && r.get("prev").is_some(),
            _ => r["t"] == "X",
        };
        open.insert(row, is_open);
    }
    open.values().filter(|o| **o).count()
}

fn count_where(recs: &[Value], f: impl Fn(&Value) -> bool) -> usize {
    recs.iter().filter(|r| f(r)).count()
}

/// The stand-in's statuses after the run: the messages of `first` (the SIDs
/// the run created) end as `outcome` says per recipient; any later message
/// (a retry's) is delivered.
fn first_messages_end(stand: &Stand, outcome: HashMap<String, (&'static str, Option<i64>)>) {
    let first: HashSet<String> = stand.created().into_iter().map(|c| c.sid).collect();
    stand.set_fetch(move |c, _| {
        if first.contains(&c.sid) {
            outcome.get(&c.to).copied().unwrap_or(("delivered", None))
        } else {
            ("delivered", None)
        }
    });
}

#[test]
fn a_credentials_failure_after_30_accepted_creates_stops_the_run_and_the_resume_sends_the_rest_once()
 {
    // The Auth Token is rotated mid-campaign: after 30 accepted creates every
    // request is refused with 20003.
    let accepted = Arc::new(AtomicU64::new(0));
    let a = accepted.clone();
    let stand = Stand::with_plan(move |_, _| {
        if a.fetch_add(1, Ordering::SeqCst) < 30 {
            Plan::Accept
        } else {
            refuse(401, 20003, "Authenticate")
        }
    });
    let camp = Camp::new(stand.world());
    let nums = numbers(100);
    camp.write("r.csv", &csv_for(&nums));
    let args = ["--rate", "1000", "--concurrency", "4"];
    let r = camp.campaign(&args);
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("20003"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("fix the credentials and run the same command to resume"),
        "{}",
        r.stderr
    );
    assert_eq!(stand.created().len(), 30);
    let posts = stand.posts().len();
    assert!(
        posts <= 30 + 1 + 4,
        "{posts} requests: more than the concurrency went out after the first 20003"
    );

    // The credentials are fixed: every remaining recipient is sent once.
    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&args);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    assert!(camp.report().iter().all(|l| l.status == "sent"));
}

#[test]
fn retry_sends_once_more_to_transient_failures_only_and_the_report_counts_attempts() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(9);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    let outcome: HashMap<String, (&'static str, Option<i64>)> = [
        (0, ("undelivered", Some(30003))), // unreachable: transient
        (1, ("undelivered", Some(30006))), // landline: permanent
        (2, ("failed", Some(30008))),      // unknown error: transient
        (3, ("failed", Some(30007))),      // filtered: permanent
        (4, ("undelivered", Some(30003))), // transient, but opted out since
        (5, ("undelivered", Some(39999))), // a code the table does not know
        (6, ("sent", None)),
    ]
    .into_iter()
    .map(|(i, o)| (nums[i].clone(), o))
    .collect();
    first_messages_end(&stand, outcome);
    let r = camp.run(&["campaign", "status", JOURNAL]);
    assert_eq!(r.code, 4, "{r:?}");
    let r = camp.run(&["optouts", "add", &nums[4]]);
    assert_eq!(r.code, 0, "{r:?}");
    let posts_before = stand.posts().len();

    // The dry run lists who would be retried, and sends nothing.
    let dry = camp.run(&["campaign", "retry", JOURNAL, "--dry-run"]);
    assert_eq!(dry.code, 0, "{dry:?}");
    assert!(dry.stderr.contains("2 to send once more"), "{dry:?}");
    assert!(
        dry.stdout.contains(&nums[0]) && dry.stdout.contains(&nums[2]),
        "{dry:?}"
    );
    for (i, n) in nums.iter().enumerate() {
        if i != 0 && i != 2 {
            assert!(!dry.stdout.contains(n.as_str()), "{n} listed: {dry:?}");
        }
    }
    assert!(dry.stderr.contains("1 on the opt-out list now"), "{dry:?}");
    assert!(dry.stderr.contains("failed for good (30006)"), "{dry:?}");
    assert!(dry.stderr.contains("unclassified code (39999)"), "{dry:?}");
    // Without --yes and without a terminal: refused, naming --yes.
    let r = camp.run(&["campaign", "retry", JOURNAL]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--yes"), "{r:?}");
    assert_eq!(stand.posts().len(), posts_before, "a refused retry sent");

    let r = camp.run(&["campaign", "retry", JOURNAL, "--yes"]);
    assert_eq!(r.code, 4, "{r:?}");
    for (i, n) in nums.iter().enumerate() {
        let want = if i == 0 || i == 2 { 2 } else { 1 };
        assert_eq!(stand.posts_to(n), want, "{n}");
    }
    // The report shows the latest attempt (the new message) and how many.
    let by_to = stand.created_by_to();
    let report = camp.report();
    for (i, n) in nums.iter().enumerate() {
        let line = report.iter().find(|l| &l.recipient == n).unwrap();
        if i == 0 || i == 2 {
            assert_eq!(line.status, "sent", "{line:?}");
            assert_eq!(line.sid, by_to[n][1].sid, "{line:?}");
            assert_eq!(line.attempts, Some(2), "{line:?}");
        } else {
            assert_eq!(line.attempts, Some(1), "{line:?}");
        }
    }
    // The retry is in the same journal: intents naming the message they retry.
    let recs = journal_records(&camp.journal_path());
    assert_eq!(
        count_where(&recs, |r| r["t"] == "I" && r.get("prev").is_some()),
        2
    );
    // Done: a second retry sends nobody.
    let r = camp.run(&["campaign", "retry", JOURNAL, "--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("nothing to retry"), "{r:?}");
    assert_eq!(stand.posts().len(), posts_before + 2);
}

#[test]
fn a_retry_round_killed_in_the_middle_is_resumed_and_sends_nobody_twice() {
    let stand = Stand::start();
    let mut camp = Camp::new(stand.world());
    let nums = numbers(80);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["--rate", "1000", "--concurrency", "8"]);
    assert_eq!(r.code, 0, "{r:?}");
    let outcome = nums
        .iter()
        .map(|n| (n.clone(), ("undelivered", Some(30003))))
        .collect();
    first_messages_end(&stand, outcome);
    let r = camp.run(&["campaign", "status", JOURNAL]);
    assert_eq!(r.code, 4, "{r:?}");

    // The retry's creates are answered slowly: at the kill, some are in flight.
    stand.set_delay(Duration::from_millis(250));
    let args = [
        "campaign",
        "retry",
        JOURNAL,
        "--yes",
        "--rate",
        "200",
        "--concurrency",
        "8",
    ];
    let first = camp.spawn(&args);
    let journal = camp.journal_path();
    wait_until(
        "retries done and in flight",
        Duration::from_secs(30),
        || {
            let recs = journal_records(&journal);
            // Outcomes beyond the run's 80.
            let done = count_where(&recs, |r| r["t"] == "O").saturating_sub(80);
            done >= 16 && dangling(&recs, "retry") >= 4
        },
    );
    drop(first); // SIGKILL
    assert!(dangling(&camp.journal(), "retry") > 0);
    assert!(
        stand.created().len() < 160,
        "the retry finished before the kill"
    );
    stand.set_delay(Duration::ZERO);

    let r = camp.spawn(&args).wait();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("asked Twilio about"), "{}", r.stderr);
    let by_to = stand.created_by_to();
    let wrong: Vec<(&String, usize)> = nums
        .iter()
        .map(|n| (n, by_to.get(n).map_or(0, Vec::len)))
        .filter(|(_, k)| *k != 2)
        .collect();
    assert!(wrong.is_empty(), "not exactly one retry each: {wrong:?}");
    let report = camp.report();
    for n in &nums {
        let line = report.iter().find(|l| &l.recipient == n).unwrap();
        assert_eq!(
            (line.status.as_str(), line.sid.as_str()),
            ("sent", by_to[n][1].sid.as_str()),
            "{line:?}"
        );
    }
}

#[test]
fn cancel_cancels_every_scheduled_message_once_even_when_killed_and_resumed() {
    let stand = Stand::start();
    stand.set_scheduled(true);
    let mut camp = Camp::new(stand.world());
    let nums = numbers(60);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["--rate", "1000", "--concurrency", "8"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        camp.report().iter().all(|l| l.status == "scheduled"),
        "{:?}",
        camp.report()
    );
    // `campaign status` keeps them scheduled (not sent).
    let r = camp.run(&["campaign", "status", JOURNAL]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(camp.report().iter().all(|l| l.status == "scheduled"));

    let dry = camp.run(&["campaign", "cancel", JOURNAL, "--dry-run"]);
    assert_eq!(dry.code, 0, "{dry:?}");
    assert!(
        dry.stderr.contains("60 scheduled messages to cancel"),
        "{dry:?}"
    );
    let r = camp.run(&["campaign", "cancel", JOURNAL]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--yes"), "{r:?}");
    assert!(stand.cancels().is_empty());

    stand.set_delay(Duration::from_millis(250));
    let args = [
        "campaign",
        "cancel",
        JOURNAL,
        "--yes",
        "--rate",
        "200",
        "--concurrency",
        "8",
    ];
    let first = camp.spawn(&args);
    let journal = camp.journal_path();
    wait_until(
        "cancels done and in flight",
        Duration::from_secs(30),
        || {
            let recs = journal_records(&journal);
            count_where(&recs, |r| r["t"] == "D" && r["status"] == "canceled") >= 12
                && dangling(&recs, "cancel") >= 4
        },
    );
    drop(first); // SIGKILL
    assert!(dangling(&camp.journal(), "cancel") > 0);
    assert!(
        stand.cancels().len() < 60,
        "the cancel finished before the kill"
    );
    stand.set_delay(Duration::ZERO);

    let r = camp.spawn(&args).wait();
    assert_eq!(r.code, 0, "{r:?}");
    let cancels = stand.cancels();
    let created = stand.created();
    assert_eq!(cancels.len(), 60, "{cancels:?}");
    for c in &created {
        assert_eq!(cancels.get(&c.sid), Some(&1), "{} canceled twice", c.sid);
    }
    let report = camp.report();
    assert_eq!(report.len(), 60);
    assert!(report.iter().all(|l| l.status == "canceled"), "{report:?}");
    // Nothing left to cancel; the run never resends a canceled recipient.
    let r = camp.run(&["campaign", "cancel", JOURNAL, "--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("nothing to cancel"), "{r:?}");
    let r = camp.campaign(&["--rate", "1000"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.created().len(), 60);
}

#[test]
fn cancel_opted_out_cancels_only_the_recipients_now_on_the_opt_out_list() {
    let stand = Stand::start();
    stand.set_scheduled(true);
    let camp = Camp::new(stand.world());
    let nums = numbers(4);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = camp.run(&["optouts", "add", &nums[2]]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = camp.run(&["campaign", "cancel", JOURNAL, "--opted-out", "--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    let sid = stand.created_by_to()[&nums[2]][0].sid.clone();
    assert_eq!(stand.cancels(), HashMap::from([(sid, 1)]));
    for l in camp.report() {
        let want = if l.recipient == nums[2] {
            "canceled"
        } else {
            "scheduled"
        };
        assert_eq!(l.status, want, "{l:?}");
    }
    // The others went out meanwhile: Twilio refuses to cancel them (30409); the
    // report takes their actual status, and the command says so (exit 1).
    stand.set_scheduled(false);
    let r = camp.run(&["campaign", "cancel", JOURNAL, "--yes"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("3 messages could not be canceled"),
        "{r:?}"
    );
    for l in camp.report() {
        let want = if l.recipient == nums[2] {
            "canceled"
        } else {
            "delivered"
        };
        assert_eq!(l.status, want, "{l:?}");
    }
    assert_eq!(stand.cancels().values().sum::<usize>(), 4);
    let r = camp.run(&["campaign", "cancel", JOURNAL, "--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("nothing to cancel"), "{r:?}");
}

#[test]
fn a_retry_of_another_accounts_campaign_or_of_a_missing_journal_is_refused() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&numbers(2)));
    let r = camp.run(&["campaign", "retry", "nope.smsctl-journal", "--yes"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no such journal"), "{r:?}");
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    // A journal whose Fingerprint names another account.
    let path = camp.journal_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let other = "AC00000000000000000000000000000000";
    let ac = super::AC;
    std::fs::write(&path, text.replacen(ac, other, 1)).unwrap();
    let r = camp.run(&["campaign", "retry", JOURNAL, "--yes"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains(other) && r.stderr.contains("--profile"),
        "{r:?}"
    );
}

#[test]
fn a_sandbox_rehearsal_of_run_status_and_retry() {
    let sandbox = SandboxProc::start();
    let camp = Camp::new(sandbox.world());
    let ok = numbers(3);
    let unreachable = "+15005550005".to_string();
    let landline = "+15005550008".to_string();
    let mut nums = ok.clone();
    nums.insert(1, unreachable.clone());
    nums.push(landline.clone());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    // The sandbox moves messages to their final status as they age: poll.
    let report = Mutex::new(Vec::new());
    wait_until("final statuses", Duration::from_secs(30), || {
        let r = camp.run(&["campaign", "status", JOURNAL]);
        let rep = camp.report();
        let done = rep
            .iter()
            .all(|l| l.status == "delivered" || l.status == "undelivered");
        *report.lock().unwrap() = rep;
        done && r.code == 4
    });
    let report = report.into_inner().unwrap();
    let code_of = |n: &str| {
        let l = report.iter().find(|l| l.recipient == n).unwrap();
        (l.status.clone(), l.code.clone())
    };
    assert_eq!(
        code_of(&unreachable),
        ("undelivered".into(), "30003".into())
    );
    assert_eq!(code_of(&landline), ("undelivered".into(), "30006".into()));

    let dry = camp.run(&["campaign", "retry", JOURNAL, "--dry-run"]);
    assert_eq!(dry.code, 0, "{dry:?}");
    assert!(dry.stderr.contains("1 to send once more"), "{dry:?}");
    assert!(dry.stdout.contains(&unreachable), "{dry:?}");
    let r = camp.run(&["campaign", "retry", JOURNAL, "--yes"]);
    assert_eq!(r.code, 4, "the landline is still failed: {r:?}");
    let by_to = sandbox.messages_by_to();
    for n in &nums {
        let want = if *n == unreachable { 2 } else { 1 };
        assert_eq!(by_to.get(n).map_or(0, Vec::len), want, "{n}: {by_to:?}");
    }
}
