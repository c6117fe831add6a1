//! `smsctl creds status`: which credentials a command would use now and why,
//! their stored state, and a live check (sends nothing, changes nothing).
//! Exit 0 only when they can send, like `gh auth status`.

use super::*;
use crate::env_vars::var;
use crate::keychain::KEYCHAIN_NAME;

#[derive(Serialize)]
struct Live {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_type: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct Status {
    /// `profile` or `env`.
    source: &'static str,
    /// Why this credential set: `--profile`, `env`, `SMSCTL_PROFILE`, `default`.
    reason: &'static str,
    explanation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    account_sid: String,
    auth: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key_sid: Option<String>,
    senders: Vec<String>,
    api_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    stored_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verified_at: Option<String>,
    live: Live,
    can_send: bool,
}

pub(super) async fn status(ctx: &Context) -> anyhow::Result<ExitStatus> {
    let env = match &ctx.profile_flag {
        Some(_) => None,
        None => env_credentials()?,
    };
    let (reason, explanation, label) = match (&ctx.profile_flag, &env) {
        (Some(l), _) => {
            let mut why = "--profile names it".to_string();
            if var(env_vars::TWILIO_ACCOUNT_SID).is_some() {
                why.push_str(" (it wins over the TWILIO_* credentials in the environment)");
            }
            ("--profile", why, Some(l.clone()))
        }
        (None, Some(_)) => {
            let mut why =
                "TWILIO_ACCOUNT_SID and its secret are set in the environment".to_string();
            if let Some(p) = var(env_vars::SMSCTL_PROFILE) {
                why.push_str(&format!(" (they win over SMSCTL_PROFILE={p})"));
            }
            ("env", why, None)
        }
        (None, None) => {
            let file = ctx.store().load()?;
            match (var(env_vars::SMSCTL_PROFILE), file.default.clone()) {
                (Some(l), _) => ("SMSCTL_PROFILE", format!("SMSCTL_PROFILE={l}"), Some(l)),
                (None, Some(d)) => (
                    "default",
                    "it is the default profile (`smsctl creds use LABEL` changes it)".to_string(),
                    Some(d),
                ),
                (None, None) => {
                    return Err(UserError::failed(
                        "no credentials: no --profile, no TWILIO_ACCOUNT_SID in the environment, no SMSCTL_PROFILE and no default profile; add one with `smsctl creds add`",
                    )
                    .into());
                }
            }
        }
    };
    let keychain = ctx.keychain();
    let (profile, secret, keychain_problem, source) = match (&label, env) {
        (Some(l), _) => {
            let p = ctx.store().load()?.get(l)?.clone();
            let (secret, problem) = match keychain.get(l) {
                Ok(Some(s)) => (Some(s), None),
                Ok(None) => (None, Some(keychain.missing(l).to_string())),
                Err(e) => (None, Some(e.to_string())),
            };
            (p, secret, problem, "profile")
        }
        (None, Some((creds, kind, senders))) => {
            let sk = (kind == AuthKind::ApiKey).then(|| creds.username.clone());
            let p = Profile::new(creds.account_sid.clone(), kind, sk, senders);
            (p, Some(creds.secret), None, "env")
        }
        (None, None) => unreachable!("one of them is set"),
    };
    let api_url = profile
        .endpoints()
        .map(|e| e.api.to_string().trim_end_matches('/').to_string())
        .unwrap_or_else(|e| e.to_string());
    let (live, code) = match (secret, keychain_problem) {
        (Some(secret), _) => {
            let client = ctx.profile_client(&profile, secret)?;
            match verify::check(&client, &profile).await {
                Ok(c) => {
                    let can = c.state == State::Ready;
                    let mut message = if can {
                        "Twilio accepted the credentials and the sender".to_string()
                    } else {
                        "Twilio accepted the credentials, but there is no sender".to_string()
                    };
                    for n in &c.notes {
                        message.push_str("; ");
                        message.push_str(n);
                    }
                    let code = if can {
                        ExitStatus::Success
                    } else {
                        ExitStatus::Failure
                    };
                    (
                        Live {
                            ok: true,
                            state: Some(c.state.to_string()),
                            account_type: c.account_type,
                            message,
                        },
                        code,
                    )
                }
                Err(e) => {
                    let message = match &e {
                        VerifyError::Credentials(t) => match &label {
                            Some(l) => format!(
                                "{}; store the right secret with `smsctl creds rotate {l}`",
                                t.without_rotate_advice()
                            ),
                            None => format!(
                                "{}; fix TWILIO_* in the environment",
                                t.without_rotate_advice()
                            ),
                        },
                        other => other.to_string(),
                    };
                    let code = crate::error::exit_status(&anyhow::Error::new(e));
                    let code = match code {
                        ExitStatus::CredentialsRejected => code,
                        _ => ExitStatus::Failure,
                    };
                    (
                        Live {
                            ok: false,
                            state: None,
                            account_type: None,
                            message,
                        },
                        code,
                    )
                }
            }
        }
        (None, problem) => (
            Live {
                ok: false,
                state: None,
                account_type: None,
                message: format!(
                    "not checked: {}",
                    problem.unwrap_or_else(|| format!("{KEYCHAIN_NAME} has no secret"))
                ),
            },
            ExitStatus::Failure,
        ),
    };
    let out = Status {
        source,
        reason,
        explanation,
        label: label.clone(),
        account_sid: profile.account_sid.clone(),
        auth: profile.auth.to_string(),
        api_key_sid: profile.api_key_sid.clone(),
        senders: profile
            .senders
            .iter()
            .map(|s| s.as_str().to_string())
            .collect(),
        api_url,
        stored_state: (source == "profile").then(|| profile.state.to_string()),
        verified_at: profile.verified_at.map(|t| t.to_string()),
        can_send: code == ExitStatus::Success,
        live,
    };
    if ctx.printer.json {
        ctx.printer.json(&out);
        return Ok(code);
    }
    let who = match &out.label {
        Some(l) => format!("profile {l}"),
        None => "environment credentials (TWILIO_*)".to_string(),
    };
    let mut lines = vec![
        ("credentials", format!("{who}: {}", out.explanation)),
        (
            "account",
            match &out.api_key_sid {
                Some(sk) => format!("{} (API key {sk})", out.account_sid),
                None => format!("{} (Auth Token)", out.account_sid),
            },
        ),
        (
            "sender",
            if out.senders.is_empty() {
                "none".to_string()
            } else {
                out.senders.join(", ")
            },
        ),
        ("api", out.api_url.clone()),
    ];
    if let Some(s) = &out.stored_state {
        let when = out.verified_at.as_deref().unwrap_or("never checked");
        lines.push(("stored state", format!("{s} (last checked: {when})")));
    }
    let mark = if out.live.ok { "ok" } else { "FAILED" };
    lines.push(("live check", format!("{mark}: {}", out.live.message)));
    lines.push((
        "can send",
        if out.can_send { "yes" } else { "no" }.to_string(),
    ));
    let w = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in lines {
        ctx.printer.out(format!("{k:w$}  {v}"));
    }
    Ok(code)
}
