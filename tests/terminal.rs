//! At a terminal: tables that fit the width without cutting a SID, colours only
//! on a colour terminal, the help, and the wording of what a campaign prints.

use std::process::Stdio;

use crate::common::{AC, AC2, BIN, FROM, MG, Run, SK, TestEnv, WHATSAPP, run, smsctl};

/// Three profiles whose table is wider than 120 columns.
fn profiles(env: &TestEnv) {
    env.write_toml(&format!(
        r#"default = "agency-prod"

[profiles.agency-prod]
account_sid = "{AC}"
auth = "api-key"
api_key_sid = "{SK}"
messaging_service_sid = "{MG}"
whatsapp_from = "{WHATSAPP}"
state = "tested"
verified_at = "2026-11-24T14:00:00Z"

[profiles.client-test-with-a-long-label]
account_sid = "{AC2}"
auth = "auth-token"
from = "{FROM}"
state = "unverified"

[profiles.broken]
account_sid = "{AC}"
auth = "auth-token"
state = "invalid"
"#
    ));
}

fn ls_at(env: &TestEnv, columns: &str, extra: &[&str]) -> Run {
    let mut cmd = env.cmd();
    cmd.env("COLUMNS", columns)
        .args(["creds", "ls"])
        .args(extra);
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{r:?}");
    r
}

/// Every SID-like token (AC/SK/MG + hex) on any line is a whole SID: a SID cut
/// across two lines leaves a shorter piece on each.
fn assert_no_sid_split(out: &str) {
    for line in out.lines() {
        for word in line.split(|c: char| !c.is_ascii_alphanumeric()) {
            let sid_like = ["AC", "SK", "MG"].iter().any(|p| word.starts_with(p))
                && word.len() > 2
                && word[2..].chars().all(|c| c.is_ascii_hexdigit());
            if sid_like {
                assert_eq!(
                    word.len(),
                    34,
                    "a SID split across lines: {word:?} in\n{out}"
                );
            }
        }
        // The piece after a cut starts a line with hex and nothing else.
        let t = line.trim();
        assert!(
            !(t.len() >= 4 && t.len() < 32 && t.chars().all(|c| c.is_ascii_hexdigit())),
            "the tail of a cut SID: {t:?} in\n{out}"
        );
    }
}

