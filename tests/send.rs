//! `smsctl send`, `smsctl creds test` and `smsctl sandbox` end to end (issue 3):
//! the real binary against httpmock, a small hand-rolled HTTP server where the
//! order and timing of answers matter (retries, timeouts), and the embedded sandbox.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use httpmock::Mock;
use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::common::{
    AC, AC2, API_SECRET, FROM, MG, MG2, NEW_TOKEN, Request, Run, SK, TEST_TO, TOKEN, TestEnv,
    WHATSAPP, base64, basic_auth, error_20003, read_request, require_keychain, smsctl,
    twilio_error,
};

// ---------------------------------------------------------------- helpers

const SID: &str = "SM0123456789abcdef0123456789abcdef";
const DOCS: &str = "https://www.twilio.com/docs/api/errors/";

/// A world with an httpmock Twilio and Auth Token credentials in the environment.
fn env_token() -> TestEnv {
    TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
}

/// `env_token()` sending from the account's phone number.
fn env_number() -> TestEnv {
    env_token().env("TWILIO_PHONE_NUMBER", FROM)
}

fn messages_path(ac: &str) -> String {
    format!("/2010-04-01/Accounts/{ac}/Messages.json")
}

fn message_path(ac: &str, sid: &str) -> String {
    format!("/2010-04-01/Accounts/{ac}/Messages/{sid}.json")
}

/// Twilio's message resource.
fn message_json(sid: &str, status: &str, to: &str, from: &str) -> Value {
    json!({
        "sid": sid, "account_sid": AC, "status": status, "to": to, "from": from,
        "body": "hi", "num_segments": "1", "direction": "outbound-api",
        "error_code": null, "error_message": null, "messaging_service_sid": null,
        "date_created": "Mon, 01 Jan 2024 00:00:00 +0000", "date_sent": null,
        "api_version": "2010-04-01",
        "uri": message_path(AC, sid),
    })
}

/// Any POST to Account AC's Messages: 201 queued.
fn create_ok(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    })
}

/// Any POST to Account AC's Messages: a Twilio error.
fn create_fails<'a>(env: &'a TestEnv, status: u16, code: i64, message: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(status)
            .json_body(twilio_error(code, status, message));
    })
}

/// `send` through an env profile where Twilio refuses the create with
/// `status`/`code`: one request, exit `exit`, and one error line carrying the
/// code, its docs link and every one of `what_to_do`.
fn refused_once_and_explained(
    status: u16,
    code: i64,
    message: &str,
    exit: i32,
    what_to_do: &[&str],
) {
    let env = env_number();
    let m = create_fails(&env, status, code, message);
    let r = send(&env, &[]);
    assert_eq!(r.code, exit, "{r:?}");
    m.assert_calls(1);
    assert_explained(&r, code, what_to_do);
}

/// Matches any request at all: with `assert_hits(0)` it proves none was made.
fn any_request(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.any_request();
        then.status(500).body("no request was expected");
    })
}

/// `smsctl send --to TEST_TO --body hi <extra>`.
fn send(env: &TestEnv, extra: &[&str]) -> Run {
    let mut args = vec!["send", "--to", TEST_TO, "--body", "hi"];
    args.extend_from_slice(extra);
    smsctl(env, &args, None)
}

/// `creds add LABEL --account-sid AC --auth-kind auth-token --secret-stdin --no-verify <extra>`
/// with `token` on stdin (needs the keychain).
fn add_profile(env: &TestEnv, label: &str, ac: &str, token: &str, extra: &[&str]) {
    let mut args = vec![
        "creds",
        "add",
        label,
        "--account-sid",
        ac,
        "--auth-kind",
        "auth-token",
        "--secret-stdin",
        "--no-verify",
    ];
    args.extend_from_slice(extra);
    let r = smsctl(env, &args, Some(token));
    assert_eq!(r.code, 0, "creds add {label}: {r:?}");
}

fn ls_json(env: &TestEnv) -> Vec<Value> {
    let r = smsctl(env, &["creds", "ls", "--json"], None);
    assert_eq!(r.code, 0, "{r:?}");
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("ls --json: {e}: {r:?}"))
}

fn row(env: &TestEnv, label: &str) -> Value {
    ls_json(env)
        .into_iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// Today's date in UTC, and yesterday's (a run may straddle midnight).
fn utc_dates() -> [String; 2] {
    let now = jiff::Timestamp::now();
    let before = now - jiff::SignedDuration::from_secs(120);
    [
        now.strftime("%Y-%m-%d").to_string(),
        before.strftime("%Y-%m-%d").to_string(),
    ]
}

/// Assert the one error line says what to do, carries the code and Twilio's docs link.
fn assert_explained(r: &Run, code: i64, what_to_do: &[&str]) {
    let line = r.error_line();
    assert!(
        line.contains(&code.to_string()),
        "code {code} missing: {r:?}"
    );
    assert!(
        line.contains(&format!("{DOCS}{code}")),
        "docs link for {code} missing: {r:?}"
    );
    let lower = line.to_lowercase();
    for w in what_to_do {
        assert!(
            lower.contains(&w.to_lowercase()),
            "{code}: the error line does not say {w:?}: {r:?}"
        );
    }
}

// -------------------------------------------------- a hand-rolled HTTP server

/// One answer of [`RawServer`].
#[derive(Clone, Debug)]
enum Reply {
    /// Status, extra headers, JSON body.
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Read the request, then never answer (keep the connection open).
    Hang,
}

fn answer(status: u16, body: Value) -> Reply {
    Reply::Answer(status, Vec::new(), body.to_string())
}

/// A request [`RawServer`] received.
#[derive(Clone, Debug)]
struct Seen {
    at: Instant,
    method: String,
    path: String,
    head: String,
    body: String,
}

/// A tiny HTTP/1.1 server answering its script in order (the last reply repeats),
/// one request per connection (`Connection: close`), recording when each request
/// arrived. httpmock cannot answer in sequence nor hang; this can.
struct RawServer {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RawServer {
    fn start(script: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        serve(listener, script, seen.clone());
        RawServer {
            url: format!("http://127.0.0.1:{port}"),
            seen,
        }
    }

    /// Start listening on `port` only after `delay` (connections are refused until then).
    fn start_later(port: u16, delay: Duration, script: Vec<Reply>) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind later");
            serve(listener, script, s);
        });
        RawServer {
            url: format!("http://127.0.0.1:{port}"),
            seen,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn posts(&self) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.method == "POST")
            .collect()
    }

    /// A world whose Twilio endpoints are this server, with env credentials.
    fn world(&self) -> TestEnv {
        TestEnv::new()
            .env("SMSCTL_TWILIO_API_URL", &self.url)
            .env("SMSCTL_TWILIO_MESSAGING_URL", &self.url)
            .env("TWILIO_ACCOUNT_SID", AC)
            .env("TWILIO_AUTH_TOKEN", TOKEN)
            .env("TWILIO_PHONE_NUMBER", FROM)
    }
}

fn serve(listener: TcpListener, script: Vec<Reply>, seen: Arc<Mutex<Vec<Seen>>>) {
    let held: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (script, seen, held) = (script.clone(), seen.clone(), held.clone());
            std::thread::spawn(move || handle(stream, &script, &seen, &held));
        }
    });
}

fn handle(
    mut stream: TcpStream,
    script: &[Reply],
    seen: &Mutex<Vec<Seen>>,
    held: &Mutex<Vec<TcpStream>>,
) {
    let mut buf = Vec::new();
    let Some(req) = read_request(&mut stream, &mut buf) else {
        return;
    };
    let body = String::from_utf8_lossy(&req.body).into_owned();
    let Request {
        method,
        target: path,
        head,
        ..
    } = req;
    let reply = {
        let mut seen = seen.lock().unwrap();
        let n = seen.len();
        seen.push(Seen {
            at: Instant::now(),
            method,
            path,
            head,
            body,
        });
        script[n.min(script.len() - 1)].clone()
    };
    match reply {
        Reply::Hang => held.lock().unwrap().push(stream),
        Reply::Answer(status, headers, body) => {
            let mut out = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            out.push_str(&body);
            let _ = stream.write_all(out.as_bytes());
            let _ = stream.flush();
        }
    }
}

