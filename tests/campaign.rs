//! `smsctl campaign run` / `campaign status` end to end (issue 4, item 10): the real
//! binary against counting stand-ins for Twilio — a small keep-alive HTTP server of
//! this file ([`Stand`]) whose answers, delays and failures the test controls, and
//! the embedded sandbox run as a child process (`smsctl sandbox --port 0`).
//!
//! Every test counts what the stand-in *accepted* per recipient, so "exactly once"
//! means: each recipient has one created message, no more, none missing.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{
    AC, FROM, Run, TOKEN, TestEnv, WHATSAPP, basic_auth, read_request, run, twilio_error,
};

mod rounds;

// ======================================================================= helpers

/// `campaign run --recipients r.csv --body BODY --yes EXTRA…`: the arguments of
/// a scripted run of the test campaign.
fn campaign_args<'a>(body: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--body",
        body,
        "--yes",
    ];
    args.extend_from_slice(extra);
    args
}

/// `n` distinct valid Singapore mobile numbers.
fn numbers(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("+65{}", 91_000_000 + i)).collect()
}

/// A recipients CSV `recipient,name` for `nums` (names `P0`, `P1`, …).
fn csv_for(nums: &[String]) -> String {
    let mut s = String::from("recipient,name\n");
    for (i, n) in nums.iter().enumerate() {
        s.push_str(&format!("{n},P{i}\n"));
    }
    s
}

/// One line of a report CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReportLine {
    recipient: String,
    row: u64,
    status: String,
    sid: String,
    code: String,
    message: String,
    /// The `attempts` column (a report of a retried campaign has it).
    attempts: Option<u64>,
}

const REPORT_HEADER: &str = "recipient,row,status,message_sid,error_code,error_message";

fn read_report(path: &Path) -> Vec<ReportLine> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read report {}: {e}", path.display()));
    let header = text.lines().next().unwrap_or_default();
    let with_attempts = header == format!("{REPORT_HEADER},attempts");
    assert!(
        header == REPORT_HEADER || with_attempts,
        "report header of {}: {header}",
        path.display()
    );
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.expect("report record");
            assert_eq!(rec.len(), 6 + usize::from(with_attempts), "{rec:?}");
            ReportLine {
                recipient: rec[0].to_string(),
                row: rec[1].parse().expect("row is a number"),
                status: rec[2].to_string(),
                sid: rec[3].to_string(),
                code: rec[4].to_string(),
                message: rec[5].to_string(),
                attempts: with_attempts.then(|| rec[6].parse().expect("attempts is a number")),
            }
        })
        .collect()
}

/// The journal's complete records (a torn last line is ignored).
fn journal_records(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .collect()
}

fn count_kind(recs: &[Value], t: &str) -> usize {
    recs.iter().filter(|r| r["t"] == t).count()
}

/// Rows with an intent and no later outcome / reconciliation (in flight).
fn dangling_intents(recs: &[Value]) -> Vec<u64> {
    let mut open: BTreeMap<u64, bool> = BTreeMap::new();
    for r in recs {
        let Some(row) = r["row"].as_u64() else {
            continue;
        };
        match r["t"].as_str() {
            Some("I") => {
                open.insert(row, true);
            }
            Some("O" | "R") => {
                open.insert(row, false);
            }
            _ => {}
        }
    }
    open.into_iter()
        .filter(|(_, o)| *o)
        .map(|(r, _)| r)
        .collect()
}

fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !ok() {
        assert!(t0.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Asserts that requests leave at most `rate` a second, evenly spaced, from what
/// the stand-in saw, in a way a loaded machine cannot fake: each arrival is no
/// earlier than its request left, and the k-th request (0-based) of a run
/// started at `spawned` cannot leave before `spawned + k / rate`. So the k-th
/// earliest arrival must be at or after that. (A count of arrivals per
/// one-second window would instead depend on how late the stand-in's threads
/// are woken.)
fn assert_spaced(arrivals: &[Instant], spawned: Instant, rate: u32) {
    let mut at = arrivals.to_vec();
    at.sort();
    let period = Duration::from_secs(1) / rate;
    // governor rounds to the nanosecond; a millisecond covers clock reads.
    let slack = Duration::from_millis(1);
    for (k, t) in at.iter().enumerate() {
        let earliest = spawned + period * k as u32;
        assert!(
            *t + slack >= earliest,
            "request {k} arrived {:?} after the start; at --rate {rate} it cannot leave before {:?}",
            *t - spawned,
            earliest - spawned
        );
    }
}

/// A campaign's working directory inside a test world. Commands run in it, so
/// messages name the files as given (`r.csv:3: …`).
struct Camp {
    env: TestEnv,
    dir: PathBuf,
    spawned: u32,
}

impl Camp {
    fn new(env: TestEnv) -> Camp {
        let dir = env.path("camp");
        std::fs::create_dir_all(&dir).unwrap();
        Camp {
            env,
            dir,
            spawned: 0,
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.file(name), text).unwrap();
    }

    fn journal_path(&self) -> PathBuf {
        self.file("r.csv.smsctl-journal")
    }

    fn journal(&self) -> Vec<Value> {
        journal_records(&self.journal_path())
    }

    fn report(&self) -> Vec<ReportLine> {
        read_report(&self.file("r.report.csv"))
    }

    /// `smsctl ARGS` in the campaign directory, stdin empty (not a terminal).
    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.env.cmd();
        cmd.current_dir(&self.dir).args(args);
        run(&mut cmd)
    }

    /// `smsctl ARGS` in `cwd` with extra variables for this one command.
    fn run_in(&self, cwd: &Path, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = self.env.cmd();
        cmd.current_dir(cwd).args(args);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        run(&mut cmd)
    }

    /// `smsctl campaign run --recipients r.csv --body "Hi {{name}}" --yes EXTRA…`.
    fn campaign(&self, extra: &[&str]) -> Run {
        self.campaign_body("Hi {{name}}", extra)
    }

    /// `smsctl campaign run --recipients r.csv --body BODY --yes EXTRA…`.
    fn campaign_body(&self, body: &str, extra: &[&str]) -> Run {
        self.run(&campaign_args(body, extra))
    }

    /// Starts `smsctl ARGS` in the background; its output goes to files.
    fn spawn(&mut self, args: &[&str]) -> Spawned {
        self.spawned += 1;
        let out = self.env.path(&format!("out.{}", self.spawned));
        let err = self.env.path(&format!("err.{}", self.spawned));
        let mut cmd = self.env.std_cmd();
        cmd.current_dir(&self.dir)
            .args(args)
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap());
        Spawned {
            child: cmd.spawn().expect("spawn smsctl"),
            out,
            err,
        }
    }
}

struct Spawned {
    child: Child,
    out: PathBuf,
    err: PathBuf,
}

impl Spawned {
    fn wait(mut self) -> Run {
        let status = self.child.wait().unwrap();
        Run {
            code: status.code().unwrap_or(-1),
            stdout: std::fs::read_to_string(&self.out).unwrap_or_default(),
            stderr: std::fs::read_to_string(&self.err).unwrap_or_default(),
        }
    }

    fn signal(&self, sig: &str) {
        let st = std::process::Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(st.success(), "kill {sig} failed");
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ============================================================ the Stand stand-in

/// What the stand-in does with one create request.
#[derive(Clone, Debug)]
enum Plan {
    /// Create the message and answer 201.
    Accept,
    /// Answer with an error; no message is created.
    Refuse(u16, Vec<(&'static str, String)>, Value),
    /// Create the message, then answer with this error status anyway.
    CreateThenFail(u16),
}

fn refuse(status: u16, code: i64, message: &str) -> Plan {
    Plan::Refuse(status, Vec::new(), twilio_error(code, status, message))
}

/// A create request as received.
#[derive(Clone, Debug)]
struct Post {
    to: String,
    from: Option<String>,
    service: Option<String>,
    body: String,
    at: Instant,
}

/// A message the stand-in created.
#[derive(Clone, Debug)]
struct Created {
    sid: String,
    to: String,
    from: String,
    body: String,
    /// RFC 2822, as Twilio writes `date_created`.
    date: String,
    /// YYYY-MM-DD (UTC).
    day: String,
}

type PlanFn = dyn Fn(&Post, usize) -> Plan + Send + Sync;
/// (message, how many times this SID was fetched before) → (status, error code).
type FetchFn = dyn Fn(&Created, usize) -> (&'static str, Option<i64>) + Send + Sync;

struct StandState {
    plan: Mutex<Arc<PlanFn>>,
    fetch: Mutex<Arc<FetchFn>>,
    /// Every POST, in arrival order.
    posts: Mutex<Vec<Post>>,
    created: Mutex<Vec<Created>>,
    /// Every GET (path and query, raw).
    gets: Mutex<Vec<String>>,
    fetches: Mutex<HashMap<String, usize>>,
    /// Delay before answering a create (after creating it).
    delay_ms: AtomicU64,
    /// Answer the Messages list with 500.
    list_fails: AtomicBool,
    /// Delay before creating a message (as a busy Twilio applies a request
    /// seconds after it arrived, even if the client is gone by then).
    lag_ms: AtomicU64,
    /// Messages stay queued: `date_sent` null, so `DateSent` filters miss them.
    queued: AtomicBool,
    /// Creates answer `scheduled` (as with `SendAt`), and the messages stay
    /// scheduled until canceled.
    scheduled: AtomicBool,
    /// Cancel requests (`POST …/Messages/{SM}.json`, `Status=canceled`) per SID.
    cancels: Mutex<HashMap<String, usize>>,
    /// SIDs whose message was canceled.
    canceled: Mutex<std::collections::HashSet<String>>,
    /// While true, creates wait (see [`Stand::hold`]).
    held: Mutex<bool>,
    release: std::sync::Condvar,
    seq: AtomicU64,
    tag: u64,
}

/// A small HTTP/1.1 (keep-alive) Twilio stand-in that counts: every POST, every
/// message it created per To, every GET. It serves create, fetch and the Messages
/// list (filtered by `To` and `DateSent>`), checking Basic auth for [`AC`]/[`TOKEN`].
struct Stand {
    url: String,
    st: Arc<StandState>,
}

impl Stand {
    fn start() -> Stand {
        Stand::with_plan(|_, _| Plan::Accept)
    }

    fn with_plan(plan: impl Fn(&Post, usize) -> Plan + Send + Sync + 'static) -> Stand {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let st = Arc::new(StandState {
            plan: Mutex::new(Arc::new(plan)),
            fetch: Mutex::new(Arc::new(|_, _| ("delivered", None))),
            posts: Mutex::default(),
            created: Mutex::default(),
            gets: Mutex::default(),
            fetches: Mutex::default(),
            delay_ms: AtomicU64::new(0),
            list_fails: AtomicBool::new(false),
            lag_ms: AtomicU64::new(0),
            queued: AtomicBool::new(false),
            scheduled: AtomicBool::new(false),
            cancels: Mutex::default(),
            canceled: Mutex::default(),
            held: Mutex::new(false),
            release: std::sync::Condvar::new(),
            seq: AtomicU64::new(0),
            tag: u64::from(std::process::id()) << 20 ^ u64::from(rand_u32()),
        });
        let s = st.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let s = s.clone();
                std::thread::spawn(move || serve_connection(stream, &s));
            }
        });
        Stand { url, st }
    }

    fn set_plan(&self, plan: impl Fn(&Post, usize) -> Plan + Send + Sync + 'static) {
        *self.st.plan.lock().unwrap() = Arc::new(plan);
    }