fn widest(out: &str) -> usize {
    out.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn creds_ls_fits_80_100_and_120_columns_without_splitting_a_sid() {
    let env = TestEnv::new();
    profiles(&env);
    for cols in [60usize, 80, 100, 120] {
        let r = ls_at(&env, &cols.to_string(), &[]);
        assert_no_sid_split(&r.stdout);
        assert!(
            widest(&r.stdout) <= cols,
            "wider than {cols}:\n{}",
            r.stdout
        );
        // One line per profile and the header: nothing wrapped.
        assert_eq!(r.stdout.lines().count(), 4, "{cols}:\n{}", r.stdout);
        for label in ["agency-prod", "client-test-with-a-long-label", "broken"] {
            assert!(
                r.stdout.contains(label),
                "{cols}: {label} missing:\n{}",
                r.stdout
            );
        }
        assert!(r.stdout.contains("tested") && r.stdout.contains("invalid"));
    }
    // At 120 and 100 the account SID is there, whole.
    for cols in ["100", "120"] {
        let r = ls_at(&env, cols, &[]);
        assert!(
            r.stdout.contains(AC) && r.stdout.contains(AC2),
            "{}",
            r.stdout
        );
    }
    // Wider, a sender too (the first of two, with a count).
    let r = ls_at(&env, "130", &[]);
    assert_no_sid_split(&r.stdout);
    assert!(r.stdout.contains(&format!("{MG} +1")), "{}", r.stdout);
    assert!(!r.stdout.contains(WHATSAPP), "{}", r.stdout);
}

#[test]
fn creds_ls_wide_and_piped_output_show_everything() {
    let env = TestEnv::new();
    profiles(&env);
    let full = |r: &Run| {
        for want in [
            AC,
            AC2,
            SK,
            MG,
            WHATSAPP,
            FROM,
            "api-key",
            "2026-11-24 14:00 UTC",
        ] {
            if want == SK {
                continue; // the API key SID is in `creds show` and --json, not the table
            }
            assert!(r.stdout.contains(want), "{want} missing:\n{}", r.stdout);
        }
        assert!(r.stdout.contains("LAST VERIFIED") && r.stdout.contains("AUTH"));
        assert_no_sid_split(&r.stdout);
    };
    full(&ls_at(&env, "60", &["--wide"]));
    // Piped without COLUMNS: the full table, as before.
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    full(&r);
    assert!(widest(&r.stdout) > 120, "{}", r.stdout);
}

#[test]
fn the_marker_shows_the_credentials_in_use() {
    let env = TestEnv::new();
    profiles(&env);
    let marked = |r: &Run| -> Vec<String> {
        r.stdout
            .lines()
            .filter(|l| l.trim_start().starts_with('*'))
            .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
            .collect()
    };
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(marked(&r), vec!["agency-prod"], "{r:?}");
    let r = smsctl(&env, &["creds", "ls", "--profile", "broken"], None);
    assert_eq!(marked(&r), vec!["broken"], "{r:?}");

    // Environment credentials win over the default profile: [env] is marked.
    let env = env
        .env("TWILIO_ACCOUNT_SID", AC2)
        .env("TWILIO_AUTH_TOKEN", crate::common::TOKEN);
    let r = smsctl(&env, &["creds", "ls"], None);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(marked(&r), vec!["[env]"], "{r:?}");
    assert!(
        r.stderr.contains(
            "the TWILIO_* credentials in the environment win over the default profile agency-prod"
        ),
        "{r:?}"
    );
    assert!(!r.stdout.contains(crate::common::TOKEN) && !r.stderr.contains(crate::common::TOKEN));
    let v: serde_json::Value =
        serde_json::from_str(&smsctl(&env, &["creds", "ls", "--json"], None).stdout).unwrap();
    let in_use: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["in_use"] == true)
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(in_use, vec!["[env]"]);
    // --profile wins over the environment again.
    let r = smsctl(&env, &["creds", "ls", "--profile", "agency-prod"], None);
    assert_eq!(marked(&r), vec!["agency-prod"], "{r:?}");
}

#[test]
fn creds_show_and_creds_ls_print_times_alike() {
    let env = TestEnv::new();
    profiles(&env);
    let ls = smsctl(&env, &["creds", "ls", "--wide"], None);
    let show = smsctl(&env, &["creds", "show", "agency-prod"], None);
    assert_eq!(show.code, 0, "{show:?}");
    let verified = show
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("verified at"))
        .unwrap_or_else(|| panic!("{show:?}"))
        .trim()
        .to_string();
    assert_eq!(verified, "2026-11-24 14:00 UTC");
    assert!(ls.stdout.contains(&verified), "{}", ls.stdout);
}

/// `cmd` run on a pseudo-terminal of `cols` columns (util-linux `script`);
/// NO_COLOR as given. Returns what the terminal showed.
fn on_a_terminal(env: &TestEnv, cols: u16, no_color: bool, args: &str) -> String {
    let mut cmd = env.std_cmd();
    if !no_color {
        cmd.env_remove("NO_COLOR");
    }
    cmd.env_remove("COLUMNS").env("TERM", "xterm-256color");
    let shell = format!("stty cols {cols} rows 40; exec {BIN} {args}");
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &shell, "/dev/null"]);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => script.env(k, v),
            None => script.env_remove(k),
        };
    }
    let out = script
        .stdin(Stdio::null())
        .output()
        .expect("run script(1) from util-linux");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

#[test]
fn on_a_terminal_the_table_fits_and_states_are_coloured_unless_no_color() {
    let env = TestEnv::new();
    profiles(&env);
    for cols in [80u16, 100] {
        let shown = on_a_terminal(&env, cols, true, "creds ls");
        assert!(
            !shown.contains('\x1b'),
            "NO_COLOR set, yet colour:\n{shown:?}"
        );
        assert_no_sid_split(&shown);
        assert!(widest(&shown) <= cols.into(), "{shown}");
        assert!(shown.contains('│'), "a terminal gets borders:\n{shown}");
        assert!(shown.contains("client-test-with-a-long-label"), "{shown}");
    }
    assert!(on_a_terminal(&env, 100, true, "creds ls").contains(AC));
    let shown = on_a_terminal(&env, 100, false, "creds ls");
    assert!(
        shown.contains("\x1b["),
        "no colour on a colour terminal:\n{shown:?}"
    );
    // Piped, never: not even without NO_COLOR.
    let mut cmd = env.cmd();
    cmd.env_remove("NO_COLOR").args(["creds", "ls"]);
    assert!(!run(&mut cmd).stdout.contains('\x1b'));
}