// ------------------------------------------- errors users must understand

#[test]
fn error_20003_exits_3_and_names_the_credential() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(401).json_body(error_20003());
    });
    let r = send(&env, &[]);
    assert_eq!(r.code, 3, "{r:?}");
    m.assert_calls(1);
    assert_explained(&r, 20003, &[AC, "rotate"]);
}

#[test]
fn error_20404_not_found_exits_1_and_says_to_check_the_sid() {
    refused_once_and_explained(
        404,
        20404,
        "The requested resource was not found",
        1,
        &["check the SID"],
    );
}

#[test]
fn error_21211_invalid_to_exits_1_and_says_e164() {
    refused_once_and_explained(
        400,
        21211,
        "The 'To' number +6591234567 is not a valid phone number.",
        1,
        &["To number", "E.164"],
    );
}

#[test]
fn error_21408_region_exits_1_and_says_enable_geo_permissions() {
    refused_once_and_explained(
        400,
        21408,
        "Permission to send an SMS has not been enabled",
        1,
        &["enable", "Geo permissions"],
    );
}

#[test]
fn error_21606_from_not_yours_exits_1_and_says_use_your_number() {
    refused_once_and_explained(
        400,
        21606,
        "The From phone number is not a valid, SMS-capable inbound phone number",
        1,
        &["From", "Twilio numbers", "Messaging Service"],
    );
}

#[test]
fn error_21608_trial_account_says_how_to_verify_the_number() {
    refused_once_and_explained(
        400,
        21608,
        "The number is unverified. Trial accounts cannot send messages to unverified numbers",
        1,
        &["trial", "verify", "Verified Caller IDs", "upgrade"],
    );
}

#[test]
fn error_21610_opted_out_exits_1_and_says_start() {
    refused_once_and_explained(
        400,
        21610,
        "Attempt to send to unsubscribed recipient",
        1,
        &["opted out", "START"],
    );
}

#[test]
fn error_21612_unroutable_exits_1_and_says_use_another_sender() {
    refused_once_and_explained(
        400,
        21612,
        "The 'To' phone number is not currently reachable",
        1,
        &["another sender"],
    );
}

#[test]
fn error_21614_not_mobile_exits_1() {
    refused_once_and_explained(
        400,
        21614,
        "'To' number is not a valid mobile number",
        1,
        &["not a mobile number"],
    );
}

#[test]
fn an_unknown_error_code_shows_twilios_message_the_code_and_the_link() {
    refused_once_and_explained(
        400,
        29876,
        "Something unusual went wrong here",
        1,
        &["Something unusual went wrong here"],
    );
}

#[test]
fn wait_undelivered_30007_exits_1_with_the_carrier_filter_explanation() {
    let env = env_number();
    let create = create_ok(&env);
    let fetch = env.server().mock(|when, then| {
        when.method(GET)
            .path(message_path(AC, SID))
            .header("authorization", basic_auth(AC, TOKEN));
        let mut m = message_json(SID, "undelivered", TEST_TO, FROM);
        m["error_code"] = json!(30007);
        m["error_message"] = json!("Message filtered");
        then.status(200).json_body(m);
    });
    let r = send(&env, &["--wait"]);
    assert_eq!(r.code, 1, "{r:?}");
    create.assert_calls(1);
    assert!(fetch.calls() >= 1, "{r:?}");
    assert!(
        r.stdout.contains(SID) && r.stdout.contains("undelivered"),
        "{r:?}"
    );
    assert_explained(&r, 30007, &["carrier filtered", "register"]);
}

#[test]
fn wait_polls_until_delivered_and_exits_0() {
    let env = env_number();
    let create = create_ok(&env);
    let fetch = env.server().mock(|when, then| {
        when.method(GET).path(message_path(AC, SID));
        then.status(200)
            .json_body(message_json(SID, "delivered", TEST_TO, FROM));
    });
    let r = send(&env, &["--wait"]);
    assert_eq!(r.code, 0, "{r:?}");
    create.assert_calls(1);
    assert!(fetch.calls() >= 1);
    assert!(
        r.stdout.contains(SID) && r.stdout.contains("delivered"),
        "{r:?}"
    );
}

#[test]
fn wait_keeps_polling_through_sent_until_a_final_status() {
    let env = env_number();
    let create = create_ok(&env);
    let polls = Arc::new(Mutex::new(0u32));
    let p = polls.clone();
    env.server().mock(|when, then| {
        when.method(GET).path(message_path(AC, SID));
        then.respond_with(move |_| {
            let mut n = p.lock().unwrap();
            *n += 1;
            let status = if *n < 2 { "sent" } else { "delivered" };
            httpmock::HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(message_json(SID, status, TEST_TO, FROM).to_string())
                .build()
        });
    });
    let r = send(&env, &["--wait"]);
    assert_eq!(r.code, 0, "{r:?}");
    create.assert_calls(1);
    assert_eq!(*polls.lock().unwrap(), 2, "polled until delivered: {r:?}");
    assert!(r.stdout.contains("delivered"), "{r:?}");
}

// ---------------------------------------------------------- retry policy

#[test]
fn a_429_then_a_201_sends_exactly_once() {
    let srv = RawServer::start(vec![
        answer(429, twilio_error(20429, 429, "Too Many Requests")),
        answer(201, message_json(SID, "queued", TEST_TO, FROM)),
    ]);
    let r = send(&srv.world(), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let posts = srv.posts();
    assert_eq!(posts.len(), 2, "one 429, then one 201: {posts:#?}");
    assert_eq!(posts[0].body, posts[1].body, "the same message was retried");
    for p in &posts {
        assert_eq!(p.path, messages_path(AC), "{p:?}");
        let auth = format!("authorization: {}", basic_auth(AC, TOKEN)).to_lowercase();
        assert!(p.head.to_lowercase().contains(&auth), "{p:?}");
    }
    assert!(r.stdout.contains(SID), "{r:?}");
}

#[test]
fn a_503_is_retried() {
    let srv = RawServer::start(vec![
        answer(
            503,
            json!({"message": "Service Unavailable", "status": 503}),
        ),
        answer(201, message_json(SID, "queued", TEST_TO, FROM)),
    ]);
    let r = send(&srv.world(), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(srv.posts().len(), 2, "{:#?}", srv.posts());
    assert!(r.stdout.contains(SID), "{r:?}");
}

#[test]
fn retry_after_is_honoured() {
    let srv = RawServer::start(vec![
        Reply::Answer(
            429,
            vec![("Retry-After", "1".into())],
            twilio_error(20429, 429, "Too Many Requests").to_string(),
        ),
        answer(201, message_json(SID, "queued", TEST_TO, FROM)),
    ]);
    let r = send(&srv.world(), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let posts = srv.posts();
    assert_eq!(posts.len(), 2, "{posts:#?}");
    let gap = posts[1].at - posts[0].at;
    // SMSCTL_RETRY_BASE_MS=5: without Retry-After the retry comes within milliseconds.
    assert!(
        gap >= Duration::from_millis(900),
        "the retry came {gap:?} after a 429 with Retry-After: 1"
    );
}

#[test]
fn persistent_429_gives_up_after_a_bounded_number_of_tries_and_explains_rate_limiting() {
    let srv = RawServer::start(vec![answer(
        429,
        twilio_error(20429, 429, "Too Many Requests"),
    )]);
    let r = send(&srv.world(), &[]);
    assert_eq!(r.code, 1, "{r:?}");
    let n = srv.posts().len();
    assert!(
        (2..=10).contains(&n),
        "retried a bounded number of times: {n}"
    );
    assert_explained(&r, 20429, &["rate limit"]);
}

#[test]
fn a_500_is_not_retried_and_the_outcome_is_unknown() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(500)
            .json_body(json!({"code": 20500, "message": "Internal Server Error", "status": 500}));
    });
    let r = send(&env, &[]);
    assert_eq!(r.code, 1, "{r:?}");
    m.assert_calls(1);
    let line = r.error_line();
    assert!(line.contains("outcome unknown"), "{r:?}");
    assert!(line.contains(TEST_TO), "the To number: {r:?}");
    assert!(
        utc_dates().iter().any(|d| line.contains(d.as_str())),
        "the time: {r:?}"
    );
}

