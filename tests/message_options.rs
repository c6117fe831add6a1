//! `--send-at`, `--validity-period`, `--media-url` and `--content-sid` /
//! `--content-var` on `send` and `campaign run` (issue 12): the exact form
//! Twilio's Messages create takes (parameter names as in twilio_api_v2010.json),
//! every refusal before any request, and the same rehearsed with `--sandbox`.

use httpmock::Mock;
use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::common::{AC, FROM, MG, Run, TEST_TO, TOKEN, TestEnv, WHATSAPP, smsctl};

const SID: &str = "SM0123456789abcdef0123456789abcdef";
const SID2: &str = "SM0123456789abcdef0123456789abcde2";
const HX: &str = "HX0123456789abcdef0123456789abcdef";
const SANDBOX_MG: &str = "MG5a4db0c5000000000000000000000001";
const SANDBOX_HX: &str = "HX5a4db0c5000000000000000000000001";
const SANDBOX_MEDIA_HX: &str = "HX5a4db0c5000000000000000000000002";

fn messages_path() -> String {
    format!("/2010-04-01/Accounts/{AC}/Messages.json")
}

/// Credentials in the environment, sending through a Messaging Service.
fn env_service() -> TestEnv {
    TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_MESSAGING_SERVICE_SID", MG)
}

/// Credentials in the environment, sending from a phone number (and a WhatsApp sender).
fn env_number() -> TestEnv {
    TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM)
        .env("TWILIO_WHATSAPP_FROM", WHATSAPP)
}

fn message(sid: &str, status: &str, to: &str) -> Value {
    json!({
        "sid": sid, "account_sid": AC, "status": status, "to": to, "from": null,
        "messaging_service_sid": MG, "body": "", "num_segments": "1",
        "direction": "outbound-api", "error_code": null, "error_message": null,
        "date_created": "Tue, 01 Dec 2026 21:00:00 +0000", "date_sent": null,
        "api_version": "2010-04-01",
    })
}

/// Any request at all: a test asserts it was never hit.
fn any_request(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.any_request();
        then.status(500).body("no request was expected");
    })
}

/// `hours` from now, written with a +08:00 offset; and the same instant as
/// Twilio's SendAt (UTC, whole seconds).
fn ahead(hours: i64) -> (String, String) {
    let at =
        jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + hours * 3600).unwrap();
    let local = at
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    (local, at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn minutes_ahead(m: i64) -> String {
    let at = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + m * 60).unwrap();
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A Content resource with variables 1 and 2, as Twilio's Content API answers.
fn content_json() -> Value {
    json!({
        "sid": HX, "account_sid": AC, "friendly_name": "appointment", "language": "en",
        "variables": {"1": "name", "2": "date"},
        "types": {"twilio/text": {"body": "Hi {{1}}, see you on {{2}}."}},
        "url": format!("https://content.twilio.com/v1/Content/{HX}"),
        "date_created": "2026-11-01T00:00:00Z", "date_updated": "2026-11-01T00:00:00Z",
    })
}

fn content_mock(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.method(GET).path(format!("/v1/Content/{HX}"));
        then.status(200).json_body(content_json());
    })
}

fn posts(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.method(POST).path(messages_path());
        then.status(201).json_body(message(SID, "queued", TEST_TO));
    })
}

fn send(env: &TestEnv, args: &[&str]) -> Run {
    let mut all = vec!["send", "--to", TEST_TO];
    all.extend_from_slice(args);
    smsctl(env, &all, None)
}

// ------------------------------------------------------------------ send

#[test]
fn send_at_goes_to_twilio_as_utc_send_at_with_schedule_type_fixed() {
    let env = env_service();
    let (local, utc) = ahead(48);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path())
            .form_urlencoded_tuple("To", TEST_TO)
            .form_urlencoded_tuple("MessagingServiceSid", MG)
            .form_urlencoded_tuple("Body", "see you")
            .form_urlencoded_tuple("SendAt", &utc)
            .form_urlencoded_tuple("ScheduleType", "fixed")
            .form_urlencoded_tuple_missing("From");
        then.status(201)
            .json_body(message(SID, "scheduled", TEST_TO));
    });
    let r = send(&env, &["--body", "see you", "--send-at", &local]);
    assert_eq!(r.code, 0, "{}", r.all());
    m.assert();
    assert_eq!(r.stdout.trim(), format!("{SID}\tscheduled"));
    assert!(
        r.stderr.contains("scheduled: Twilio sends it at"),
        "{}",
        r.stderr
    );
}