#[test]
fn optouts_ls_fits_the_width() {
    let env = TestEnv::new();
    let r = smsctl(
        &env,
        &["optouts", "add", "--sandbox", "+15005550004", "+6591234567"],
        None,
    );
    assert_eq!(r.code, 0, "{r:?}");
    let mut cmd = env.cmd();
    cmd.env("COLUMNS", "40")
        .args(["optouts", "ls", "--sandbox"]);
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(widest(&r.stdout) <= 40, "{}", r.stdout);
    // The numbers whole, on one line each; the date without its time.
    for n in ["+15005550004", "+6591234567"] {
        assert!(r.stdout.lines().any(|l| l.contains(n)), "{}", r.stdout);
    }
    assert!(!r.stdout.contains("UTC"), "{}", r.stdout);
    let wide = smsctl(&env, &["optouts", "ls", "--sandbox", "--wide"], None);
    assert!(wide.stdout.contains(" UTC"), "{}", wide.stdout);
}

// --- help ---

fn help(env: &TestEnv, args: &[&str]) -> String {
    let r = smsctl(env, args, None);
    assert_eq!(r.code, 0, "{r:?}");
    r.stdout
}

#[test]
fn help_documents_every_positional_and_keeps_global_flags_apart() {
    let env = TestEnv::new();
    for sub in [
        "show", "test", "rm", "verify", "use", "rotate", "edit", "import",
    ] {
        let h = help(&env, &["creds", sub, "--help"]);
        let args = h
            .split("Arguments:")
            .nth(1)
            .unwrap_or_else(|| panic!("creds {sub}: no Arguments section:\n{h}"));
        let first = args.lines().nth(1).unwrap();
        let doc = first
            .trim()
            .split_once(['>', ']'])
            .map(|(_, d)| d.trim())
            .unwrap_or("");
        assert!(
            !doc.is_empty(),
            "creds {sub}: positional undocumented: {first:?}\n{h}"
        );
        // Global flags under their own heading, not among the command's own.
        let (own, global) = h
            .split_once("Global options:")
            .unwrap_or_else(|| panic!("creds {sub}: no Global options heading:\n{h}"));
        for g in ["--profile", "--json", "--verbose", "--config-dir"] {
            assert!(global.contains(g), "creds {sub}: {g} not global:\n{h}");
            // An option line of the command's own (the flag first on its line).
            let listed = own.lines().any(|l| {
                let l = l.trim_start();
                l.starts_with(g) || l.strip_prefix("-v, ").is_some_and(|r| r.starts_with(g))
            });
            assert!(!listed, "creds {sub}: {g} among the command's own:\n{h}");
        }
    }
    for args in [&["send", "--help"][..], &["campaign", "run", "--help"]] {
        let h = help(&env, args);
        let line = h
            .lines()
            .find(|l| l.contains("--channel <CHANNEL>"))
            .unwrap_or_else(|| panic!("{h}"));
        assert!(
            line.contains("WhatsApp"),
            "--channel undocumented: {line:?}"
        );
    }
}

