//! The committed `completions/` scripts are what the CLI generates, the clap
//! definition is sound, and profile labels complete dynamically.
//!
//! Regenerate the scripts with `UPDATE_COMPLETIONS=1 cargo test --test tests completions::`,
//! the man pages (`man/`) with the same switch or `UPDATE_MANPAGES=1`.

use std::path::PathBuf;

use clap::CommandFactory;
use smsctl::cli::Cli;
use smsctl::completion::{SHELLS, script};

use crate::common::{AC, AC2, MG, SK, TestEnv};

fn completions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions")
}

#[test]
fn committed_completion_scripts_are_up_to_date() {
    let dir = completions_dir();
    let update = std::env::var("UPDATE_COMPLETIONS").as_deref() == Ok("1");
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let want = script(*shell);
        assert!(!want.is_empty(), "{shell}: empty script");
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(have) if have == want => {}
            Ok(_) => stale.push(format!("{} is stale", path.display())),
            Err(e) => stale.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: UPDATE_COMPLETIONS=1 cargo test --test tests completions::",
        stale.join("\n")
    );
    // Every shell the folder is promised for (README.md) is there.
    for f in [
        "smsctl.bash",
        "_smsctl",
        "smsctl.fish",
        "_smsctl.ps1",
        "smsctl.elv",
    ] {
        assert!(SHELLS.iter().any(|(_, n)| *n == f), "{f} not generated");
    }
}

#[test]
fn completions_command_prints_the_committed_scripts() {
    let env = TestEnv::new();
    for (shell, file) in SHELLS {
        let out = env
            .cmd()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
        assert_eq!(out.stdout, script(*shell), "{shell} ({file})");
    }
    let out = env.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn cli_definition_is_consistent() {
    Cli::command().debug_assert();
}

fn two_profiles(env: &TestEnv) {
    env.write_toml(&format!(
        r#"default = "agency-prod"

[profiles.agency-prod]
account_sid = "{AC}"
auth = "auth-token"
messaging_service_sid = "{MG}"
state = "ready"

[profiles.client-test]
account_sid = "{AC2}"
auth = "api-key"
api_key_sid = "{SK}"
state = "unverified"
"#
    ));
}

/// What bash's registration script would get back for `words`, completing word `index`.
fn complete_bash(env: &TestEnv, words: &[&str], index: usize) -> Vec<String> {
    let mut cmd = env.cmd();
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn profile_labels_complete_dynamically() {
    let env = TestEnv::new();
    two_profiles(&env);
    for sub in ["show", "rm", "use", "rotate", "verify", "edit", "test"] {
        let got = complete_bash(&env, &["smsctl", "creds", sub, ""], 3);
        for label in ["agency-prod", "client-test"] {
            assert!(
                got.iter().any(|c| c == label),
                "creds {sub}: {label} not offered: {got:?}"
            );
        }
    }
    // A prefix narrows the candidates.
    let got = complete_bash(&env, &["smsctl", "creds", "show", "cl"], 3);
    assert_eq!(got, vec!["client-test".to_string()]);
    // --profile too.
    let got = complete_bash(&env, &["smsctl", "--profile", "", "send"], 2);
    assert!(got.iter().any(|c| c == "agency-prod"), "{got:?}");
    assert!(got.iter().any(|c| c == "client-test"), "{got:?}");
}

#[test]
fn dynamic_completion_reads_no_keychain_and_survives_a_bad_file() {
    // A bus that would accept a connection: completing must not open one.
    let (env, bus) = TestEnv::new().with_silent_bus();
    two_profiles(&env);
    let got = complete_bash(&env, &["smsctl", "creds", "show", ""], 3);
    assert!(got.iter().any(|c| c == "agency-prod"), "{got:?}");
    assert!(
        matches!(bus.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "completion connected to the D-Bus session bus"
    );
    env.write_toml("this is = = not toml");
    let got = complete_bash(&env, &["smsctl", "creds", "show", ""], 3);
    assert!(got.iter().all(|c| c != "agency-prod"), "{got:?}");
}

#[test]
fn dynamic_registration_script_is_printed() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["completions", "bash", "--dynamic"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("COMPLETE=\"bash\""), "{s}");
    assert!(s.contains("complete ") && s.contains("smsctl"), "{s}");
}

/// Every man page of the CLI, generated from the clap definition: `smsctl.1`
/// and one page per subcommand (`smsctl-creds-add.1`…), as `(file name, roff)`.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, out);
        }
        let man = clap_mangen::Man::new(cmd);
        let mut roff = Vec::new();
        man.render(&mut roff).expect("render a man page");
        out.push((man.get_filename(), roff));
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(cmd, &mut out);
    out.sort();
    out
}

#[test]
fn committed_man_pages_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("man");
    let update = ["UPDATE_MANPAGES", "UPDATE_COMPLETIONS"]
        .iter()
        .any(|v| std::env::var(v).as_deref() == Ok("1"));
    let pages = man_pages();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "smsctl.1",
        "smsctl-creds.1",
        "smsctl-creds-add.1",
        "smsctl-campaign-run.1",
        "smsctl-send.1",
    ] {
        assert!(names.contains(&want), "{want} not generated: {names:?}");
    }
    let mut stale = Vec::new();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (name, roff) in &pages {
        let text = String::from_utf8_lossy(roff);
        assert!(text.starts_with(".ie \\n(.g .ds Aq"), "{name}: not roff");
        let path = dir.join(name);
        if update {
            std::fs::write(&path, roff).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(have) if &have == roff => {}
            Ok(_) => stale.push(format!("{} is stale", path.display())),
            Err(e) => stale.push(format!("{}: {e}", path.display())),
        }
    }
    // A page of a command that no longer exists.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".1") && !names.contains(&name.as_str()) {
            if update {
                std::fs::remove_file(&path).unwrap();
            } else {
                stale.push(format!("{} documents no command", path.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: UPDATE_MANPAGES=1 cargo test --test tests completions::",
        stale.join("\n")
    );
    // The page says what the help says: exit codes, global options, each command.
    let main = String::from_utf8(
        pages
            .iter()
            .find(|(n, _)| n == "smsctl.1")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    for want in [
        "Exit codes",
        "130",
        "smsctl\\-creds(1)",
        "\\-\\-config\\-dir",
    ] {
        assert!(main.contains(want), "smsctl.1 lacks {want:?}");
    }
}