#[test]
fn a_timeout_after_the_request_was_sent_is_outcome_unknown_and_not_retried() {
    let srv = RawServer::start(vec![Reply::Hang]);
    let t0 = Instant::now();
    let r = send(&srv.world().env("SMSCTL_HTTP_TIMEOUT", "1"), &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        t0.elapsed() < Duration::from_secs(20),
        "took {:?}",
        t0.elapsed()
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        srv.posts().len(),
        1,
        "sent exactly once: {:#?}",
        srv.posts()
    );
    let line = r.error_line();
    assert!(line.contains("outcome unknown"), "{r:?}");
    assert!(line.contains(TEST_TO), "the To number: {r:?}");
    assert!(line.to_lowercase().contains("timed out"), "{r:?}");
    assert!(
        utc_dates().iter().any(|d| line.contains(d.as_str())),
        "the time: {r:?}"
    );
}

#[test]
fn connection_refused_is_retried_then_says_cannot_connect() {
    // TestEnv::new() points Twilio at 127.0.0.1:1, where nothing listens.
    let env = TestEnv::new()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let r = send(&env, &["-v"]);
    assert_eq!(r.code, 1, "{r:?}");
    let attempts = r
        .stderr
        .lines()
        .filter(|l| l.contains("POST ") && l.contains("error"))
        .count();
    assert!(attempts >= 2, "a refused connection is retried: {r:?}");
    let line = r.error_line();
    assert!(line.contains("cannot connect"), "{r:?}");
    assert!(!line.contains("outcome unknown"), "nothing was sent: {r:?}");
}

#[test]
fn a_connection_refused_at_first_is_retried_and_the_message_goes_out_once() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let srv = RawServer::start_later(
        port,
        Duration::from_millis(300),
        vec![answer(201, message_json(SID, "queued", TEST_TO, FROM))],
    );
    // Backoff 200 ms doubling: ~6 s of retries in all, the server is up after 0.3 s.
    let r = send(&srv.world().env("SMSCTL_RETRY_BASE_MS", "200"), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(srv.posts().len(), 1, "{:#?}", srv.posts());
    assert!(r.stdout.contains(SID), "{r:?}");
}

// ---------------------------------------------------------- request shapes

#[test]
fn sends_to_from_and_body_with_basic_auth_and_prints_sid_and_status() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .header("authorization", basic_auth(AC, TOKEN))
            .header("content-type", "application/x-www-form-urlencoded")
            .form_urlencoded_tuple("To", TEST_TO)
            .form_urlencoded_tuple("From", FROM)
            .form_urlencoded_tuple("Body", "Hello & welcome: 100% sure?")
            .form_urlencoded_tuple_missing("MessagingServiceSid");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    });
    let r = smsctl(
        &env,
        &[
            "send",
            "--to",
            TEST_TO,
            "--body",
            "Hello & welcome: 100% sure?",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    assert!(r.stdout.contains(SID), "{r:?}");
    assert!(r.stdout.contains("queued"), "{r:?}");
}

#[test]
fn api_key_credentials_authenticate_as_the_key_on_the_accounts_path() {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_API_KEY", SK)
        .env("TWILIO_API_SECRET", API_SECRET)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .header("authorization", basic_auth(SK, API_SECRET))
            .form_urlencoded_tuple("From", FROM);
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    });
    let r = send(&env, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn a_messaging_service_sender_sends_messaging_service_sid_and_no_from() {
    let env = env_token().env("TWILIO_MESSAGING_SERVICE_SID", MG);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("To", TEST_TO)
            .form_urlencoded_tuple("MessagingServiceSid", MG)
            .form_urlencoded_tuple_missing("From");
        then.status(201)
            .json_body(message_json(SID, "accepted", TEST_TO, FROM));
    });
    let r = send(&env, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn an_alphanumeric_sender_id_is_sent_as_from_without_a_warning_outside_nanp() {
    let env = env_token().env("TWILIO_SENDER_ID", "Acme Alerts");
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("From", "Acme Alerts")
            .form_urlencoded_tuple_missing("MessagingServiceSid");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, "Acme Alerts"));
    });
    let r = send(&env, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    assert!(!r.stderr.contains("warning"), "{r:?}");
}

#[test]
fn an_alphanumeric_sender_towards_a_us_number_warns() {
    let env = env_token().env("TWILIO_SENDER_ID", "Acme");
    let m = create_ok(&env);
    let r = smsctl(&env, &["send", "--to", FROM, "--body", "hi"], None);
    m.assert_calls(1);
    assert_eq!(r.code, 0, "{r:?}");
    let w = r
        .stderr
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning: {r:?}"));
    assert!(w.contains("alphanumeric"), "{r:?}");
    assert!(w.contains("US") && w.contains("+1"), "{r:?}");
}

