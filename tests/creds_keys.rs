//! Credentials beyond twilio-cli: `creds add --mint-api-key`, `creds rotate
//! --new-key`, `exec`, `creds status`, `creds rename`, regions, the wizard at a
//! terminal (driven on a pty) and the sandbox rehearsal of all of it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use httpmock::Mock;
use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::common::{
    AC, API_SECRET, FROM, MG, MG2, Run, SK, TEST_TO, TOKEN, TestEnv, basic_auth, error_20003,
    require_keychain, run, smsctl, twilio_error,
};
use crate::creds::{
    account_ok, account_rejects, add_api_key, add_token, assert_nothing_saved, ls_json,
    messages_ok, messages_reject, numbers, row, service, state_of, two_profiles_toml,
};

/// The key Twilio mints in these tests, and its secret.
const SK2: &str = "SKabcdefabcdefabcdefabcdefabcdef01";
const KEY_SECRET: &str = "m1ntedK3ySecr3tAAAbbbCCCdddEEEff";

fn keys_path() -> String {
    format!("/2010-04-01/Accounts/{AC}/Keys.json")
}

fn key_path(sk: &str) -> String {
    format!("/2010-04-01/Accounts/{AC}/Keys/{sk}.json")
}

/// `POST …/Keys.json` with the Auth Token: a new key SK2.
fn mint_ok<'a>(env: &'a TestEnv, name_part: &str) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(POST)
            .path(keys_path())
            .header("authorization", basic_auth(AC, TOKEN))
            .body_includes(format!("FriendlyName=smsctl+{name_part}+on+"));
        then.status(201).json_body(json!({
            "sid": SK2, "friendly_name": format!("smsctl {name_part} on host"),
            "date_created": "Mon, 13 Jun 2016 22:50:08 +0000",
            "date_updated": "Mon, 13 Jun 2016 22:50:08 +0000",
            "secret": KEY_SECRET,
        }));
    })
}

/// Any `POST …/Keys.json` (to prove none was made).
fn any_mint(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.method(POST).path(keys_path());
        then.status(500);
    })
}

/// `DELETE …/Keys/{sk}.json` with the Auth Token, answered `status`.
fn delete_key<'a>(env: &'a TestEnv, sk: &str, status: u16) -> Mock<'a> {
    env.server().mock(|when, then| {
        when.method(DELETE)
            .path(key_path(sk))
            .header("authorization", basic_auth(AC, TOKEN));
        if status == 204 {
            then.status(204);
        } else {
            then.status(status)
                .json_body(twilio_error(20500, status, "Internal Server Error"));
        }
    })
}

fn toml_value(env: &TestEnv) -> toml::Table {
    toml::from_str(&env.toml()).expect("profiles.toml parses")
}

fn profile_field(env: &TestEnv, label: &str, key: &str) -> Option<String> {
    toml_value(env)["profiles"][label]
        .get(key)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn assert_no_secret(r: &Run, secrets: &[&str]) {
    for s in secrets {
        assert!(!r.all().contains(s), "a secret was shown: {r:?}");
    }
}

// ---------------------------------------------------------------- add --mint-api-key

#[test]
fn mint_api_key_creates_a_key_checks_it_and_stores_only_its_secret() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let acct = account_ok(&env, AC, TOKEN, "active");
    let svc_token = service(&env, MG, AC, TOKEN, true);
    let mint = mint_ok(&env, "minted");
    let key_msgs = messages_ok(&env, SK2, KEY_SECRET);
    let svc_key = service(&env, MG, SK2, KEY_SECRET, true);
    let r = add_token(
        &env,
        "minted",
        &["--mint-api-key", "--messaging-service", MG],
    );
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    svc_token.assert_calls(1);
    mint.assert_calls(1);
    key_msgs.assert_calls(1);
    svc_key.assert_calls(1);
    assert_eq!(
        env.secret_tool_lookup("minted").as_deref(),
        Some(KEY_SECRET)
    );
    assert_eq!(
        profile_field(&env, "minted", "auth").as_deref(),
        Some("api-key")
    );
    assert_eq!(
        profile_field(&env, "minted", "api_key_sid").as_deref(),
        Some(SK2)
    );
    assert_eq!(state_of(&env, "minted"), "ready");
    assert!(r.stderr.contains(SK2), "names the new key: {r:?}");
    let toml = env.toml();
    assert!(
        !toml.contains(TOKEN) && !toml.contains(KEY_SECRET),
        "{toml}"
    );
    assert_no_secret(&r, &[TOKEN, KEY_SECRET]);
}

#[test]
fn mint_api_key_whose_check_fails_deletes_the_key_and_saves_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let mint = mint_ok(&env, "doomed");
    let refused = messages_reject(&env, SK2, KEY_SECRET);
    let deleted = delete_key(&env, SK2, 204);
    let r = add_token(&env, "doomed", &["--mint-api-key"]);
    assert_eq!(r.code, 3, "{r:?}");
    mint.assert_calls(1);
    assert!(refused.calls() >= 1);
    deleted.assert_calls(1);
    assert!(
        r.stderr.contains(SK2) && r.stderr.contains("deleted"),
        "{r:?}"
    );
    assert!(!r.stderr.contains("creds rotate"), "{r:?}");
    assert_nothing_saved(&env, "doomed");
    assert_no_secret(&r, &[TOKEN, KEY_SECRET]);
}

