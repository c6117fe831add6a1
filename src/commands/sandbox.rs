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
            fail_key_delete: a.fail_key_delete,
            fail_after: a.fail_after,
            fail_code: a.fail_code,
            ..Default::default()
        },
    )
    .await
    .with_context(|| format!("cannot listen on 127.0.0.1:{}", a.port))?;
    if ctx.printer.json {
        // One line, printed at once, so a script can read it and go on.
        ctx.printer.out(banner_json(&sb.base_url()).to_string());
        ctx.printer.status(format!(
            "smsctl sandbox: a Twilio stand-in on {} (Ctrl-C to stop)",
            sb.base_url()
        ));
    } else {
        ctx.printer.status(format!(
            "smsctl sandbox: a Twilio stand-in on {} (Ctrl-C to stop). Use it with:\n",
            sb.base_url()
        ));
        ctx.printer.out(sb.env_hint());
    }
    ctx.printer.status(format!(
        "Also accepted: the API key {} with secret {} (TWILIO_API_KEY / TWILIO_API_SECRET), and the Messaging Service {}. To rehearse saving a profile, export only the two SMSCTL_TWILIO_* lines and run e.g.\n  printf %s {} | smsctl creds add rehearsal --account-sid {} --mint-api-key --messaging-service {} --secret-stdin\n",
        sandbox::API_KEY_SID,
        sandbox::API_KEY_SECRET,
        sandbox::MESSAGING_SERVICE_SID,
        sandbox::AUTH_TOKEN,
        sandbox::ACCOUNT_SID,
        sandbox::MESSAGING_SERVICE_SID,
    ));
    if a.fail_key_delete {
        ctx.printer
            .status("Fault: every API key DELETE fails with a 500.\n");
    }
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

/// `sandbox --json`: where the sandbox listens and its fake account, as one JSON
/// object (README "Sandbox"). These credentials exist only in the sandbox.
fn banner_json(url: &str) -> serde_json::Value {
    use crate::env_vars::*;
    serde_json::json!({
        "url": url,
        "account_sid": sandbox::ACCOUNT_SID,
        "auth_token": sandbox::AUTH_TOKEN,
        "api_key_sid": sandbox::API_KEY_SID,
        "api_key_secret": sandbox::API_KEY_SECRET,
        "messaging_service_sid": sandbox::MESSAGING_SERVICE_SID,
        "from": sandbox::FROM_NUMBER,
        "whatsapp_from": sandbox::WHATSAPP_FROM,
        "env": {
            SMSCTL_TWILIO_API_URL: url,
            SMSCTL_TWILIO_MESSAGING_URL: url,
            TWILIO_ACCOUNT_SID: sandbox::ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: sandbox::AUTH_TOKEN,
            TWILIO_PHONE_NUMBER: sandbox::FROM_NUMBER,
        },
    })
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