#[test]
fn send_at_without_a_messaging_service_exits_2_before_any_request() {
    let env = env_number();
    let none = any_request(&env);
    let (local, _) = ahead(48);
    let r = send(&env, &["--body", "x", "--send-at", &local]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("--send-at needs a Messaging Service")
            && r.stderr.contains("sends at once")
            && r.stderr.contains("--messaging-service"),
        "{}",
        r.stderr
    );
    none.assert_calls(0);
}

#[test]
fn send_at_too_soon_too_late_or_without_an_offset_exits_2_before_any_request() {
    let env = env_service();
    let none = any_request(&env);
    let soon = minutes_ahead(10);
    let late = minutes_ahead(36 * 24 * 60);
    for (at, says) in [
        (soon.as_str(), "too soon"),
        (late.as_str(), "too late"),
        ("2026-12-24T09:00:00", "with an offset"),
        ("next tuesday", "with an offset"),
    ] {
        let r = send(&env, &["--body", "x", "--send-at", at]);
        assert_eq!(r.code, 2, "{at}: {}", r.all());
        assert!(r.stderr.contains(says), "{at}: {}", r.stderr);
        assert!(r.stderr.contains("--send-at"), "{at}: {}", r.stderr);
    }
    // --wait on a message that goes out in days makes no sense.
    let (local, _) = ahead(48);
    let r = send(&env, &["--body", "x", "--send-at", &local, "--wait"]);
    assert_eq!(r.code, 2, "{}", r.all());
    none.assert_calls(0);
}

#[test]
fn validity_period_is_sent_and_out_of_range_exits_2_before_any_request() {
    let env = env_number();
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path())
            .form_urlencoded_tuple("ValidityPeriod", "600")
            .form_urlencoded_tuple("Body", "code 1234");
        then.status(201).json_body(message(SID, "queued", TEST_TO));
    });
    let r = send(&env, &["--body", "code 1234", "--validity-period", "600"]);
    assert_eq!(r.code, 0, "{}", r.all());
    m.assert();
    for bad in ["0", "36001", "ten"] {
        let r = send(&env, &["--body", "x", "--validity-period", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.all());
        assert!(r.stderr.contains("--validity-period"), "{}", r.stderr);
    }
    m.assert_calls(1);
}

#[test]
fn media_urls_are_repeated_media_url_parameters_in_order() {
    let env = env_number();
    let a = "https://example.com/a.png";
    let b = "https://example.com/b.jpg";
    let exact = serde_urlencoded::to_string([
        ("To", TEST_TO),
        ("From", FROM),
        ("Body", "look"),
        ("MediaUrl", a),
        ("MediaUrl", b),
    ])
    .unwrap();
    let m = env.server().mock(|when, then| {
        when.method(POST).path(messages_path()).body(&exact);
        then.status(201).json_body(message(SID, "queued", TEST_TO));
    });
    let r = send(
        &env,
        &["--body", "look", "--media-url", a, "--media-url", b],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    m.assert();
    // Media alone: no Body at all.
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path())
            .form_urlencoded_tuple("MediaUrl", a)
            .form_urlencoded_tuple_missing("Body");
        then.status(201).json_body(message(SID, "queued", TEST_TO));
    });
    let r = send(&env, &["--media-url", a]);
    assert_eq!(r.code, 0, "{}", r.all());
    m.assert();
}

#[test]
fn more_than_ten_media_or_plain_http_media_exit_2_before_any_request() {
    let env = env_number();
    let none = any_request(&env);
    let urls: Vec<String> = (0..11)
        .map(|i| format!("https://example.com/{i}.png"))
        .collect();
    let mut args = vec!["--body", "x"];
    for u in &urls {
        args.extend(["--media-url", u.as_str()]);
    }
    let r = send(&env, &args);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("at most 10"), "{}", r.stderr);
    for bad in [
        "http://example.com/a.png",
        "example.com/a.png",
        "ftp://x/a.png",
    ] {
        let r = send(&env, &["--body", "x", "--media-url", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.all());
        assert!(r.stderr.contains("--media-url"), "{}", r.stderr);
    }
    none.assert_calls(0);
}