#[test]
fn mint_api_key_whose_cleanup_fails_names_the_key_left_at_twilio() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let _mint = mint_ok(&env, "doomed");
    let _refused = messages_reject(&env, SK2, KEY_SECRET);
    let deleted = delete_key(&env, SK2, 500);
    let r = add_token(&env, "doomed", &["--mint-api-key"]);
    assert_ne!(r.code, 0, "{r:?}");
    assert!(deleted.calls() >= 1);
    assert!(
        r.stderr.contains(&key_path(SK2)) && r.stderr.contains("Console"),
        "says how to delete the key by hand: {r:?}"
    );
    assert_nothing_saved(&env, "doomed");
}

#[test]
fn mint_api_key_with_a_wrong_auth_token_mints_nothing_and_names_no_profile() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let rejected = account_rejects(&env, AC, TOKEN);
    let mint = any_mint(&env);
    let r = add_token(&env, "nope", &["--mint-api-key"]);
    assert_eq!(r.code, 3, "{r:?}");
    rejected.assert_calls(1);
    mint.assert_calls(0);
    // The fixed sentence, and no advice to rotate a profile that does not exist.
    assert!(
        r.stderr.contains(&format!(
            "the Account SID {AC} and its Auth Token do not match"
        )),
        "{r:?}"
    );
    assert!(!r.stderr.contains("creds rotate"), "{r:?}");
    assert!(!r.stderr.contains("and its secret"), "{r:?}");
    assert_nothing_saved(&env, "nope");
}

#[test]
fn mint_api_key_conflicts_with_api_key_and_no_verify() {
    let env = TestEnv::new();
    for extra in [["--api-key", SK], ["--no-verify", "--default"]] {
        let mut args = vec!["creds", "add", "x", "--account-sid", AC, "--mint-api-key"];
        args.extend_from_slice(&extra);
        let r = smsctl(&env, &args, Some(TOKEN));
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains("--mint-api-key"), "{r:?}");
    }
    assert!(!env.toml_path().exists());
}

// ---------------------------------------------------------------- rotate --new-key