    fn set_fetch(
        &self,
        f: impl Fn(&Created, usize) -> (&'static str, Option<i64>) + Send + Sync + 'static,
    ) {
        *self.st.fetch.lock().unwrap() = Arc::new(f);
    }

    fn set_delay(&self, d: Duration) {
        self.st
            .delay_ms
            .store(d.as_millis() as u64, Ordering::SeqCst);
    }

    /// Creates happen this long after their request arrives.
    fn set_lag(&self, d: Duration) {
        self.st.lag_ms.store(d.as_millis() as u64, Ordering::SeqCst);
    }

    /// Messages stay queued (Twilio's `date_sent` is null until a message is sent).
    fn set_queued(&self, queued: bool) {
        self.st.queued.store(queued, Ordering::SeqCst);
    }

    /// Every create request waits, unanswered, until [`Stand::unhold`].
    fn hold(&self) {
        *self.st.held.lock().unwrap() = true;
    }

    fn unhold(&self) {
        *self.st.held.lock().unwrap() = false;
        self.st.release.notify_all();
    }

    /// Creates answer `scheduled`; messages stay scheduled until canceled.
    fn set_scheduled(&self, scheduled: bool) {
        self.st.scheduled.store(scheduled, Ordering::SeqCst);
    }

    /// Cancel requests per SID.
    fn cancels(&self) -> HashMap<String, usize> {
        self.st.cancels.lock().unwrap().clone()
    }

    fn set_list_fails(&self, fails: bool) {
        self.st.list_fails.store(fails, Ordering::SeqCst);
    }

    fn posts(&self) -> Vec<Post> {
        self.st.posts.lock().unwrap().clone()
    }

    fn posts_to(&self, to: &str) -> usize {
        self.posts().iter().filter(|p| p.to == to).count()
    }

    fn created(&self) -> Vec<Created> {
        self.st.created.lock().unwrap().clone()
    }

    /// Created messages per To.
    fn created_by_to(&self) -> HashMap<String, Vec<Created>> {
        let mut m: HashMap<String, Vec<Created>> = HashMap::new();
        for c in self.created() {
            m.entry(c.to.clone()).or_default().push(c);
        }
        m
    }

    fn gets(&self) -> Vec<String> {
        self.st.gets.lock().unwrap().clone()
    }

    /// Every request of any kind.
    fn hits(&self) -> usize {
        self.posts().len() + self.gets().len()
    }

    /// The Messages-list GETs, as decoded query pairs.
    fn list_queries(&self) -> Vec<Vec<(String, String)>> {
        self.gets()
            .iter()
            .filter_map(|g| {
                let (path, q) = g.split_once('?').unwrap_or((g, ""));
                path.ends_with("/Messages.json").then(|| {
                    url::form_urlencoded::parse(q.as_bytes())
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect()
                })
            })
            .collect()
    }

    /// A world whose Twilio is this stand-in, with env credentials and a From number.
    fn world(&self) -> TestEnv {
        self.bare_world().env("TWILIO_PHONE_NUMBER", FROM)
    }

    /// Env credentials, no sender.
    fn bare_world(&self) -> TestEnv {
        self.world_with_default_settle()
            // The stand-in applies a create before it answers (unless a test
            // sets a lag), so a resume need not wait the default settle time.
            .env("SMSCTL_SETTLE_SECS", "1")
    }

    /// [`Stand::bare_world`] without shortening the settle wait of a resume.
    fn world_with_default_settle(&self) -> TestEnv {
        TestEnv::new()
            .env("SMSCTL_TWILIO_API_URL", &self.url)
            .env("SMSCTL_TWILIO_MESSAGING_URL", &self.url)
            .env("TWILIO_ACCOUNT_SID", AC)
            .env("TWILIO_AUTH_TOKEN", TOKEN)
    }
}

fn rand_u32() -> u32 {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    n.wrapping_mul(2_654_435_761)
}

fn message_json(c: &Created, status: &str, code: Option<i64>) -> Value {
    let date_sent = (!matches!(status, "queued" | "accepted" | "scheduled")).then_some(&c.date);
    json!({
        "account_sid": AC,
        "sid": c.sid,
        "to": c.to,
        "from": c.from,
        "body": c.body,
        "status": status,
        "num_segments": "1",
        "direction": "outbound-api",
        "date_created": c.date,
        "date_updated": c.date,
        "date_sent": date_sent,
        "error_code": code,
        "error_message": code.map(|_| "Unknown error"),
        "uri": format!("/2010-04-01/Accounts/{AC}/Messages/{}.json", c.sid),
    })
}

fn serve_connection(mut stream: TcpStream, st: &StandState) {
    let mut buf: Vec<u8> = Vec::new();
    while let Some(req) = read_request(&mut stream, &mut buf) {
        let auth_ok =
            req.header("authorization").as_deref() == Some(basic_auth(AC, TOKEN).as_str());
        let (status, headers, reply, delay) = if !auth_ok {
            (401, Vec::new(), twilio_error(20003, 401, "Authenticate"), 0)
        } else {
            respond(st, &req.method, &req.target, &req.body)
        };
        if delay > 0 {
            std::thread::sleep(Duration::from_millis(delay));
        }
        let text = reply.to_string();
        let mut out = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            text.len()
        );
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        out.push_str(&text);
        if stream.write_all(out.as_bytes()).is_err() {
            return;
        }
    }
}

fn respond(
    st: &StandState,
    method: &str,
    target: &str,
    body: &[u8],
) -> (u16, Vec<(&'static str, String)>, Value, u64) {
    let prefix = format!("/2010-04-01/Accounts/{AC}/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let Some(rest) = path.strip_prefix(&prefix) else {
        return (404, Vec::new(), twilio_error(20404, 404, "Not found"), 0);
    };
    match (method, rest) {
        ("POST", "Messages.json") => create(st, body),
        ("GET", "Messages.json") => {
            st.gets.lock().unwrap().push(target.to_string());
            if st.list_fails.load(Ordering::SeqCst) {
                return (
                    500,
                    Vec::new(),
                    twilio_error(20500, 500, "Internal Server Error"),
                    0,
                );
            }
            let mut to = None;
            let mut after = None;
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                match &*k {
                    "To" => to = Some(v.into_owned()),
                    "DateSent>" => after = Some(v.into_owned()),
                    _ => {}
                }
            }
            // Newest first; `DateSent` matches `date_sent`, null while queued.
            // Unfiltered (as `campaign status` lists), each message's status is
            // what a fetch of it would say now.
            let queued = st.queued.load(Ordering::SeqCst);
            let fetch = st.fetch.lock().unwrap().clone();
            let status_of = |c: &Created| {
                if let Some(s) = scheduled_status(st, &c.sid) {
                    (s, None)
                } else if queued {
                    ("queued", None)
                } else if to.is_none() {
                    let mut f = st.fetches.lock().unwrap();
                    let e = f.entry(c.sid.clone()).or_default();
                    *e += 1;
                    fetch(c, *e - 1)
                } else {
                    ("sent", None)
                }
            };
            let msgs: Vec<Value> = st
                .created
                .lock()
                .unwrap()
                .iter()
                .rev()
                .filter(|c| to.as_ref().is_none_or(|t| &c.to == t))
                .filter(|c| {
                    after
                        .as_ref()
                        .is_none_or(|d| !queued && c.day.as_str() >= d.as_str())
                })
                .map(|c| {
                    let (status, code) = status_of(c);
                    message_json(c, status, code)
                })
                .collect();
            let page = json!({
                "messages": msgs,
                "next_page_uri": null,
                "page": 0,
                "page_size": 1000,
                "start": 0,
                "end": msgs.len().saturating_sub(1),
                "uri": target,
            });
            (200, Vec::new(), page, 0)
        }
        ("POST", tail) if tail.starts_with("Messages/") => {
            // The Message update: Status=canceled on a scheduled message.
            let sid = tail
                .trim_start_matches("Messages/")
                .trim_end_matches(".json")
                .to_string();
            let form: HashMap<String, String> = url::form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            *st.cancels.lock().unwrap().entry(sid.clone()).or_default() += 1;
            let found = st
                .created
                .lock()
                .unwrap()
                .iter()
                .find(|c| c.sid == sid)
                .cloned();
            let delay = st.delay_ms.load(Ordering::SeqCst);
            match found {
                None => (404, Vec::new(), twilio_error(20404, 404, "Not found"), 0),
                Some(_) if form.get("Status").map(String::as_str) != Some("canceled") => (
                    400,
                    Vec::new(),
                    twilio_error(20001, 400, "Invalid Status"),
                    0,
                ),
                Some(c) if scheduled_status(st, &sid) == Some("scheduled") => {
                    st.canceled.lock().unwrap().insert(sid);
                    (200, Vec::new(), message_json(&c, "canceled", None), delay)
                }
                Some(_) => (
                    400,
                    Vec::new(),
                    twilio_error(30409, 400, "This message cannot be canceled"),
                    delay,
                ),
            }
        }
        ("GET", tail) if tail.starts_with("Messages/") => {
            st.gets.lock().unwrap().push(target.to_string());
            let sid = tail
                .trim_start_matches("Messages/")
                .trim_end_matches(".json");
            let found = st
                .created
                .lock()
                .unwrap()
                .iter()
                .find(|c| c.sid == sid)
                .cloned();
            match found {
                Some(c) => {
                    let n = {
                        let mut f = st.fetches.lock().unwrap();
                        let e = f.entry(c.sid.clone()).or_default();
                        *e += 1;
                        *e - 1
                    };
                    let fetch = st.fetch.lock().unwrap().clone();
                    let (status, code) = match scheduled_status(st, &c.sid) {
                        Some(s) => (s, None),
                        None => fetch(&c, n),
                    };
                    (200, Vec::new(), message_json(&c, status, code), 0)
                }
                None => (
                    404,
                    Vec::new(),
                    twilio_error(20404, 404, "The requested resource was not found"),
                    0,
                ),
            }
        }
        _ => {
            st.gets.lock().unwrap().push(target.to_string());
            (404, Vec::new(), twilio_error(20404, 404, "Not found"), 0)
        }
    }
}

/// `canceled` or `scheduled` while the stand-in schedules messages.
fn scheduled_status(st: &StandState, sid: &str) -> Option<&'static str> {
    if st.canceled.lock().unwrap().contains(sid) {
        Some("canceled")
    } else if st.scheduled.load(Ordering::SeqCst) {
        Some("scheduled")
    } else {
        None
    }
}