#[test]
fn content_sid_sends_content_variables_as_a_json_object_and_no_body() {
    let env = env_number();
    let content = content_mock(&env);
    let m = env.server().mock(|when, then| {
        when.method(POST)
            .path(messages_path())
            .form_urlencoded_tuple("To", format!("whatsapp:{TEST_TO}"))
            .form_urlencoded_tuple("From", WHATSAPP)
            .form_urlencoded_tuple("ContentSid", HX)
            .form_urlencoded_tuple("ContentVariables", r#"{"1":"Ana \"A\"","2":"24 Dec"}"#)
            .form_urlencoded_tuple_missing("Body");
        then.status(201).json_body(message(SID, "queued", TEST_TO));
    });
    let r = send(
        &env,
        &[
            "--channel",
            "whatsapp",
            "--content-sid",
            HX,
            "--content-var",
            "1=Ana \"A\"",
            "--content-var",
            "2=24 Dec",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    content.assert();
    m.assert();
}

#[test]
fn a_template_variable_without_a_value_or_an_unknown_template_exits_2_and_sends_nothing() {
    let env = env_number();
    let content = content_mock(&env);
    let missing = env.server().mock(|when, then| {
        when.method(GET)
            .path("/v1/Content/HXffffffffffffffffffffffffffffffff");
        then.status(404).json_body(json!({
            "code": 20404, "message": "The requested resource was not found",
            "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404
        }));
    });
    let post = posts(&env);
    let r = send(&env, &["--content-sid", HX, "--content-var", "1=Ana"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("{{2}} has no value") && r.stderr.contains("--content-var 2=VALUE"),
        "{}",
        r.stderr
    );
    let r = send(
        &env,
        &[
            "--content-sid",
            HX,
            "--content-var",
            "1=a",
            "--content-var",
            "2=b",
            "--content-var",
            "3=c",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("no variable {{3}}"), "{}", r.stderr);
    content.assert_calls(2);
    let r = send(
        &env,
        &[
            "--content-sid",
            "HXffffffffffffffffffffffffffffffff",
            "--content-var",
            "1=a",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("no such Content template"),
        "{}",
        r.stderr
    );
    missing.assert();
    // Not a SID, a body with a template, a variable without a template: usage errors.
    for args in [
        vec!["--content-sid", "HX12", "--content-var", "1=a"],
        vec!["--content-sid", HX, "--body", "hi"],
        vec!["--body", "hi", "--content-var", "1=a"],
        vec!["--content-sid", HX, "--content-var", "1="],
    ] {
        let r = send(&env, &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.all());
    }
    content.assert_calls(2);
    post.assert_calls(0);
}

// -------------------------------------------------------------- campaign

fn write_csv(env: &TestEnv, text: &str) -> String {
    let p = env.path("r.csv");
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn campaign(env: &TestEnv, csv: &str, args: &[&str]) -> Run {
    let mut all = vec!["campaign", "run", "--recipients", csv, "--yes"];
    all.extend_from_slice(args);
    smsctl(env, &all, None)
}

const TWO: &str = "recipient,name,date\n+6591234567,Ana,24 Dec\n+6591234568,Bo,25 Dec\n";

#[test]
fn a_content_template_campaign_sends_each_rows_variables_and_no_body() {
    let env = env_number();
    let csv = write_csv(&env, TWO);
    let content = content_mock(&env);
    let mocks: Vec<Mock<'_>> = [
        ("+6591234567", "Ana", "24 Dec", SID),
        ("+6591234568", "Bo", "25 Dec", SID2),
    ]
    .into_iter()
    .map(|(to, name, date, sid)| {
        env.server().mock(|when, then| {
            when.method(POST)
                .path(messages_path())
                .form_urlencoded_tuple("To", format!("whatsapp:{to}"))
                .form_urlencoded_tuple("ContentSid", HX)
                .form_urlencoded_tuple(
                    "ContentVariables",
                    json!({"1": name, "2": date}).to_string(),
                )
                .form_urlencoded_tuple_missing("Body");
            then.status(201).json_body(message(sid, "queued", to));
        })
    })
    .collect();
    let dry = campaign(
        &env,
        &csv,
        &[
            "--channel",
            "whatsapp",
            "--content-sid",
            HX,
            "--content-var",
            "1=name",
            "--content-var",
            "2=date",
            "--dry-run",
        ],
    );
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stdout.contains("Hi Ana, see you on 24 Dec."),
        "{}",
        dry.stdout
    );
    mocks.iter().for_each(|m| m.assert_calls(0));
    let r = campaign(
        &env,
        &csv,
        &[
            "--channel",
            "whatsapp",
            "--content-sid",
            HX,
            "--content-var",
            "1=name",
            "--content-var",
            "2=date",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    mocks.iter().for_each(|m| m.assert());
    content.assert_calls(2);
    let report = std::fs::read_to_string(env.path("r.report.csv")).unwrap();
    assert!(
        report.contains(&format!("+6591234567,2,sent,{SID}")),
        "{report}"
    );
}

#[test]
fn a_content_template_campaign_is_not_retried_as_bodies() {
    let env = env_number();
    let csv = write_csv(&env, TWO);
    content_mock(&env);
    // Twilio's queue overflow (30001) is transient: `campaign retry` would take it.
    let post = env.server().mock(|when, then| {
        when.method(POST).path(messages_path());
        then.status(400).json_body(json!({
            "code": 30001, "message": "Queue overflow", "status": 400,
            "more_info": "https://www.twilio.com/docs/errors/30001"
        }));
    });
    let args = [
        "--channel",
        "whatsapp",
        "--content-sid",
        HX,
        "--content-var",
        "1=name",
        "--content-var",
        "2=date",
    ];
    let r = campaign(&env, &csv, &args);
    assert_eq!(r.code, 4, "{}", r.all());
    post.assert_calls(2);
    let journal = env.path("r.csv.smsctl-journal").display().to_string();
    let r = smsctl(&env, &["campaign", "retry", &journal, "--yes"], None);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("Content template campaign"),
        "{}",
        r.stderr
    );
    post.assert_calls(2);
}

#[test]
fn a_template_row_missing_a_value_is_refused_with_its_line_and_nothing_is_sent() {
    let env = env_number();
    let csv = write_csv(
        &env,
        "recipient,name,date\n+6591234567,Ana,24 Dec\n+6591234568,,25 Dec\n",
    );
    let content = content_mock(&env);
    let post = posts(&env);
    let args = [
        "--channel",
        "whatsapp",
        "--content-sid",
        HX,
        "--content-var",
        "1=name",
        "--content-var",
        "2=date",
    ];
    let r = campaign(&env, &csv, &args);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains(&format!(
            "{csv}:3: template variable {{{{1}}}} (column \"name\") is empty"
        )),
        "{}",
        r.stderr
    );
    // A variable mapped to no column, and a variable left unmapped.
    let r = campaign(
        &env,
        &csv,
        &[
            "--content-sid",
            HX,
            "--content-var",
            "1=nom",
            "--content-var",
            "2=date",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("--content-var 1=nom: no column \"nom\""),
        "{}",
        r.stderr
    );
    let r = campaign(
        &env,
        &csv,
        &["--content-sid", HX, "--content-var", "1=name"],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("--content-var 2=COLUMN"), "{}", r.stderr);
    // A template together with a body is a usage error, before any request.
    let r = campaign(&env, &csv, &["--content-sid", HX, "--body", "hi {{name}}"]);
    assert_eq!(r.code, 2, "{}", r.all());
    content.assert_calls(3);
    post.assert_calls(0);
}

#[test]
fn a_scheduled_campaign_sends_every_option_and_records_scheduled() {
    let env = env_service();
    let csv = write_csv(&env, TWO);
    let (local, utc) = ahead(24);
    let mocks: Vec<Mock<'_>> = [("+6591234567", SID), ("+6591234568", SID2)]
        .into_iter()
        .map(|(to, sid)| {
            env.server().mock(|when, then| {
                when.method(POST)
                    .path(messages_path())
                    .form_urlencoded_tuple("To", to)
                    .form_urlencoded_tuple("MessagingServiceSid", MG)
                    .form_urlencoded_tuple("SendAt", &utc)
                    .form_urlencoded_tuple("ScheduleType", "fixed")
                    .form_urlencoded_tuple("ValidityPeriod", "3600")
                    .form_urlencoded_tuple("MediaUrl", "https://example.com/a.png");
                then.status(201).json_body(message(sid, "scheduled", to));
            })
        })
        .collect();
    let dry = campaign(
        &env,
        &csv,
        &["--body", "Hi {{name}}", "--send-at", &local, "--dry-run"],
    );
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stderr.contains("Twilio sends them at"),
        "{}",
        dry.stderr
    );
    let r = campaign(
        &env,
        &csv,
        &[
            "--body",
            "Hi {{name}}",
            "--send-at",
            &local,
            "--validity-period",
            "3600",
            "--media-url",
            "https://example.com/a.png",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    mocks.iter().for_each(|m| m.assert());
    assert!(r.stdout.contains("scheduled"), "{}", r.stdout);
    let report = std::fs::read_to_string(env.path("r.report.csv")).unwrap();
    assert!(
        report.contains(&format!("+6591234567,2,scheduled,{SID}")),
        "{report}"
    );
    let journal = std::fs::read_to_string(env.path("r.csv.smsctl-journal")).unwrap();
    assert_eq!(
        journal.matches(r#""status":"scheduled""#).count(),
        2,
        "{journal}"
    );

    // `campaign status` keeps the one still scheduled apart from the one sent.
    env.server().mock(|when, then| {
        when.method(GET).path(messages_path());
        then.status(200)
            .json_body(json!({"messages": [], "next_page_uri": null}));
    });
    for (sid, status, to) in [
        (SID, "scheduled", "+6591234567"),
        (SID2, "delivered", "+6591234568"),
    ] {
        env.server().mock(|when, then| {
            when.method(GET)
                .path(format!("/2010-04-01/Accounts/{AC}/Messages/{sid}.json"));
            then.status(200).json_body(message(sid, status, to));
        });
    }
    let journal_path = env.path("r.csv.smsctl-journal").display().to_string();
    let s = smsctl(&env, &["campaign", "status", &journal_path], None);
    assert_eq!(s.code, 0, "{}", s.all());
    let report = std::fs::read_to_string(env.path("r.report.csv")).unwrap();
    assert!(
        report.contains(&format!("+6591234567,2,scheduled,{SID}")),
        "{report}"
    );
    assert!(
        report.contains(&format!("+6591234568,3,delivered,{SID2}")),
        "{report}"
    );
    assert!(s.stdout.contains("scheduled"), "{}", s.stdout);
}

#[test]
fn send_at_refusals_of_a_campaign_exit_2_with_no_request() {
    let env = env_number();
    let csv = write_csv(&env, TWO);
    let none = any_request(&env);
    let (local, _) = ahead(24);
    let r = campaign(&env, &csv, &["--body", "Hi {{name}}", "--send-at", &local]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("needs a Messaging Service"),
        "{}",
        r.stderr
    );
    let env = env_service();
    let csv = write_csv(&env, TWO);
    let none2 = any_request(&env);
    // 40 minutes ahead is in Twilio's window, but two messages at one every
    // 30 minutes take an hour to create: the last would be too late to schedule.
    let at = minutes_ahead(40);
    let r = campaign(
        &env,
        &csv,
        &[
            "--body",
            "Hi {{name}}",
            "--send-at",
            &at,
            "--rate",
            "0.000555",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("too soon") && r.stderr.contains("--rate"),
        "{}",
        r.stderr
    );
    let late = minutes_ahead(36 * 24 * 60);
    let r = campaign(
        &env,
        &csv,
        &["--body", "Hi {{name}}", "--send-at", &late, "--dry-run"],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("too late"), "{}", r.stderr);
    for bad in [
        vec!["--media-url", "http://example.com/a.png"],
        vec!["--validity-period", "36001"],
    ] {
        let mut args = vec!["--body", "Hi {{name}}"];
        args.extend(bad);
        let r = campaign(&env, &csv, &args);
        assert_eq!(r.code, 2, "{}", r.all());
    }
    none.assert_calls(0);
    none2.assert_calls(0);
    assert!(!env.path("r.csv.smsctl-journal").exists());
}

// ---------------------------------------------------------------- sandbox

#[test]
fn sandbox_rehearses_a_scheduled_campaign_with_media() {
    let env = TestEnv::new();
    let csv = write_csv(&env, TWO);
    let (local, _) = ahead(24);
    let r = campaign(
        &env,
        &csv,
        &[
            "--sandbox",
            "--body",
            "Hi {{name}}",
            "--messaging-service",
            SANDBOX_MG,
            "--send-at",
            &local,
            "--media-url",
            "https://example.com/a.png",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let report = std::fs::read_to_string(env.path("r.sandbox.report.csv")).unwrap();
    assert_eq!(report.matches(",scheduled,SM").count(), 2, "{report}");
    // Without the Messaging Service the sandbox run is refused like a real one.
    let r = campaign(
        &env,
        &csv,
        &["--sandbox", "--body", "Hi {{name}}", "--send-at", &local],
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains(SANDBOX_MG), "{}", r.stderr);
}

#[test]
fn sandbox_rehearses_a_whatsapp_template_campaign_and_send() {
    let env = TestEnv::new();
    let csv = write_csv(&env, TWO);
    let args = [
        "--sandbox",
        "--channel",
        "whatsapp",
        "--content-sid",
        SANDBOX_HX,
        "--content-var",
        "1=name",
        "--content-var",
        "2=date",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let d = campaign(&env, &csv, &dry);
    assert_eq!(d.code, 0, "{}", d.all());
    assert!(
        d.stdout
            .contains("Hello Ana, this is a reminder of your appointment on 24 Dec."),
        "{}",
        d.stdout
    );
    let r = campaign(&env, &csv, &args);
    assert_eq!(r.code, 0, "{}", r.all());
    let report = std::fs::read_to_string(env.path("r.sandbox.report.csv")).unwrap();
    assert_eq!(report.matches(",sent,SM").count(), 2, "{report}");
    // One message: the sandbox renders the template and records its media.
    let s = smsctl(
        &env,
        &[
            "--json",
            "send",
            "--sandbox",
            "--channel",
            "whatsapp",
            "--to",
            TEST_TO,
            "--content-sid",
            SANDBOX_MEDIA_HX,
            "--content-var",
            "1=A-17",
        ],
        None,
    );
    assert_eq!(s.code, 0, "{}", s.all());
    let v: Value = serde_json::from_str(&s.stdout).unwrap();
    assert_eq!(v["body"], "Good news: order A-17 has shipped!");
    assert_eq!(v["num_media"], "1");
    // An unknown template: Twilio's 404, exit 2.
    let s = smsctl(
        &env,
        &[
            "send",
            "--sandbox",
            "--to",
            TEST_TO,
            "--content-sid",
            "HX5a4db0c50000000000000000000000ff",
        ],
        None,
    );
    assert_eq!(s.code, 2, "{}", s.all());
}

// ----------------------------------------------------------------- retry

/// Twilio's queue overflow (30001) for every create: transient, so `campaign
/// retry` sends each row once more.
fn overflow(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.method(POST).path(messages_path());
        then.status(400).json_body(json!({
            "code": 30001, "message": "Queue overflow", "status": 400,
            "more_info": "https://www.twilio.com/docs/errors/30001"
        }));
    })
}

fn retry(env: &TestEnv, args: &[&str]) -> Run {
    let journal = env.path("r.csv.smsctl-journal").display().to_string();
    let mut all = vec!["campaign", "retry", journal.as_str()];
    all.extend_from_slice(args);
    smsctl(env, &all, None)
}

/// A scheduled campaign with validity and media whose two creates failed 30001.
fn failed_scheduled_campaign(env: &TestEnv, local: &str) {
    let csv = write_csv(env, TWO);
    let mut failing = overflow(env);
    let r = campaign(
        env,
        &csv,
        &[
            "--body",
            "Hi {{name}}",
            "--send-at",
            local,
            "--validity-period",
            "3600",
            "--media-url",
            "https://example.com/a.png",
        ],
    );
    assert_eq!(r.code, 4, "{}", r.all());
    failing.assert_calls(2);
    failing.delete();
}

#[test]
fn a_retry_of_a_scheduled_campaign_sends_the_same_send_at_validity_and_media() {
    let env = env_service();
    let (local, utc) = ahead(24);
    failed_scheduled_campaign(&env, &local);
    let mocks: Vec<Mock<'_>> = [("+6591234567", SID), ("+6591234568", SID2)]
        .into_iter()
        .map(|(to, sid)| {
            env.server().mock(|when, then| {
                when.method(POST)
                    .path(messages_path())
                    .form_urlencoded_tuple("To", to)
                    .form_urlencoded_tuple("MessagingServiceSid", MG)
                    .form_urlencoded_tuple("SendAt", &utc)
                    .form_urlencoded_tuple("ScheduleType", "fixed")
                    .form_urlencoded_tuple("ValidityPeriod", "3600")
                    .form_urlencoded_tuple("MediaUrl", "https://example.com/a.png");
                then.status(201).json_body(message(sid, "scheduled", to));
            })
        })
        .collect();
    let dry = retry(&env, &["--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stderr.contains("scheduled for")
            && dry.stderr.contains("within 3600 s")
            && dry.stderr.contains("1 media URL"),
        "{}",
        dry.stderr
    );
    mocks.iter().for_each(|m| m.assert_calls(0));
    let r = retry(&env, &["--yes"]);
    assert_eq!(r.code, 0, "{}", r.all());
    mocks.iter().for_each(|m| m.assert());
    let report = std::fs::read_to_string(env.path("r.report.csv")).unwrap();
    assert!(
        report.contains(&format!("+6591234567,2,scheduled,{SID}")),
        "{report}"
    );
}

/// The journal's `M` record with its `send_at` set to `at`.
fn forge_send_at(env: &TestEnv, at: &str) {
    let path = env.path("r.csv.smsctl-journal");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut forged = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            if v["t"] == "M" {
                assert!(v.get("send_at").is_some(), "{l}");
                v["send_at"] = json!(at);
                forged += 1;
                v.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(forged, 1, "{text}");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn a_retry_whose_send_at_is_too_soon_or_past_exits_2_before_any_request() {
    let env = env_service();
    let (local, _) = ahead(24);
    failed_scheduled_campaign(&env, &local);
    let none = any_request(&env);
    for (at, why) in [
        (minutes_ahead(5), "too soon"),
        (minutes_ahead(-60), "has passed"),
    ] {
        forge_send_at(&env, &at);
        for args in [&["--yes"][..], &["--dry-run"]] {
            let r = retry(&env, args);
            assert_eq!(r.code, 2, "{at} {args:?}: {}", r.all());
            assert!(
                r.stderr.contains(why)
                    && r.stderr.contains("scheduled for")
                    && r.stderr.contains("new `campaign run`"),
                "{at} {args:?}: {}",
                r.stderr
            );
        }
    }
    none.assert_calls(0);
}

#[test]
fn a_retry_of_a_media_campaign_sends_the_media() {
    let env = env_number();
    let csv = write_csv(&env, TWO);
    let mut failing = overflow(&env);
    let r = campaign(
        &env,
        &csv,
        &[
            "--body",
            "Hi {{name}}",
            "--media-url",
            "https://example.com/a.png",
            "--media-url",
            "https://example.com/b.png",
        ],
    );
    assert_eq!(r.code, 4, "{}", r.all());
    failing.assert_calls(2);
    failing.delete();
    let mocks: Vec<Mock<'_>> = [("+6591234567", "Ana", SID), ("+6591234568", "Bo", SID2)]
        .into_iter()
        .map(|(to, name, sid)| {
            env.server().mock(|when, then| {
                when.method(POST)
                    .path(messages_path())
                    .form_urlencoded_tuple("To", to)
                    .form_urlencoded_tuple("From", FROM)
                    .form_urlencoded_tuple("Body", format!("Hi {name}"))
                    .form_urlencoded_tuple("MediaUrl", "https://example.com/a.png")
                    .form_urlencoded_tuple("MediaUrl", "https://example.com/b.png")
                    .form_urlencoded_tuple_missing("SendAt");
                then.status(201).json_body(message(sid, "queued", to));
            })
        })
        .collect();
    let r = retry(&env, &["--yes"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(!r.stderr.contains("changed"), "{}", r.stderr);
    mocks.iter().for_each(|m| m.assert());
}