#[test]
fn whatsapp_puts_the_prefix_on_both_to_and_from() {
    let env = env_token().env("TWILIO_WHATSAPP_FROM", WHATSAPP);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("To", format!("whatsapp:{TEST_TO}"))
            .form_urlencoded_tuple("From", WHATSAPP)
            .form_urlencoded_tuple_missing("MessagingServiceSid");
        then.status(201).json_body(message_json(
            SID,
            "queued",
            &format!("whatsapp:{TEST_TO}"),
            WHATSAPP,
        ));
    });
    let r = send(&env, &["--channel", "whatsapp"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    // A To that already carries the prefix is not prefixed twice.
    let r = smsctl(
        &env,
        &[
            "send",
            "--channel",
            "whatsapp",
            "--to",
            &format!("whatsapp:{TEST_TO}"),
            "--body",
            "hi",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(2);
}

#[test]
fn whatsapp_with_from_flag_prefixes_it() {
    let env = env_token().env("TWILIO_PHONE_NUMBER", FROM);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("To", format!("whatsapp:{TEST_TO}"))
            .form_urlencoded_tuple("From", "whatsapp:+14155238886");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, WHATSAPP));
    });
    let r = send(&env, &["--channel", "whatsapp", "--from", WHATSAPP]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn whatsapp_without_a_whatsapp_sender_exits_2_naming_the_variable() {
    let env = env_token().env("TWILIO_SENDER_ID", "Acme");
    let any = any_request(&env);
    let r = send(&env, &["--channel", "whatsapp"]);
    assert_eq!(r.code, 2, "{r:?}");
    any.assert_calls(0);
    assert!(r.stderr.contains("TWILIO_WHATSAPP_FROM"), "{r:?}");
}

#[test]
fn from_flag_overrides_the_sender_for_one_message() {
    let env = env_token().env("TWILIO_MESSAGING_SERVICE_SID", MG);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("From", "+14155550000")
            .form_urlencoded_tuple_missing("MessagingServiceSid");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, "+14155550000"));
    });
    let r = send(&env, &["--from", "+1 415 555 0000"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn messaging_service_flag_overrides_the_sender_for_one_message() {
    let env = env_number().env("TWILIO_MESSAGING_SERVICE_SID", MG);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("MessagingServiceSid", MG2)
            .form_urlencoded_tuple_missing("From");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    });
    let r = send(&env, &["--messaging-service", MG2]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn sender_id_flag_overrides_the_sender_for_one_message() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("From", "GovTech")
            .form_urlencoded_tuple_missing("MessagingServiceSid");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, "GovTech"));
    });
    let r = send(&env, &["--sender-id", "GovTech"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn bad_sender_overrides_exit_2_before_any_request() {
    let env = env_number();
    let any = any_request(&env);
    for (flag, value) in [
        ("--messaging-service", "MG123"),
        ("--from", "12345"),
        ("--sender-id", "Way too long id"),
    ] {
        let r = send(&env, &[flag, value]);
        assert_eq!(r.code, 2, "{flag} {value}: {r:?}");
    }
    any.assert_calls(0);
}

#[test]
fn env_credentials_without_a_sender_exit_2_naming_the_variables() {
    let env = env_token();
    let any = any_request(&env);
    let r = send(&env, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    any.assert_calls(0);
    assert!(r.stderr.contains("TWILIO_MESSAGING_SERVICE_SID"), "{r:?}");
    assert!(r.stderr.contains("--from"), "{r:?}");
}

#[test]
fn no_credentials_at_all_exit_2_and_say_how_to_provide_them() {
    let env = TestEnv::with_twilio();
    let any = any_request(&env);
    let r = send(&env, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    any.assert_calls(0);
    assert!(r.stderr.contains("TWILIO_ACCOUNT_SID"), "{r:?}");
    assert!(r.stderr.contains("--profile"), "{r:?}");
}

#[test]
fn env_account_sid_without_a_secret_exits_2() {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let any = any_request(&env);
    let r = send(&env, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    any.assert_calls(0);
    assert!(r.stderr.contains("TWILIO_AUTH_TOKEN"), "{r:?}");
}

#[test]
fn a_plain_http_endpoint_that_is_not_loopback_is_refused() {
    let env = env_number().env("SMSCTL_TWILIO_API_URL", "http://api.example.com");
    let r = send(&env, &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("clear text"), "{r:?}");
}

// ------------------------------------------ env-credential precedence

/// One mock per credential set: the environment's (AC), profile `alpha` (AC2,
/// the default) and profile `beta` (AC3), each checking its own Basic auth.
struct Precedence<'a> {
    env_mock: Mock<'a>,
    alpha: Mock<'a>,
    beta: Mock<'a>,
}

const AC3: &str = "AC33333333333333333333333333333333";

fn account_mock<'a>(env: &'a TestEnv, ac: &str, secret: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(ac))
            .header("authorization", basic_auth(ac, secret));
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    })
}

fn precedence_world() -> TestEnv {
    require_keychain();
    let env = TestEnv::with_twilio();
    // The first profile becomes the default.
    add_profile(&env, "alpha", AC2, NEW_TOKEN, &["--from", FROM]);
    add_profile(&env, "beta", AC3, API_SECRET, &["--from", FROM]);
    env
}

fn precedence_mocks(env: &TestEnv) -> Precedence<'_> {
    Precedence {
        env_mock: account_mock(env, AC, TOKEN),
        alpha: account_mock(env, AC2, NEW_TOKEN),
        beta: account_mock(env, AC3, API_SECRET),
    }
}

fn with_env_creds(env: TestEnv) -> TestEnv {
    env.env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM)
}

