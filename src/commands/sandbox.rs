//! `smsctl sandbox [--port N]`: the embedded Twilio stand-in, in the foreground.

use anyhow::Context as _;
use smsctl_sandbox::{self as sandbox, Sandbox, SandboxOptions};

use crate::cli::SandboxArgs;
use crate::context::Context;
use crate::error::ExitStatus;

pub async fn run(ctx: &Context, a: SandboxArgs) -> anyhow::Result<ExitStatus> {
    let sb = Sandbox::start(
        a.port,
        SandboxOptions {
            log: true,
            fail_after: a.fail_after,
            fail_code: a.fail_code,
            ..Default::default()
        },
    )
    .await
    .with_context(|| format!("cannot listen on 127.0.0.1:{}", a.port))?;
    ctx.printer.status(format!(
        "smsctl sandbox: a Twilio stand-in on {} (Ctrl-C to stop). Use it with:\n",
        sb.base_url()
    ));
    ctx.printer.out(sb.env_hint());
    ctx.printer.status(format!(
        "Magic numbers: From {} is valid; To +15005550001 → 21211, …0002 → 21612, …0003 → 21408, …0004 → 21610, …0009 → 21614; From …0001 → 21212, …0007 → 21606, …0008 → 21611. Delivery: To {} ends undelivered 30003 (transient: `campaign retry` sends again), To {} undelivered 30006 (landline: permanent).",
        sandbox::FROM_NUMBER,
        sandbox::UNREACHABLE_TO,
        sandbox::LANDLINE_TO
    ));
    if let Some(n) = a.fail_after {
        ctx.printer.status(format!(
            "Fault: after {n} accepted messages, every create fails with {}{} (DELETE /sandbox/fault clears it).",
            a.fail_code,
            if a.fail_code == 20003 {
                " and so does every other request"
            } else {
                ""
            }
        ));
    }
    wait_for_stop().await;
    let n = sb.messages_created();
    ctx.printer.status(format!(
        "sandbox: stopped after {n} message{}",
        if n == 1 { "" } else { "s" }
    ));
    sb.shutdown().await;
    Ok(ExitStatus::Success)
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
