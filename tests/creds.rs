//! `smsctl creds …` end to end: the real binary, a private Secret Service read
//! back with `secret-tool`, and httpmock standing in for Twilio.

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use httpmock::Mock;
use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::common::{
    AC, AC2, API_SECRET, FROM, MG, MG2, NEW_TOKEN, Run, SK, TEST_TO, TOKEN, TestEnv, WHATSAPP,
    basic_auth, error_20003, require_keychain, run, smsctl, twilio_error,
};

// ---------------------------------------------------------------- helpers

/// `smsctl creds add LABEL --account-sid AC --secret-stdin <extra>` with the Auth Token on stdin.
pub(crate) fn add_token(env: &TestEnv, label: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "creds",
        "add",
        label,
        "--account-sid",
        AC,
        "--auth-kind",
        "auth-token",
        "--secret-stdin",
    ];
    args.extend_from_slice(extra);
    smsctl(env, &args, Some(TOKEN))
}

/// `smsctl creds add LABEL --account-sid AC --api-key SK --secret-stdin <extra>`.
pub(crate) fn add_api_key(env: &TestEnv, label: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "creds",
        "add",
        label,
        "--account-sid",
        AC,
        "--api-key",
        SK,
        "--secret-stdin",
    ];
    args.extend_from_slice(extra);
    smsctl(env, &args, Some(API_SECRET))
}

pub(crate) fn ls_json(env: &TestEnv) -> Vec<Value> {
    let r = smsctl(env, &["creds", "ls", "--json"], None);
    assert_eq!(r.code, 0, "{r:?}");
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("ls --json: {e}: {r:?}"))
}

pub(crate) fn row<'a>(rows: &'a [Value], label: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label} in {rows:#?}"))
}

pub(crate) fn state_of(env: &TestEnv, label: &str) -> String {
    row(&ls_json(env), label)["state"]
        .as_str()
        .expect("state is a string")
        .to_string()
}

/// Nothing was saved: no profile in the TOML, no keychain entry.
pub(crate) fn assert_nothing_saved(env: &TestEnv, label: &str) {
    assert!(
        !env.toml().contains(&format!("[profiles.{label}]")),
        "profile {label} was saved: {}",
        env.toml()
    );
    assert!(
        !env.toml_path().exists(),
        "profiles.toml was written: {}",
        env.toml()
    );
    assert_eq!(
        env.secret_tool_lookup(label),
        None,
        "a secret for {label} is in the keychain"
    );
}

// Twilio stand-ins: exactly the requests README.md lists, Basic auth checked.

pub(crate) fn account_ok<'a>(env: &'a TestEnv, user: &str, secret: &str, status: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(GET)
            .path(format!("/2010-04-01/Accounts/{AC}.json"))
            .header("authorization", basic_auth(user, secret));
        then.status(200).json_body(json!({
            "sid": AC, "friendly_name": "Agency", "status": status, "type": "Full",
            "auth_token": "", "date_created": "Mon, 01 Jan 2024 00:00:00 +0000",
            "uri": format!("/2010-04-01/Accounts/{AC}.json"),
        }));
    })
}

pub(crate) fn account_rejects<'a>(env: &'a TestEnv, user: &str, secret: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(GET)
            .path(format!("/2010-04-01/Accounts/{AC}.json"))
            .header("authorization", basic_auth(user, secret));
        then.status(401).json_body(error_20003());
    })
}

pub(crate) fn messages_ok<'a>(env: &'a TestEnv, user: &str, secret: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(GET)
            .path(format!("/2010-04-01/Accounts/{AC}/Messages.json"))
            .query_param("PageSize", "1")
            .header("authorization", basic_auth(user, secret));
        then.status(200).json_body(json!({
            "messages": [], "first_page_uri": format!("/2010-04-01/Accounts/{AC}/Messages.json?PageSize=1&Page=0"),
            "next_page_uri": null, "previous_page_uri": null, "page": 0, "page_size": 1,
            "uri": format!("/2010-04-01/Accounts/{AC}/Messages.json?PageSize=1&Page=0"),
        }));
    })
}

pub(crate) fn messages_reject<'a>(env: &'a TestEnv, user: &str, secret: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(GET)
            .path(format!("/2010-04-01/Accounts/{AC}/Messages.json"))
            .query_param("PageSize", "1")
            .header("authorization", basic_auth(user, secret));
        then.status(401).json_body(error_20003());
    })
}

pub(crate) fn service<'a>(
    env: &'a TestEnv,
    mg: &str,
    user: &str,
    secret: &str,
    found: bool,
) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(GET)
            .path(format!("/v1/Services/{mg}"))
            .header("authorization", basic_auth(user, secret));
        if found {
            then.status(200).json_body(json!({
                "sid": mg, "account_sid": AC, "friendly_name": "Alerts",
                "url": format!("https://messaging.twilio.com/v1/Services/{mg}"),
            }));
        } else {
            then.status(404).json_body(twilio_error(
                20404,
                404,
                &format!("The requested resource /Services/{mg} was not found"),
            ));
        }
    })
}

pub(crate) fn numbers<'a>(env: &'a TestEnv, user: &str, secret: &str, owned: bool) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(GET)
            .path(format!(
                "/2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json"
            ))
            .query_param("PhoneNumber", FROM)
            .header("authorization", basic_auth(user, secret));
        let list = if owned {
            json!([{ "sid": "PN0123456789abcdef0123456789abcdef", "account_sid": AC,
                     "phone_number": FROM, "friendly_name": "(415) 555-2671" }])
        } else {
            json!([])
        };
        then.status(200).json_body(json!({
            "incoming_phone_numbers": list, "next_page_uri": null, "page": 0, "page_size": 50,
        }));
    })
}

/// Matches any request at all: with `assert_hits(0)` it proves none was made.
pub(crate) fn any_request(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.any_request();
        then.status(500).body("no request was expected");
    })
}

/// A profile saved with --no-verify (needs the keychain).
fn saved_unverified(env: &TestEnv, label: &str) {
    let r = add_token(env, label, &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
}

/// profiles.toml with two profiles, written directly (no keychain needed).
pub(crate) fn two_profiles_toml() -> String {
    format!(
        r#"default = "alpha"

[profiles.alpha]
account_sid = "{AC}"
auth = "auth-token"
messaging_service_sid = "{MG}"
state = "ready"
verified_at = "2025-01-02T03:04:05Z"

[profiles.beta]
account_sid = "{AC2}"
auth = "api-key"
api_key_sid = "{SK}"
state = "unverified"
"#
    )
}

// ---------------------------------------------------------------- add

#[test]
fn add_auth_token_with_messaging_service_is_verified_and_saved() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let svc = service(&env, MG, AC, TOKEN, true);
    let r = add_token(
        &env,
        "agency-prod",
        &[
            "--messaging-service",
            MG,
            "--test-to",
            TEST_TO,
            "--default-region",
            "SG",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    svc.assert_calls(1);
    assert!(r.stderr.contains("state: ready"), "{r:?}");
    assert_eq!(
        env.secret_tool_lookup("agency-prod").as_deref(),
        Some(TOKEN)
    );
    let toml = env.toml();
    assert!(!toml.contains(TOKEN), "the TOML holds the secret: {toml}");
    assert!(toml.contains(MG) && toml.contains(TEST_TO), "{toml}");
    let rows = ls_json(&env);
    let p = row(&rows, "agency-prod");
    assert_eq!(p["state"], "ready");
    assert_eq!(p["auth"], "auth-token");
    assert_eq!(p["account_sid"], AC);
    assert_eq!(p["messaging_service_sid"], MG);
    assert_eq!(p["test_to"], TEST_TO);
    assert_eq!(p["default"], true, "the first profile becomes the default");
    assert!(p["verified_at"].is_string(), "{p}");
    let show = smsctl(&env, &["creds", "show", "agency-prod"], None);
    assert!(
        show.stdout.contains("Full"),
        "account type recorded: {show:?}"
    );
    assert!(show.stdout.contains("SG"), "{show:?}");
}

#[test]
fn add_api_key_with_phone_number_checks_messages_list_and_ownership() {
    require_keychain();
    let env = TestEnv::with_twilio();
    // A Standard API key may not read the Account: it must not be asked for.
    let acct = account_ok(&env, SK, API_SECRET, "active");
    let msgs = messages_ok(&env, SK, API_SECRET);
    let nums = numbers(&env, SK, API_SECRET, true);
    let r = add_api_key(&env, "keyed", &["--from", FROM]);
    assert_eq!(r.code, 0, "{r:?}");
    msgs.assert_calls(1);
    nums.assert_calls(1);
    acct.assert_calls(0);
    assert_eq!(env.secret_tool_lookup("keyed").as_deref(), Some(API_SECRET));
    let rows = ls_json(&env);
    let p = row(&rows, "keyed");
    assert_eq!(p["state"], "ready");
    assert_eq!(p["auth"], "api-key");
    assert_eq!(p["api_key_sid"], SK);
    assert_eq!(p["from"], FROM);
    assert!(!env.toml().contains(API_SECRET));
}

#[test]
fn add_api_key_with_sender_id_is_ready_and_notes_it_cannot_be_checked() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let msgs = messages_ok(&env, SK, API_SECRET);
    let r = add_api_key(&env, "brand", &["--sender-id", "GovTech"]);
    assert_eq!(r.code, 0, "{r:?}");
    msgs.assert_calls(1);
    assert!(r.stderr.contains("cannot be checked"), "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "brand")["sender_id"], "GovTech");
    assert_eq!(row(&rows, "brand")["state"], "ready");
    assert_eq!(env.secret_tool_lookup("brand").as_deref(), Some(API_SECRET));
}

#[test]
fn add_auth_token_with_whatsapp_sender_is_ready() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let r = add_token(&env, "wa", &["--whatsapp-from", WHATSAPP]);
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "wa")["whatsapp_from"], WHATSAPP);
    assert_eq!(row(&rows, "wa")["state"], "ready");
    assert_eq!(env.secret_tool_lookup("wa").as_deref(), Some(TOKEN));
}

