//! smsctl: Twilio credential profiles in the OS keychain, one-off sends and
//! resumable campaigns. `main.rs` only parses and maps the result to an exit
//! code; everything else lives here so tests and benches can reach it.
//!
//! Layout: `cli` (clap types) → `context` (flags/env/profile resolved) →
//! `commands/*` (one function per command). Below them: `profile` (TOML
//! metadata), `keychain` (the secret store), `twilio` (HTTP client, errors, retries),
//! `verify` (the checks before saving), `campaign` (engine), `phone` / `sms`
//! (numbers, segments), `output`. Two crates of the workspace sit beside this
//! one: `smsctl-sandbox` (the embedded Twilio stand-in behind `--sandbox` and
//! `smsctl sandbox`) and `smsctl-sms` (segment counting, which the sandbox
//! shares so both count alike; re-exported here as `sms`).

pub mod campaign;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod context;
pub mod env_vars;
pub mod error;
pub mod keychain;
pub mod message_options;
pub mod optouts;
pub mod output;
pub mod phone;
pub mod pricing;
pub mod private_file;
pub mod profile;
pub mod prompt;
pub mod secret;
pub mod sender;
pub mod sending;
pub mod twilio;
pub mod validate;
pub mod verify;

pub use smsctl_sms as sms;

use cli::{Cli, Command};
use context::Context;
use error::ExitStatus;

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    init_logging(cli.verbose);
    let ctx = Context::new(
        cli.config_dir.as_deref(),
        cli.json,
        cli.verbose,
        cli.profile,
    );
    if let Command::Completions(a) = cli.command {
        return commands::completions::run(a);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(async {
        match cli.command {
            Command::Creds(c) => commands::creds::run(&ctx, c).await,
            Command::Send(a) => commands::send::run(&ctx, a).await,
            Command::Campaign(c) => commands::campaign::run(&ctx, c).await,
            Command::Optouts(c) => commands::optouts::run(&ctx, c).await,
            Command::Exec(a) => commands::exec::run(&ctx, a).await,
            Command::Sandbox(a) => commands::sandbox::run(&ctx, a).await,
            Command::Completions(_) => unreachable!("handled above"),
        }
    });
    // Do not wait for anything left running (e.g. a stuck keychain thread).
    rt.shutdown_background();
    result
}

/// `-v`: the request log (our crate's events only) on stderr.
fn init_logging(verbose: u8) {
    use tracing_subscriber::prelude::*;
    if verbose == 0 {
        return;
    }
    let level = if verbose > 1 {
        tracing::Level::DEBUG
    } else {
        tracing::Level::INFO
    };
    let targets = tracing_subscriber::filter::Targets::new().with_target("smsctl", level);
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .with_level(false);
    let _ = tracing_subscriber::registry()
        .with(fmt)
        .with(targets)
        .try_init();
}