#[test]
fn profile_flag_wins_over_env_credentials_and_says_so() {
    let env = with_env_creds(precedence_world());
    let m = precedence_mocks(&env);
    let r = send(&env, &["--profile", "beta", "--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.beta.assert_calls(1);
    m.env_mock.assert_calls(0);
    m.alpha.assert_calls(0);
    assert!(
        r.stderr.contains("beta") && r.stderr.contains("--profile wins"),
        "a notice says which won: {r:?}"
    );
}

#[test]
fn env_credentials_win_over_smsctl_profile_and_say_so() {
    let env = with_env_creds(precedence_world()).env("SMSCTL_PROFILE", "beta");
    let m = precedence_mocks(&env);
    let r = send(&env, &["--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.env_mock.assert_calls(1);
    m.beta.assert_calls(0);
    m.alpha.assert_calls(0);
    assert!(
        r.stderr.contains("environment") && r.stderr.contains("SMSCTL_PROFILE=beta"),
        "a notice says which won: {r:?}"
    );
}

#[test]
fn env_credentials_win_over_the_default_profile() {
    let env = with_env_creds(precedence_world());
    let m = precedence_mocks(&env);
    let r = send(&env, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    m.env_mock.assert_calls(1);
    m.alpha.assert_calls(0);
}

#[test]
fn smsctl_profile_wins_over_the_default_profile() {
    let env = precedence_world().env("SMSCTL_PROFILE", "beta");
    let m = precedence_mocks(&env);
    let r = send(&env, &["--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.beta.assert_calls(1);
    m.alpha.assert_calls(0);
    m.env_mock.assert_calls(0);
}

#[test]
fn the_default_profile_is_used_when_nothing_else_is_given() {
    let env = precedence_world();
    let m = precedence_mocks(&env);
    let r = send(&env, &["--force"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.alpha.assert_calls(1);
    m.beta.assert_calls(0);
    m.env_mock.assert_calls(0);
}

#[test]
fn an_unverified_profile_needs_force_and_sends_nothing_without_it() {
    let env = precedence_world();
    let any = any_request(&env);
    let r = send(&env, &["--profile", "alpha"]);
    assert_eq!(r.code, 2, "{r:?}");
    any.assert_calls(0);
    assert!(r.stderr.contains("--force"), "{r:?}");
}

// ------------------------------------------------------ phone parsing

#[test]
fn a_local_number_with_default_region_sg_is_sent_in_e164() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("To", TEST_TO);
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    });
    let r = smsctl(
        &env,
        &[
            "send",
            "--to",
            "9123 4567",
            "--default-region",
            "SG",
            "--body",
            "hi",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    // Punctuation and 00 are understood too.
    let r = smsctl(
        &env,
        &["send", "--to", "0065-9123.4567", "--body", "hi"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(2);
}

#[test]
fn invalid_numbers_are_refused_before_any_request_with_the_reason() {
    let env = env_number();
    let any = any_request(&env);
    for (to, reason) in [
        ("+65 1234", "too short"),
        ("+44 7911 123456789", "too long"),
        ("+999 1234 5678", "unknown country code"),
        ("+65 0123 4567", "Singapore"),
        ("+6591234567x", "unexpected 'x'"),
        ("abc", "not a phone number"),
        ("12345", "--default-region"),
        ("whatsapp:+6591234567", "whatsapp:"),
    ] {
        let r = smsctl(&env, &["send", "--to", to, "--body", "hi"], None);
        assert_eq!(r.code, 2, "{to}: {r:?}");
        let line = r.error_line();
        assert!(line.contains("--to"), "{to}: names the flag: {r:?}");
        assert!(line.contains(reason), "{to}: reason {reason:?}: {r:?}");
    }
    let r = smsctl(
        &env,
        &[
            "send",
            "--to",
            "9123 4567",
            "--default-region",
            "XX",
            "--body",
            "hi",
        ],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--default-region"), "{r:?}");
    any.assert_calls(0);
}

// ------------------------------------------------------------ body checks

#[test]
fn an_empty_body_is_refused_before_any_request() {
    let env = env_number();
    let any = any_request(&env);
    let r = smsctl(&env, &["send", "--to", TEST_TO, "--body", ""], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("empty"), "{r:?}");
    // Body on standard input, which is empty.
    let r = smsctl(&env, &["send", "--to", TEST_TO], Some(""));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("empty"), "{r:?}");
    // Only a newline is empty too.
    let r = smsctl(&env, &["send", "--to", TEST_TO], Some("\n"));
    assert_eq!(r.code, 2, "{r:?}");
    any.assert_calls(0);
}

#[test]
fn the_body_can_come_from_stdin_or_a_file_without_the_trailing_newline() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("Body", "line one\nline two");
        then.status(201)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    });
    let r = smsctl(
        &env,
        &["send", "--to", TEST_TO],
        Some("line one\nline two\n"),
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    let f = env.path("body.txt");
    std::fs::write(&f, "line one\nline two\n").unwrap();
    let r = smsctl(
        &env,
        &["send", "--to", TEST_TO, "--body-file", f.to_str().unwrap()],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(2);
}

#[test]
fn a_body_of_1601_characters_is_refused_and_1600_is_sent() {
    let env = env_number();
    let m = create_ok(&env);
    let long = "a".repeat(1601);
    let r = smsctl(&env, &["send", "--to", TEST_TO, "--body", &long], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("1601") && r.stderr.contains("1,600"),
        "{r:?}"
    );
    m.assert_calls(0);
    // Characters, not bytes: 1,600 'é' (3,200 bytes) are accepted.
    let r = smsctl(
        &env,
        &["send", "--to", TEST_TO, "--body", &"é".repeat(1600)],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
}

/// Send `body` and return the run (the message is accepted).
fn send_body(env: &TestEnv, body: &str, extra: &[&str]) -> Run {
    let mut args = vec!["send", "--to", TEST_TO, "--body", body];
    args.extend_from_slice(extra);
    let r = smsctl(env, &args, None);
    assert_eq!(r.code, 0, "{r:?}");
    r
}

#[test]
fn a_single_segment_message_has_no_note_but_161_characters_do() {
    let env = env_number();
    let m = create_ok(&env);
    let r = send_body(&env, &"a".repeat(160), &[]);
    assert!(!r.stderr.contains("segment"), "{r:?}");
    let r = send_body(&env, &"a".repeat(161), &[]);
    assert!(
        r.stderr.contains("2 segments") && r.stderr.contains("GSM-7"),
        "{r:?}"
    );
    m.assert_calls(2);
}

#[test]
fn gsm7_extension_characters_count_double() {
    let env = env_number();
    let m = create_ok(&env);
    // 155 characters, but 6 of them are extension characters: 161 septets.
    let body = format!("{}{}", "a".repeat(149), "{}[]~€");
    assert_eq!(body.chars().count(), 155);
    let r = send_body(&env, &body, &["--json"]);
    assert!(
        r.stderr.contains("2 segments") && r.stderr.contains("GSM-7"),
        "{r:?}"
    );
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let seg = &v["smsctl"]["segments"];
    assert_eq!(seg["segments"], 2, "{v}");
    assert_eq!(seg["encoding"], "gsm7", "{v}");
    assert_eq!(seg["chars"], 155, "{v}");
    assert_eq!(seg["units"], 161, "{v}");
    m.assert_calls(1);
}

#[test]
fn one_emoji_forces_ucs2() {
    let env = env_number();
    let m = create_ok(&env);
    // 70 characters would be one GSM-7 segment; with the emoji the whole message
    // is UCS-2, and the emoji is 2 UTF-16 units: 71 units > 70, 2 segments.
    let body = format!("{}😀", "a".repeat(69));
    let r = send_body(&env, &body, &["--json"]);
    assert!(
        r.stderr.contains("2 segments") && r.stderr.contains("UCS-2"),
        "{r:?}"
    );
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let seg = &v["smsctl"]["segments"];
    assert_eq!(seg["encoding"], "ucs2", "{v}");
    assert_eq!(seg["segments"], 2, "{v}");
    assert_eq!(seg["units"], 71, "{v}");
    m.assert_calls(1);
}

#[test]
fn segments_are_always_shown_with_verbose_and_json() {
    let env = env_number();
    let m = create_ok(&env);
    let r = send_body(&env, "hi", &["-v"]);
    assert!(
        r.stderr.contains("1 segment") && r.stderr.contains("GSM-7"),
        "{r:?}"
    );
    let r = send_body(&env, "hi ✓", &["--json"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["sid"], SID, "--json prints the message resource: {v}");
    assert_eq!(v["status"], "queued", "{v}");
    assert_eq!(v["smsctl"]["segments"]["segments"], 1, "{v}");
    assert_eq!(v["smsctl"]["segments"]["encoding"], "ucs2", "{v}");
    m.assert_calls(2);
}

// ---------------------------------------------------------- -v redaction

fn assert_no_secret(r: &Run, user: &str, secret: &str) {
    let all = r.all();
    let basic = base64(format!("{user}:{secret}").as_bytes());
    assert!(!all.contains(secret), "the secret leaked: {r:?}");
    assert!(
        !all.contains(&basic),
        "the Authorization value leaked: {r:?}"
    );
    assert!(!all.contains(&basic_auth(user, secret)), "{r:?}");
}

#[test]
fn verbose_logs_method_url_status_and_duration_without_secrets() {
    let env = env_number();
    let m = create_ok(&env);
    let r = send(&env, &["-v"]);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    let url = format!("{}{}", env.server().base_url(), messages_path(AC));
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("POST") && l.contains(&url))
        .unwrap_or_else(|| panic!("no request line for POST {url}: {r:?}"));
    assert!(line.contains("201"), "status: {line}");
    assert!(line.contains(" ms"), "duration: {line}");
    assert_no_secret(&r, AC, TOKEN);
}

#[test]
fn verbose_never_shows_an_api_key_secret_even_on_errors_and_polls() {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_API_KEY", SK)
        .env("TWILIO_API_SECRET", API_SECRET)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let create = create_ok(&env);
    let fetch = env.server().mock(|when, then| {
        when.method(GET).path(message_path(AC, SID));
        then.status(200)
            .json_body(message_json(SID, "delivered", TEST_TO, FROM));
    });
    let r = send(&env, &["-vv", "--wait"]);
    assert_eq!(r.code, 0, "{r:?}");
    create.assert_calls(1);
    assert!(fetch.calls() >= 1);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("GET") && l.contains(SID)),
        "the poll is logged: {r:?}"
    );
    assert_no_secret(&r, SK, API_SECRET);

    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_API_KEY", SK)
        .env("TWILIO_API_SECRET", API_SECRET)
        .env("TWILIO_PHONE_NUMBER", FROM);
    env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(401).json_body(error_20003());
    });
    let r = send(&env, &["-vv"]);
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains(SK), "names the key: {r:?}");
    assert_no_secret(&r, SK, API_SECRET);
}

// ------------------------------------------------------------ no terminal

#[test]
fn creds_test_without_to_and_without_a_test_number_exits_2_naming_to() {
    // No keychain needed: the number is missing before any secret is read.
    let env = TestEnv::with_twilio();
    env.write_toml(&format!(
        r#"default = "alpha"

[profiles.alpha]
account_sid = "{AC}"
auth = "auth-token"
messaging_service_sid = "{MG}"
state = "ready"
"#
    ));
    let any = any_request(&env);
    let t0 = Instant::now();
    let r = smsctl(&env, &["creds", "test", "alpha"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--to"), "{r:?}");
    assert!(t0.elapsed() < Duration::from_secs(20), "it must not hang");
    any.assert_calls(0);
}

#[test]
fn send_without_a_body_and_with_stdin_closed_does_not_prompt() {
    let env = env_number();
    let any = any_request(&env);
    // This world's environment, stdin /dev/null (closed, not a terminal).
    let mut cmd = env.std_cmd();
    cmd.args(["send", "--to", TEST_TO])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let t0 = Instant::now();
    let out = cmd.output().expect("run");
    assert!(t0.elapsed() < Duration::from_secs(20), "it must not hang");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    any.assert_calls(0);
}

// ------------------------------------------------------ creds test LABEL

#[test]
fn creds_test_records_tested_and_verified_at() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(
        &env,
        "agency",
        AC,
        TOKEN,
        &["--messaging-service", MG, "--test-to", TEST_TO],
    );
    assert!(row(&env, "agency")["verified_at"].is_null());
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .header("authorization", basic_auth(AC, TOKEN))
            .form_urlencoded_tuple("To", TEST_TO)
            .form_urlencoded_tuple("MessagingServiceSid", MG)
            .form_urlencoded_tuple("Body", "smsctl test message from profile agency");
        then.status(201)
            .json_body(message_json(SID, "accepted", TEST_TO, FROM));
    });
    let r = smsctl(&env, &["creds", "test", "agency"], None);
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    assert!(
        r.stdout.contains(SID) && r.stdout.contains("accepted"),
        "{r:?}"
    );
    let p = row(&env, "agency");
    assert_eq!(p["state"], "tested", "{p}");
    let at = p["verified_at"].as_str().unwrap_or_else(|| panic!("{p}"));
    assert!(
        utc_dates().iter().any(|d| at.starts_with(d.as_str())),
        "verified_at is now: {p}"
    );
}

#[test]
fn creds_test_uses_profile_flag_and_to_flag() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(&env, "first", AC2, NEW_TOKEN, &["--from", FROM]);
    add_profile(
        &env,
        "agency",
        AC,
        TOKEN,
        &["--from", FROM, "--test-to", TEST_TO],
    );
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .header("authorization", basic_auth(AC, TOKEN))
            .form_urlencoded_tuple("To", "+6598765432")
            .form_urlencoded_tuple("From", FROM);
        then.status(201)
            .json_body(message_json(SID, "queued", "+6598765432", FROM));
    });
    let r = smsctl(
        &env,
        &[
            "--profile",
            "agency",
            "creds",
            "test",
            "--to",
            "+65 9876 5432",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    assert_eq!(row(&env, "agency")["state"], "tested");
    assert_eq!(row(&env, "first")["state"], "unverified");
}

#[test]
fn creds_test_20003_records_invalid_and_exits_3() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(
        &env,
        "agency",
        AC,
        TOKEN,
        &["--from", FROM, "--test-to", TEST_TO],
    );
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(401).json_body(error_20003());
    });
    let r = smsctl(&env, &["creds", "test", "agency"], None);
    assert_eq!(r.code, 3, "{r:?}");
    m.assert_calls(1);
    assert_explained(&r, 20003, &["rotate"]);
    assert_eq!(row(&env, "agency")["state"], "invalid");
    // And an invalid profile no longer sends, even with --force.
    let r = send(&env, &["--profile", "agency", "--force"]);
    assert_eq!(r.code, 3, "{r:?}");
    m.assert_calls(1);
}