fn create(st: &StandState, body: &[u8]) -> (u16, Vec<(&'static str, String)>, Value, u64) {
    let mut post = Post {
        to: String::new(),
        from: None,
        service: None,
        body: String::new(),
        at: Instant::now(),
    };
    for (k, v) in url::form_urlencoded::parse(body) {
        match &*k {
            "To" => post.to = v.into_owned(),
            "From" => post.from = Some(v.into_owned()),
            "MessagingServiceSid" => post.service = Some(v.into_owned()),
            "Body" => post.body = v.into_owned(),
            _ => {}
        }
    }
    let attempt = {
        let mut posts = st.posts.lock().unwrap();
        let n = posts.iter().filter(|p| p.to == post.to).count();
        posts.push(post.clone());
        n
    };
    {
        let mut held = st.held.lock().unwrap();
        while *held {
            held = st.release.wait(held).unwrap();
        }
    }
    let lag = st.lag_ms.load(Ordering::SeqCst);
    if lag > 0 {
        std::thread::sleep(Duration::from_millis(lag));
    }
    let plan = st.plan.lock().unwrap().clone();
    let make = || {
        let now = jiff::Timestamp::now();
        let n = st.seq.fetch_add(1, Ordering::SeqCst);
        let c = Created {
            sid: format!("SM{:016x}{:016x}", st.tag, n),
            to: post.to.clone(),
            from: post
                .from
                .clone()
                .or(post.service.clone())
                .unwrap_or_default(),
            body: post.body.clone(),
            date: now.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string(),
            day: now.strftime("%Y-%m-%d").to_string(),
        };
        st.created.lock().unwrap().push(c.clone());
        c
    };
    match plan(&post, attempt) {
        Plan::Accept => {
            let c = make();
            let delay = st.delay_ms.load(Ordering::SeqCst);
            let status = if st.scheduled.load(Ordering::SeqCst) {
                "scheduled"
            } else {
                "queued"
            };
            (201, Vec::new(), message_json(&c, status, None), delay)
        }
        Plan::Refuse(status, headers, body) => (status, headers, body, 0),
        Plan::CreateThenFail(status) => {
            make();
            (
                status,
                Vec::new(),
                twilio_error(20500, status, "Internal Server Error"),
                0,
            )
        }
    }
}

/// Every one of `nums` has exactly one created message; nothing else was created.
fn assert_exactly_once(stand: &Stand, nums: &[String]) {
    let by_to = stand.created_by_to();
    let mut problems = Vec::new();
    for n in nums {
        let k = by_to.get(n).map_or(0, Vec::len);
        if k != 1 {
            problems.push(format!("{n}: {k} messages"));
        }
    }
    assert!(
        problems.is_empty(),
        "not exactly once ({} of {}): {problems:?}",
        problems.len(),
        nums.len()
    );
    assert_eq!(stand.created().len(), nums.len(), "messages to strangers");
}

/// The report lists every one of `nums` (row i → line i+2) as sent, with the SID
/// of the message the stand-in created for it.
fn assert_report_all_sent(report: &[ReportLine], sids: &HashMap<String, String>, nums: &[String]) {
    assert_eq!(report.len(), nums.len(), "report rows: {report:?}");
    for (i, n) in nums.iter().enumerate() {
        let line = report
            .iter()
            .find(|l| &l.recipient == n)
            .unwrap_or_else(|| panic!("{n} is missing from the report"));
        assert_eq!(line.row, i as u64 + 2, "{line:?}");
        assert_eq!(line.status, "sent", "{line:?}");
        assert_eq!(
            Some(&line.sid),
            sids.get(n),
            "the report's SID for {n} is not the created message's"
        );
        assert_eq!((line.code.as_str(), line.message.as_str()), ("", ""));
    }
}

fn stand_sids(stand: &Stand) -> HashMap<String, String> {
    stand
        .created()
        .into_iter()
        .map(|c| (c.to.clone(), c.sid))
        .collect()
}

// ================================================== the sandbox as a child process

/// `smsctl sandbox --port 0` in the background, with the variables it printed.
struct SandboxProc {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    vars: Vec<(String, String)>,
}

impl SandboxProc {
    fn start() -> SandboxProc {
        let env = TestEnv::new();
        let mut cmd = env.std_cmd();
        cmd.args(["sandbox", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().expect("spawn smsctl sandbox");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut vars = Vec::new();
        while vars.len() < 5 {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap() == 0 {
                panic!("smsctl sandbox printed only {vars:?}");
            }
            if let Some((k, v)) = line
                .trim()
                .strip_prefix("export ")
                .and_then(|s| s.split_once('='))
            {
                vars.push((k.to_string(), v.to_string()));
            }
        }
        SandboxProc {
            child,
            _stdout: out,
            vars,
        }
    }

    fn var(&self, k: &str) -> String {
        self.vars
            .iter()
            .find(|(n, _)| n == k)
            .unwrap_or_else(|| panic!("sandbox printed no {k}: {:?}", self.vars))
            .1
            .clone()
    }

    /// A world pointed at this sandbox with the credentials it printed.
    fn world(&self) -> TestEnv {
        let mut env = TestEnv::new().env("SMSCTL_SETTLE_SECS", "1");
        for (k, v) in &self.vars {
            env = env.env(k, v);
        }
        env
    }

    /// Messages per To, from the sandbox's Messages list (all pages).
    fn messages_by_to(&self) -> HashMap<String, Vec<String>> {
        let base = self.var("SMSCTL_TWILIO_API_URL");
        let ac = self.var("TWILIO_ACCOUNT_SID");
        let token = self.var("TWILIO_AUTH_TOKEN");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let http = reqwest::Client::new();
            let mut out: HashMap<String, Vec<String>> = HashMap::new();
            let mut next = Some(format!(
                "/2010-04-01/Accounts/{ac}/Messages.json?PageSize=1000"
            ));
            while let Some(uri) = next.take() {
                let page: Value = http
                    .get(format!("{base}{uri}"))
                    .basic_auth(&ac, Some(&token))
                    .send()
                    .await
                    .expect("sandbox list")
                    .error_for_status()
                    .expect("sandbox list status")
                    .json()
                    .await
                    .expect("sandbox list json");
                for m in page["messages"].as_array().expect("messages") {
                    out.entry(m["to"].as_str().unwrap().to_string())
                        .or_default()
                        .push(m["sid"].as_str().unwrap().to_string());
                }
                next = page["next_page_uri"].as_str().map(str::to_string);
            }
            out
        })
    }
}

impl Drop for SandboxProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ============================================================ 1. crash (kill -9)

#[test]
fn kill_9_mid_campaign_then_rerun_sends_every_recipient_exactly_once() {
    let sandbox = SandboxProc::start();
    let mut camp = Camp::new(sandbox.world());
    let nums = numbers(300);
    camp.write("r.csv", &csv_for(&nums));
    let args = campaign_args("Hi {{name}}", &["--rate", "200", "--concurrency", "8"]);
    let first = camp.spawn(&args);
    let journal = camp.journal_path();
    wait_until(
        "30 outcomes in the journal",
        Duration::from_secs(20),
        || count_kind(&journal_records(&journal), "O") >= 30,
    );
    drop(first); // SIGKILL
    let outcomes = count_kind(&camp.journal(), "O");
    assert!(
        outcomes < 300,
        "the campaign finished before it was killed ({outcomes} outcomes): the test proves nothing"
    );
    let before = sandbox.messages_by_to();
    assert!(before.values().map(Vec::len).sum::<usize>() < 300);

    let r = camp.spawn(&args).wait();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("resuming the campaign started"),
        "{}",
        r.stderr
    );

    let by_to = sandbox.messages_by_to();
    let wrong: Vec<_> = nums
        .iter()
        .filter(|n| by_to.get(*n).map_or(0, Vec::len) != 1)
        .map(|n| (n, by_to.get(n).map_or(0, Vec::len)))
        .collect();
    assert!(wrong.is_empty(), "not exactly once: {wrong:?}");
    assert_eq!(by_to.values().map(Vec::len).sum::<usize>(), 300);
    let sids = by_to
        .iter()
        .map(|(k, v)| (k.clone(), v[0].clone()))
        .collect();
    assert_report_all_sent(&camp.report(), &sids, &nums);
}

#[test]
fn kill_9_with_requests_in_flight_is_settled_by_asking_twilio_before_resending() {
    // Twilio creates each message at once but answers slowly, so at the kill
    // requests are in flight whose messages exist: the rerun must find them.
    let stand = Stand::start();
    stand.set_delay(Duration::from_millis(250));
    let mut camp = Camp::new(stand.world());
    let nums = numbers(80);
    camp.write("r.csv", &csv_for(&nums));
    let args = campaign_args("Hi {{name}}", &["--rate", "200", "--concurrency", "8"]);
    let first = camp.spawn(&args);
    let journal = camp.journal_path();
    wait_until(
        "16 outcomes and requests in flight",
        Duration::from_secs(20),
        || {
            let recs = journal_records(&journal);
            count_kind(&recs, "O") >= 16 && dangling_intents(&recs).len() >= 4
        },
    );
    drop(first); // SIGKILL
    let recs = camp.journal();
    let in_flight = dangling_intents(&recs);
    assert!(
        !in_flight.is_empty(),
        "no request was in flight at the kill"
    );
    let created_at_kill = stand.created().len();
    assert!(created_at_kill < 80);
    // Requests of the killed process may still be answered; none must be repeated.
    std::thread::sleep(Duration::from_millis(300));
    stand.set_delay(Duration::ZERO);

    let r = camp.spawn(&args).wait();
    assert_eq!(r.code, 0, "{r:?}");
    let asked = r
        .stderr
        .lines()
        .find(|l| l.starts_with("asked Twilio about "))
        .unwrap_or_else(|| panic!("the rerun did not reconcile: {}", r.stderr));
    // "asked Twilio about N interrupted requests: F sent, U proven unsent (…), S cannot be told"
    let nums_in: Vec<u64> = asked
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(nums_in.len(), 4, "{asked}");
    assert_eq!(nums_in[0], in_flight.len() as u64, "{asked}");
    assert!(
        nums_in[1] >= 1,
        "no in-flight message was found at Twilio: {asked}"
    );
    assert_eq!(nums_in[3], 0, "{asked}");
    // Each in-flight recipient was asked about by To alone: never by DateSent,
    // which does not see a message that is still queued.
    let queries = stand.list_queries();
    assert_eq!(queries.len(), in_flight.len(), "{queries:?}");
    for q in &queries {
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert!(
            get("To").is_some_and(|t| nums.iter().any(|n| n == t)),
            "{q:?}"
        );
        assert!(q.iter().all(|(k, _)| !k.starts_with("DateSent")), "{q:?}");
    }

    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn a_quick_resume_waits_until_creates_still_in_flight_have_landed_and_sends_nobody_twice() {
    // A busy Twilio applies each create 2 s after it arrived, whether or not the
    // client is still there: at the kill, requests are in flight whose messages do
    // not exist yet. A resume that asked Twilio at once would find nothing and
    // text those people a second time.
    let stand = Stand::start();
    stand.set_lag(Duration::from_secs(2));
    let env = stand
        .world_with_default_settle()
        .env("TWILIO_PHONE_NUMBER", FROM)
        // The default settle time is derived from the request timeout.
        .env("SMSCTL_HTTP_TIMEOUT", "4");
    let mut camp = Camp::new(env);
    let nums = numbers(12);
    camp.write("r.csv", &csv_for(&nums));
    let args = campaign_args("Hi {{name}}", &["--rate", "200", "--concurrency", "4"]);
    let first = camp.spawn(&args);
    let journal = camp.journal_path();
    wait_until("requests in flight", Duration::from_secs(30), || {
        dangling_intents(&journal_records(&journal)).len() >= 2
    });
    drop(first); // SIGKILL, at once
    assert!(!dangling_intents(&camp.journal()).is_empty());

    let r = camp.spawn(&args).wait();
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
    assert!(
        r.stderr.contains("waiting ") && r.stderr.contains("--settle-secs"),
        "no settle wait was shown: {}",
        r.stderr
    );
}

#[test]
fn a_message_still_queued_at_twilio_is_found_on_resume_and_not_sent_again() {
    // Twilio's `DateSent` filter matches `date_sent`, null while a message waits
    // in a queue: reconciliation must see such a message all the same.
    let nums = numbers(3);
    let victim = nums[1].clone();
    let v = victim.clone();
    let stand = Stand::with_plan(move |p, _| {
        if p.to == v {
            Plan::CreateThenFail(500)
        } else {
            Plan::Accept
        }
    });
    stand.set_queued(true);
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(stand.posts_to(&victim), 1);

    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("asked Twilio about 1 interrupted request: 1 sent, 0 proven unsent"),
        "{}",
        r.stderr
    );
    assert_eq!(stand.posts_to(&victim), 1, "sent twice");
    assert_exactly_once(&stand, &nums);
}

#[test]
fn a_recipients_file_edited_during_the_run_is_refused_before_a_changed_row_is_sent() {
    // Rows long enough that the file is far bigger than what the send pass has
    // read when the first request is held, so the edit is read after it is made.
    let stand = Stand::start();
    stand.hold();
    let mut camp = Camp::new(stand.world());
    let nums = numbers(600);
    let pad = "x".repeat(600);
    let mut text = String::from("recipient,name,notes\n");
    for (i, n) in nums.iter().enumerate() {
        text.push_str(&format!("{n},P{i},{pad}\n"));
    }
    camp.write("r.csv", &text);
    let first = camp.spawn(&campaign_args(
        "Hi {{name}}",
        &["--concurrency", "1", "--rate", "1000"],
    ));
    wait_until("the first request", Duration::from_secs(30), || {
        stand.posts().len() == 1
    });
    // Someone edits row 550 in place (same length): a number that was never checked.
    let stranger = "+6598765432";
    let edited = text.replace(
        &format!("{},P550,", nums[550]),
        &format!("{stranger},P550,"),
    );
    assert_ne!(edited, text);
    std::fs::write(camp.file("r.csv"), &edited).unwrap();
    stand.unhold();
    let r = first.wait();
    assert_eq!(
        stand.posts_to(stranger),
        0,
        "a number that was never checked was texted"
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("changed while the campaign was running"),
        "{}",
        r.stderr
    );
    assert_eq!(stand.posts_to(&nums[550]), 0);
    let report = camp.report();
    assert!(
        report
            .iter()
            .all(|l| l.recipient != stranger && l.recipient != nums[550]),
        "{:?}",
        report.iter().filter(|l| l.row == 552).collect::<Vec<_>>()
    );
    // Everything that was sent had been checked, and nothing twice.
    for p in stand.posts() {
        assert!(nums.contains(&p.to), "{}", p.to);
    }
    let by_to = stand.created_by_to();
    assert!(by_to.values().all(|v| v.len() == 1));
}