#[test]
fn help_and_usage_errors_do_not_show_the_config_dir_variable_as_a_value() {
    let env = TestEnv::new(); // sets SMSCTL_CONFIG_DIR
    let h = help(&env, &["send", "--help"]);
    assert!(h.contains("[env: SMSCTL_CONFIG_DIR]"), "{h}");
    assert!(!h.contains("SMSCTL_CONFIG_DIR="), "{h}");
    let h = help(&env, &["campaign", "run", "--help"]);
    assert!(!h.contains("SMSCTL_SETTLE_SECS="), "{h}");
    let mut cmd = env.cmd();
    cmd.env("SMSCTL_SETTLE_SECS", "5").args(["campaign", "run"]);
    let r = run(&mut cmd);
    assert_eq!(r.code, 2, "{r:?}");
    let usage = r.stderr.lines().find(|l| l.starts_with("Usage:")).unwrap();
    assert!(
        !usage.contains("--config-dir") && !usage.contains("--settle-secs"),
        "{usage}"
    );
    // The variables still work.
    let mut cmd = env.cmd();
    cmd.env("SMSCTL_SETTLE_SECS", "soon").args([
        "campaign",
        "run",
        "--recipients",
        "/nonexistent.csv",
        "--body",
        "hi",
        "--dry-run",
    ]);
    let r = run(&mut cmd);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("SMSCTL_SETTLE_SECS=\"soon\" is not a whole number"),
        "{r:?}"
    );
    profiles(&env);
    assert!(
        smsctl(&env, &["creds", "ls"], None)
            .stdout
            .contains("agency-prod")
    );
}