#[test]
fn creds_test_21211_records_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(
        &env,
        "agency",
        AC,
        TOKEN,
        &["--from", FROM, "--test-to", TEST_TO],
    );
    let before = env.toml();
    let m = create_fails(
        &env,
        400,
        21211,
        "The 'To' number is not a valid phone number.",
    );
    let r = smsctl(&env, &["creds", "test", "agency"], None);
    assert_eq!(r.code, 1, "{r:?}");
    m.assert_calls(1);
    assert_explained(&r, 21211, &["E.164"]);
    let p = row(&env, "agency");
    assert_eq!(p["state"], "unverified", "{p}");
    assert!(p["verified_at"].is_null(), "{p}");
    assert_eq!(env.toml(), before, "nothing recorded");
}

#[test]
fn creds_test_outcome_unknown_records_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(
        &env,
        "agency",
        AC,
        TOKEN,
        &["--from", FROM, "--test-to", TEST_TO],
    );
    let before = env.toml();
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(500).body("oops");
    });
    let r = smsctl(&env, &["creds", "test", "agency"], None);
    assert_eq!(r.code, 1, "{r:?}");
    m.assert_calls(1);
    assert!(r.stderr.contains("outcome unknown"), "{r:?}");
    assert_eq!(env.toml(), before, "nothing recorded");
}

// ---------------------------------------------- through the sandbox (--sandbox)

fn sandbox_send(extra: &[&str]) -> Run {
    let env = TestEnv::new();
    let mut args = vec!["send", "--sandbox"];
    args.extend_from_slice(extra);
    smsctl(&env, &args, None)
}

