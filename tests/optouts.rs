//! `smsctl optouts` end to end (issue 11, point 1): the list commands, the
//! file (private, atomic, safe under concurrent runs), and `send` refusing a
//! listed number or adding one Twilio answers 21610 for. The campaign side
//! (a 21610 in one campaign spares the number in the next) is in campaign.rs.

use httpmock::prelude::*;
use serde_json::Value;

use crate::common::{AC, FROM, TEST_TO, TOKEN, TestEnv, smsctl, twilio_error};

/// A world with env credentials for [`AC`] (no keychain needed) and an httpmock Twilio.
fn world() -> TestEnv {
    TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM)
}

fn list_path(env: &TestEnv) -> std::path::PathBuf {
    env.config_dir.join("optouts").join(format!("{AC}.toml"))
}

/// `optouts ls --json` as (number, source) pairs.
fn listed(env: &TestEnv) -> Vec<(String, String)> {
    let r = smsctl(env, &["optouts", "ls", "--json"], None);
    assert_eq!(r.code, 0, "{}", r.all());
    let v: Value = serde_json::from_str(&r.stdout).expect("ls --json");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            assert!(e["added"].as_str().is_some_and(|a| a.contains('T')), "{e}");
            (
                e["number"].as_str().unwrap().to_string(),
                e["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn add_rm_ls_import_and_export_round_trip_and_a_bad_import_line_writes_nothing() {
    let env = world();
    assert!(listed(&env).is_empty());
    let r = smsctl(
        &env,
        &[
            "optouts",
            "add",
            "+65 9123 4567",
            "91234568",
            "--default-region",
            "SG",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        listed(&env),
        [
            ("+6591234567".to_string(), "manual".to_string()),
            ("+6591234568".to_string(), "manual".to_string())
        ]
    );
    // a bad number among the arguments changes nothing
    let r = smsctl(&env, &["optouts", "add", "+6591234569", "12"], None);
    assert_eq!(r.code, 2, "{}", r.all());
    assert_eq!(listed(&env).len(), 2);

    // import: a bad line is named with file:line and nothing is written
    let csv = env.path("stop.csv");
    std::fs::write(
        &csv,
        "name,Mobile\nAnn,+6591234570\nBob,nope\n\nCy,+6591234571\n",
    )
    .unwrap();
    let before = std::fs::read_to_string(list_path(&env)).unwrap();
    let csv_arg = csv.to_str().unwrap();
    let r = smsctl(
        &env,
        &["optouts", "import", csv_arg, "--to-column", "mobile"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains(&format!("{csv_arg}:3: ")),
        "no file:line in {}",
        r.all()
    );
    assert!(r.stderr.contains("nothing was imported"), "{}", r.all());
    assert_eq!(std::fs::read_to_string(list_path(&env)).unwrap(), before);
    // --skip-invalid imports the others
    let r = smsctl(
        &env,
        &[
            "optouts",
            "import",
            csv_arg,
            "--to-column",
            "mobile",
            "--skip-invalid",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let l = listed(&env);
    assert_eq!(l.len(), 4, "{l:?}");
    assert!(
        l.contains(&("+6591234571".into(), "import".into())),
        "{l:?}"
    );

    // rm
    let r = smsctl(&env, &["optouts", "rm", "+6591234568"], None);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(listed(&env).len(), 3);

    // export to stdout and to a file; the export imports into another account's list
    let r = smsctl(&env, &["optouts", "export"], None);
    assert_eq!(r.code, 0, "{}", r.all());
    let mut lines = r.stdout.lines();
    assert_eq!(lines.next(), Some("number,added,source"));
    assert_eq!(lines.count(), 3, "{}", r.stdout);
    let out = env.path("export.csv");
    let r = smsctl(
        &env,
        &["optouts", "export", "--output", out.to_str().unwrap()],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), {
        let r = smsctl(&env, &["optouts", "export"], None);
        r.stdout
    });
    let other = TestEnv::new()
        .env("TWILIO_ACCOUNT_SID", crate::common::AC2)
        .env("TWILIO_AUTH_TOKEN", TOKEN);
    let r = smsctl(
        &other,
        &[
            "optouts",
            "import",
            out.to_str().unwrap(),
            "--to-column",
            "number",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let mut want: Vec<String> = listed(&env).into_iter().map(|(n, _)| n).collect();
    let mut got: Vec<String> = listed(&other).into_iter().map(|(n, _)| n).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    // the lists are per account
    assert!(
        other
            .config_dir
            .join("optouts")
            .join(format!("{}.toml", crate::common::AC2))
            .is_file()
    );
}

#[test]
fn the_list_is_private_and_survives_twenty_concurrent_adds() {
    use std::os::unix::fs::PermissionsExt;
    let env = world();
    let nums: Vec<String> = (0..20).map(|i| format!("+65{}", 91_000_000 + i)).collect();
    let children: Vec<_> = nums
        .iter()
        .map(|n| {
            let mut cmd = env.std_cmd();
            cmd.args(["optouts", "add", n])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("spawn smsctl")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let got: Vec<String> = listed(&env).into_iter().map(|(n, _)| n).collect();
    assert_eq!(got, nums, "every concurrent add is kept");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&list_path(&env)), 0o600);
    assert_eq!(mode(&env.config_dir.join("optouts")), 0o700);
    // no temp file is left behind
    let names: Vec<String> = std::fs::read_dir(env.config_dir.join("optouts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn send_to_a_listed_number_exits_2_naming_the_command_that_removes_it_and_makes_no_request() {
    let env = world();
    let any = env.server().mock(|when, then| {
        when.any_request();
        then.status(500);
    });
    let r = smsctl(&env, &["optouts", "add", TEST_TO], None);
    assert_eq!(r.code, 0, "{}", r.all());
    let r = smsctl(&env, &["send", "--to", TEST_TO, "--body", "hi"], None);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains(&format!("`smsctl optouts rm {TEST_TO}`")),
        "{}",
        r.all()
    );
    any.assert_calls(0);
}

#[test]
fn a_21610_answer_to_send_adds_the_number_and_the_next_send_makes_no_request() {
    let env = world();
    let refused = env.server().mock(|when, then| {
        when.method(POST)
            .path(format!("/2010-04-01/Accounts/{AC}/Messages.json"));
        then.status(400).json_body(twilio_error(
            21610,
            400,
            "Attempt to send to unsubscribed recipient",
        ));
    });
    let r = smsctl(&env, &["send", "--to", TEST_TO, "--body", "hi"], None);
    assert_eq!(r.code, 1, "{}", r.all());
    assert_eq!(
        listed(&env),
        [(TEST_TO.to_string(), "21610 from send".to_string())]
    );
    let r = smsctl(&env, &["send", "--to", TEST_TO, "--body", "hi"], None);
    assert_eq!(r.code, 2, "{}", r.all());
    refused.assert_calls(1);
}

#[test]
fn the_sandbox_list_takes_its_21610_number_and_send_sandbox_refuses_it_afterwards() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &["send", "--sandbox", "--to", "+15005550004", "--body", "hi"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.all());
    let r = smsctl(&env, &["optouts", "ls", "--sandbox", "--json"], None);
    assert!(r.stdout.contains("+15005550004"), "{}", r.all());
    let r = smsctl(
        &env,
        &["send", "--sandbox", "--to", "+15005550004", "--body", "hi"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr
            .contains("`smsctl optouts rm --sandbox +15005550004`"),
        "{}",
        r.all()
    );
    let r = smsctl(&env, &["optouts", "rm", "--sandbox", "+15005550004"], None);
    assert_eq!(r.code, 0, "{}", r.all());
}
