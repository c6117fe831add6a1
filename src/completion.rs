//! Shell completions: static scripts generated from the clap definition (the
//! committed `completions/` folder), and dynamic completion of profile labels
//! through clap_complete's `COMPLETE=<shell> smsctl` protocol.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::{Shell, generate};

use crate::cli::Cli;

/// Every shell we ship a script for, with its file name in `completions/`.
pub const SHELLS: &[(Shell, &str)] = &[
    (Shell::Bash, "smsctl.bash"),
    (Shell::Zsh, "_smsctl"),
    (Shell::Fish, "smsctl.fish"),
    (Shell::PowerShell, "_smsctl.ps1"),
    (Shell::Elvish, "smsctl.elv"),
];

/// The static completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    generate(shell, &mut cmd, "smsctl", &mut out);
    out
}

/// The registration script for dynamic completion (labels included).
pub fn dynamic_script(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::PowerShell => "powershell",
        Shell::Elvish => "elvish",
        _ => "bash",
    };
    let env_shell = clap_complete::env::Shells::builtins();
    let completer = env_shell
        .completer(name)
        .expect("clap_complete knows every shell we list");
    completer.write_registration("COMPLETE", "smsctl", "smsctl", "smsctl", out)
}

/// Labels of the saved profiles, for dynamic completion. Reads only the TOML
/// file (never the keychain); any problem yields no candidates.
pub fn profile_labels() -> Vec<CompletionCandidate> {
    let dir = crate::context::config_dir(None);
    let Ok(file) = crate::profile::ProfileStore::new(dir).load() else {
        return Vec::new();
    };
    file.profiles
        .iter()
        .map(|(label, p)| {
            CompletionCandidate::new(label.clone())
                .help(Some(format!("{} ({})", p.account_sid, p.state).into()))
        })
        .collect()
}