fn is_sid(s: &str) -> bool {
    s.len() == 34 && s.starts_with("SM") && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn sandbox_send_to_a_valid_number_prints_the_sid() {
    let r = sandbox_send(&["--to", TEST_TO, "--body", "hello"]);
    assert_eq!(r.code, 0, "{r:?}");
    let line = r.stdout.lines().next().unwrap_or_default();
    let (sid, status) = line.split_once('\t').unwrap_or_else(|| panic!("{r:?}"));
    assert!(is_sid(sid), "{r:?}");
    assert_eq!(status, "queued", "{r:?}");
    // Needs no account, keychain nor config.
    assert!(r.stderr.contains("sandbox"), "{r:?}");
}

#[test]
fn sandbox_magic_to_numbers_give_twilios_errors() {
    for (to, code, say) in [
        ("+15005550001", 21211, "E.164"),
        ("+15005550002", 21612, "another sender"),
        ("+15005550003", 21408, "Geo permissions"),
        ("+15005550004", 21610, "opted out"),
        ("+15005550009", 21614, "not a mobile number"),
    ] {
        let r = sandbox_send(&["--to", to, "--body", "hi"]);
        assert_eq!(r.code, 1, "{to}: {r:?}");
        assert_explained(&r, code, &[say]);
        assert!(r.stdout.is_empty(), "{to}: {r:?}");
    }
}

#[test]
fn sandbox_magic_from_numbers_give_twilios_errors() {
    for (from, code) in [
        ("+15005550001", 21212),
        ("+15005550007", 21606),
        ("+15005550008", 21611),
    ] {
        let r = sandbox_send(&["--to", TEST_TO, "--from", from, "--body", "hi"]);
        assert_eq!(r.code, 1, "{from}: {r:?}");
        assert_explained(&r, code, &["From"]);
    }
    let r = sandbox_send(&["--to", TEST_TO, "--from", "+15005550006", "--body", "hi"]);
    assert_eq!(r.code, 0, "the valid magic From: {r:?}");
}

#[test]
fn sandbox_wait_reaches_delivered() {
    let r = sandbox_send(&["--to", TEST_TO, "--body", "hi", "--wait", "--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["status"], "delivered", "{v}");
    assert!(is_sid(v["sid"].as_str().unwrap()), "{v}");
    assert_eq!(v["to"], TEST_TO, "{v}");
    // The whole resource as Twilio answered it, not only the fields smsctl reads.
    assert_eq!(v["body"], "hi", "{v}");
    assert!(
        v["uri"].as_str().is_some_and(|u| u.ends_with(".json")),
        "{v}"
    );
}

#[test]
fn sandbox_whatsapp_prefixes_both_ends() {
    let r = sandbox_send(&[
        "--to",
        TEST_TO,
        "--body",
        "hi",
        "--channel",
        "whatsapp",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["to"], format!("whatsapp:{TEST_TO}"), "{v}");
    assert_eq!(v["from"], WHATSAPP, "{v}");
}

#[test]
fn sandbox_creds_test_sends_and_saves_nothing() {
    let env = TestEnv::new();
    let r = smsctl(&env, &["creds", "test", "--sandbox", "--to", TEST_TO], None);
    assert_eq!(r.code, 0, "{r:?}");
    let sid = r.stdout.split('\t').next().unwrap_or_default();
    assert!(is_sid(sid), "{r:?}");
    assert!(
        !env.toml_path().exists(),
        "no profile written: {}",
        env.toml()
    );
}

// ---------------------------------------------- `smsctl sandbox` as a server

/// `smsctl sandbox --port 0`, stopped (SIGTERM, then SIGKILL) when dropped.
struct SandboxProcess {
    child: Child,
    vars: Vec<(String, String)>,
    stderr: mpsc::Receiver<String>,
    log: Vec<String>,
}

impl SandboxProcess {
    fn start() -> Self {
        let env = TestEnv::new();
        let mut child = env
            .std_cmd()
            .args(["sandbox", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn smsctl sandbox");
        let (out_tx, out_rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = out_tx.send(line);
            }
        });
        let (err_tx, err_rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = err_tx.send(line);
            }
        });
        let mut sb = SandboxProcess {
            child,
            vars: Vec::new(),
            stderr: err_rx,
            log: Vec::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !sb.vars.iter().any(|(k, _)| k == "TWILIO_PHONE_NUMBER") {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = out_rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("sandbox printed no env: {:?}", sb.vars));
            let line = line.trim();
            let line = line.strip_prefix("export ").unwrap_or(line);
            if let Some((k, v)) = line.split_once('=') {
                sb.vars.push((k.to_string(), v.to_string()));
            }
        }
        sb
    }

    fn var(&self, k: &str) -> &str {
        &self
            .vars
            .iter()
            .find(|(n, _)| n == k)
            .unwrap_or_else(|| panic!("no {k} in {:?}", self.vars))
            .1
    }

    /// A world configured only by the printed variables.
    fn world(&self) -> TestEnv {
        self.vars
            .iter()
            .fold(TestEnv::new(), |env, (k, v)| env.env(k, v))
    }

    /// Wait for a stderr line containing every needle.
    fn wait_log(&mut self, needles: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(l) = self
                .log
                .iter()
                .find(|l| needles.iter().all(|n| l.contains(n)))
            {
                return l.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(l) => self.log.push(l),
                Err(_) => panic!("no sandbox log line with {needles:?}: {:#?}", self.log),
            }
        }
    }

    fn stop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn sandbox_command_prints_its_env_and_serves_send_from_another_process() {
    let mut sb = SandboxProcess::start();
    let url = sb.var("SMSCTL_TWILIO_API_URL").to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_ne!(url, "http://127.0.0.1:0", "a real port was picked");
    assert_eq!(sb.var("SMSCTL_TWILIO_MESSAGING_URL"), url);
    assert!(sb.var("TWILIO_ACCOUNT_SID").starts_with("AC"));
    assert_eq!(sb.var("TWILIO_PHONE_NUMBER"), "+15005550006");

    let world = sb.world();
    let r = smsctl(
        &world,
        &["send", "--to", TEST_TO, "--body", "hello from the test"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    let sid = r.stdout.split('\t').next().unwrap_or_default().to_string();
    assert!(is_sid(&sid), "{r:?}");
    let line = sb.wait_log(&[&sid, TEST_TO]);
    assert!(line.contains("hello from the test"), "{line}");

    // --wait polls the same server to delivered.
    let r = smsctl(
        &world,
        &["send", "--to", TEST_TO, "--body", "again", "--wait"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("delivered"), "{r:?}");

    // A magic number, through the standalone server.
    let r = smsctl(
        &world,
        &["send", "--to", "+15005550004", "--body", "hi"],
        None,
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert_explained(&r, 21610, &["opted out"]);

    // Basic auth is checked: a wrong token is a 20003, exit 3.
    let r = smsctl(
        &world.env("TWILIO_AUTH_TOKEN", TOKEN),
        &["send", "--to", TEST_TO, "--body", "hi"],
        None,
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert_explained(&r, 20003, &[]);

    sb.stop();
    let _ = sb.wait_log(&["stopped after 2 messages"]);
}

// ------------------------------------------------- found while testing

/// A loopback listener whose accept queue is full: new connections are never
/// established (the kernel drops the SYN), so a client's connect times out
/// before anything is sent. Keep the returned value alive.
fn unconnectable() -> (String, TcpListener, Vec<TcpStream>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..2000 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(s) => held.push(s),
            // Full only if a patient second try times out too: a loaded machine
            // can be slow to answer one SYN without the queue being full.
            Err(_) => match TcpStream::connect_timeout(&addr, Duration::from_secs(3)) {
                Ok(s) => held.push(s),
                Err(_) => return (format!("http://{addr}"), l, held),
            },
        }
    }
    panic!("the accept queue never filled up");
}

#[test]

fn a_connect_timeout_is_not_reported_as_outcome_unknown() {
    let (url, _l, _held) = unconnectable();
    let env = TestEnv::new()
        .env("SMSCTL_TWILIO_API_URL", &url)
        .env("SMSCTL_TWILIO_MESSAGING_URL", &url)
        .env("SMSCTL_HTTP_TIMEOUT", "1")
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let r = send(&env, &["-v"]);
    assert_eq!(r.code, 1, "{r:?}");
    let line = r.error_line();
    // The connection was never established, so nothing was sent: say so plainly
    // (and retry, like any connection that failed before the request was sent).
    assert!(!line.contains("outcome unknown"), "nothing was sent: {r:?}");
    assert!(line.contains("cannot connect"), "{r:?}");
    let attempts = r
        .stderr
        .lines()
        .filter(|l| l.contains("POST ") && l.contains("error"))
        .count();
    assert!(attempts >= 2, "a connect failure is retried: {r:?}");
}

#[test]

fn wait_still_tells_the_sid_when_polling_fails() {
    let env = env_number();
    let create = create_ok(&env);
    let fetch = env.server().mock(|when, then| {
        when.method(GET).path(message_path(AC, SID));
        then.status(500).body("oops");
    });
    let r = send(&env, &["--wait"]);
    assert_eq!(r.code, 1, "{r:?}");
    create.assert_calls(1);
    assert!(fetch.calls() >= 1);
    // The message exists: without its SID the user cannot look it up and may send again.
    assert!(
        r.all().contains(SID),
        "the SID of the sent message is lost: {r:?}"
    );
}

#[test]

fn profile_flag_wins_even_over_incomplete_env_credentials() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(&env, "beta", AC3, API_SECRET, &["--from", FROM]);
    // A CI job where the secret is not exposed (e.g. a fork's pull request).
    let env = env.env("TWILIO_ACCOUNT_SID", AC);
    let beta = account_mock(&env, AC3, API_SECRET);
    let r = send(&env, &["--profile", "beta", "--force"]);
    assert_eq!(r.code, 0, "--profile wins over the environment: {r:?}");
    beta.assert_calls(1);
}

// ------------------------------------------------------- on a terminal

/// Run `smsctl <args>` on a pseudo-terminal (util-linux `script`), typing `keys`.
fn on_terminal(env: &TestEnv, args: &[&str], keys: &str) -> Run {
    let std_cmd = env.std_cmd();
    let mut cmd = std::process::Command::new("script");
    cmd.env_clear();
    for (k, v) in std_cmd.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "dumb");
    if let Some(bus) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    let line = std::iter::once(crate::common::BIN)
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    cmd.args(["-qec", &line, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run script (util-linux)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(keys.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn creds_test_on_a_terminal_asks_for_the_number_and_offers_to_save_it() {
    require_keychain();
    let env = TestEnv::with_twilio();
    add_profile(&env, "agency", AC, TOKEN, &["--from", FROM]);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path(AC))
            .form_urlencoded_tuple("To", "+6598765432");
        then.status(201)
            .json_body(message_json(SID, "queued", "+6598765432", FROM));
    });
    let r = on_terminal(&env, &["creds", "test", "agency"], "+6598765432\ry\r");
    assert_eq!(r.code, 0, "{r:?}");
    m.assert_calls(1);
    assert!(r.stdout.contains("number"), "it asked: {r:?}");
    assert!(r.stdout.contains(SID), "{r:?}");
    let p = row(&env, "agency");
    assert_eq!(p["test_to"], "+6598765432", "saved as asked: {p}");
    assert_eq!(p["state"], "tested", "{p}");
}

// ===== hardening (issue 8): client

/// A stand-in that answers every request with `status` and, as its body, the
/// request's own head (request line and headers), as some proxies and error
/// pages do. Returns its base URL.
fn echo_server(status: u16) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                while let Some(req) = read_request(&mut stream, &mut buf) {
                    let body = json!({
                        "code": 21211,
                        "message": format!("Bad request, you sent: {}", req.head),
                        "more_info": req.head,
                        "status": status,
                    })
                    .to_string();
                    let out = format!(
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if stream.write_all(out.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

/// Neither the secret, nor its base64, nor the Authorization value is in `text`.
fn assert_no_credentials(what: &str, text: &str) {
    let b64 = base64(format!("{AC}:{TOKEN}").as_bytes());
    for needle in [TOKEN, b64.as_str(), basic_auth(AC, TOKEN).as_str()] {
        assert!(!text.contains(needle), "{what} holds {needle:?}: {text}");
    }
}

#[test]
fn a_server_that_echoes_the_request_headers_never_puts_the_credentials_in_the_output() {
    for status in [400, 500] {
        let url = echo_server(status);
        let env = TestEnv::new()
            .env("SMSCTL_TWILIO_API_URL", &url)
            .env("SMSCTL_TWILIO_MESSAGING_URL", &url)
            .env("TWILIO_ACCOUNT_SID", AC)
            .env("TWILIO_AUTH_TOKEN", TOKEN)
            .env("TWILIO_PHONE_NUMBER", FROM);
        let r = send(&env, &["-v"]);
        assert_eq!(r.code, 1, "{status}: {r:?}");
        // The echo did reach the output (so the check below means something)…
        assert!(
            r.stderr.contains("Bad request, you sent"),
            "{status}: {r:?}"
        );
        assert!(r.stderr.contains("(redacted)"), "{status}: {r:?}");
        // …without the credentials in any form.
        assert_no_credentials(&format!("HTTP {status}: the output"), &r.all());
    }
}

#[test]
fn a_201_whose_body_cannot_be_read_is_outcome_unknown_not_an_unexpected_answer() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(201).body("<html>created</html>");
    });
    let r = send(&env, &[]);
    m.assert_calls(1);
    assert_eq!(r.code, 1, "the same exit code as a timeout: {r:?}");
    let line = r.error_line();
    assert!(line.contains("outcome unknown"), "{r:?}");
    assert!(!line.contains("unexpected answer"), "{r:?}");
    assert!(line.contains("201"), "{r:?}");
    assert!(line.contains(TEST_TO), "the To number: {r:?}");
    assert!(line.contains("message log"), "what to check: {r:?}");
    assert!(
        utc_dates().iter().any(|d| line.contains(d.as_str())),
        "the time: {r:?}"
    );
}

/// A message resource of about `mib` MiB (valid JSON: the body is long).
fn huge_message(mib: usize) -> String {
    let mut v = message_json(SID, "queued", TEST_TO, FROM);
    v["body"] = Value::String("x".repeat(mib * 1024 * 1024));
    v.to_string()
}

#[test]
fn a_10_mib_answer_to_a_create_is_outcome_unknown() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(201)
            .header("content-type", "application/json")
            .body(huge_message(10));
    });
    let r = send(&env, &[]);
    m.assert_calls(1);
    assert_eq!(r.code, 1, "{r:?}");
    let line = r.error_line();
    assert!(line.contains("outcome unknown"), "{r:?}");
    assert!(line.contains("larger than 4 MiB"), "{r:?}");
}

#[test]
fn a_10_mib_answer_to_a_get_is_refused_with_a_clear_error() {
    let env = env_number();
    let c = create_ok(&env);
    let f = env.server().mock(|when, then| {
        when.method(GET).path(message_path(AC, SID));
        then.status(200)
            .header("content-type", "application/json")
            .body(huge_message(10));
    });
    let r = send(&env, &["--wait", "--wait-timeout", "5"]);
    c.assert_calls(1);
    assert!(f.calls() >= 1, "{r:?}");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("larger than 4 MiB"), "{r:?}");
    assert!(r.stderr.contains(SID), "the message is named: {r:?}");
}