// ============================================================ 2. 429 / 503

#[test]
fn injected_429s_and_503s_are_retried_and_every_recipient_is_sent_exactly_once() {
    let nums = numbers(24);
    let idx: HashMap<String, usize> = nums
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();
    let stand = Stand::with_plan(move |p, attempt| match (idx[&p.to] % 4, attempt) {
        // Twice 429 without Retry-After.
        (0, 0 | 1) => refuse(429, 20429, "Too Many Requests"),
        // 503 once.
        (1, 0) => refuse(503, 20503, "Service Unavailable"),
        // 429 with Retry-After: 1 (second), once.
        (2, 0) => Plan::Refuse(
            429,
            vec![("Retry-After", "1".to_string())],
            twilio_error(20429, 429, "Too Many Requests"),
        ),
        _ => Plan::Accept,
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["--rate", "100", "--concurrency", "8"]);
    assert_eq!(r.code, 0, "{r:?}");

    assert_exactly_once(&stand, &nums);
    let expected_posts: usize = (0..24)
        .map(|i| match i % 4 {
            0 => 3,
            1 | 2 => 2,
            _ => 1,
        })
        .sum();
    assert_eq!(stand.posts().len(), expected_posts);
    // Retry-After was honoured (the retry came about a second later).
    for (i, n) in nums.iter().enumerate().filter(|(i, _)| i % 4 == 2) {
        let at: Vec<Instant> = stand
            .posts()
            .iter()
            .filter(|p| &p.to == n)
            .map(|p| p.at)
            .collect();
        let gap = at[1] - at[0];
        assert!(
            gap >= Duration::from_millis(900),
            "row {i}: retried after {gap:?}"
        );
    }
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn a_recipient_whose_429s_outlast_the_retries_is_not_sent_and_the_rerun_sends_it_once() {
    let nums = numbers(4);
    let stubborn = nums[1].clone();
    let s2 = stubborn.clone();
    let stand = Stand::with_plan(move |p, _| {
        if p.to == s2 {
            refuse(429, 20429, "Too Many Requests")
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 1, "{r:?}");
    let tries = stand.posts_to(&stubborn);
    assert!(
        (2..=10).contains(&tries),
        "{tries} tries: bounded retries expected"
    );
    let line = camp
        .report()
        .into_iter()
        .find(|l| l.recipient == stubborn)
        .unwrap();
    assert_eq!(
        (line.status.as_str(), line.row, line.sid.as_str()),
        ("not_sent", 3, ""),
        "{line:?}"
    );

    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.posts_to(&stubborn), tries + 1);
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

// ============================================================ 3. 500 after create

#[test]
fn a_500_after_create_is_unknown_then_reconciled_as_sent_without_a_second_create() {
    let nums = numbers(3);
    let victim = nums[1].clone();
    let v = victim.clone();
    let stand = Stand::with_plan(move |p, _| {
        if p.to == v {
            Plan::CreateThenFail(500)
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 1, "{r:?}");
    let line = camp
        .report()
        .into_iter()
        .find(|l| l.recipient == victim)
        .unwrap();
    assert_eq!(
        (line.status.as_str(), line.row, line.sid.as_str()),
        ("unknown", 3, "")
    );
    assert!(line.message.contains("500"), "{line:?}");
    assert_eq!(
        stand.posts_to(&victim),
        1,
        "a 500 on a create must never be retried"
    );

    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("asked Twilio about 1 interrupted request: 1 sent, 0 proven unsent"),
        "{}",
        r.stderr
    );
    assert_eq!(stand.posts_to(&victim), 1, "sent twice");
    let q = stand.list_queries();
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].contains(&("To".into(), victim.clone())), "{q:?}");
    assert!(
        q[0].iter().all(|(k, _)| !k.starts_with("DateSent")),
        "{q:?}"
    );
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn a_500_without_a_message_at_twilio_is_proven_unsent_and_sent_once_on_the_rerun() {
    let nums = numbers(3);
    let victim = nums[2].clone();
    let v = victim.clone();
    let stand = Stand::with_plan(move |p, _| {
        if p.to == v {
            refuse(500, 20500, "Internal Server Error")
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(camp.report()[2].status, "unknown");

    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("asked Twilio about 1 interrupted request: 0 sent, 1 proven unsent"),
        "{}",
        r.stderr
    );
    assert_eq!(stand.posts_to(&victim), 2);
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn an_unknown_that_cannot_be_proven_is_listed_and_left_unsent_unless_resend_unknown() {
    let nums = numbers(3);
    let victim = nums[0].clone();
    let v = victim.clone();
    let stand = Stand::with_plan(move |p, _| {
        if p.to == v {
            Plan::CreateThenFail(500)
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    assert_eq!(camp.campaign(&[]).code, 1);
    stand.set_plan(|_, _| Plan::Accept);
    stand.set_list_fails(true);

    let r = camp.campaign(&[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains(&format!("  unknown: r.csv:2 {victim}")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("these are left unsent"), "{}", r.stderr);
    assert!(r.stderr.contains("--resend-unknown"), "{}", r.stderr);
    assert_eq!(stand.posts_to(&victim), 1, "resent without proof");
    let line = camp.report()[0].clone();
    assert_eq!(
        (line.recipient.as_str(), line.status.as_str()),
        (victim.as_str(), "unknown")
    );

    let r = camp.campaign(&["--resend-unknown"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.posts_to(&victim), 2, "--resend-unknown sends it");
    let line = camp.report()[0].clone();
    assert_eq!(line.status, "sent", "{line:?}");
    assert!(line.sid.starts_with("SM"));
    // Everybody else exactly once.
    let by_to = stand.created_by_to();
    for n in &nums[1..] {
        assert_eq!(by_to[n].len(), 1, "{n}");
    }
}

// ============================================================ 4. bad input

/// Runs a campaign over `csv` that must be refused: exit 2, nothing sent, no
/// journal outcome. Returns the run.
fn refused(csv: &str, extra: &[&str]) -> Run {
    refused_body(csv, "Hi {{name}}", extra)
}

fn refused_body(csv: &str, body: &str, extra: &[&str]) -> Run {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", csv);
    let r = camp.campaign_body(body, extra);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(stand.hits(), 0, "requests were made: {:?}", stand.posts());
    assert_eq!(count_kind(&camp.journal(), "O"), 0);
    assert_eq!(count_kind(&camp.journal(), "I"), 0);
    r
}

fn assert_has_line(r: &Run, line: &str) {
    assert!(
        r.stderr.lines().any(|l| l == line),
        "expected the line\n  {line}\nin stderr:\n{}",
        r.stderr
    );
}

#[test]
fn a_missing_phone_column_is_refused_with_the_columns_and_to_column_sends() {
    let r = refused("phone,name\n+6591234567,Ann\n", &[]);
    assert_has_line(
        &r,
        "r.csv:1: no column \"recipient\"; columns are: phone, name — pass --to-column NAME",
    );
    assert_eq!(
        r.error_lines(),
        ["error: r.csv: the campaign cannot run (see above); nothing was sent"]
    );
    // --to-column names a column that is not there either.
    let r = refused("phone,name\n+6591234567,Ann\n", &["--to-column", "mobile"]);
    assert_has_line(
        &r,
        "r.csv:1: no column \"mobile\"; columns are: phone, name — pass --to-column NAME",
    );

    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", "Phone,name\n+6591234567,Ann\n");
    let r = camp.campaign(&["--to-column", "PHONE"]);
    assert_eq!(r.code, 0, "{r:?}");
    let posts = stand.posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(
        (posts[0].to.as_str(), posts[0].body.as_str()),
        ("+6591234567", "Hi Ann")
    );
}

#[test]
fn a_template_keyword_without_a_column_is_refused_naming_the_columns() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", "recipient,first\n+6591234567,Ann\n");
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_has_line(
        &r,
        "r.csv:1: keyword {{name}} has no column; columns are: recipient, first",
    );
    assert_eq!(
        r.error_lines(),
        ["error: r.csv: the campaign cannot run (see above); nothing was sent"]
    );
    assert_eq!(stand.hits(), 0);
    assert!(!camp.journal_path().exists());
}

#[test]
fn each_bad_row_is_reported_with_file_line_and_stops_the_run_before_sending() {
    let long = "x".repeat(1601);
    let ok_1600 = "y".repeat(1600);
    let csv = format!(
        "recipient,name\n\
         +6591234567,Ann\n\
         +6591234568,Ben,extra\n\
         91234569,Cat\n\
         abc,Dan\n\
         +6512,Eve\n\
         +6591234570,\n\
         +6591234571,{long}\n\
         +6591234572,{ok_1600}\n\
         \"+6591234573\",\"Fay\nLee\"\n\
         +6591234574,Gus\n"
    );
    let r = refused_body(&csv, "{{name}}", &["--rate", "100"]);
    let expected = [
        "r.csv:3: 3 fields, but the header has 2; a value containing a comma must be in double quotes",
        "r.csv:4: \"91234569\" has no country code: write it as +<country code>… or pass --default-region (e.g. --default-region SG)",
        "r.csv:5: \"abc\" is not a phone number",
        "r.csv:6: \"+6512\" is not a valid phone number: too short",
        "r.csv:7: the message body is empty",
        "r.csv:8: the message body is 1601 characters; Twilio accepts at most 1,600",
    ];
    let problems: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("r.csv:"))
        .collect();
    // An empty value is a bad row of its own (issue 11), named with its placeholder.
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want[4] = "r.csv:7: {{name}} is empty (--allow-empty sends it anyway)".into();
    assert_eq!(problems, want, "{}", r.stderr);
    assert_eq!(
        r.error_lines(),
        [
            "error: 6 invalid rows (listed above); fix them, or pass --skip-invalid to send to the others; nothing was sent"
        ]
    );

    // With --allow-empty, the empty value is sent when the body is not empty;
    // here it is the whole body, so the row is still refused, naming the placeholder.
    let r = refused_body(&csv, "{{name}}", &["--rate", "100", "--allow-empty"]);
    assert_has_line(&r, "r.csv:7: the message body is empty (empty: {{name}})");

    // The empty-body case without a placeholder to blame: the body itself is blank.
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", "recipient,name\n+6591234567,Ann\n");
    let r = camp.campaign_body("  ", &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(stand.hits(), 0);

    // --skip-invalid: the invalid rows are listed and skipped, the others sent.
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv);
    let r = camp.campaign_body("{{name}}", &["--skip-invalid", "--rate", "100"]);
    assert_eq!(r.code, 0, "{r:?}");
    for e in &want {
        assert_has_line(&r, e);
    }
    let sent = ["+6591234567", "+6591234572", "+6591234573", "+6591234574"];
    let sent: Vec<String> = sent.iter().map(|s| s.to_string()).collect();
    assert_exactly_once(&stand, &sent);
    let by_to = stand.created_by_to();
    assert_eq!(by_to["+6591234573"][0].body, "Fay\nLee");
    assert_eq!(by_to["+6591234572"][0].body.chars().count(), 1600);
    let report = camp.report();
    let st: Vec<(u64, &str)> = report.iter().map(|l| (l.row, l.status.as_str())).collect();
    assert_eq!(
        st,
        [
            (2, "sent"),
            (3, "skipped_invalid"),
            (4, "skipped_invalid"),
            (5, "skipped_invalid"),
            (6, "skipped_invalid"),
            (7, "skipped_invalid"),
            (8, "skipped_invalid"),
            (9, "sent"),
            (10, "sent"),
            (12, "sent"),
        ],
        "{report:?}"
    );
    assert!(
        report[2].message.contains("has no country code"),
        "{:?}",
        report[2]
    );
}

#[test]
fn default_region_accepts_local_numbers() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write(
        "r.csv",
        "recipient,name\n9123 4567,Ann\n+44 7911 123456,Bob\n",
    );
    let r = camp.campaign(&["--default-region", "SG"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(
        &stand,
        &["+6591234567".to_string(), "+447911123456".to_string()],
    );
}

#[test]
fn duplicates_are_sent_once_and_listed_and_allow_duplicates_sends_every_row() {
    let csv = "recipient,name\n+6591234567,Ann\n+6591234568,Ben\n+65 9123 4567,Ann again\n";
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", csv);
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_has_line(
        &r,
        "r.csv:4: duplicate recipient +6591234567, first on line 2; it is sent once (--allow-duplicates sends to every row)",
    );
    assert_has_line(
        &r,
        "checked r.csv: 3 rows, 2 messages to send (2 segments), 0 invalid, 1 duplicate, 0 opted out",
    );
    assert_exactly_once(&stand, &["+6591234567".into(), "+6591234568".into()]);
    assert_eq!(stand.created_by_to()["+6591234567"][0].body, "Hi Ann");
    let rep = camp.report();
    assert_eq!(rep.len(), 3, "{rep:?}");
    assert_eq!(
        (rep[2].row, rep[2].status.as_str()),
        (4, "skipped_duplicate"),
        "{rep:?}"
    );

    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", csv);
    let r = camp.campaign(&["--allow-duplicates"]);
    assert_eq!(r.code, 0, "{r:?}");
    let by_to = stand.created_by_to();
    let mut bodies: Vec<&str> = by_to["+6591234567"]
        .iter()
        .map(|c| c.body.as_str())
        .collect();
    bodies.sort();
    assert_eq!(bodies, ["Hi Ann", "Hi Ann again"]);
    assert_eq!(stand.created().len(), 3);
    assert!(camp.report().iter().all(|l| l.status == "sent"));
}

#[test]
fn empty_and_unclosed_placeholders_are_refused_with_their_position() {
    let csv = "recipient,name\n+6591234567,Ann\n";
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", csv);
    let body = |b: &str| camp.campaign_body(b, &[]);
    let r = body("Hi {{}}");
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.error_lines(),
        [
            "error: --body: template line 1, column 4: empty placeholder \"{{}}\"; write a column name such as {{name}}"
        ]
    );
    let r = body("Hi {{name");
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.error_lines(),
        [
            "error: --body: template line 1, column 4: unclosed placeholder \"{{\" (no \"}}\" on the same line); close it, e.g. {{name}}"
        ]
    );
    camp.write("t.txt", "Hello,\nsee you {{name}} {{\n");
    let r = camp.run(&[
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--template",
        "t.txt",
        "--yes",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.error_lines(),
        [
            "error: t.txt: template line 2, column 18: unclosed placeholder \"{{\" (no \"}}\" on the same line); close it, e.g. {{name}}"
        ]
    );
    assert_eq!(stand.hits(), 0);
    assert!(!camp.journal_path().exists());
}

#[test]
fn headers_with_a_bom_zero_width_characters_case_and_spaces_are_accepted() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write(
        "r.csv",
        "\u{feff} ReCiPiEnT\u{200b} ,\u{200b}  First_Name \r\n+6591234567,Ann\r\n",
    );
    let r = camp.campaign_body("Hi {{FIRST_name}}!", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let posts = stand.posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(
        (posts[0].to.as_str(), posts[0].body.as_str()),
        ("+6591234567", "Hi Ann!")
    );
}

// ============================================================ 5. dry run

fn dry_run_csv() -> String {
    format!(
        "recipient,name\n\
         +6591234567,Ann\n\
         +6591234568,{}\n\
         +6591234569,陈\n\
         not-a-number,Bob\n\
         +6591234567,Ann twice\n\
         +6591234570,Dee\n",
        "a".repeat(160)
    )
}

#[test]
fn dry_run_counts_samples_and_costs_without_any_credentials_and_sends_nothing() {
    // No TWILIO_* variables, no profile, endpoints closed.
    let camp = Camp::new(TestEnv::new());
    camp.write("r.csv", &dry_run_csv());
    let args = [
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--body",
        "Hello {{name}}",
        "--dry-run",
        "--price-per-segment",
        "0.05",
    ];
    // Invalid rows: listed, and the dry run says the real run would stop.
    let r = camp.run(&args);
    assert_eq!(r.code, 2, "{r:?}");
    assert_has_line(&r, "r.csv:5: \"not-a-number\" is not a phone number");
    assert!(
        r.error_lines()[0].contains("error: 1 invalid row (listed above); fix it,"),
        "{r:?}"
    );

    let mut with_skip = args.to_vec();
    with_skip.push("--skip-invalid");
    let r = camp.run(&with_skip);
    assert_eq!(r.code, 0, "{r:?}");
    let row = |label: &str| {
        r.stdout
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row:\n{}", r.stdout))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("rows"), "rows 6");
    assert_eq!(row("messages to send"), "messages to send 4");
    assert_eq!(row("invalid rows"), "invalid rows 1");
    assert_eq!(row("duplicates"), "duplicates (sent once) 1");
    // 1 + 2 (166 GSM-7 chars) + 1 (UCS-2) + 1.
    assert_eq!(row("segments"), "segments 5 in total (1–2 per message)");
    assert_eq!(row("estimated cost"), "estimated cost 0.25");
    assert_eq!(r.stdout.matches("sample, line ").count(), 3, "{}", r.stdout);
    assert!(r.stdout.contains("Hello Ann"), "{}", r.stdout);
    assert!(
        r.stderr.contains("dry run: nothing was sent"),
        "{}",
        r.stderr
    );
    assert!(!camp.journal_path().exists(), "a dry run wrote a journal");
    assert!(
        !camp.file("r.report.csv").exists(),
        "a dry run wrote a report"
    );

    // --json: the same figures, machine-readable.
    let mut json_args = with_skip.clone();
    json_args.push("--json");
    let r = camp.run(&json_args);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON on stdout");
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["rows"], 6);
    assert_eq!(v["to_send"], 4);
    assert_eq!(v["invalid"], 1);
    assert_eq!(v["duplicates"], 1);
    assert_eq!(v["segments_total"], 5);
    assert_eq!(v["segments_min"], 1);
    assert_eq!(v["segments_max"], 2);
    assert!(
        (v["estimated_cost"].as_f64().unwrap() - 0.25).abs() < 1e-9,
        "{v}"
    );
    assert_eq!(v["samples"].as_array().unwrap().len(), 3, "{v}");
    assert_eq!(v["problems_total"], 2, "{v}");
    assert!(!camp.journal_path().exists());
}

#[test]
fn dry_run_against_a_counting_server_makes_no_request() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&numbers(5)));
    let r = camp.campaign(&["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.hits(), 0);
    assert!(!camp.journal_path().exists());
}

// ============================================================ 6. confirmation

#[test]
fn without_a_terminal_and_without_yes_the_campaign_is_refused_and_nothing_is_sent() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&numbers(3)));
    let r = camp.run(&[
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--body",
        "Hi {{name}}",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.error_lines(),
        [
            "error: sending a campaign needs confirmation and there is no terminal to ask on; pass --yes"
        ]
    );
    assert_eq!(stand.posts().len(), 0);
    assert_eq!(count_kind(&camp.journal(), "I"), 0);
}

// ============================================================ 7. report

#[test]
fn the_report_lists_every_recipient_with_line_status_sid_and_error_and_exit_is_4() {
    let stand = Stand::with_plan(|p, _| match p.to.as_str() {
        "+6591234568" => refuse(400, 21610, "Attempt to send to unsubscribed recipient"),
        "+6591234570" => refuse(
            400,
            21211,
            "The 'To' number +6591234570 is not a valid phone number.",
        ),
        _ => Plan::Accept,
    });
    let camp = Camp::new(stand.world());
    // A quoted field over two lines: the next records start one line later.
    camp.write(
        "r.csv",
        "recipient,name\n\
         +6591234567,\"Ann\nMarie\"\n\
         +6591234568,Ben\n\
         +6591234569,\"Cat, Jr\"\n\
         +6591234570,Dan\n\
         +6591234571,Eve\n",
    );
    std::fs::create_dir(camp.file("out")).unwrap();
    let r = camp.campaign(&["--report", "out/final.csv", "--json"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(!camp.file("r.report.csv").exists(), "--report was not used");
    let report = read_report(&camp.file("out/final.csv"));
    let sids = stand_sids(&stand);
    let got: Vec<(String, u64, String, String, String)> = report
        .iter()
        .map(|l| {
            (
                l.recipient.clone(),
                l.row,
                l.status.clone(),
                l.sid.clone(),
                l.code.clone(),
            )
        })
        .collect();
    let sent = |n: &str, row: u64| {
        (
            n.to_string(),
            row,
            "sent".to_string(),
            sids[n].clone(),
            String::new(),
        )
    };
    let failed = |n: &str, row: u64, code: &str| {
        (
            n.to_string(),
            row,
            "failed".to_string(),
            String::new(),
            code.to_string(),
        )
    };
    assert_eq!(
        got,
        [
            sent("+6591234567", 2),
            failed("+6591234568", 4, "21610"),
            sent("+6591234569", 5),
            failed("+6591234570", 6, "21211"),
            sent("+6591234571", 7),
        ]
    );
    assert!(
        report[1].message.contains("unsubscribed"),
        "{:?}",
        report[1]
    );
    assert!(
        report[3].message.contains("not a valid phone number"),
        "{:?}",
        report[3]
    );
    // Refusals that mean "not sent" are never retried.
    assert_eq!(stand.posts().len(), 5);

    let v: Value = serde_json::from_str(&r.stdout).expect("JSON summary on stdout");
    assert_eq!(v["sent"], 3, "{v}");
    assert_eq!(v["failed"], 2, "{v}");
    assert_eq!(v["failed_by_code"], json!({"21211": 1, "21610": 1}), "{v}");
    assert_eq!(v["unknown"], 0);
    assert_eq!(v["not_sent"], 0);
    assert_eq!(v["pending"], 0);
    assert_eq!(v["report"], "out/final.csv");
    assert_eq!(v["journal"], "r.csv.smsctl-journal");

    // The rerun sends nobody again (failed is final), still exits 4, and the table
    // explains the failures.
    let r = camp.campaign(&["--report", "out/final.csv"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(stand.posts().len(), 5, "a failed recipient was retried");
    let failed_rows: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains("failed ("))
        .collect();
    assert_eq!(failed_rows.len(), 2, "{}", r.stdout);
    assert!(r.stdout.contains("failed (21610)"), "{}", r.stdout);
    assert!(r.stdout.contains("failed (21211)"), "{}", r.stdout);
    assert_eq!(read_report(&camp.file("out/final.csv")), report);
}

// ============================================================ 8. SIGINT

#[test]
fn sigint_finishes_the_requests_in_flight_exits_130_and_the_rerun_completes() {
    let stand = Stand::start();
    // Slow answers: at the signal a request is in flight and must be waited for.
    stand.set_delay(Duration::from_millis(300));
    let mut camp = Camp::new(stand.world());
    let nums = numbers(30);
    camp.write("r.csv", &csv_for(&nums));
    let args = |rate: &'static str| campaign_args("Hi {{name}}", &["--rate", rate]);
    let p = camp.spawn(&args("5"));
    let journal = camp.journal_path();
    wait_until(
        "a request in flight after 2 outcomes",
        Duration::from_secs(20),
        || {
            let recs = journal_records(&journal);
            count_kind(&recs, "O") >= 2 && !dangling_intents(&recs).is_empty()
        },
    );
    p.signal("-INT");
    let r = p.wait();
    assert_eq!(r.code, 130, "{r:?}");
    assert!(
        r.stderr
            .contains("interrupted: the journal is kept; run the same command again to resume"),
        "{}",
        r.stderr
    );
    let recs = camp.journal();
    assert!(
        dangling_intents(&recs).is_empty(),
        "in-flight requests were abandoned"
    );
    let done = count_kind(&recs, "O");
    assert!(done < 30, "finished before the signal");
    assert_eq!(
        stand.created().len(),
        done,
        "every created message was journaled"
    );
    let report = camp.report();
    assert_eq!(report.len(), done);
    assert!(report.iter().all(|l| l.status == "sent"), "{report:?}");

    stand.set_delay(Duration::ZERO);
    let r = camp.spawn(&args("200")).wait();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        !r.stderr.contains("asked Twilio"),
        "nothing was in doubt: {}",
        r.stderr
    );
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn sigterm_stops_like_sigint() {
    let stand = Stand::start();
    let mut camp = Camp::new(stand.world());
    let nums = numbers(30);
    camp.write("r.csv", &csv_for(&nums));
    let p = camp.spawn(&campaign_args("Hi {{name}}", &["--rate", "5"]));
    let journal = camp.journal_path();
    wait_until("2 outcomes", Duration::from_secs(20), || {
        count_kind(&journal_records(&journal), "O") >= 2
    });
    p.signal("-TERM");
    let r = p.wait();
    assert_eq!(r.code, 130, "{r:?}");
    let recs = camp.journal();
    assert!(dangling_intents(&recs).is_empty());
    assert!(count_kind(&recs, "O") < 30);
    let r = camp.campaign(&["--rate", "200"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
}

// ============================================================ 9. changed inputs

#[test]
fn changing_the_csv_or_template_between_runs_is_refused_and_restart_starts_over() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(3);
    camp.write("r.csv", &csv_for(&nums));
    assert_eq!(camp.campaign(&[]).code, 0);
    assert_eq!(stand.posts().len(), 3);

    // The same command again: everything is done, nothing is sent.
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.posts().len(), 3, "a finished campaign sent again");

    // An edited recipients file.
    let mut edited = csv_for(&nums);
    edited.push_str("+6591234599,New\n");
    camp.write("r.csv", &edited);
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.error_lines(),
        [
            "error: the recipients file or template changed since this campaign started (journal r.csv.smsctl-journal; changed: recipients file); run with --restart to start over, or restore the original files"
        ]
    );
    assert_eq!(stand.posts().len(), 3);

    // The original file back, another template.
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign_body("Hello {{name}}", &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.error_lines()[0].contains("changed: template); run with --restart"),
        "{r:?}"
    );
    assert_eq!(stand.posts().len(), 3);

    // --restart: the old journal is kept aside and everyone is sent to again.
    camp.write("r.csv", &edited);
    let r = camp.campaign(&["--restart"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("--restart: the old journal was kept as "),
        "{}",
        r.stderr
    );
    assert_eq!(stand.posts().len(), 3 + 4);
    assert_eq!(camp.report().len(), 4);
    let archived = std::fs::read_dir(&camp.dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with("r.csv.smsctl-journal.")
        })
        .count();
    assert_eq!(archived, 1);
}

// ============================================================ 10. rate and status

#[test]
fn rate_is_honoured() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(20);
    camp.write("r.csv", &csv_for(&nums));
    let spawned = Instant::now();
    let r = camp.campaign(&["--rate", "10", "--concurrency", "8"]);
    assert_eq!(r.code, 0, "{r:?}");
    let at: Vec<Instant> = stand.posts().iter().map(|p| p.at).collect();
    assert_eq!(at.len(), 20);
    let span = *at.last().unwrap() - at[0];
    assert!(
        span >= Duration::from_millis(1700),
        "20 messages at --rate 10 in {span:?}"
    );
    // Never a burst above the rate: the k-th request no earlier than k / rate.
    assert_spaced(&at, spawned, 10);
}

#[test]
fn campaign_status_updates_the_report_to_delivered_from_the_journal_or_the_report() {
    let sandbox = SandboxProc::start();
    let camp = Camp::new(sandbox.world());
    let nums = numbers(5);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["--rate", "100"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(camp.report().iter().all(|l| l.status == "sent"));
    std::thread::sleep(Duration::from_millis(1000));

    let r = camp.run(&["campaign", "status", "r.csv.smsctl-journal"]);
    assert_eq!(r.code, 0, "{r:?}");
    let report = camp.report();
    assert_eq!(report.len(), 5);
    assert!(report.iter().all(|l| l.status == "delivered"), "{report:?}");
    assert!(r.stdout.contains("of which delivered"), "{}", r.stdout);

    let r = camp.run(&["campaign", "status", "r.report.csv", "--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["delivered"], 5, "{v}");
    assert_eq!(camp.report(), report);
}

#[test]
fn campaign_status_never_overwrites_an_error_with_a_later_success() {
    let stand = Stand::start();
    let nums = numbers(3);
    let flaky = nums[0].clone();
    let f2 = flaky.clone();
    stand.set_fetch(move |c, n| {
        if c.to == f2 && n == 0 {
            ("undelivered", Some(30007))
        } else {
            ("delivered", None)
        }
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    assert_eq!(camp.campaign(&[]).code, 0);

    let r = camp.run(&["campaign", "status", "r.csv.smsctl-journal"]);
    assert_eq!(r.code, 4, "{r:?}");
    let check = |report: Vec<ReportLine>| {
        assert_eq!(
            (report[0].status.as_str(), report[0].code.as_str()),
            ("undelivered", "30007"),
            "{report:?}"
        );
        assert!(
            report[1..].iter().all(|l| l.status == "delivered"),
            "{report:?}"
        );
    };
    check(camp.report());
    for file in ["r.report.csv", "r.csv.smsctl-journal"] {
        let r = camp.run(&["campaign", "status", file]);
        assert_eq!(r.code, 4, "{file}: {r:?}");
        check(camp.report());
    }
}

// ============================================================ 11. WhatsApp

#[test]
fn a_whatsapp_campaign_prefixes_to_and_from_and_reconciles_on_the_whatsapp_address() {
    let nums = numbers(3);
    let victim = format!("whatsapp:{}", nums[1]);
    let v = victim.clone();
    let stand = Stand::with_plan(move |p, _| {
        if p.to == v {
            Plan::CreateThenFail(502)
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.bare_world().env("TWILIO_WHATSAPP_FROM", WHATSAPP));
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["--channel", "whatsapp"]);
    assert_eq!(r.code, 1, "{r:?}");
    for p in stand.posts() {
        assert!(p.to.starts_with("whatsapp:+65"), "{p:?}");
        assert_eq!(p.from.as_deref(), Some(WHATSAPP), "{p:?}");
        assert_eq!(p.service, None);
    }
    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&["--channel", "whatsapp"]);
    assert_eq!(r.code, 0, "{r:?}");
    let q = stand.list_queries();
    assert_eq!(q.len(), 1);
    assert!(q[0].contains(&("To".into(), victim.clone())), "{q:?}");
    let wa: Vec<String> = nums.iter().map(|n| format!("whatsapp:{n}")).collect();
    assert_exactly_once(&stand, &wa);
    let report = camp.report();
    assert!(report.iter().all(|l| l.status == "sent"), "{report:?}");
}

// ============================================================ more interruptions

#[test]
fn a_crash_between_the_create_and_its_journal_outcome_is_reconciled_not_resent() {
    // The state kill -9 leaves when it lands after Twilio created the message but
    // before the outcome record was written: the last outcome line is torn.
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(4);
    camp.write("r.csv", &csv_for(&nums));
    assert_eq!(camp.campaign(&["--concurrency", "1"]).code, 0);
    let path = camp.journal_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let last_o = text.rfind("{\"t\":\"O\"").expect("an outcome record");
    let torn_row =
        serde_json::from_str::<Value>(text[last_o..].lines().next().unwrap()).unwrap()["row"]
            .as_u64()
            .unwrap() as usize;
    // Keep half of the outcome record, without its newline.
    let cut = last_o + (text[last_o..].find('\n').unwrap() / 2);
    std::fs::write(&path, &text[..cut]).unwrap();

    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("asked Twilio about 1 interrupted request: 1 sent, 0 proven unsent"),
        "{}",
        r.stderr
    );
    assert_eq!(stand.posts_to(&nums[torn_row]), 1, "resent");
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn rejected_credentials_stop_the_campaign_with_exit_3_and_the_rerun_sends_everyone_once() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(6);
    camp.write("r.csv", &csv_for(&nums));
    let dir = camp.dir.clone();
    let args = campaign_args("Hi {{name}}", &[]);
    let wrong = "WR0NGt0kenWR0NGt0kenWR0NGt0ken12";
    let r = camp.run_in(&dir, &[("TWILIO_AUTH_TOKEN", wrong)], &args);
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("20003"), "{}", r.stderr);
    assert!(r.stderr.contains("the journal is kept"), "{}", r.stderr);
    assert!(
        stand.posts().len() <= 8 + 1,
        "kept sending with rejected credentials"
    );
    assert!(stand.created().is_empty());
    assert!(camp.report().iter().all(|l| l.status == "not_sent"));

    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn a_lost_network_stops_the_campaign_and_the_rerun_sends_everyone_once() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(6);
    camp.write("r.csv", &csv_for(&nums));
    let dir = camp.dir.clone();
    let args = campaign_args("Hi {{name}}", &[]);
    let closed = "http://127.0.0.1:1";
    let r = camp.run_in(
        &dir,
        &[
            ("SMSCTL_TWILIO_API_URL", closed),
            ("SMSCTL_TWILIO_MESSAGING_URL", closed),
        ],
        &args,
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("the campaign stopped, the journal is kept"),
        "{}",
        r.stderr
    );
    let report = camp.report();
    assert!(!report.is_empty());
    assert!(report.iter().all(|l| l.status == "not_sent"), "{report:?}");

    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    assert_report_all_sent(&camp.report(), &stand_sids(&stand), &nums);
}

#[test]
fn a_second_run_of_a_campaign_that_is_running_is_refused_and_sends_nothing() {
    // The stand-in holds every create unanswered, so the first run (one request
    // in flight at a time) is stuck on its first message for as long as this
    // test needs: no race with the machine's speed.
    let stand = Stand::start();
    stand.hold();
    let mut camp = Camp::new(stand.world());
    let nums = numbers(10);
    camp.write("r.csv", &csv_for(&nums));
    let first = camp.spawn(&campaign_args("Hi {{name}}", &["--concurrency", "1"]));
    wait_until(
        "the first run's first request",
        Duration::from_secs(30),
        || stand.posts().len() == 1,
    );
    let r = camp.campaign(&["--rate", "200"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("is locked"), "{}", r.stderr);
    assert_eq!(stand.posts().len(), 1, "the refused run sent something");
    stand.unhold();
    let r = first.wait();
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
}

// ============================================================ bugs found

#[test]
fn campaign_status_from_another_directory_updates_the_campaigns_own_report() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(2);
    camp.write("r.csv", &csv_for(&nums));
    assert_eq!(camp.campaign(&[]).code, 0);
    let elsewhere = camp.env.path("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let r = camp.run_in(
        &elsewhere,
        &[],
        &["campaign", "status", "../camp/r.csv.smsctl-journal"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        !elsewhere.join("r.report.csv").exists(),
        "the report was written into the current directory instead of next to the campaign"
    );
    let report = camp.report();
    assert!(report.iter().all(|l| l.status == "delivered"), "{report:?}");
}

#[test]
fn a_refused_confirmation_leaves_nothing_that_blocks_an_edited_csv() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&numbers(2)));
    let r = camp.run(&[
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--body",
        "Hi {{name}}",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    // Nothing was sent; the operator fixes the file and runs again.
    let nums = numbers(3);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
}

// ===== hardening (issue 8): client

#[test]
fn retries_wait_on_the_rate_limiter_too() {
    // Every third request overall is answered 429: about 30 % of them.
    let n = Arc::new(AtomicU64::new(0));
    let stand = Stand::with_plan(move |_, _| {
        if n.fetch_add(1, Ordering::SeqCst) % 3 == 2 {
            refuse(429, 20429, "Too Many Requests")
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.world());
    let nums = numbers(30);
    camp.write("r.csv", &csv_for(&nums));
    let rate = 10;
    let spawned = Instant::now();
    let r = camp.campaign(&["--rate", &rate.to_string(), "--concurrency", "8"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    let at: Vec<Instant> = stand.posts().iter().map(|p| p.at).collect();
    assert!(at.len() >= 40, "the 429s were retried: {}", at.len());
    // First attempts and retries together: without the limiter on retries, the
    // 40-odd requests all arrive within the 3 s the 30 first attempts take.
    assert_spaced(&at, spawned, rate);
}

/// An error body that echoes the request's Authorization header and secret,
/// as a proxy or error page that shows the request does.
fn echoed(status: u16) -> Plan {
    let head = format!(
        "POST /2010-04-01/Accounts/{AC}/Messages.json HTTP/1.1\r\nauthorization: {}\r\nx-token: {TOKEN}\r\n",
        basic_auth(AC, TOKEN)
    );
    Plan::Refuse(
        status,
        Vec::new(),
        json!({
            "code": 21211,
            "message": format!("Bad request, you sent: {head}"),
            "more_info": head,
            "status": status,
        }),
    )
}

#[test]
fn echoed_credentials_reach_neither_the_output_nor_the_journal_nor_the_report() {
    let nums = numbers(3);
    let (a, b) = (nums[0].clone(), nums[1].clone());
    let stand = Stand::with_plan(move |p, _| {
        if p.to == a {
            echoed(400)
        } else if p.to == b {
            echoed(500)
        } else {
            Plan::Accept
        }
    });
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["-v"]);
    assert_ne!(r.code, 0, "{r:?}");
    let journal = std::fs::read_to_string(camp.journal_path()).expect("journal");
    let report = std::fs::read_to_string(camp.file("r.report.csv")).expect("report");
    // The echo is there (so the checks below mean something)…
    assert!(report.contains("Bad request, you sent"), "{report}");
    assert!(journal.contains("(redacted)"), "{journal}");
    // …without the credentials in any form.
    let b64 = crate::common::base64(format!("{AC}:{TOKEN}").as_bytes());
    for (what, text) in [
        ("stdout", &r.stdout),
        ("stderr", &r.stderr),
        ("journal", &journal),
        ("report", &report),
    ] {
        for needle in [TOKEN, b64.as_str(), basic_auth(AC, TOKEN).as_str()] {
            assert!(!text.contains(needle), "{what} holds {needle:?}: {text}");
        }
    }
}

/// A one-recipient campaign against httpmock whose create answered 500: its
/// row is unknown, so the next run asks the Messages list. Returns the camp
/// and the recipient.
fn unknown_row_camp() -> (Camp, String) {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM)
        // The mock applies nothing late: no need to wait before asking it.
        .env("SMSCTL_SETTLE_SECS", "0");
    let nums = numbers(1);
    let camp = Camp::new(env);
    camp.write("r.csv", &csv_for(&nums));
    let mut create = camp.env.server().mock(|when, then| {
        when.method(httpmock::Method::POST)
            .path(format!("/2010-04-01/Accounts/{AC}/Messages.json"));
        then.status(500)
            .json_body(twilio_error(20500, 500, "Internal Server Error"));
    });
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 1, "{r:?}");
    create.assert_calls(1);
    create.delete();
    assert_eq!(camp.report()[0].status, "unknown");
    (camp, nums[0].clone())
}

/// The Messages list answers one page, with this `next_page_uri`.
fn list_page<'a>(camp: &'a Camp, next: &str) -> httpmock::Mock<'a> {
    let page = json!({"messages": [], "next_page_uri": next, "page": 0, "page_size": 100});
    camp.env.server().mock(|when, then| {
        when.method(httpmock::Method::GET)
            .path(format!("/2010-04-01/Accounts/{AC}/Messages.json"));
        then.status(200).json_body(page);
    })
}

/// The rerun could not settle the row: it stays unknown, is not resent, and
/// the journal says why (`why`).
fn assert_left_unknown(camp: &Camp, r: &Run, victim: &str, why: &str) {
    assert_eq!(r.code, 1, "no panic, a clear failure: {r:?}");
    assert!(
        r.stderr.contains(&format!("  unknown: r.csv:2 {victim}")),
        "{r:?}"
    );
    let journal = std::fs::read_to_string(camp.journal_path()).unwrap();
    assert!(journal.contains(why), "{why:?} not in {journal}");
}

#[test]
fn a_next_page_uri_without_a_leading_slash_is_refused_without_a_panic() {
    let (camp, victim) = unknown_row_camp();
    let list = list_page(&camp, "evil");
    let r = camp.campaign(&[]);
    list.assert_calls(1);
    assert_left_unknown(&camp, &r, &victim, "is not a path on the API endpoint");
}

#[test]
fn a_next_page_uri_pointing_at_another_host_is_refused_and_that_host_sees_nothing() {
    let (camp, victim) = unknown_row_camp();
    let elsewhere = httpmock::MockServer::start();
    let other = elsewhere.mock(|when, then| {
        when.any_request();
        then.status(200)
            .json_body(json!({"messages": [], "next_page_uri": null}));
    });
    let port = elsewhere.port();
    for next in [
        format!("@127.0.0.1:{port}/2010-04-01/Accounts/{AC}/Messages.json?Page=1"),
        format!("//127.0.0.1:{port}/2010-04-01/Accounts/{AC}/Messages.json?Page=1"),
        format!("http://127.0.0.1:{port}/2010-04-01/Accounts/{AC}/Messages.json?Page=1"),
    ] {
        let mut list = list_page(&camp, &next);
        let r = camp.campaign(&[]);
        list.assert_calls(1);
        list.delete();
        assert_left_unknown(&camp, &r, &victim, "next_page_uri");
    }
    other.assert_calls(0);
}

#[test]
fn a_list_that_never_ends_is_cut_off_with_a_clear_error() {
    let (camp, victim) = unknown_row_camp();
    let list = list_page(
        &camp,
        &format!("/2010-04-01/Accounts/{AC}/Messages.json?Page=1&PageToken=PAx"),
    );
    let r = camp.campaign(&[]);
    // Reconciliation reads at most 20 pages of one recipient's messages.
    assert_eq!(list.calls(), 20, "{r:?}");
    assert_left_unknown(&camp, &r, &victim, "did not end after 20 pages");
}

// ===== hardening (issue 8): files

/// A report cell that Excel / LibreOffice would run as a formula.
fn is_live_formula(cell: &str) -> bool {
    let e164 =
        cell.len() > 1 && cell.starts_with('+') && cell[1..].bytes().all(|b| b.is_ascii_digit());
    !e164 && cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Every cell of the report at `path` (header included).
fn report_cells(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn assert_no_live_formula(path: &Path) {
    for row in report_cells(path) {
        for cell in &row {
            assert!(!is_live_formula(cell), "live formula {cell:?} in {row:?}");
        }
    }
}

#[test]
fn invalid_rows_that_look_like_formulas_are_neutralised_in_the_report_and_numbers_are_kept() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let dangerous = [
        "=HYPERLINK(\"http://evil.example/?x\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "x;=cmd|' /C calc'!A0",
    ];
    let mut csv = String::from("recipient,name\n+6591234567,Ann\n");
    for d in &dangerous {
        csv.push_str(&format!("\"{}\",Bad\n", d.replace('"', "\"\"")));
    }
    csv.push_str("+6591234568,Ben\n");
    camp.write("r.csv", &csv);
    let r = camp.campaign(&["--skip-invalid"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        stand.posts().len(),
        2,
        "only the two valid numbers are sent"
    );
    let report_path = camp.file("r.report.csv");

    let check = |when: &str| {
        assert_no_live_formula(&report_path);
        let report = camp.report();
        assert_eq!(report.len(), 2 + dangerous.len(), "{when}: {report:?}");
        // valid E.164 numbers are untouched
        assert_eq!(report[0].recipient, "+6591234567", "{when}");
        assert_eq!(report.last().unwrap().recipient, "+6591234568", "{when}");
        let skipped: Vec<&ReportLine> = report
            .iter()
            .filter(|l| l.status == "skipped_invalid")
            .collect();
        assert_eq!(skipped.len(), dangerous.len(), "{when}: {report:?}");
        for l in &skipped {
            // What was typed is still readable, behind the quote that makes it text.
            let typed = l.recipient.strip_prefix('\'').unwrap_or(&l.recipient);
            assert!(
                dangerous.iter().any(|d| d.trim() == typed.trim()),
                "{when}: {:?} is not one of the typed values",
                l.recipient
            );
        }
        let text = std::fs::read_to_string(&report_path).unwrap();
        assert!(
            text.contains("'=HYPERLINK("),
            "{when}: the formula is not neutralised: {text}"
        );
        assert!(
            text.contains("\"x;=cmd|' /C calc'!A0\""),
            "{when}: a cell with a `;` is not quoted: {text}"
        );
    };
    check("campaign run");

    // `campaign status` rewrites the report (from the journal, then from the report).
    let r = camp.run(&["campaign", "status", "r.csv.smsctl-journal"]);
    assert_eq!(r.code, 0, "{r:?}");
    check("campaign status JOURNAL");
    let r = camp.run(&["campaign", "status", "r.report.csv"]);
    assert_eq!(r.code, 0, "{r:?}");
    check("campaign status REPORT");
}

#[test]
fn a_journal_that_is_a_symlink_is_refused_and_the_file_it_points_to_is_intact() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(2);
    camp.write("r.csv", &csv_for(&nums));
    let precious = camp.env.path("precious.txt");
    std::fs::write(&precious, "do not truncate me\n").unwrap();
    std::os::unix::fs::symlink(&precious, camp.journal_path()).unwrap();
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.error_line(),
        "error: journal r.csv.smsctl-journal is a symbolic link; smsctl does not write a journal through a link (it could overwrite the file it points to): remove the link and run again"
    );
    assert_eq!(
        stand.posts().len(),
        0,
        "sent although the journal was refused"
    );
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "do not truncate me\n"
    );
    // A dangling link is refused too (it would create the file it points to).
    std::fs::remove_file(&precious).unwrap();
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        !precious.exists(),
        "the journal was created through the link"
    );
    assert_eq!(stand.posts().len(), 0);
}

#[test]
fn the_journal_and_the_report_are_private_and_a_report_symlink_is_replaced_not_followed() {
    use std::os::unix::fs::PermissionsExt;
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let nums = numbers(3);
    camp.write("r.csv", &csv_for(&nums));
    let precious = camp.env.path("precious.txt");
    std::fs::write(&precious, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&precious, camp.file("r.report.csv")).unwrap();
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    let mode = |p: &Path| std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&camp.journal_path()), 0o600, "journal mode");
    let report = camp.file("r.report.csv");
    assert!(
        !std::fs::symlink_metadata(&report)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the report is still the link"
    );
    assert_eq!(mode(&report), 0o600, "report mode");
    assert_eq!(camp.report().len(), 3);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me\n");
    // `campaign status` rewrites it private too.
    let r = camp.run(&["campaign", "status", "r.csv.smsctl-journal"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(mode(&report), 0o600, "report mode after campaign status");
}

/// A tmpfs mounted over a directory for one test; unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    /// `mount -t tmpfs -o size=SIZE tmpfs DIR`, or why it cannot be done here.
    fn mount(dir: &Path, size: &str) -> Result<Tmpfs, String> {
        let out = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs {
            dir: dir.to_path_buf(),
        })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let umount = |lazy: bool| {
            let mut c = std::process::Command::new("umount");
            if lazy {
                c.arg("-l");
            }
            c.arg(&self.dir)
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !umount(false) {
            umount(true);
        }
    }
}

/// Fills the file system holding `dir` with `filler`, then frees `leave` bytes.
fn fill_leaving(filler: &Path, leave: u64) {
    let mut f = std::fs::File::create(filler).unwrap();
    let chunk = [0u8; 4096];
    let mut written = 0u64;
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
            Err(e) => panic!("filling the tmpfs: {e}"),
        }
    }
    f.set_len(written.saturating_sub(leave)).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn a_full_disk_stops_the_campaign_naming_the_journal_and_the_resume_sends_nobody_twice() {
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    let _tmpfs = match Tmpfs::mount(&camp.dir, "64k") {
        Ok(t) => t,
        Err(why) => {
            eprintln!("skipped: a full disk needs a tiny tmpfs and {why}");
            return;
        }
    };
    let nums = numbers(60);
    camp.write("r.csv", &csv_for(&nums));
    // About 40 recipients' records fit: the journal fills the disk mid-run.
    let filler = camp.file("filler");
    fill_leaving(&filler, 8192);
    let args = ["--rate", "200", "--concurrency", "4"];
    let r = camp.campaign(&args);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.error_line(),
        "error: the campaign stopped: no space left on device: r.csv.smsctl-journal; free some space and run the same command again: it resumes without sending anyone twice",
        "{r:?}"
    );
    assert!(!r.stderr.contains("still in use"), "{}", r.stderr);
    let sent_before = stand.posts().len();
    assert!(
        sent_before > 0 && sent_before < nums.len(),
        "the disk did not fill mid-run ({sent_before} sent): the test proves nothing"
    );

    // Free the space and run the same command again.
    std::fs::remove_file(&filler).unwrap();
    let r = camp.campaign(&args);
    assert_eq!(r.code, 0, "{r:?}");
    let twice: Vec<(&String, usize)> = nums
        .iter()
        .map(|n| (n, stand.posts_to(n)))
        .filter(|(_, k)| *k != 1)
        .collect();
    assert!(twice.is_empty(), "not exactly one POST each: {twice:?}");
    assert_eq!(stand.posts().len(), nums.len());
    assert_eq!(camp.report().len(), nums.len());
}

// ===== performance (issue 10): campaign status through list pages

#[test]
fn campaign_status_reads_list_pages_instead_of_fetching_each_message() {
    let stand = Stand::start();
    stand.set_fetch(|c, _| {
        if c.to.ends_with('7') {
            ("undelivered", Some(30003))
        } else {
            ("delivered", None)
        }
    });
    let camp = Camp::new(stand.world());
    let nums = numbers(40);
    camp.write("r.csv", &csv_for(&nums));
    assert_eq!(camp.campaign(&["--rate", "1000"]).code, 0);
    let gets_before = stand.gets().len();

    let r = camp.run(&["campaign", "status", "r.csv.smsctl-journal"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(
        r.stderr
            .contains("refreshed 40 messages (1 list page, 0 single fetches)"),
        "{}",
        r.stderr
    );
    let gets: Vec<String> = stand.gets()[gets_before..].to_vec();
    assert_eq!(gets.len(), 1, "one list page, no single fetch: {gets:?}");
    assert!(gets[0].contains("/Messages.json?"), "{gets:?}");
    assert!(!gets[0].contains("DateSent"), "{gets:?}");
    let report = camp.report();
    for l in &report {
        let want = if l.recipient.ends_with('7') {
            ("undelivered", "30003")
        } else {
            ("delivered", "")
        };
        assert_eq!((l.status.as_str(), l.code.as_str()), want, "{l:?}");
    }
    // The requests/s figure counts requests over the real time.
    assert!(r.stderr.contains("; 1 request in"), "{}", r.stderr);
    assert!(!r.stderr.contains("in 0.0 s (1000/s)"), "{}", r.stderr);

    // A report alone does not say when the campaign started: one fetch each.
    let gets_before = stand.gets().len();
    let r = camp.run(&["campaign", "status", "r.report.csv"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert!(
        r.stderr.contains("(0 list pages, 36 single fetches)"),
        "only the 36 not yet final are fetched again: {}",
        r.stderr
    );
    assert_eq!(stand.gets().len() - gets_before, 36);
}

// ============================================================ empty values (issue 11)

#[test]
fn empty_values_are_refused_with_file_line_like_bad_numbers_unless_allow_empty() {
    let csv = "recipient,name\n+6591234567,Ann\n+6591234568,\n+6591234569,   \n";
    let r = refused(csv, &[]);
    assert_has_line(
        &r,
        "r.csv:3: {{name}} is empty (--allow-empty sends it anyway)",
    );
    assert_has_line(
        &r,
        "r.csv:4: {{name}} is empty (--allow-empty sends it anyway)",
    );
    assert!(r.error_line().contains("2 invalid rows"), "{r:?}");

    // the dry run lists them as it lists bad numbers
    let camp = Camp::new(TestEnv::new());
    camp.write("r.csv", csv);
    let r = camp.run(&[
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--body",
        "Hi {{name}}",
        "--dry-run",
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_has_line(
        &r,
        "r.csv:3: {{name}} is empty (--allow-empty sends it anyway)",
    );
    let invalid = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("invalid rows"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(invalid.as_deref(), Some("invalid rows 2"), "{r:?}");

    // --skip-invalid sends the others; --allow-empty sends every row
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", csv);
    let r = camp.campaign(&["--skip-invalid"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.created().len(), 1);
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", csv);
    let r = camp.campaign(&["--allow-empty"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.created().len(), 3);
    assert_eq!(stand.created_by_to()["+6591234568"][0].body, "Hi ");
}

// ================================================================ opt-outs (issue 11)

#[test]
fn a_21610_in_campaign_a_means_campaign_b_sends_that_number_nothing() {
    let nums = numbers(5);
    let stopped = nums[2].clone();
    let stand = {
        let stopped = stopped.clone();
        Stand::with_plan(move |p, _| {
            if p.to == stopped {
                refuse(400, 21610, "Attempt to send to unsubscribed recipient")
            } else {
                Plan::Accept
            }
        })
    };
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(stand.posts_to(&stopped), 1);
    assert!(
        r.stderr
            .contains("1 recipient opted out (Twilio error 21610)"),
        "{r:?}"
    );
    let ls = camp.run(&["optouts", "ls", "--json"]);
    let v: Value = serde_json::from_str(&ls.stdout).expect("ls --json");
    assert_eq!(v[0]["number"], stopped.as_str(), "{v}");
    assert_eq!(v[0]["source"], "21610 from campaign r.csv", "{v}");

    // Campaign B, even with a Twilio that would now accept the number.
    stand.set_plan(|_, _| Plan::Accept);
    let mut b_nums = numbers(8)[5..].to_vec();
    b_nums.insert(1, stopped.clone());
    camp.write("b.csv", &csv_for(&b_nums));
    let b = |extra: &[&str]| {
        let mut args = vec![
            "campaign",
            "run",
            "--recipients",
            "b.csv",
            "--body",
            "Hi {{name}}",
        ];
        args.extend_from_slice(extra);
        camp.run(&args)
    };
    let dry = b(&["--dry-run"]);
    assert_eq!(dry.code, 0, "{dry:?}");
    let opted_row = dry
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("opted out"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(
        opted_row.as_deref(),
        Some("opted out (not sent) 1"),
        "{dry:?}"
    );
    assert!(
        dry.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("messages to send") && l.trim_end().ends_with('3')),
        "{dry:?}"
    );
    let r = b(&["--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_has_line(
        &r,
        "checked b.csv: 4 rows, 3 messages to send (3 segments), 0 invalid, 0 duplicates, 1 opted out",
    );
    assert_eq!(
        stand.posts_to(&stopped),
        1,
        "campaign B texted an opted-out number"
    );
    for n in &b_nums {
        if *n != stopped {
            assert_eq!(stand.posts_to(n), 1, "{n}");
        }
    }
    let report = read_report(&camp.file("b.report.csv"));
    let line = report.iter().find(|l| l.recipient == stopped).expect("row");
    assert_eq!(
        (line.row, line.status.as_str()),
        (3, "opted-out"),
        "{report:?}"
    );
    let skips: Vec<Value> = journal_records(&camp.file("b.csv.smsctl-journal"))
        .into_iter()
        .filter(|r| r["t"] == "S")
        .collect();
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert_eq!(skips[0]["status"], "opted_out");
    // A rerun of B changes nothing: the skip is not journaled twice.
    let r = b(&["--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(stand.posts_to(&stopped), 1);
    assert_eq!(
        count_kind(&journal_records(&camp.file("b.csv.smsctl-journal")), "S"),
        1
    );
}

#[test]
fn a_number_listed_after_it_was_sent_keeps_its_sent_row_on_a_rerun() {
    let nums = numbers(3);
    let stand = Stand::start();
    let camp = Camp::new(stand.world());
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = camp.run(&["optouts", "add", &nums[0]]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = camp.campaign(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
    assert!(
        camp.report().iter().all(|l| l.status == "sent"),
        "{:?}",
        camp.report()
    );
}

#[test]
fn a_sandbox_rehearsal_lists_its_21610_number_and_the_next_rehearsal_skips_it() {
    let camp = Camp::new(TestEnv::new());
    camp.write(
        "r.csv",
        "recipient,name\n+15005550006,Ann\n+15005550004,Stop\n",
    );
    let r = camp.campaign(&["--sandbox"]);
    assert_eq!(r.code, 4, "{r:?}");
    let ls = camp.run(&["optouts", "ls", "--sandbox", "--json"]);
    assert!(ls.stdout.contains("+15005550004"), "{ls:?}");
    let dry = camp.campaign(&["--sandbox", "--dry-run"]);
    assert_eq!(dry.code, 0, "{dry:?}");
    assert!(
        dry.stdout.lines().any(|l| l
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            == "opted out (not sent) 1"),
        "{dry:?}"
    );
    // The real account's list is another one: untouched.
    assert!(
        !camp
            .env
            .config_dir
            .join("optouts")
            .read_dir()
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().starts_with(AC)),
    );
}

// ===== compliance (issue 11): the circuit breaker

#[test]
fn a_sender_level_error_stops_the_campaign_at_once_and_the_resume_after_the_fix_sends_each_once() {
    // After 10 accepted creates the sender is refused (21606: From not yours).
    let stand = Stand::with_plan(|_, _| Plan::Accept);
    let accepted = Arc::new(AtomicU64::new(0));
    let a = accepted.clone();
    stand.set_plan(move |_, _| {
        if a.fetch_add(1, Ordering::SeqCst) < 10 {
            Plan::Accept
        } else {
            refuse(
                400,
                21606,
                "The From phone number is not a valid, SMS-capable inbound phone number for your account.",
            )
        }
    });
    let camp = Camp::new(stand.world());
    let nums = numbers(60);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&["--rate", "1000", "--concurrency", "4"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("this fails every remaining message, so the campaign stopped"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("21606"), "{}", r.stderr);
    // At most the requests already in flight went out after the first refusal.
    let posts = stand.posts().len();
    assert!(
        posts <= 10 + 1 + 4,
        "{posts} requests: the run did not stop at once"
    );
    assert_eq!(stand.created().len(), 10);

    // The sender is fixed: the same command sends every remaining recipient once.
    stand.set_plan(|_, _| Plan::Accept);
    let r = camp.campaign(&["--rate", "1000", "--concurrency", "4"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_exactly_once(&stand, &nums);
}

#[test]
fn max_consecutive_failures_stops_a_run_whose_every_message_fails() {
    let stand = Stand::with_plan(|_, _| refuse(400, 21211, "The 'To' number is not valid."));
    let camp = Camp::new(stand.world());
    let nums = numbers(40);
    camp.write("r.csv", &csv_for(&nums));
    let r = camp.campaign(&[
        "--rate",
        "1000",
        "--concurrency",
        "1",
        "--max-consecutive-failures",
        "5",
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("5 requests in a row failed"),
        "{}",
        r.stderr
    );
    assert_eq!(
        stand.posts().len(),
        5,
        "one request in flight at a time: exactly 5"
    );
    // 0 turns the breaker off: the rest are tried (and fail for good, exit 4);
    // the 5 that failed for good are not tried again.
    let r = camp.campaign(&["--rate", "1000", "--max-consecutive-failures", "0"]);
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(stand.posts().len(), 40);
    for n in &nums {
        assert_eq!(stand.posts_to(n), 1, "{n}");
    }
}
