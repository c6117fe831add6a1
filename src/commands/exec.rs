//! `smsctl exec [--profile L] -- CMD [ARGS…]`: CMD runs with the credentials
//! a sending command would use, in its environment under the names Twilio's
//! SDKs and twilio-cli read — so an app needs no `.env` file with a token.
//!
//! The secret goes into the child's environment only (never an argv: smsctl's
//! own arguments hold no secret, and CMD's are the user's). Every `TWILIO_*`
//! variable smsctl inherited is removed first, so the child never sees a mix
//! of two credential sets. The exit status is the child's (128+N for signal N).
//! While the child runs, smsctl ignores Ctrl-C (the terminal sends it to the
//! child too) and passes SIGTERM / SIGHUP on to it.

use std::ffi::OsString;
use std::process::{Command, Stdio};

use crate::cli::ExecArgs;
use crate::context::{Context, Resolved};
use crate::env_vars;
use crate::error::ExitStatus;
use crate::profile::State;
use crate::sender::Sender;

/// Why the command could not be started.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("exec: command not found: {cmd} (check the name, or give its path); nothing was run")]
    NotFound { cmd: String },
    #[error("exec: {cmd} cannot be run: {cause} (is it executable?); nothing was run")]
    NotExecutable { cmd: String, cause: String },
    #[error("exec: cannot start {cmd}: {cause}")]
    Spawn { cmd: String, cause: String },
}

/// The `TWILIO_*` variables for a credential set, secret included.
pub fn child_env(r: &Resolved) -> Vec<(&'static str, String)> {
    use env_vars::*;
    let mut out = vec![(TWILIO_ACCOUNT_SID, r.creds.account_sid.clone())];
    if r.creds.username.starts_with("SK") {
        out.push((TWILIO_API_KEY, r.creds.username.clone()));
        out.push((TWILIO_API_SECRET, r.creds.secret.expose().to_string()));
    } else {
        out.push((TWILIO_AUTH_TOKEN, r.creds.secret.expose().to_string()));
    }
    for s in r.senders.iter() {
        let (k, v) = match s {
            Sender::MessagingService(mg) => (TWILIO_MESSAGING_SERVICE_SID, mg),
            Sender::Number(n) => (TWILIO_PHONE_NUMBER, n),
            Sender::AlphaId(a) => (TWILIO_SENDER_ID, a),
            Sender::WhatsApp(w) => (TWILIO_WHATSAPP_FROM, w),
        };
        out.push((k, v.clone()));
    }
    if let Some(p) = &r.profile {
        if let Some(reg) = &p.region {
            out.push(("TWILIO_REGION", reg.clone()));
        }
        if let Some(e) = &p.edge {
            out.push(("TWILIO_EDGE", e.clone()));
        }
    }
    out
}

pub async fn run(ctx: &Context, a: ExecArgs) -> anyhow::Result<ExitStatus> {
    let r = ctx.resolve()?;
    if let Some(p) = &r.profile {
        match p.state {
            State::Invalid => ctx.printer.warn(format!(
                "{}: Twilio rejected these credentials at the last check (`smsctl creds status` checks them now)",
                r.source
            )),
            State::Unverified => ctx.printer.warn(format!(
                "{}: never checked with Twilio (`smsctl creds status` checks it)",
                r.source
            )),
            _ => {}
        }
    }
    ctx.printer
        .verbose(format!("exec: running with {}", r.source));
    let mut args = a.command.into_iter();
    let program: OsString = args.next().expect("clap requires CMD");
    let name = program.to_string_lossy().into_owned();
    let mut cmd = Command::new(&program);
    cmd.args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    for (k, _) in std::env::vars_os() {
        if k.to_str().is_some_and(|k| k.starts_with("TWILIO_")) {
            cmd.env_remove(k);
        }
    }
    for (k, v) in child_env(&r) {
        cmd.env(k, v);
    }
    let child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ExecError::NotFound { cmd: name.clone() },
        std::io::ErrorKind::PermissionDenied => ExecError::NotExecutable {
            cmd: name.clone(),
            cause: e.to_string(),
        },
        _ => ExecError::Spawn {
            cmd: name.clone(),
            cause: e.to_string(),
        },
    })?;
    // The child has its copy; ours goes (zeroized) now.
    drop(r);
    wait(child, &name).await
}

#[cfg(unix)]
async fn wait(mut child: std::process::Child, name: &str) -> anyhow::Result<ExitStatus> {
    use std::os::unix::process::ExitStatusExt;
    use tokio::signal::unix::{SignalKind, signal};
    let pid = child.id() as libc::pid_t;
    // Registered after the spawn, so the child starts with default handlers.
    let mut int = signal(SignalKind::interrupt())?;
    let mut quit = signal(SignalKind::quit())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    let name = name.to_string();
    let mut waiter = tokio::task::spawn_blocking(move || child.wait());
    let status = loop {
        tokio::select! {
            st = &mut waiter => break st?,
            // The terminal sends Ctrl-C / Ctrl-\ to the child as well: only wait.
            _ = int.recv() => {}
            _ = quit.recv() => {}
            _ = term.recv() => forward(pid, libc::SIGTERM),
            _ = hup.recv() => forward(pid, libc::SIGHUP),
        }
    };
    let status = status.map_err(|e| ExecError::Spawn {
        cmd: name,
        cause: e.to_string(),
    })?;
    Ok(match (status.code(), status.signal()) {
        (Some(c), _) => ExitStatus::Code(u8::try_from(c).unwrap_or(1)),
        (None, Some(sig)) => ExitStatus::Code(u8::try_from(128 + sig).unwrap_or(255)),
        (None, None) => ExitStatus::Failure,
    })
}

#[cfg(unix)]
fn forward(pid: libc::pid_t, sig: libc::c_int) {
    // SAFETY: kill(2) with our own child's pid and a constant signal.
    unsafe {
        libc::kill(pid, sig);
    }
}

#[cfg(not(unix))]
async fn wait(mut child: std::process::Child, name: &str) -> anyhow::Result<ExitStatus> {
    let name = name.to_string();
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await?
        .map_err(|e| ExecError::Spawn {
            cmd: name,
            cause: e.to_string(),
        })?;
    Ok(ExitStatus::Code(
        status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .unwrap_or(1),
    ))
}