#[test]
fn a_302_on_a_create_is_not_followed_and_is_outcome_unknown() {
    let env = env_number();
    let elsewhere = MockServer::start();
    let target = elsewhere.mock(|when, then| {
        when.any_request();
        then.status(200)
            .json_body(message_json(SID, "queued", TEST_TO, FROM));
    });
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path(AC));
        then.status(302)
            .header("Location", elsewhere.url(messages_path(AC)));
    });
    let r = send(&env, &[]);
    m.assert_calls(1);
    target.assert_calls(0);
    assert_eq!(r.code, 1, "{r:?}");
    let line = r.error_line();
    assert!(line.contains("outcome unknown"), "{r:?}");
    assert!(line.contains("redirect"), "{r:?}");
    assert!(!r.stdout.contains(SID), "not reported sent: {r:?}");
}

#[test]
fn a_302_on_a_get_is_not_followed_and_says_the_endpoint_redirected() {
    let env = env_number();
    let elsewhere = MockServer::start();
    let target = elsewhere.mock(|when, then| {
        when.any_request();
        then.status(200)
            .json_body(message_json(SID, "delivered", TEST_TO, FROM));
    });
    let c = create_ok(&env);
    let f = env.server().mock(|when, then| {
        when.method(GET).path(message_path(AC, SID));
        then.status(302)
            .header("Location", elsewhere.url(message_path(AC, SID)));
    });
    let r = send(&env, &["--wait", "--wait-timeout", "5"]);
    c.assert_calls(1);
    assert!(f.calls() >= 1, "{r:?}");
    target.assert_calls(0);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("endpoint redirected"), "{r:?}");
}

#[test]
fn a_proxy_in_the_environment_never_sees_a_loopback_endpoint() {
    let proxy = TcpListener::bind("127.0.0.1:0").expect("bind");
    proxy.set_nonblocking(true).unwrap();
    let purl = format!("http://{}", proxy.local_addr().unwrap());
    let mut env = env_number();
    for k in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        env = env.env(k, &purl);
    }
    let env = env.env("NO_PROXY", "").env("no_proxy", "");
    let m = create_ok(&env);
    let r = send(&env, &[]);
    assert_eq!(r.code, 0, "sent directly: {r:?}");
    m.assert_calls(1);
    match proxy.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        Err(e) => panic!("accept on the proxy: {e}"),
        Ok((_, peer)) => panic!("the proxy was connected to from {peer}: {r:?}"),
    }
}

#[test]
fn a_running_smsctl_cannot_dump_core() {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::process::CommandExt;
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["sandbox", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // A process that is not dumpable has its /proc/<pid>/ files owned by root:
    // visible only when it runs as another user, so as root run it as nobody.
    let me = std::fs::metadata("/proc/self").unwrap().uid();
    let uid = if me == 0 {
        cmd.uid(65534).gid(65534);
        65534
    } else {
        me
    };
    let mut child = cmd.spawn().expect("spawn smsctl sandbox");
    // Once it prints, main() is long past its first line.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let pid = child.id();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let mem_owner = std::fs::metadata(format!("/proc/{pid}/mem")).unwrap().uid();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("export "), "the sandbox started: {line:?}");
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some(&uid.to_string())),
        "runs as {uid}: {status}"
    );
    assert_eq!(
        mem_owner, 0,
        "/proc/{pid}/mem is owned by {mem_owner}: dumpable"
    );
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap_or_else(|| panic!("no core limit in {limits}"));
    let fields: Vec<&str> = core.split_whitespace().collect();
    // "Max core file size  <soft>  <hard>  bytes"
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
}