#[test]
fn add_without_sender_is_no_sender_and_says_how_to_add_one() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let r = add_token(&env, "bare", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    assert!(r.stderr.contains("no-sender"), "{r:?}");
    assert!(r.stderr.contains("smsctl creds edit bare"), "{r:?}");
    assert_eq!(state_of(&env, "bare"), "no-sender");
    assert_eq!(env.secret_tool_lookup("bare").as_deref(), Some(TOKEN));
}

#[test]
fn add_takes_the_secret_from_the_environment() {
    require_keychain();
    let env = TestEnv::with_twilio()
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_API_KEY", SK)
        .env("TWILIO_API_SECRET", API_SECRET);
    let acct = account_ok(&env, AC, TOKEN, "active");
    let msgs = messages_ok(&env, SK, API_SECRET);
    // Auth Token from TWILIO_AUTH_TOKEN.
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "from-env-token",
            "--account-sid",
            AC,
            "--auth-kind",
            "auth-token",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    assert_eq!(
        env.secret_tool_lookup("from-env-token").as_deref(),
        Some(TOKEN)
    );
    // API key from TWILIO_API_KEY, its secret from TWILIO_API_SECRET.
    let r = smsctl(
        &env,
        &["creds", "add", "from-env-key", "--account-sid", AC],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    msgs.assert_calls(1);
    assert_eq!(
        env.secret_tool_lookup("from-env-key").as_deref(),
        Some(API_SECRET)
    );
    assert_eq!(row(&ls_json(&env), "from-env-key")["api_key_sid"], SK);
    let toml = env.toml();
    assert!(
        !toml.contains(TOKEN) && !toml.contains(API_SECRET),
        "{toml}"
    );
}

#[test]
fn add_no_verify_makes_no_request_and_saves_unverified() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let any = any_request(&env);
    let r = add_token(&env, "quick", &["--messaging-service", MG, "--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    any.assert_calls(0);
    assert!(r.stderr.contains("unverified"), "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "quick")["state"], "unverified");
    assert!(row(&rows, "quick")["verified_at"].is_null());
    assert_eq!(env.secret_tool_lookup("quick").as_deref(), Some(TOKEN));
    let r = add_api_key(&env, "quick-key", &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    any.assert_calls(0);
    assert_eq!(state_of(&env, "quick-key"), "unverified");
}

#[test]
fn secret_stdin_ignores_the_trailing_newline() {
    require_keychain();
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "echoed",
            "--account-sid",
            AC,
            "--secret-stdin",
            "--no-verify",
        ],
        Some(&format!("{TOKEN}\n")),
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("echoed").as_deref(), Some(TOKEN));
}

#[test]
fn add_rejected_auth_token_exits_3_names_the_credential_and_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let m = account_rejects(&env, AC, TOKEN);
    let r = add_token(&env, "wrong", &["--messaging-service", MG]);
    assert_eq!(r.code, 3, "{r:?}");
    m.assert_calls(1);
    assert!(r.stderr.contains(AC), "names the Account SID: {r:?}");
    assert!(r.stderr.contains("Auth Token"), "{r:?}");
    assert!(r.stderr.contains("20003"), "{r:?}");
    assert!(
        r.stderr
            .contains("https://www.twilio.com/docs/api/errors/20003"),
        "{r:?}"
    );
    assert!(!r.all().contains(TOKEN));
    assert_nothing_saved(&env, "wrong");
}

#[test]
fn add_rejected_api_key_exits_3_names_the_key_and_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let m = messages_reject(&env, SK, API_SECRET);
    let r = add_api_key(&env, "wrong-key", &[]);
    assert_eq!(r.code, 3, "{r:?}");
    m.assert_calls(1);
    assert!(r.stderr.contains(&format!("API Key {SK}")), "{r:?}");
    assert!(r.stderr.contains("20003"), "{r:?}");
    assert!(!r.all().contains(API_SECRET));
    assert_nothing_saved(&env, "wrong-key");
}

#[test]
fn add_unknown_messaging_service_exits_2_and_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let svc = service(&env, MG, AC, TOKEN, false);
    let r = add_token(&env, "no-mg", &["--messaging-service", MG]);
    assert_eq!(r.code, 2, "{r:?}");
    acct.assert_calls(1);
    svc.assert_calls(1);
    assert!(r.stderr.contains(MG), "{r:?}");
    assert!(r.stderr.contains("Messaging Service"), "{r:?}");
    assert_nothing_saved(&env, "no-mg");
}

#[test]
fn add_phone_number_not_owned_exits_2_and_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let nums = numbers(&env, AC, TOKEN, false);
    let r = add_token(&env, "not-mine", &["--from", FROM]);
    assert_eq!(r.code, 2, "{r:?}");
    acct.assert_calls(1);
    nums.assert_calls(1);
    assert!(r.stderr.contains(FROM), "{r:?}");
    assert!(r.stderr.contains("not a phone number of account"), "{r:?}");
    assert_nothing_saved(&env, "not-mine");
}

#[test]
fn add_suspended_account_exits_2_and_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "suspended");
    let r = add_token(&env, "suspended", &[]);
    assert_eq!(r.code, 2, "{r:?}");
    acct.assert_calls(1);
    assert!(r.stderr.contains("suspended"), "{r:?}");
    assert_nothing_saved(&env, "suspended");
}

#[test]
fn add_when_twilio_cannot_be_reached_exits_1_and_saves_nothing() {
    require_keychain();
    // TestEnv::new() points Twilio at loopback port 1: connection refused.
    let env = TestEnv::new();
    let r = add_token(&env, "offline", &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("127.0.0.1"), "{r:?}");
    assert_nothing_saved(&env, "offline");
}

#[test]
fn add_existing_label_exits_2_and_keeps_the_first_secret() {
    require_keychain();
    let env = TestEnv::new();
    saved_unverified(&env, "dup");
    let before = env.toml();
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "dup",
            "--account-sid",
            AC2,
            "--secret-stdin",
            "--no-verify",
        ],
        Some(NEW_TOKEN),
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("already exists"), "{r:?}");
    assert_eq!(env.toml(), before);
    assert_eq!(env.secret_tool_lookup("dup").as_deref(), Some(TOKEN));
}

#[test]
fn add_first_profile_is_default_and_default_flag_moves_it() {
    require_keychain();
    let env = TestEnv::new();
    saved_unverified(&env, "one");
    saved_unverified(&env, "two");
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "one")["default"], true);
    assert_eq!(row(&rows, "two")["default"], false);
    let r = add_token(&env, "three", &["--no-verify", "--default"]);
    assert_eq!(r.code, 0, "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "one")["default"], false);
    assert_eq!(row(&rows, "three")["default"], true);
}

// ---------------------------------------------------------------- missing values, no terminal