/// An API-key profile `rot` (SK / API_SECRET), saved unchecked.
fn api_key_profile(env: &TestEnv) {
    let r = add_api_key(env, "rot", &["--messaging-service", MG, "--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
}

fn rotate_new_key(env: &TestEnv) -> Run {
    smsctl(
        env,
        &["creds", "rotate", "rot", "--new-key", "--secret-stdin"],
        Some(TOKEN),
    )
}

#[test]
fn rotate_new_key_mints_checks_stores_then_deletes_the_old_key() {
    require_keychain();
    let env = TestEnv::with_twilio();
    api_key_profile(&env);
    let acct = account_ok(&env, AC, TOKEN, "active");
    let mint = mint_ok(&env, "rot");
    let key_msgs = messages_ok(&env, SK2, KEY_SECRET);
    let _svc = service(&env, MG, SK2, KEY_SECRET, true);
    let old_deleted = delete_key(&env, SK, 204);
    let r = rotate_new_key(&env);
    assert_eq!(r.code, 0, "{r:?}");
    acct.assert_calls(1);
    mint.assert_calls(1);
    key_msgs.assert_calls(1);
    old_deleted.assert_calls(1);
    assert_eq!(env.secret_tool_lookup("rot").as_deref(), Some(KEY_SECRET));
    assert_eq!(
        profile_field(&env, "rot", "api_key_sid").as_deref(),
        Some(SK2)
    );
    assert_eq!(state_of(&env, "rot"), "ready");
    assert!(
        r.stderr.contains(&format!("old API key {SK} deleted")),
        "{r:?}"
    );
    assert!(
        !env.toml().contains("pending_api_key_sid"),
        "{}",
        env.toml()
    );
    assert!(!env.toml().contains(TOKEN));
    assert_no_secret(&r, &[TOKEN, KEY_SECRET, API_SECRET]);
}

#[test]
fn rotate_new_key_whose_old_key_cannot_be_deleted_leaves_a_working_profile() {
    require_keychain();
    let env = TestEnv::with_twilio();
    api_key_profile(&env);
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let _mint = mint_ok(&env, "rot");
    let key_msgs = messages_ok(&env, SK2, KEY_SECRET);
    let _svc = service(&env, MG, SK2, KEY_SECRET, true);
    let old_delete = delete_key(&env, SK, 500);
    let r = rotate_new_key(&env);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(old_delete.calls() >= 1);
    // It says what it could not do: the old key, and how to delete it.
    let e = r.error_line();
    assert!(e.contains(SK) && e.contains(&key_path(SK)), "{r:?}");
    assert!(e.contains("works"), "{r:?}");
    assert!(!e.contains("creds rotate"), "{r:?}");
    // The profile already uses the new key, and it works.
    assert_eq!(env.secret_tool_lookup("rot").as_deref(), Some(KEY_SECRET));
    assert_eq!(
        profile_field(&env, "rot", "api_key_sid").as_deref(),
        Some(SK2)
    );
    let v = smsctl(&env, &["creds", "verify", "rot"], None);
    assert_eq!(v.code, 0, "{v:?}");
    assert_eq!(key_msgs.calls(), 2);
}

#[test]
fn rotate_new_key_whose_new_key_fails_its_check_changes_nothing() {
    require_keychain();
    let env = TestEnv::with_twilio();
    api_key_profile(&env);
    let before = env.toml();
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let _mint = mint_ok(&env, "rot");
    let _refused = messages_reject(&env, SK2, KEY_SECRET);
    let new_deleted = delete_key(&env, SK2, 204);
    let old_delete = delete_key(&env, SK, 204);
    let r = rotate_new_key(&env);
    assert_eq!(r.code, 3, "{r:?}");
    new_deleted.assert_calls(1);
    old_delete.assert_calls(0);
    assert!(r.stderr.contains("nothing changed"), "{r:?}");
    assert_eq!(env.secret_tool_lookup("rot").as_deref(), Some(API_SECRET));
    assert_eq!(env.toml(), before);
}

#[test]
fn rotate_new_key_with_a_wrong_auth_token_changes_nothing_and_does_not_advise_rotate() {
    require_keychain();
    let env = TestEnv::with_twilio();
    api_key_profile(&env);
    let before = env.toml();
    let rejected = account_rejects(&env, AC, TOKEN);
    let mint = any_mint(&env);
    let r = rotate_new_key(&env);
    assert_eq!(r.code, 3, "{r:?}");
    rejected.assert_calls(1);
    mint.assert_calls(0);
    assert!(!r.stderr.contains("creds rotate"), "{r:?}");
    assert!(
        r.stderr.contains(&format!("still uses API key {SK}")),
        "{r:?}"
    );
    assert_eq!(env.secret_tool_lookup("rot").as_deref(), Some(API_SECRET));
    assert_eq!(env.toml(), before);
    assert_no_secret(&r, &[TOKEN]);
}

#[test]
fn rotate_new_key_without_a_terminal_or_stdin_names_secret_stdin() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = smsctl(&env, &["creds", "rotate", "alpha", "--new-key"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--secret-stdin"), "{r:?}");
}

#[test]
fn a_plain_rotate_with_a_wrong_secret_does_not_advise_rotate() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let r = add_token(&env, "plain", &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    let _rejected = account_rejects(&env, AC, crate::common::NEW_TOKEN);
    let r = smsctl(
        &env,
        &["creds", "rotate", "plain", "--secret-stdin"],
        Some(crate::common::NEW_TOKEN),
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert!(!r.stderr.contains("creds rotate"), "{r:?}");
    assert!(r.stderr.contains("unchanged"), "{r:?}");
}

// ---------------------------------------------------------------- exec

/// A shell command for the child: its environment to `env.txt`, smsctl's
/// argv (its parent) and its own to `argv.txt`, then `exit 7`.
fn probe(env: &TestEnv) -> String {
    format!(
        "env > {e}; tr '\\0' ' ' < /proc/$PPID/cmdline > {a}; echo >> {a}; tr '\\0' ' ' < /proc/$$/cmdline >> {a}; exit 7",
        e = env.path("env.txt").display(),
        a = env.path("argv.txt").display()
    )
}

fn child_env(env: &TestEnv) -> Vec<(String, String)> {
    std::fs::read_to_string(env.path("env.txt"))
        .expect("the child ran")
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| k.starts_with("TWILIO_"))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn exec_gives_the_child_the_profiles_credentials_and_its_exit_status() {
    require_keychain();
    // Stray TWILIO_* of smsctl's own environment must not reach the child.
    let env = TestEnv::new().env("TWILIO_AUTH_TOKEN", TOKEN);
    let r = add_api_key(
        &env,
        "app",
        &[
            "--messaging-service",
            MG,
            "--whatsapp-from",
            "whatsapp:+14155238886",
            "--no-verify",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let script = probe(&env);
    let r = smsctl(
        &env,
        &["exec", "--profile", "app", "--", "sh", "-c", &script],
        None,
    );
    assert_eq!(r.code, 7, "{r:?}");
    let mut got = child_env(&env);
    got.sort();
    let mut want: Vec<(String, String)> = [
        ("TWILIO_ACCOUNT_SID", AC),
        ("TWILIO_API_KEY", SK),
        ("TWILIO_API_SECRET", API_SECRET),
        ("TWILIO_MESSAGING_SERVICE_SID", MG),
        ("TWILIO_WHATSAPP_FROM", "whatsapp:+14155238886"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    want.sort();
    assert_eq!(got, want);
    let argv = std::fs::read_to_string(env.path("argv.txt")).unwrap();
    assert!(argv.contains("exec") && argv.contains("sh"), "{argv}");
    assert!(!argv.contains(API_SECRET), "a secret in an argv: {argv}");
    assert_no_secret(&r, &[API_SECRET, TOKEN]);
}

#[test]
fn exec_with_environment_credentials_passes_them_on() {
    let env = TestEnv::new()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let script = probe(&env);
    let r = smsctl(&env, &["exec", "--", "sh", "-c", &script], None);
    assert_eq!(r.code, 7, "{r:?}");
    let got = child_env(&env);
    assert!(
        got.contains(&("TWILIO_AUTH_TOKEN".into(), TOKEN.into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("TWILIO_PHONE_NUMBER".into(), FROM.into())),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(k, _)| k == "TWILIO_API_SECRET"),
        "{got:?}"
    );
}

#[test]
fn exec_passes_the_exit_code_through_and_a_signal_as_128_plus_n() {
    let env = TestEnv::new()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN);
    let r = smsctl(&env, &["exec", "--", "sh", "-c", "exit 0"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(&env, &["exec", "--", "sh", "-c", "exit 42"], None);
    assert_eq!(r.code, 42, "{r:?}");
    let r = smsctl(&env, &["exec", "--", "sh", "-c", "kill -TERM $$"], None);
    assert_eq!(r.code, 128 + 15, "{r:?}");
    // Arguments that look like flags are the child's.
    let r = smsctl(
        &env,
        &["exec", "--", "sh", "-c", "exit $#", "x", "--json", "-v"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn exec_of_a_missing_command_exits_127_and_an_unrunnable_one_126() {
    let env = TestEnv::new()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN);
    let r = smsctl(&env, &["exec", "--", "no-such-command-smsctl-test"], None);
    assert_eq!(r.code, 127, "{r:?}");
    assert!(
        r.error_line()
            .contains("command not found: no-such-command-smsctl-test"),
        "{r:?}"
    );
    let file = env.path("not-executable");
    std::fs::write(&file, "#!/bin/sh\n").unwrap();
    let r = smsctl(&env, &["exec", "--", file.to_str().unwrap()], None);
    assert_eq!(r.code, 126, "{r:?}");
}

#[test]
fn exec_without_credentials_exits_2_and_runs_nothing() {
    let env = TestEnv::new();
    let marker = env.path("ran");
    let script = format!("touch {}", marker.display());
    let r = smsctl(&env, &["exec", "--", "sh", "-c", &script], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!marker.exists());
    let r = smsctl(&env, &["exec"], None);
    assert_eq!(r.code, 2, "{r:?}");
}

// ---------------------------------------------------------------- status

fn status_json(env: &TestEnv, args: &[&str]) -> (i32, Value) {
    let mut a = vec!["creds", "status", "--json"];
    a.extend_from_slice(args);
    let r = smsctl(env, &a, None);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"));
    (r.code, v)
}

#[test]
fn status_of_the_default_profile_checks_it_live_and_exits_0_when_it_can_send() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let r = add_token(&env, "main", &["--messaging-service", MG, "--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    let acct = account_ok(&env, AC, TOKEN, "active");
    let svc = service(&env, MG, AC, TOKEN, true);
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 0, "{v}");
    acct.assert_calls(1);
    svc.assert_calls(1);
    assert_eq!(v["reason"], "default");
    assert_eq!(v["label"], "main");
    assert_eq!(v["stored_state"], "unverified");
    assert_eq!(v["live"]["ok"], true);
    assert_eq!(v["can_send"], true);
    // Read-only: the stored state is not changed by a status.
    assert_eq!(state_of(&env, "main"), "unverified");
    // The human form says the same.
    let r = smsctl(&env, &["creds", "status"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("profile main") && r.stdout.contains("default"),
        "{r:?}"
    );
    assert!(
        r.stdout.contains("can send") && r.stdout.contains("yes"),
        "{r:?}"
    );
}

#[test]
fn status_says_why_each_credential_set_is_chosen() {
    require_keychain();
    let env = TestEnv::with_twilio();
    for label in ["one", "two"] {
        let r = add_token(&env, label, &["--messaging-service", MG, "--no-verify"]);
        assert_eq!(r.code, 0, "{r:?}");
    }
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let _svc = service(&env, MG, AC, TOKEN, true);
    let (_, v) = status_json(&env, &["--profile", "two"]);
    assert_eq!(
        (v["reason"].as_str(), v["label"].as_str()),
        (Some("--profile"), Some("two"))
    );
    let mut cmd = env.cmd();
    cmd.args(["creds", "status", "--json"])
        .env("SMSCTL_PROFILE", "two");
    let r = run(&mut cmd);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["reason"].as_str(), v["label"].as_str()),
        (Some("SMSCTL_PROFILE"), Some("two"))
    );
}

#[test]
fn status_of_environment_credentials_checks_them_and_says_they_win() {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM)
        .env("SMSCTL_PROFILE", "ignored");
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let owned = numbers(&env, AC, TOKEN, true);
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 0, "{v}");
    owned.assert_calls(1);
    assert_eq!(v["source"], "env");
    assert_eq!(v["reason"], "env");
    assert!(
        v["explanation"]
            .as_str()
            .unwrap()
            .contains("SMSCTL_PROFILE=ignored"),
        "{v}"
    );
    assert_eq!(v["senders"], json!([FROM]));
    assert!(!v.to_string().contains(TOKEN));
}

#[test]
fn status_exits_3_when_twilio_rejects_and_1_without_a_sender_or_credentials() {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN);
    let mut rejected = account_rejects(&env, AC, TOKEN);
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 3, "{v}");
    assert_eq!(v["can_send"], false);
    assert!(
        v["live"]["message"].as_str().unwrap().contains("20003"),
        "{v}"
    );
    rejected.delete();
    let _ok = account_ok(&env, AC, TOKEN, "active");
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 1, "no sender: {v}");
    assert_eq!(v["live"]["ok"], true);
    let none = TestEnv::new();
    let r = smsctl(&none, &["creds", "status"], None);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("creds add"), "{r:?}");
}

// ---------------------------------------------------------------- rename

#[test]
fn rename_moves_the_keychain_entry_and_the_default() {
    require_keychain();
    let env = TestEnv::new();
    let r = add_token(&env, "old-name", &["--no-verify", "--test-to", TEST_TO]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(&env, &["creds", "rename", "old-name", "new-name"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("new-name").as_deref(), Some(TOKEN));
    assert_eq!(env.secret_tool_lookup("old-name"), None);
    let rows = ls_json(&env);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(row(&rows, "new-name")["default"], true);
    assert_eq!(row(&rows, "new-name")["test_to"], TEST_TO);
    // No marker is left behind.
    let left: Vec<_> = std::fs::read_dir(&env.config_dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".pending"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn rename_to_a_taken_or_bad_label_or_from_an_unknown_one_exits_2_and_changes_nothing() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let before = env.toml();
    for (old, new) in [
        ("alpha", "beta"),
        ("alpha", "Bad Label"),
        ("gamma", "delta"),
    ] {
        let r = smsctl(&env, &["creds", "rename", old, new], None);
        assert_eq!(r.code, 2, "{old} -> {new}: {r:?}");
    }
    assert_eq!(env.toml(), before);
}

// ---------------------------------------------------------------- default label, regions

#[test]
fn show_and_edit_without_a_label_use_the_default_profile() {
    require_keychain();
    let env = TestEnv::new();
    let r = add_token(&env, "main", &["--no-verify", "--default-region", "SG"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(&env, &["creds", "show"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("main") && r.stdout.contains(AC), "{r:?}");
    // A local number is read in the profile's stored region.
    let r = smsctl(
        &env,
        &["creds", "edit", "--test-to", "9123 4568", "--no-verify"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        profile_field(&env, "main", "test_to").as_deref(),
        Some("+6591234568")
    );
}

#[test]
fn use_without_a_label_and_without_a_terminal_names_label() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let before = env.toml();
    let r = smsctl(&env, &["creds", "use"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.error_line().contains("LABEL"), "{r:?}");
    assert_eq!(env.toml(), before);
}

#[test]
fn region_and_edge_are_validated_and_stored_per_profile() {
    require_keychain();
    let env = TestEnv::new();
    let r = add_token(
        &env,
        "eu",
        &["--no-verify", "--region", "IE1", "--edge", "dublin"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(profile_field(&env, "eu", "region").as_deref(), Some("ie1"));
    assert_eq!(profile_field(&env, "eu", "edge").as_deref(), Some("dublin"));
    let r = smsctl(&env, &["creds", "show", "eu"], None);
    assert!(
        r.stdout.contains("ie1") && r.stdout.contains("dublin"),
        "{r:?}"
    );
    let r = smsctl(&env, &["creds", "edit", "eu", "--region", "mars1"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.error_line().contains("--region") && r.error_line().contains("ie1"),
        "{r:?}"
    );
    let r = smsctl(
        &env,
        &["creds", "edit", "eu", "--edge", "atlantis", "--no-verify"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.error_line().contains("--edge"), "{r:?}");
    let r = smsctl(
        &env,
        &[
            "creds",
            "edit",
            "eu",
            "--region",
            "au1",
            "--edge",
            "sydney",
            "--no-verify",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(profile_field(&env, "eu", "region").as_deref(), Some("au1"));
    // A hand-edited bad value is reported with the file.
    let text = env.toml().replace("\"au1\"", "\"zz9\"");
    env.write_toml(&text);
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("profiles.toml") && r.stderr.contains("zz9"),
        "{r:?}"
    );
}

// ---------------------------------------------------------------- what a new user hit

#[test]
fn add_with_twilio_variables_says_it_uses_them_and_takes_their_sender() {
    require_keychain();
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let owned = numbers(&env, AC, TOKEN, true);
    let r = smsctl(
        &env,
        &["creds", "add", "from-env", "--auth-kind", "auth-token"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    owned.assert_calls(1);
    assert!(
        r.stderr.contains("TWILIO_ACCOUNT_SID")
            && r.stderr.contains("TWILIO_PHONE_NUMBER")
            && r.stderr.contains("TWILIO_AUTH_TOKEN")
            && r.stderr.contains("from the environment"),
        "{r:?}"
    );
    assert_eq!(
        profile_field(&env, "from-env", "from").as_deref(),
        Some(FROM)
    );
    assert_eq!(state_of(&env, "from-env"), "ready");
}

#[test]
fn add_reads_a_local_test_number_in_the_default_region() {
    require_keychain();
    let env = TestEnv::new();
    let r = add_token(
        &env,
        "sg",
        &[
            "--no-verify",
            "--test-to",
            "9123 4567",
            "--default-region",
            "SG",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        profile_field(&env, "sg", "test_to").as_deref(),
        Some(TEST_TO)
    );
    let r = add_token(&env, "nosg", &["--no-verify", "--test-to", "9123 4567"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.error_line().contains("--test-to"), "{r:?}");
}

#[test]
fn creds_test_without_a_sender_advises_only_what_it_accepts() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let r = add_token(&env, "bare", &["--no-verify", "--test-to", TEST_TO]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(&env, &["creds", "test", "bare"], None);
    assert_eq!(r.code, 2, "{r:?}");
    let e = r.error_line();
    assert!(e.contains("smsctl creds edit bare"), "{r:?}");
    assert!(
        !e.contains("--from /") && !e.contains("pass --from"),
        "{r:?}"
    );
}

// ---------------------------------------------------------------- at a terminal (pty)

/// Runs smsctl on a pseudo-terminal through tests/pty_drive.py with `steps`.
fn on_pty(env: &TestEnv, args: &[&str], steps: Value) -> Run {
    let script = env.path("steps.json");
    std::fs::write(&script, steps.to_string()).unwrap();
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty_drive.py"))
        .arg(&script)
        .arg("--")
        .arg(crate::common::BIN)
        .args(args)
        .env("TERM", "xterm")
        .stdin(Stdio::null());
    // The driver passes this world's environment on to smsctl.
    let world = env.std_cmd();
    for (k, v) in world.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let out = cmd.output().expect("python3 runs tests/pty_drive.py");
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const WRONG_TOKEN: &str = "wr0ngT0kenXYZq8w7e6r5t4y3u2i1o0Z";

#[test]
fn the_wizard_asks_again_for_a_wrong_secret_and_a_refused_sender() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let wrong = account_rejects(&env, AC, WRONG_TOKEN);
    let right = account_ok(&env, AC, TOKEN, "active");
    let missing = service(&env, MG, AC, TOKEN, false);
    let found = service(&env, MG2, AC, TOKEN, true);
    let r = on_pty(
        &env,
        &[
            "creds",
            "add",
            "wiz",
            "--account-sid",
            AC,
            "--auth-kind",
            "auth-token",
            "--messaging-service",
            MG,
            "--test-to",
            TEST_TO,
        ],
        json!([
            ["expect", "Auth Token \\(hidden\\)"],
            ["noecho"],
            ["send", format!("{WRONG_TOKEN}\r")],
            ["expect", "do not match"],
            ["expect", "Type the Auth Token .* again"],
            ["expect", "Auth Token \\(hidden\\)"],
            ["noecho"],
            ["send", format!("{TOKEN}\r")],
            ["expect", "does not exist"],
            ["expect", "Send from"],
            // The first choice (a Messaging Service) is highlighted: Enter takes it.
            ["send", "\r"],
            ["expect", "Messaging Service SID"],
            ["send", format!("{MG2}\r")],
            ["expect", "checked with Twilio and saved"],
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    wrong.assert_calls(1);
    assert_eq!(right.calls(), 2);
    missing.assert_calls(1);
    found.assert_calls(1);
    assert!(!r.stdout.contains("creds rotate"), "{r:?}");
    assert_no_secret(&r, &[TOKEN, WRONG_TOKEN]);
    assert_eq!(env.secret_tool_lookup("wiz").as_deref(), Some(TOKEN));
    assert_eq!(
        profile_field(&env, "wiz", "messaging_service_sid").as_deref(),
        Some(MG2)
    );
}

#[test]
fn the_wizard_offers_an_api_key_for_a_typed_auth_token_and_mints_it() {
    require_keychain();
    let env = TestEnv::with_twilio();
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let _svc = service(&env, MG, AC, TOKEN, true);
    let mint = mint_ok(&env, "wiz");
    let _key = messages_ok(&env, SK2, KEY_SECRET);
    let _svc_key = service(&env, MG, SK2, KEY_SECRET, true);
    let r = on_pty(
        &env,
        &[
            "creds",
            "add",
            "wiz",
            "--account-sid",
            AC,
            "--messaging-service",
            MG,
            "--test-to",
            TEST_TO,
        ],
        json!([
            ["expect", "Authenticate with"],
            // Down to "Auth Token", then Enter.
            ["send", "\u{1b}[B\r"],
            ["expect", "Auth Token \\(hidden\\)"],
            ["noecho"],
            ["send", format!("{TOKEN}\r")],
            ["expect", "Create an API key"],
            // The default is yes.
            ["send", "\r"],
            ["expect", "checked with Twilio and saved"],
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    mint.assert_calls(1);
    assert_eq!(env.secret_tool_lookup("wiz").as_deref(), Some(KEY_SECRET));
    assert_eq!(
        profile_field(&env, "wiz", "api_key_sid").as_deref(),
        Some(SK2)
    );
}

#[test]
fn answering_no_to_rm_exits_0_and_keeps_the_profile() {
    require_keychain();
    let env = TestEnv::new();
    let r = add_token(&env, "keep", &["--no-verify"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = on_pty(
        &env,
        &["creds", "rm", "keep"],
        json!([
            ["expect", "Delete profile keep"],
            ["send", "n"],
            ["expect", "nothing deleted"]
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("keep").as_deref(), Some(TOKEN));
    assert_eq!(ls_json(&env).len(), 1);
}

// ---------------------------------------------------------------- the sandbox rehearsal

/// `smsctl sandbox --port 0 EXTRA…` in `env`, and its base URL (read from the
/// `export SMSCTL_TWILIO_API_URL=…` line it prints).
fn start_sandbox(env: &TestEnv, extra: &[&str]) -> (Child, String, String) {
    let mut cmd = env.std_cmd();
    cmd.args(["sandbox", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start the sandbox");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = None;
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(u) = line.strip_prefix("export SMSCTL_TWILIO_API_URL=") {
            url = Some(u.to_string());
            break;
        }
    }
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut banner = String::new();
    while !banner.contains("Also accepted") {
        let mut l = String::new();
        if stderr.read_line(&mut l).unwrap() == 0 {
            break;
        }
        banner.push_str(&l);
    }
    // Keep reading its log, so the sandbox never writes to a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    (child, url.expect("the sandbox prints its URL"), banner)
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_sandbox_banner_names_its_api_key_and_messaging_service() {
    let env = TestEnv::new();
    let (child, _url, banner) = start_sandbox(&env, &[]);
    stop(child);
    assert!(banner.contains(smsctl_sandbox::API_KEY_SID), "{banner}");
    assert!(banner.contains(smsctl_sandbox::API_KEY_SECRET), "{banner}");
    assert!(
        banner.contains(smsctl_sandbox::MESSAGING_SERVICE_SID),
        "{banner}"
    );
}

/// The README's quick start, against `smsctl sandbox`: add (minting a key) →
/// status → test → exec → rotate --new-key → rm.
#[test]
fn the_quick_start_rehearses_against_the_sandbox() {
    require_keychain();
    let base = TestEnv::new();
    let (child, url, _) = start_sandbox(&base, &[]);
    let env = TestEnv::new()
        .env("SMSCTL_TWILIO_API_URL", &url)
        .env("SMSCTL_TWILIO_MESSAGING_URL", &url);
    let ac = smsctl_sandbox::ACCOUNT_SID;
    let token = smsctl_sandbox::AUTH_TOKEN;
    let mg = smsctl_sandbox::MESSAGING_SERVICE_SID;
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "rehearsal",
            "--account-sid",
            ac,
            "--mint-api-key",
            "--messaging-service",
            mg,
            "--test-to",
            "+15005550006",
            "--secret-stdin",
        ],
        Some(token),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let sk1 = profile_field(&env, "rehearsal", "api_key_sid").unwrap();
    let secret1 = env.secret_tool_lookup("rehearsal").unwrap();
    assert_ne!(secret1, token);
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 0, "{v}");
    let r = smsctl(&env, &["creds", "test"], None);
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(
        &env,
        &[
            "exec",
            "--",
            "sh",
            "-c",
            "test \"$TWILIO_API_KEY\" = \"$1\"",
            "sh",
            &sk1,
        ],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(
        &env,
        &[
            "creds",
            "rotate",
            "rehearsal",
            "--new-key",
            "--secret-stdin",
        ],
        Some(token),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let sk2 = profile_field(&env, "rehearsal", "api_key_sid").unwrap();
    assert_ne!(sk1, sk2);
    let secret2 = env.secret_tool_lookup("rehearsal").unwrap();
    assert_ne!(secret1, secret2);
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 0, "the new key works: {v}");
    // The old key is deleted at the sandbox: it no longer opens the account.
    let old = TestEnv::new()
        .env("SMSCTL_TWILIO_API_URL", &url)
        .env("SMSCTL_TWILIO_MESSAGING_URL", &url)
        .env("TWILIO_ACCOUNT_SID", ac)
        .env("TWILIO_API_KEY", &sk1)
        .env("TWILIO_API_SECRET", &secret1)
        .env("TWILIO_MESSAGING_SERVICE_SID", mg);
    let (code, v) = status_json(&old, &[]);
    assert_eq!(code, 3, "the old key is refused: {v}");
    let r = smsctl(&env, &["creds", "rm", "rehearsal", "--yes"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(env.secret_tool_lookup("rehearsal"), None);
    stop(child);
}

#[test]
fn a_rotation_whose_old_key_delete_fails_at_the_sandbox_leaves_a_working_profile() {
    require_keychain();
    let base = TestEnv::new();
    let (child, url, banner) = start_sandbox(&base, &["--fail-key-delete"]);
    assert!(banner.contains(smsctl_sandbox::API_KEY_SID), "{banner}");
    let env = TestEnv::new()
        .env("SMSCTL_TWILIO_API_URL", &url)
        .env("SMSCTL_TWILIO_MESSAGING_URL", &url);
    let ac = smsctl_sandbox::ACCOUNT_SID;
    let token = smsctl_sandbox::AUTH_TOKEN;
    let r = smsctl(
        &env,
        &[
            "creds",
            "add",
            "faulty",
            "--account-sid",
            ac,
            "--api-key",
            smsctl_sandbox::API_KEY_SID,
            "--from",
            smsctl_sandbox::FROM_NUMBER,
            "--secret-stdin",
        ],
        Some(smsctl_sandbox::API_KEY_SECRET),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let r = smsctl(
        &env,
        &["creds", "rotate", "faulty", "--new-key", "--secret-stdin"],
        Some(token),
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.error_line().contains(smsctl_sandbox::API_KEY_SID),
        "{r:?}"
    );
    let (code, v) = status_json(&env, &[]);
    assert_eq!(code, 0, "the profile works with the new key: {v}");
    assert_ne!(v["api_key_sid"], smsctl_sandbox::API_KEY_SID);
    stop(child);
}

#[test]
fn keys_are_refused_where_only_the_auth_token_may_manage_them() {
    // Through httpmock: smsctl sends the Auth Token (never the key) to mint.
    require_keychain();
    let env = TestEnv::with_twilio();
    api_key_profile(&env);
    let _acct = account_ok(&env, AC, TOKEN, "active");
    let by_key = env.server().mock(|when, then| {
        when.method(POST)
            .path(keys_path())
            .header("authorization", basic_auth(SK, API_SECRET));
        then.status(401).json_body(error_20003());
    });
    let _mint = mint_ok(&env, "rot");
    let _m = messages_ok(&env, SK2, KEY_SECRET);
    let _s = service(&env, MG, SK2, KEY_SECRET, true);
    let _d = delete_key(&env, SK, 204);
    let r = rotate_new_key(&env);
    assert_eq!(r.code, 0, "{r:?}");
    by_key.assert_calls(0);
}

/// The state `creds rotate --new-key` leaves if killed between the keychain
/// and the profile write: the mark, the new key's secret in the keychain.
fn interrupted_rotation(env: &TestEnv, keychain_secret: &str) {
    api_key_profile(env);
    let text = env.toml().replace(
        &format!("api_key_sid = \"{SK}\"\n"),
        &format!("api_key_sid = \"{SK}\"\npending_api_key_sid = \"{SK2}\"\n"),
    );
    assert!(text.contains("pending_api_key_sid"), "{text}");
    env.write_toml(&text);
    env.secret_tool_store("rot", keychain_secret);
}

#[test]
fn verify_finishes_a_rotation_killed_after_the_keychain_write() {
    require_keychain();
    let env = TestEnv::with_twilio();
    interrupted_rotation(&env, KEY_SECRET);
    let _old = messages_reject(&env, SK, KEY_SECRET);
    let _new = messages_ok(&env, SK2, KEY_SECRET);
    let _svc = service(&env, MG, SK2, KEY_SECRET, true);
    // Sending commands point at the fix.
    let r = smsctl(&env, &["exec", "--", "true"], None);
    assert!(r.stderr.contains("creds verify rot"), "{r:?}");
    let r = smsctl(&env, &["creds", "verify", "rot"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("finished an interrupted") && r.stderr.contains(SK),
        "{r:?}"
    );
    assert_eq!(
        profile_field(&env, "rot", "api_key_sid").as_deref(),
        Some(SK2)
    );
    assert!(
        !env.toml().contains("pending_api_key_sid"),
        "{}",
        env.toml()
    );
}

#[test]
fn verify_settles_a_rotation_killed_before_the_keychain_write() {
    require_keychain();
    let env = TestEnv::with_twilio();
    interrupted_rotation(&env, API_SECRET);
    let _old = messages_ok(&env, SK, API_SECRET);
    let _svc = service(&env, MG, SK, API_SECRET, true);
    let r = smsctl(&env, &["creds", "verify", "rot"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains(SK2) && r.stderr.contains("may still exist"),
        "{r:?}"
    );
    assert_eq!(
        profile_field(&env, "rot", "api_key_sid").as_deref(),
        Some(SK)
    );
    assert!(
        !env.toml().contains("pending_api_key_sid"),
        "{}",
        env.toml()
    );
}

#[test]
fn use_without_a_label_at_a_terminal_offers_a_picker() {
    let env = TestEnv::new();
    env.write_toml(&two_profiles_toml());
    let r = on_pty(
        &env,
        &["creds", "use"],
        // alpha (the default) is highlighted; one down is beta.
        json!([
            ["expect", "Default profile"],
            ["send", "\u{1b}[B\r"],
            ["expect", "is now the default"]
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(toml_value(&env)["default"].as_str(), Some("beta"), "{r:?}");
}