#[test]
fn sandbox_json_prints_its_fake_account_as_one_json_line() {
    use std::io::BufRead;
    let env = TestEnv::new();
    let mut child = env
        .std_cmd()
        .args(["sandbox", "--port", "0", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let v: serde_json::Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
    let url = v["url"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{v}");
    assert_eq!(v["account_sid"], smsctl_sandbox::ACCOUNT_SID);
    assert_eq!(v["auth_token"], smsctl_sandbox::AUTH_TOKEN);
    assert_eq!(v["api_key_sid"], smsctl_sandbox::API_KEY_SID);
    assert_eq!(
        v["messaging_service_sid"],
        smsctl_sandbox::MESSAGING_SERVICE_SID
    );
    assert_eq!(v["env"]["SMSCTL_TWILIO_API_URL"], url);
    assert_eq!(v["env"]["TWILIO_PHONE_NUMBER"], smsctl_sandbox::FROM_NUMBER);
}

// --- what a campaign and send print ---

fn sandbox_campaign(env: &TestEnv, csv: &str, extra: &[&str]) -> Run {
    let path = env.path("r.csv");
    if !path.exists() {
        std::fs::write(&path, csv).unwrap();
    }
    let p = path.to_str().unwrap();
    let mut args = vec![
        "campaign",
        "run",
        "--sandbox",
        "--recipients",
        p,
        "--body",
        "Hi {{name}}",
    ];
    args.extend_from_slice(extra);
    smsctl(env, &args, None)
}

fn seven() -> String {
    let mut csv = String::from("recipient,name\n");
    for i in 0..7 {
        csv.push_str(&format!("+659123456{i},N{i}\n"));
    }
    csv
}

#[test]
fn the_dry_run_table_has_no_empty_header_and_one_segment_figure_when_all_alike() {
    let env = TestEnv::new();
    let r = sandbox_campaign(&env, &seven(), &["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    let first = r.stdout.lines().next().unwrap();
    assert!(
        !first.trim().is_empty(),
        "an empty header row:\n{}",
        r.stdout
    );
    assert!(first.trim_start().starts_with("rows"), "{}", r.stdout);
    assert!(
        r.stdout.contains("7 in total (1 per message)"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("1–1"), "{}", r.stdout);
}

#[test]
fn invalid_row_counts_read_right() {
    let env = TestEnv::new();
    let r = sandbox_campaign(&env, "recipient,name\n+6591234567,A\nbad,B\n", &["--yes"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.error_line()
            .contains("error: 1 invalid row (listed above); fix it, or pass --skip-invalid"),
        "{r:?}"
    );
    let env = TestEnv::new();
    let r = sandbox_campaign(
        &env,
        "recipient,name\nbad,A\nworse,B\n+6591234567,C\n",
        &["--yes"],
    );
    assert!(
        r.error_line()
            .contains("error: 2 invalid rows (listed above); fix them,"),
        "{r:?}"
    );
}

#[test]
fn a_finished_campaign_says_so_instead_of_resuming() {
    let env = TestEnv::new();
    let r = sandbox_campaign(&env, &seven(), &["--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = sandbox_campaign(&env, &seven(), &["--yes"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("is complete (7 recipients done): nothing left to send"),
        "{r:?}"
    );
    assert!(
        !r.stderr.contains("resuming") && !r.stderr.contains("in flight"),
        "{r:?}"
    );
    assert!(r.stderr.contains("0 requests this run in"), "{r:?}");
}

#[test]
fn a_short_run_shows_no_rate_above_the_limit() {
    let env = TestEnv::new();
    let r = sandbox_campaign(&env, &seven(), &["--yes", "--rate", "10"]);
    assert_eq!(r.code, 0, "{r:?}");
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with("report: "))
        .unwrap();
    assert!(line.contains("7 requests this run in"), "{line}");
    // "(12/s)" for 7 messages at --rate 10 was the old figure; any shown is ≤ 10.
    if let Some(rate) = line
        .strip_suffix("/s)")
        .and_then(|l| l.rsplit_once('('))
        .map(|(_, r)| r)
    {
        let rate: f64 = rate.parse().unwrap_or_else(|_| panic!("{line}"));
        assert!(rate <= 10.0, "{line}");
    }
}

#[test]
fn send_json_prints_the_error_as_json_on_stdout() {
    let env = TestEnv::new();
    let json = |r: &Run| -> serde_json::Value {
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"))
    };
    // Twilio refuses (the sandbox's 21211 number).
    let r = smsctl(
        &env,
        &[
            "send",
            "--sandbox",
            "--to",
            "+15005550001",
            "--body",
            "hi",
            "--json",
        ],
        None,
    );
    assert_eq!(r.code, 1, "{r:?}");
    let v = json(&r);
    assert_eq!(v["error"]["exit_code"], 1, "{v}");
    assert_eq!(v["error"]["twilio_code"], 21211, "{v}");
    assert_eq!(
        v["error"]["more_info"],
        "https://www.twilio.com/docs/api/errors/21211"
    );
    assert!(
        v["error"]["message"].as_str().unwrap().contains("E.164"),
        "{v}"
    );
    assert!(
        r.stderr.contains("error: "),
        "the human line stays on stderr: {r:?}"
    );
    // Bad input.
    let r = smsctl(
        &env,
        &["send", "--sandbox", "--to", "12", "--body", "hi", "--json"],
        None,
    );
    assert_eq!(r.code, 2, "{r:?}");
    let v = json(&r);
    assert_eq!(v["error"]["exit_code"], 2, "{v}");
    assert!(v["error"]["twilio_code"].is_null(), "{v}");
    // Bad usage, caught by the parser.
    let r = smsctl(&env, &["send", "--json", "--body", "hi"], None);
    assert_eq!(r.code, 2, "{r:?}");
    let v = json(&r);
    assert!(
        v["error"]["message"].as_str().unwrap().contains("--to"),
        "{v}"
    );
    // Without --json, stdout stays empty.
    let r = smsctl(
        &env,
        &["send", "--sandbox", "--to", "+15005550001", "--body", "hi"],
        None,
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.is_empty(), "{r:?}");
}

#[test]
fn on_a_terminal_the_progress_bar_ends_at_the_final_count_above_the_summary() {
    let env = TestEnv::new();
    let csv = env.path("r.csv");
    std::fs::write(&csv, seven()).unwrap();
    let shown = on_a_terminal(
        &env,
        100,
        true,
        &format!(
            "campaign run --sandbox --recipients {} --body 'Hi {{{{name}}}}' --yes --rate 50",
            csv.display()
        ),
    );
    // The last frame of the bar (each frame starts with a carriage return).
    let frames: Vec<&str> = shown
        .split(['\r', '\n'])
        .filter(|f| f.contains('/'))
        .collect();
    let last_bar = frames
        .iter()
        .rev()
        .find(|f| f.contains("sent ") && f.contains("failed "))
        .unwrap_or_else(|| panic!("no bar:\n{shown:?}"));
    assert!(
        last_bar.contains("7/7 sent 7 failed 0"),
        "{last_bar:?}\n{shown:?}"
    );
    // The summary starts on a line of its own.
    let result = shown.lines().find(|l| l.contains("RESULT")).unwrap();
    assert!(!result.contains("7/7"), "{shown:?}");
}