#[test]
fn add_without_label_and_terminal_names_label() {
    let env = TestEnv::new();
    let r = smsctl(&env, &["creds", "add", "--account-sid", AC], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("LABEL"), "{r:?}");
    assert!(r.stderr.contains("no terminal"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn add_without_account_sid_and_terminal_names_the_flag() {
    let env = TestEnv::new();
    let r = smsctl(&env, &["creds", "add", "x"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--account-sid"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn add_api_key_without_sid_and_terminal_names_the_flag() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "x",
            "--account-sid",
            AC,
            "--auth-kind",
            "api-key",
        ],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--api-key"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn add_without_secret_and_terminal_names_secret_stdin() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &["creds", "add", "x", "--account-sid", AC, "--no-verify"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
    assert!(r.stderr.contains("TWILIO_AUTH_TOKEN"), "{r:?}");
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "x",
            "--account-sid",
            AC,
            "--api-key",
            SK,
            "--no-verify",
        ],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
    assert!(r.stderr.contains("TWILIO_API_SECRET"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn add_with_empty_secret_stdin_exits_2_naming_the_flag() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "x",
            "--account-sid",
            AC,
            "--secret-stdin",
            "--no-verify",
        ],
        Some(""),
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn add_api_key_with_auth_token_kind_is_bad_usage() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "x",
            "--account-sid",
            AC,
            "--api-key",
            SK,
            "--auth-kind",
            "auth-token",
            "--secret-stdin",
            "--no-verify",
        ],
        Some(TOKEN),
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--api-key"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn creds_commands_without_label_and_terminal_name_label() {
    let env = TestEnv::new();
    for cmd in ["rm", "rotate"] {
        let r = smsctl(&env, &["creds", cmd], None);
        assert_eq!(r.code, 2, "creds {cmd}: {r:?}");
        assert!(r.stderr.contains("<LABEL>"), "creds {cmd}: {r:?}");
    }
    // These take the default profile; without one (and without a terminal
    // for `use`'s picker) they say to pass a LABEL.
    for cmd in ["show", "use", "edit"] {
        let r = smsctl(&env, &["creds", cmd], None);
        assert_eq!(r.code, 2, "creds {cmd}: {r:?}");
        assert!(r.stderr.contains("LABEL"), "creds {cmd}: {r:?}");
    }
}

#[test]
fn rotate_without_secret_and_terminal_names_secret_stdin() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let before = env.toml();
    let r = smsctl(&env, &["creds", "rotate", "alpha"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
    assert_eq!(env.toml(), before);
}

// ---------------------------------------------------------------- format checks

/// `creds add` with everything valid except what `bad` changes: exit 2, the
/// message contains every `expect`ed piece, nothing is written. The secret and
/// --no-verify are given so only the format check can stop it.
fn refused(args: &[&str], expect: &[&str]) {
    let env = TestEnv::new();
    let mut all = vec!["creds", "add"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--secret-stdin", "--no-verify"]);
    let r = smsctl(&env, &all, Some(TOKEN));
    assert_eq!(r.code, 2, "{args:?}: {r:?}");
    for e in expect {
        assert!(r.stderr.contains(e), "{args:?}: missing {e:?} in {r:?}");
    }
    assert!(!r.all().contains(TOKEN), "{r:?}");
    assert!(!env.toml_path().exists(), "{args:?} wrote {}", env.toml());
}

#[test]
fn account_sid_format_is_checked() {
    let expect = [
        "is not a valid Account SID",
        "AC followed by 32 hexadecimal characters",
    ];
    refused(&["x", "--account-sid", "AC123"], &expect);
    refused(&["x", "--account-sid", "AC123"], &["got 5"]);
    refused(&["x", "--account-sid", SK], &expect);
    let not_hex = format!("AC{}", "g".repeat(32));
    refused(&["x", "--account-sid", &not_hex], &expect);
    let too_long = format!("{AC}0");
    refused(&["x", "--account-sid", &too_long], &expect);
    refused(
        &["x", "--account-sid", "ac0123456789abcdef0123456789abcdef"],
        &expect,
    );
}

#[test]
fn api_key_sid_format_is_checked() {
    let expect = [
        "--api-key",
        "is not a valid API Key SID",
        "SK followed by 32 hexadecimal characters",
    ];
    refused(&["x", "--account-sid", AC, "--api-key", "SK1"], &expect);
    refused(&["x", "--account-sid", AC, "--api-key", AC], &expect);
    let not_hex = format!("SK{}", "z".repeat(32));
    refused(&["x", "--account-sid", AC, "--api-key", &not_hex], &expect);
}

#[test]
fn messaging_service_sid_format_is_checked() {
    let expect = [
        "--messaging-service",
        "is not a valid Messaging Service SID",
        "MG followed by 32 hexadecimal characters",
    ];
    refused(
        &["x", "--account-sid", AC, "--messaging-service", "MG42"],
        &expect,
    );
    refused(
        &["x", "--account-sid", AC, "--messaging-service", AC],
        &expect,
    );
    let not_hex = format!("MG{}", "x".repeat(32));
    refused(
        &["x", "--account-sid", AC, "--messaging-service", &not_hex],
        &expect,
    );
}

#[test]
fn e164_is_checked_for_from_and_test_to() {
    for flag in ["--from", "--test-to"] {
        refused(
            &["x", "--account-sid", AC, flag, "4155552671"],
            &[flag, "has no country code"],
        );
        refused(
            &["x", "--account-sid", AC, flag, "+1415"],
            &[flag, "is not a valid phone number"],
        );
        refused(
            &["x", "--account-sid", AC, flag, "hello"],
            &[flag, "is not a phone number"],
        );
        refused(
            &["x", "--account-sid", AC, flag, "whatsapp:+14155238886"],
            &[flag, "whatsapp:"],
        );
    }
}

#[test]
fn sender_id_rules_are_checked() {
    let expect = [
        "is not valid",
        "1 to 11 characters of letters, digits and spaces, with at least one letter",
    ];
    for bad in ["12345", "TooLongSender", "Gov-Tech", "", "Gov_Tech"] {
        refused(&["x", "--account-sid", AC, "--sender-id", bad], &expect);
    }
}

#[test]
fn whatsapp_sender_is_checked() {
    refused(
        &["x", "--account-sid", AC, "--whatsapp-from", "+14155238886"],
        &["--whatsapp-from", "whatsapp:+<number>"],
    );
    refused(
        &["x", "--account-sid", AC, "--whatsapp-from", "whatsapp:12"],
        &["--whatsapp-from"],
    );
}

#[test]
fn default_region_is_checked() {
    refused(
        &["x", "--account-sid", AC, "--default-region", "ZZ"],
        &["\"ZZ\"", "not a known region code"],
    );
}

#[test]
fn labels_are_checked() {
    let expect = [
        "profile label",
        "1 to 50 characters of a-z, 0-9, '-', '_' and '.'",
    ];
    let long = "a".repeat(51);
    for bad in [
        "Agency",
        "agency prod",
        long.as_str(),
        "",
        "agency/prod",
        "é",
    ] {
        refused(&[bad, "--account-sid", AC], &expect);
    }
}

#[test]
fn a_label_of_50_characters_is_accepted_by_the_format_check() {
    // The next missing value is the secret: so the label passed its check.
    let env = TestEnv::new();
    let label = "a".repeat(50);
    let r = smsctl(
        &env,
        &["creds", "add", &label, "--account-sid", AC, "--no-verify"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
}

#[test]
fn secret_length_and_alphabet_are_checked_without_echoing_the_secret() {
    let cases: [(&str, &str); 3] = [
        ("s3cr3tT0kenXYZtooShort", "the one given has 22"),
        (
            "s3cr3tT0kenXYZq8w7e6r5t4y3u2i1o0EXTRA",
            "the one given has 37",
        ),
        (
            "s3cr3tT0kenXYZ-8w7e6r5t4y3u2i1o0",
            "contains other characters",
        ),
    ];
    for (secret, expect) in cases {
        let env = TestEnv::new();
        let r = smsctl(
            &env,
            &[
                "creds",
                "add",
                "x",
                "--account-sid",
                AC,
                "--secret-stdin",
                "--no-verify",
            ],
            Some(secret),
        );
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
        assert!(r.stderr.contains("Auth Token"), "{r:?}");
        assert!(r.stderr.contains(expect), "{r:?}");
        assert!(!r.all().contains(secret), "the secret is echoed: {r:?}");
        assert!(!r.all().contains("s3cr3tT0ken"), "{r:?}");
        assert!(!env.toml_path().exists());
    }
    // From the environment: the variable is named, the value is not shown.
    let env = TestEnv::new().env("TWILIO_API_SECRET", "s3cr3tT0kenXYZtooShort");
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "x",
            "--account-sid",
            AC,
            "--api-key",
            SK,
            "--no-verify",
        ],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("TWILIO_API_SECRET"), "{r:?}");
    assert!(r.stderr.contains("API Key Secret"), "{r:?}");
    assert!(!r.all().contains("s3cr3tT0ken"), "{r:?}");
}

// ---------------------------------------------------------------- ls

#[test]
fn ls_table_marks_the_default_and_shows_the_state() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let header = r.stdout.lines().next().expect("a header");
    for h in [
        "LABEL",
        "ACCOUNT SID",
        "AUTH",
        "SENDER",
        "STATE",
        "LAST VERIFIED",
    ] {
        assert!(header.contains(h), "{h} missing: {r:?}");
    }
    let line = |label: &str| {
        r.stdout
            .lines()
            .find(|l| l.split_whitespace().any(|w| w == label))
            .unwrap_or_else(|| panic!("no row {label}: {r:?}"))
            .to_string()
    };
    let alpha = line("alpha");
    let beta = line("beta");
    assert_eq!(alpha.split_whitespace().next(), Some("*"), "{alpha}");
    assert!(!beta.contains('*'), "{beta}");
    assert!(alpha.contains(AC) && alpha.contains(MG), "{alpha}");
    assert!(
        alpha.contains("auth-token") && alpha.contains("ready"),
        "{alpha}"
    );
    assert!(alpha.contains("2025-01-02 03:04"), "{alpha}");
    assert!(beta.contains(AC2) && beta.contains("api-key"), "{beta}");
    assert!(
        beta.contains("unverified") && beta.contains("never"),
        "{beta}"
    );
}

#[test]
fn ls_json_is_an_array_of_profiles() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let rows = ls_json(&env);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let a = row(&rows, "alpha");
    assert_eq!(a["default"], true);
    assert_eq!(a["account_sid"], AC);
    assert_eq!(a["auth"], "auth-token");
    assert_eq!(a["messaging_service_sid"], MG);
    assert_eq!(a["state"], "ready");
    assert!(
        a["verified_at"]
            .as_str()
            .unwrap()
            .starts_with("2025-01-02T03:04:05")
    );
    let b = row(&rows, "beta");
    assert_eq!(b["default"], false);
    assert_eq!(b["api_key_sid"], SK);
    assert_eq!(b["state"], "unverified");
}

#[test]
fn config_dir_flag_wins_and_the_platform_dir_is_the_fallback() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    // --config-dir beats SMSCTL_CONFIG_DIR.
    let other = env.path("other");
    let r = smsctl(
        &env,
        &[
            "creds",
            "ls",
            "--json",
            "--config-dir",
            other.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout.trim(), "[]", "{r:?}");
    // Without either: $XDG_CONFIG_HOME/smsctl (~/.config/smsctl on Linux).
    let platform = env.home.join(".config").join("smsctl");
    std::fs::create_dir_all(&platform).unwrap();
    std::fs::write(platform.join("profiles.toml"), two_profiles_toml()).unwrap();
    let mut cmd = env.cmd();
    cmd.env_remove("SMSCTL_CONFIG_DIR")
        .args(["creds", "ls", "--json"]);
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows.len(), 2, "{r:?}");
}

#[test]
fn ls_with_no_profiles_says_how_to_add_one() {
    let env = TestEnv::new();
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("smsctl creds add"), "{r:?}");
    assert_eq!(ls_json(&env), Vec::<Value>::new());
}

#[test]
fn ls_shows_environment_credentials_as_an_env_row() {
    let env = TestEnv::new()
        .env("TWILIO_ACCOUNT_SID", AC2)
        .env("TWILIO_AUTH_TOKEN", NEW_TOKEN)
        .env("TWILIO_MESSAGING_SERVICE_SID", MG2);
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let env_row = r
        .stdout
        .lines()
        .find(|l| l.contains("[env]"))
        .unwrap_or_else(|| panic!("no [env] row: {r:?}"));
    assert!(env_row.contains(AC2) && env_row.contains(MG2), "{env_row}");
    assert!(!r.all().contains(NEW_TOKEN), "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(rows.len(), 3);
    let e = row(&rows, "[env]");
    assert_eq!(e["account_sid"], AC2);
    assert_eq!(e["auth"], "auth-token");
    assert_eq!(e["default"], false);
    // Without a secret there is no credential set, and no row.
    let env2 = TestEnv::new().env("TWILIO_ACCOUNT_SID", AC2);
    assert!(ls_json(&env2).iter().all(|r| r["label"] != "[env]"));
}

#[test]
fn ls_never_touches_the_keychain() {
    let env = TestEnv::new().env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("alpha") && r.stdout.contains("beta"),
        "{r:?}"
    );
    assert!(!r.stderr.contains("Secret Service"), "{r:?}");
    assert_eq!(ls_json(&env).len(), 2);
}

#[test]
fn ls_does_not_even_connect_to_the_session_bus() {
    // A bus socket that would accept a connection: any keychain access by ls
    // would show up as a connection here (and then hang until the timeout).
    let (env, bus) = TestEnv::new().with_silent_bus();
    env.write_toml(&two_profiles_toml());
    for args in [&["creds", "ls"][..], &["creds", "ls", "--json"]] {
        let r = smsctl(&env, args, None);
        assert_eq!(r.code, 0, "{r:?}");
    }
    assert!(
        matches!(bus.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "creds ls connected to the D-Bus session bus"
    );
}

#[test]
fn ls_never_touches_the_keychain_after_a_real_add() {
    require_keychain();
    let env = TestEnv::new();
    saved_unverified(&env, "real");
    let mut cmd = env.cmd();
    cmd.args(["creds", "ls", "--json"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{r:?}");
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(row(&rows, "real")["state"], "unverified");
}

// ---------------------------------------------------------------- show

#[test]
fn show_masks_the_secret() {
    require_keychain();
    let env = TestEnv::new();
    let r = add_api_key(
        &env,
        "shown",
        &[
            "--no-verify",
            "--sender-id",
            "GovTech",
            "--test-to",
            TEST_TO,
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let masked = format!("••••••••{}", &API_SECRET[API_SECRET.len() - 4..]);
    let r = smsctl(&env, &["creds", "show", "shown"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains(&masked), "{r:?}");
    assert!(!r.all().contains(API_SECRET), "{r:?}");
    assert!(!r.all().contains(&API_SECRET[..8]), "{r:?}");
    for field in [AC, SK, "api-key", "GovTech", TEST_TO, "unverified", "never"] {
        assert!(r.stdout.contains(field), "{field} missing: {r:?}");
    }
    let r = smsctl(&env, &["creds", "show", "shown", "--json"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["secret"], masked.as_str());
    assert_eq!(v["label"], "shown");
    assert_eq!(v["api_key_sid"], SK);
    assert!(!r.all().contains(API_SECRET));
}

#[test]
fn show_unknown_label_exits_2_and_lists_the_profiles() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "show", "gamma"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("gamma"), "{r:?}");
    assert!(r.stderr.contains("alpha, beta"), "{r:?}");
}

// ---------------------------------------------------------------- rm

#[test]
fn rm_yes_removes_the_keychain_entry_and_the_metadata() {
    require_keychain();
    let env = TestEnv::new();
    saved_unverified(&env, "gone");
    saved_unverified(&env, "kept");
    assert_eq!(env.secret_tool_lookup("gone").as_deref(), Some(TOKEN));
    let r = smsctl(&env, &["creds", "rm", "gone", "--yes"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("warning"), "{r:?}");
    assert_eq!(env.secret_tool_lookup("gone"), None);
    assert_eq!(env.secret_tool_lookup("kept").as_deref(), Some(TOKEN));
    let rows = ls_json(&env);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["label"], "kept");
    assert!(!env.toml().contains("gone"), "{}", env.toml());
    // `-y` and the `remove` alias work too.
    let r = smsctl(&env, &["creds", "remove", "kept", "-y"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("kept"), None);
    assert!(ls_json(&env).is_empty());
}

#[test]
fn rm_without_yes_and_without_terminal_refuses_and_removes_nothing() {
    require_keychain();
    let env = TestEnv::new();
    saved_unverified(&env, "stay");
    let before = env.toml();
    let r = smsctl(&env, &["creds", "rm", "stay"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--yes"), "{r:?}");
    assert_eq!(env.toml(), before);
    assert_eq!(env.secret_tool_lookup("stay").as_deref(), Some(TOKEN));
}

#[test]
fn rm_a_profile_whose_keychain_entry_is_gone_warns_and_removes_it() {
    require_keychain();
    let env = TestEnv::new();
    saved_unverified(&env, "orphan");
    env.secret_tool_clear("orphan");
    assert_eq!(env.secret_tool_lookup("orphan"), None);
    let r = smsctl(&env, &["creds", "rm", "orphan", "--yes"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("warning:"), "{r:?}");
    assert!(r.stderr.contains("already removed"), "{r:?}");
    assert!(ls_json(&env).is_empty());
}

#[test]
fn rm_unknown_label_exits_2() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let before = env.toml();
    let r = smsctl(&env, &["creds", "rm", "gamma", "--yes"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("gamma"), "{r:?}");
    assert_eq!(env.toml(), before);
}

// ---------------------------------------------------------------- use

#[test]
fn use_changes_the_default() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "use", "beta"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "beta")["default"], true);
    assert_eq!(row(&rows, "alpha")["default"], false);
    let r = smsctl(&env, &["creds", "use", "gamma"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(row(&ls_json(&env), "beta")["default"], true);
}

// ---------------------------------------------------------------- rotate

#[test]
fn rotate_verifies_then_stores_the_new_secret() {
    require_keychain();
    let env = TestEnv::with_twilio();
    saved_unverified(&env, "rot");
    let new_ok = account_ok(&env, AC, NEW_TOKEN, "active");
    let r = smsctl(
        &env,
        &["creds", "rotate", "rot", "--secret-stdin"],
        Some(NEW_TOKEN),
    );
    assert_eq!(r.code, 0, "{r:?}");
    new_ok.assert_calls(1);
    assert_eq!(env.secret_tool_lookup("rot").as_deref(), Some(NEW_TOKEN));
    assert_eq!(state_of(&env, "rot"), "no-sender");
    let toml = env.toml();
    assert!(!toml.contains(TOKEN) && !toml.contains(NEW_TOKEN), "{toml}");
    assert!(!r.all().contains(NEW_TOKEN));
}

#[test]
fn rotate_rejected_secret_keeps_the_old_one() {
    require_keychain();
    let env = TestEnv::with_twilio();
    saved_unverified(&env, "rot");
    let before = env.toml();
    let rejected = account_rejects(&env, AC, NEW_TOKEN);
    let r = smsctl(
        &env,
        &["creds", "rotate", "rot", "--secret-stdin"],
        Some(NEW_TOKEN),
    );
    assert_eq!(r.code, 3, "{r:?}");
    rejected.assert_calls(1);
    assert!(r.stderr.contains("20003"), "{r:?}");
    assert_eq!(env.secret_tool_lookup("rot").as_deref(), Some(TOKEN));
    assert_eq!(env.toml(), before);
}

#[test]
fn rotate_unknown_label_exits_2() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(
        &env,
        &["creds", "rotate", "gamma", "--secret-stdin"],
        Some(NEW_TOKEN),
    );
    assert_eq!(r.code, 2, "{r:?}");
}

// ---------------------------------------------------------------- edit

/// A verified auth-token profile with no sender (state no-sender).
fn verified_no_sender(env: &TestEnv, label: &str) {
    let acct = account_ok(env, AC, TOKEN, "active");
    let r = add_token(env, label, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    assert_eq!(state_of(env, label), "no-sender");
}

#[test]
fn edit_bad_sender_format_exits_2_and_leaves_the_file_untouched() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let before = std::fs::read(env.toml_path()).unwrap();
    for args in [
        &["--messaging-service", "MG1"][..],
        &["--from", "12345"],
        &["--sender-id", "way-too-long-id"],
        &["--whatsapp-from", "+14155238886"],
        &["--test-to", "+1415"],
    ] {
        let mut all = vec!["creds", "edit", "alpha"];
        all.extend_from_slice(args);
        let r = smsctl(&env, &all, None);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(
            r.stderr.contains(args[0]) || r.stderr.contains("sender ID"),
            "{r:?}"
        );
        assert_eq!(std::fs::read(env.toml_path()).unwrap(), before, "{args:?}");
    }
}

#[test]
fn edit_messaging_service_that_does_not_exist_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    verified_no_sender(&env, "ed");
    let before = std::fs::read(env.toml_path()).unwrap();
    let svc = service(&env, MG2, AC, TOKEN, false);
    let r = smsctl(
        &env,
        &["creds", "edit", "ed", "--messaging-service", MG2],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    svc.assert_calls(1);
    assert!(r.stderr.contains(MG2), "{r:?}");
    assert_eq!(std::fs::read(env.toml_path()).unwrap(), before);
}

#[test]
fn edit_sender_is_checked_then_saved() {
    require_keychain();
    let env = TestEnv::with_twilio();
    verified_no_sender(&env, "ed");
    let svc = service(&env, MG, AC, TOKEN, true);
    let r = smsctl(
        &env,
        &["creds", "edit", "ed", "--messaging-service", MG],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    svc.assert_calls(1);
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "ed")["messaging_service_sid"], MG);
    assert_eq!(row(&rows, "ed")["state"], "ready");
    // The test number alone needs no request.
    let r = smsctl(&env, &["creds", "edit", "ed", "--test-to", TEST_TO], None);
    assert_eq!(r.code, 0, "{r:?}");
    svc.assert_calls(1);
    assert_eq!(row(&ls_json(&env), "ed")["test_to"], TEST_TO);
    // Clearing the sender: back to no-sender.
    let r = smsctl(&env, &["creds", "edit", "ed", "--clear-sender"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let rows = ls_json(&env);
    assert!(row(&rows, "ed").get("messaging_service_sid").is_none());
    assert_eq!(row(&rows, "ed")["state"], "no-sender");
}

#[test]
fn edit_with_nothing_to_change_exits_2() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "edit", "alpha"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("nothing to change"), "{r:?}");
}

// ---------------------------------------------------------------- verify

#[test]
fn verify_label_checks_again_and_updates_the_state() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let r = add_token(&env, "later", &["--messaging-service", MG, "--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(state_of(&env, "later"), "unverified");
    let acct = account_ok(&env, AC, TOKEN, "active");
    let svc = service(&env, MG, AC, TOKEN, true);
    let r = smsctl(&env, &["creds", "verify", "later"], None);
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    svc.assert_calls(1);
    assert!(
        r.stdout.contains("later") && r.stdout.contains("ok"),
        "{r:?}"
    );
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "later")["state"], "ready");
    assert!(row(&rows, "later")["verified_at"].is_string());
    // Without a LABEL: the default profile.
    let r = smsctl(&env, &["creds", "verify"], None);
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(2);
}

#[test]
fn verify_all_marks_a_rejected_profile_invalid_and_exits_3() {
    require_keychain();
    let env = TestEnv::with_twilio();
    saved_unverified(&env, "good");
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "bad",
            "--account-sid",
            AC,
            "--secret-stdin",
            "--no-verify",
        ],
        Some(NEW_TOKEN),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let ok = account_ok(&env, AC, TOKEN, "active");
    let rejected = account_rejects(&env, AC, NEW_TOKEN);
    let r = smsctl(&env, &["creds", "verify", "--all"], None);
    assert_eq!(r.code, 3, "{r:?}");
    ok.assert_calls(1);
    rejected.assert_calls(1);
    assert!(r.stdout.contains("FAILED"), "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "good")["state"], "no-sender");
    assert_eq!(row(&rows, "bad")["state"], "invalid");
    assert!(row(&rows, "bad")["verified_at"].is_string());
    // --json gives one result per profile.
    let r = smsctl(&env, &["creds", "verify", "--all", "--json"], None);
    assert_eq!(r.code, 3, "{r:?}");
    let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(row(&v, "good")["ok"], true);
    assert_eq!(row(&v, "bad")["ok"], false);
    assert_eq!(row(&v, "bad")["state"], "invalid");
    assert!(!r.all().contains(NEW_TOKEN) && !r.all().contains(TOKEN));
}

#[test]
fn verify_all_exits_non_zero_when_a_sender_fails() {
    require_keychain();
    let env = TestEnv::with_twilio();
    saved_unverified(&env, "fine");
    let r = add_token(&env, "lost-number", &["--from", FROM, "--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    let acct = account_ok(&env, AC, TOKEN, "active");
    let nums = numbers(&env, AC, TOKEN, false);
    let r = smsctl(&env, &["creds", "verify", "--all"], None);
    assert_ne!(r.code, 0, "{r:?}");
    assert_eq!(r.code, 1, "{r:?}");
    acct.assert_calls(2);
    nums.assert_calls(1);
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "fine")["state"], "no-sender");
    assert_ne!(row(&rows, "lost-number")["state"], "ready");
}

#[test]
fn verify_label_and_all_conflict_and_unknown_label_exits_2() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "verify", "alpha", "--all"], None);
    assert_eq!(r.code, 2, "{r:?}");
    let r = smsctl(&env, &["creds", "verify", "gamma"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("gamma"), "{r:?}");
}

// ---------------------------------------------------------------- import

#[test]
fn import_reads_a_dotenv_file_and_warns_about_the_plain_text_secret() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let nums = numbers(&env, AC, TOKEN, true);
    let file = env.path("twilio.env");
    std::fs::write(
        &file,
        format!(
            "# Twilio settings\n\
             \n\
             export TWILIO_ACCOUNT_SID=\"{AC}\"\n\
             TWILIO_AUTH_TOKEN='{TOKEN}'\n\
             TWILIO_PHONE_NUMBER={FROM} # the shop's number\n\
             OTHER_VAR=ignored\n"
        ),
    )
    .unwrap();
    let r = smsctl(
        &env,
        &[
            "creds",
            "import",
            file.to_str().unwrap(),
            "--label",
            "imported",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    nums.assert_calls(1);
    assert!(r.stderr.contains("plain text"), "{r:?}");
    assert!(r.stderr.contains("twilio.env"), "{r:?}");
    assert!(!r.all().contains(TOKEN), "{r:?}");
    assert_eq!(env.secret_tool_lookup("imported").as_deref(), Some(TOKEN));
    let rows = ls_json(&env);
    let p = row(&rows, "imported");
    assert_eq!(p["account_sid"], AC);
    assert_eq!(p["auth"], "auth-token");
    assert_eq!(p["from"], FROM);
    assert_eq!(p["state"], "ready");
    assert!(!env.toml().contains(TOKEN));
}

#[test]
fn import_accepts_a_quoted_value_followed_by_a_comment() {
    require_keychain();
    let env = TestEnv::new();
    let file = env.path("commented.env");
    std::fs::write(
        &file,
        format!(
            "TWILIO_ACCOUNT_SID=\"{AC}\" # the agency account\n\
             TWILIO_AUTH_TOKEN='{TOKEN}'   # rotate yearly\n\
             TWILIO_PHONE_NUMBER=\"{FROM}\" # the shop\n"
        ),
    )
    .unwrap();
    let r = smsctl(
        &env,
        &[
            "creds",
            "import",
            file.to_str().unwrap(),
            "--label",
            "commented",
            "--no-verify",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("commented").as_deref(), Some(TOKEN));
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "commented")["account_sid"], AC);
    assert_eq!(row(&rows, "commented")["from"], FROM);
}

#[test]
fn import_api_key_with_messaging_service() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let msgs = messages_ok(&env, SK, API_SECRET);
    let svc = service(&env, MG, SK, API_SECRET, true);
    let file = env.path(".env");
    std::fs::write(
        &file,
        format!(
            "TWILIO_ACCOUNT_SID={AC}\nTWILIO_API_KEY={SK}\nTWILIO_API_SECRET=\"{API_SECRET}\"\n\
             TWILIO_MESSAGING_SERVICE_SID={MG}\n"
        ),
    )
    .unwrap();
    let r = smsctl(
        &env,
        &["creds", "import", file.to_str().unwrap(), "--label", "k"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    msgs.assert_calls(1);
    svc.assert_calls(1);
    assert!(r.stderr.contains("API Key Secret"), "{r:?}");
    assert_eq!(env.secret_tool_lookup("k").as_deref(), Some(API_SECRET));
    let rows = ls_json(&env);
    assert_eq!(row(&rows, "k")["api_key_sid"], SK);
    assert_eq!(row(&rows, "k")["messaging_service_sid"], MG);
}

#[test]
fn import_bad_value_names_the_file_and_line() {
    let env = TestEnv::with_twilio();
    let any = any_request(&env);
    let file = env.path("bad.env");
    let import = |text: String| {
        std::fs::write(&file, text).unwrap();
        smsctl(
            &env,
            &["creds", "import", file.to_str().unwrap(), "--label", "x"],
            None,
        )
    };
    let r = import(format!(
        "# comment\nTWILIO_AUTH_TOKEN={TOKEN}\nTWILIO_ACCOUNT_SID=AC123\n"
    ));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("bad.env:3:"), "{r:?}");
    assert!(r.stderr.contains("TWILIO_ACCOUNT_SID"), "{r:?}");
    // A bad secret: the line is named, the value is not shown.
    let r = import(format!(
        "TWILIO_ACCOUNT_SID={AC}\n\nTWILIO_AUTH_TOKEN=s3cr3tT0kenXYZshort\n"
    ));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("bad.env:3:"), "{r:?}");
    assert!(r.stderr.contains("TWILIO_AUTH_TOKEN"), "{r:?}");
    assert!(!r.all().contains("s3cr3tT0kenXYZshort"), "{r:?}");
    // A line that is not NAME=value.
    let r = import(format!("TWILIO_ACCOUNT_SID={AC}\nnonsense\n"));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("bad.env:2:"), "{r:?}");
    // A bad phone number.
    let r = import(format!(
        "TWILIO_ACCOUNT_SID={AC}\nTWILIO_AUTH_TOKEN={TOKEN}\nTWILIO_PHONE_NUMBER=555\n"
    ));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("bad.env:3:"), "{r:?}");
    any.assert_calls(0);
    assert!(!env.toml_path().exists());
}

#[test]
fn import_missing_file_or_secret_exits_2() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &["creds", "import", "/nonexistent/x.env", "--label", "x"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    let file = env.path("nosecret.env");
    std::fs::write(&file, format!("TWILIO_ACCOUNT_SID={AC}\n")).unwrap();
    let r = smsctl(
        &env,
        &["creds", "import", file.to_str().unwrap(), "--label", "x"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("TWILIO_AUTH_TOKEN"), "{r:?}");
    // No --label and no terminal: the flag is named.
    std::fs::write(
        &file,
        format!("TWILIO_ACCOUNT_SID={AC}\nTWILIO_AUTH_TOKEN={TOKEN}\n"),
    )
    .unwrap();
    let r = smsctl(&env, &["creds", "import", file.to_str().unwrap()], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--label"), "{r:?}");
    assert!(!env.toml_path().exists());
}

#[test]
fn import_rejected_credentials_exit_3_and_save_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let m = account_rejects(&env, AC, TOKEN);
    let file = env.path("t.env");
    std::fs::write(
        &file,
        format!("TWILIO_ACCOUNT_SID={AC}\nTWILIO_AUTH_TOKEN={TOKEN}\n"),
    )
    .unwrap();
    let r = smsctl(
        &env,
        &["creds", "import", file.to_str().unwrap(), "--label", "nope"],
        None,
    );
    assert_eq!(r.code, 3, "{r:?}");
    m.assert_calls(1);
    assert_nothing_saved(&env, "nope");
}

// ---------------------------------------------------------------- secrets never leak

#[test]
fn a_whole_cycle_never_shows_a_secret_with_or_without_verbose() {
    require_keychain();
    for verbose in [false, true] {
        let env = TestEnv::with_twilio();
        let old_ok = account_ok(&env, AC, TOKEN, "active");
        let new_ok = account_ok(&env, AC, NEW_TOKEN, "active");
        let svc_old = service(&env, MG, AC, TOKEN, true);
        let svc_new = service(&env, MG, AC, NEW_TOKEN, true);
        let mut outputs: Vec<Run> = Vec::new();
        let mut go = |args: &[&str], stdin: Option<&str>, code: i32| {
            let mut all: Vec<&str> = Vec::new();
            if verbose {
                all.push("-v");
            }
            all.extend_from_slice(args);
            let r = smsctl(&env, &all, stdin);
            assert_eq!(r.code, code, "{all:?}: {r:?}");
            outputs.push(r);
        };
        let add = [
            "creds",
            "add",
            "cycle",
            "--account-sid",
            AC,
            "--messaging-service",
            MG,
            "--secret-stdin",
        ];
        go(&add, Some(TOKEN), 0);
        go(&["creds", "ls"], None, 0);
        go(&["creds", "ls", "--json"], None, 0);
        go(&["creds", "show", "cycle"], None, 0);
        go(&["creds", "show", "cycle", "--json"], None, 0);
        go(&["creds", "verify", "cycle"], None, 0);
        go(&["creds", "verify", "--all", "--json"], None, 0);
        // A rejected rotation: the error message must not carry the secret either.
        let bad = format!("{}X", &NEW_TOKEN[..31]);
        let bad_rejected = account_rejects(&env, AC, &bad);
        go(
            &["creds", "rotate", "cycle", "--secret-stdin"],
            Some(&bad),
            3,
        );
        go(
            &["creds", "rotate", "cycle", "--secret-stdin"],
            Some(NEW_TOKEN),
            0,
        );
        assert_eq!(env.secret_tool_lookup("cycle").as_deref(), Some(NEW_TOKEN));
        go(&["creds", "show", "cycle"], None, 0);
        go(&["creds", "verify", "cycle"], None, 0);
        let toml = env.toml();
        go(&["creds", "rm", "cycle", "--yes"], None, 0);
        assert_eq!(env.secret_tool_lookup("cycle"), None);
        old_ok.assert_calls(3);
        new_ok.assert_calls(2);
        svc_old.assert_calls(3);
        svc_new.assert_calls(2);
        bad_rejected.assert_calls(1);
        let forbidden = [
            TOKEN.to_string(),
            NEW_TOKEN.to_string(),
            bad.clone(),
            // The Authorization header's value would carry them too.
            crate::common::base64(format!("{AC}:{TOKEN}").as_bytes()),
            crate::common::base64(format!("{AC}:{NEW_TOKEN}").as_bytes()),
        ];
        for r in &outputs {
            for f in &forbidden {
                assert!(
                    !r.all().contains(f.as_str()),
                    "-v={verbose}: leaked in {r:?}"
                );
            }
        }
        for f in &forbidden {
            assert!(!toml.contains(f.as_str()), "leaked in the TOML: {toml}");
            assert!(!env.toml().contains(f.as_str()));
        }
        if verbose {
            // -v really logged the requests (so the check above means something).
            let log: String = outputs.iter().map(|r| r.stderr.clone()).collect();
            assert!(
                log.contains(&format!("/2010-04-01/Accounts/{AC}.json")),
                "{log}"
            );
            assert!(log.contains("redacted"), "{log}");
        }
    }
}

// ---------------------------------------------------------------- robustness

#[test]
fn twenty_concurrent_adds_keep_every_profile() {
    require_keychain();
    let env = TestEnv::new();
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut cmd = env.std_cmd();
            cmd.args([
                "creds",
                "add",
                &format!("p{i:02}"),
                "--account-sid",
                AC,
                "--auth-kind",
                "auth-token",
                "--no-verify",
            ])
            .env("TWILIO_AUTH_TOKEN", TOKEN)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("spawn smsctl")
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "p{i:02}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let rows = ls_json(&env);
    assert_eq!(rows.len(), 20, "{rows:#?}");
    for i in 0..20 {
        let label = format!("p{i:02}");
        row(&rows, &label);
        assert_eq!(env.secret_tool_lookup(&label).as_deref(), Some(TOKEN));
    }
    assert_eq!(rows.iter().filter(|r| r["default"] == true).count(), 1);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.toml_path()), 0o600);
    assert_eq!(mode(env.config_dir()), 0o700);
    // No temp file left behind.
    let leftovers: Vec<_> = std::fs::read_dir(env.config_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unreachable_keychain_fails_fast_with_one_sentence() {
    // With a long keychain timeout, so that "fast" cannot mean "timed out"
    // (a bound far above any machine's start-up time, far below the timeout).
    let env = TestEnv::new()
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("SMSCTL_KEYCHAIN_TIMEOUT", "120");
    let t0 = Instant::now();
    let r = add_token(&env, "nokeychain", &["--no-verify"]);
    let took = t0.elapsed();
    assert_eq!(r.code, 1, "{r:?}");
    assert!(took < Duration::from_secs(60), "took {took:?}: {r:?}");
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one sentence: {r:?}");
    assert!(lines[0].starts_with("error: "), "{r:?}");
    assert!(
        lines[0].contains("Secret Service"),
        "names the keychain: {r:?}"
    );
    assert!(
        lines[0].contains("TWILIO_ACCOUNT_SID"),
        "points to env vars: {r:?}"
    );
    assert!(!r.all().contains(TOKEN));
    assert!(!env.toml_path().exists(), "wrote {}", env.toml());
}

#[test]
fn a_keychain_that_never_answers_is_given_up_on_after_the_timeout() {
    // A bus socket that accepts connections and never says a word.
    let (env, _bus) = TestEnv::new().with_silent_bus();
    let env = env.env("SMSCTL_KEYCHAIN_TIMEOUT", "1");
    let t0 = Instant::now();
    let r = add_token(&env, "frozen", &["--no-verify"]);
    let took = t0.elapsed();
    assert_eq!(r.code, 1, "{r:?}");
    // Without the timeout it would wait forever; the message says it was 1 s.
    assert!(took < Duration::from_secs(60), "took {took:?}: {r:?}");
    assert!(r.stderr.contains("did not answer within 1 s"), "{r:?}");
    assert!(r.stderr.contains("TWILIO_ACCOUNT_SID"), "{r:?}");
    assert!(!env.toml_path().exists(), "wrote {}", env.toml());
}

#[test]
fn rm_with_an_unreachable_keychain_keeps_the_profile() {
    let env = TestEnv::new().env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    env.write_toml(&two_profiles_toml());
    let before = env.toml();
    let r = smsctl(&env, &["creds", "rm", "alpha", "--yes"], None);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("Secret Service"), "{r:?}");
    assert_eq!(
        env.toml(),
        before,
        "the metadata must stay while its secret may remain"
    );
}

#[test]
fn a_corrupt_profiles_file_is_reported_with_line_and_column_and_left_untouched() {
    require_keychain();
    let env = TestEnv::new();
    let corrupt = format!(
        "default = \"alpha\"\n\n[profiles.alpha]\naccount_sid = \"{AC}\"\nauth = = \"auth-token\"\n"
    );
    env.write_toml(&corrupt);
    let before = std::fs::read(env.toml_path()).unwrap();
    let r = add_token(&env, "new", &["--no-verify"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("profiles.toml:5:8"), "{r:?}");
    assert_eq!(std::fs::read(env.toml_path()).unwrap(), before);
    assert_eq!(env.secret_tool_lookup("new"), None);
    for args in [
        &["creds", "ls"][..],
        &["creds", "show", "alpha"],
        &["creds", "use", "alpha"],
        &["creds", "rm", "alpha", "--yes"],
    ] {
        let r = smsctl(&env, args, None);
        assert_ne!(r.code, 0, "{args:?}: {r:?}");
        assert!(r.stderr.contains("profiles.toml:5:8"), "{args:?}: {r:?}");
        assert_eq!(std::fs::read(env.toml_path()).unwrap(), before, "{args:?}");
    }
}

#[test]
fn an_invalid_value_in_profiles_file_is_reported_and_left_untouched() {
    let env = TestEnv::new();
    env.write_toml(
        "[profiles.alpha]\naccount_sid = \"AC123\"\nauth = \"auth-token\"\nstate = \"ready\"\n",
    );
    let before = std::fs::read(env.toml_path()).unwrap();
    let r = smsctl(&env, &["creds", "use", "alpha"], None);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("profiles.toml"), "{r:?}");
    assert!(r.stderr.contains("alpha"), "{r:?}");
    assert_eq!(std::fs::read(env.toml_path()).unwrap(), before);
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused_before_any_request() {
    // 0.0.0.0 is not loopback, yet a connection to it reaches this listener:
    // if the check were missing, the request would show up here.
    let listener = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://0.0.0.0:{}", listener.local_addr().unwrap().port());
    for var in ["SMSCTL_TWILIO_API_URL", "SMSCTL_TWILIO_MESSAGING_URL"] {
        let env = TestEnv::new()
            .env(var, &url)
            .env("SMSCTL_HTTP_TIMEOUT", "2");
        let r = add_token(&env, "clear-text", &["--messaging-service", MG]);
        assert_eq!(r.code, 2, "{var}: {r:?}");
        assert!(r.stderr.contains(var), "{r:?}");
        assert!(r.stderr.contains("http://"), "{r:?}");
        assert!(r.stderr.contains("loopback"), "{r:?}");
        assert!(
            matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "{var}: a request was made"
        );
        assert!(!env.toml_path().exists());
    }
    // Plain http to loopback is allowed (every mock test relies on it), and to
    // a remote host https is the way.
    let env = TestEnv::new().env("SMSCTL_TWILIO_API_URL", "ftp://example.com");
    let r = add_token(&env, "ftp", &[]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn help_documents_the_exit_codes() {
    let env = TestEnv::new();
    let r = smsctl(&env, &["--help"], None);
    assert_eq!(r.code, 0, "{r:?}");
    for line in [
        "0    done",
        "1    failed",
        "2    bad usage",
        "3    Twilio rejected",
    ] {
        assert!(r.stdout.contains(line), "{line}: {r:?}");
    }
    let r = smsctl(&env, &["creds", "frobnicate"], None);
    assert_eq!(r.code, 2, "{r:?}");
}

// ===== hardening (issue 8): client

/// A loopback endpoint that accepts connections and never answers. Keep the
/// returned value alive for as long as the endpoint is needed.
fn silent_endpoint() -> (String, std::net::TcpListener) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let l2 = l.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in l2.incoming().flatten() {
            held.push(s);
        }
    });
    (url, l)
}

#[test]
fn add_against_an_endpoint_that_never_answers_is_bounded_as_a_whole_and_saves_nothing() {
    require_keychain();
    let (url, _l) = silent_endpoint();
    // Each request times out after 1 s and GETs are retried 5 times, so the
    // per-request bound alone would allow over 6 s; the whole check has 2.
    let env = TestEnv::new()
        .env("SMSCTL_TWILIO_API_URL", &url)
        .env("SMSCTL_TWILIO_MESSAGING_URL", &url)
        .env("SMSCTL_HTTP_TIMEOUT", "1")
        .env("SMSCTL_RETRY_BASE_MS", "200")
        .env("SMSCTL_VERIFY_TIMEOUT", "2");
    let r = add_token(&env, "silent", &["--messaging-service", MG]);
    assert_eq!(r.code, 1, "{r:?}");
    let line = r.error_line();
    assert!(line.contains("did not answer within 2 s"), "{r:?}");
    assert!(line.contains("nothing was saved"), "{r:?}");
    assert!(
        line.contains("SMSCTL_VERIFY_TIMEOUT"),
        "what to check: {r:?}"
    );
    assert!(line.contains("127.0.0.1"), "which endpoint: {r:?}");
    assert_nothing_saved(&env, "silent");
}

// ===== hardening (issue 8): files

/// `two_profiles_toml()` with keys this smsctl does not know, at the top level
/// (a plain key and a table) and inside a profile.
fn toml_with_unknown_keys() -> String {
    two_profiles_toml()
        .replacen(
            "default = \"alpha\"\n",
            "default = \"alpha\"\nfuture_top = \"kept\"\n\n[settings]\ncolour = \"auto\"\n",
            1,
        )
        .replacen(
            "state = \"ready\"\n",
            "state = \"ready\"\nnickname = \"work\"\nlimits = { daily = 500 }\n",
            1,
        )
}

fn assert_unknown_keys_kept(env: &TestEnv, after: &str) {
    let text = env.toml();
    let v: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{after}: {e}: {text}"));
    assert_eq!(v["future_top"].as_str(), Some("kept"), "{after}: {text}");
    assert_eq!(
        v["settings"]["colour"].as_str(),
        Some("auto"),
        "{after}: {text}"
    );
    let alpha = &v["profiles"]["alpha"];
    assert_eq!(alpha["nickname"].as_str(), Some("work"), "{after}: {text}");
    assert_eq!(
        alpha["limits"]["daily"].as_integer(),
        Some(500),
        "{after}: {text}"
    );
}

#[test]
fn keys_the_tool_does_not_know_survive_creds_use_edit_and_add() {
    require_keychain();
    let env = TestEnv::with_twilio();
    env.write_toml(&toml_with_unknown_keys());
    let r = smsctl(&env, &["creds", "use", "beta"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(env.toml().contains("default = \"beta\""), "{}", env.toml());
    assert_unknown_keys_kept(&env, "creds use");

    let r = smsctl(
        &env,
        &["creds", "edit", "alpha", "--test-to", TEST_TO],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(env.toml().contains(TEST_TO), "{}", env.toml());
    assert_unknown_keys_kept(&env, "creds edit");

    let r = add_token(&env, "gamma", &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(env.toml().contains("[profiles.gamma]"), "{}", env.toml());
    assert_unknown_keys_kept(&env, "creds add");
}

#[test]
fn a_config_dir_or_profiles_file_readable_by_others_is_warned_about_once_with_the_fix() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let chmod = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    let dir = env.config_dir().display().to_string();
    let file = env.toml_path().display().to_string();
    let dir_warning = format!(
        "warning: the config dir {dir} is accessible to other users (mode 0755); fix it with `chmod 700 {dir}`"
    );
    let file_warning = format!(
        "warning: {file} is accessible to other users (mode 0644); fix it with `chmod 600 {file}`"
    );
    let count = |r: &Run, line: &str| r.stderr.lines().filter(|l| *l == line).count();

    // A private dir and file (as smsctl writes them): no warning.
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("warning:"), "{r:?}");

    chmod(env.config_dir(), 0o755);
    chmod(&env.toml_path(), 0o644);
    for args in [
        &["creds", "ls"][..],
        &["creds", "ls", "--json"],
        // reads the file twice (load, then update under the lock): still one warning
        &["creds", "edit", "alpha", "--test-to", TEST_TO],
    ] {
        let r = smsctl(&env, args, None);
        assert_eq!(r.code, 0, "{args:?}: {r:?}");
        assert_eq!(count(&r, &dir_warning), 1, "{args:?}: {r:?}");
        assert_eq!(count(&r, &file_warning), 1, "{args:?}: {r:?}");
    }
    // smsctl rewrote profiles.toml 0600; the dir is still open.
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(count(&r, &dir_warning), 1, "{r:?}");
    assert_eq!(r.stderr.matches("warning:").count(), 1, "{r:?}");

    chmod(env.config_dir(), 0o700);
    chmod(&env.toml_path(), 0o640);
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains(&format!(
            "warning: {file} is accessible to other users (mode 0640); fix it with `chmod 600 {file}`"
        )),
        "{r:?}"
    );
    assert!(!r.stderr.contains("config dir"), "{r:?}");
}

/// `creds add LABEL --no-verify` killed with SIGKILL while its keychain write is
/// in flight (the keychain is a bus that never answers, so the write hangs right
/// there), then the write lands anyway (stored behind smsctl's back, as the
/// keychain daemon would finish it): a secret with no profile.
fn crash_between_keychain_and_profile(env: &TestEnv, label: &str) {
    let sock = env.path(&format!("silent-{label}.sock"));
    let _bus = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let mut cmd = env.std_cmd();
    cmd.args([
        "creds",
        "add",
        label,
        "--account-sid",
        AC,
        "--auth-kind",
        "auth-token",
        "--secret-stdin",
        "--no-verify",
    ])
    .env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", sock.display()),
    )
    .env("SMSCTL_KEYCHAIN_TIMEOUT", "120")
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().expect("spawn smsctl");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(TOKEN.as_bytes()).unwrap();
    }
    // Wait (bounded) until the add is inside its keychain write: the mark is down.
    let mark = env.config_dir().join(format!(".pending-secret.{label}"));
    let t0 = Instant::now();
    while !mark.exists() {
        if t0.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("creds add never marked its keychain write as pending");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    // While the add runs (it holds the lock), its mark is not reported.
    let r = smsctl(env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("interrupted"), "{r:?}");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    env.secret_tool_store(label, TOKEN);
    assert!(
        !env.toml().contains(&format!("[profiles.{label}]")),
        "{}",
        env.toml()
    );
}

#[test]
fn a_secret_left_by_a_crash_in_creds_add_is_reported_by_ls_and_removed_by_the_next_add() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let r = add_token(&env, "keep", &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    crash_between_keychain_and_profile(&env, "lost");
    assert_eq!(env.secret_tool_lookup("lost").as_deref(), Some(TOKEN));

    let report = "warning: an interrupted `smsctl creds add lost` may have left a secret for lost in the keychain with no profile; remove it with `smsctl creds rm lost`";
    for args in [&["creds", "ls"][..], &["creds", "ls", "--json"]] {
        let r = smsctl(&env, args, None);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(
            r.stderr.lines().filter(|l| *l == report).count(),
            1,
            "{args:?}: {r:?}"
        );
        assert!(!r.all().contains(TOKEN), "{r:?}");
    }
    // ls only reports: the secret is still there.
    assert_eq!(env.secret_tool_lookup("lost").as_deref(), Some(TOKEN));

    // The next add (of another label) removes the orphan, and only it.
    let r = add_token(&env, "other", &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("removed the keychain secret of lost"),
        "{r:?}"
    );
    assert_eq!(
        env.secret_tool_lookup("lost"),
        None,
        "the orphan is still there"
    );
    assert_eq!(env.secret_tool_lookup("keep").as_deref(), Some(TOKEN));
    assert_eq!(env.secret_tool_lookup("other").as_deref(), Some(TOKEN));
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("interrupted"), "{r:?}");
    let rows = ls_json(&env);
    assert_eq!(rows.len(), 2, "{rows:#?}");

    // The command ls names removes one too.
    crash_between_keychain_and_profile(&env, "lost2");
    let r = smsctl(&env, &["creds", "rm", "lost2"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("lost2"), None);
    let r = smsctl(&env, &["creds", "ls"], None);
    assert!(!r.stderr.contains("interrupted"), "{r:?}");
    assert_eq!(env.secret_tool_lookup("keep").as_deref(), Some(TOKEN));
}
