//! `creds ls` and `creds show`: the table of profiles and one profile in full.

use super::*;
use crate::output::{Cell, Col, Fit, Grid, Layout, Tone, timestamp};

#[derive(Serialize)]
pub(super) struct Row<'a> {
    label: &'a str,
    default: bool,
    /// What a sending command would use now (`*` in the table).
    in_use: bool,
    source: &'a str,
    account_sid: &'a str,
    auth: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key_sid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    messaging_service_sid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    whatsapp_from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    test_to: Option<&'a str>,
    state: String,
    verified_at: Option<String>,
}

/// `creds ls`: the TOML file only — never the keychain.
pub(super) fn ls(ctx: &Context, wide: bool) -> anyhow::Result<ExitStatus> {
    let file = ctx.store().load()?;
    for label in orphan_labels(ctx) {
        ctx.printer.warn(format!(
            "an interrupted `smsctl creds add {label}` may have left a secret for {label} in the keychain with no profile; remove it with `smsctl creds rm {label}`"
        ));
    }
    let env = env_credentials().ok().flatten();
    let env_senders = env.as_ref().map(|(_, _, s)| s.clone());
    // What a sending command would use now: --profile > environment
    // credentials > SMSCTL_PROFILE > the default profile (context::resolve).
    let in_use: Option<String> = match (&ctx.profile_flag, &env) {
        (Some(l), _) => Some(l.clone()),
        (None, Some(_)) => Some(ENV_LABEL.into()),
        (None, None) => {
            crate::env_vars::var(crate::env_vars::SMSCTL_PROFILE).or_else(|| file.default.clone())
        }
    };
    let mut rows: Vec<Row> = Vec::new();
    if let Some((c, kind, _)) = &env {
        let s = env_senders.as_ref().expect("set with env");
        rows.push(Row {
            label: ENV_LABEL,
            default: false,
            in_use: in_use.as_deref() == Some(ENV_LABEL),
            source: "env",
            account_sid: &c.account_sid,
            auth: kind.to_string(),
            api_key_sid: (*kind == AuthKind::ApiKey).then_some(c.username.as_str()),
            messaging_service_sid: s.messaging_service(),
            from: s.number(),
            sender_id: s.alpha_id(),
            whatsapp_from: s.whatsapp(),
            test_to: None,
            state: "env (not checked)".into(),
            verified_at: None,
        });
    }
    for (label, p) in &file.profiles {
        rows.push(Row {
            label,
            default: file.default.as_deref() == Some(label),
            in_use: in_use.as_deref() == Some(label.as_str()),
            source: "profile",
            account_sid: &p.account_sid,
            auth: p.auth.to_string(),
            api_key_sid: p.api_key_sid.as_deref(),
            messaging_service_sid: p.senders.messaging_service(),
            from: p.senders.number(),
            sender_id: p.senders.alpha_id(),
            whatsapp_from: p.senders.whatsapp(),
            test_to: p.test_to.as_deref(),
            state: p.state.to_string(),
            verified_at: p.verified_at.map(|t| t.to_string()),
        });
    }
    if ctx.printer.json {
        ctx.printer.json(&rows);
        return Ok(ExitStatus::Success);
    }
    if rows.is_empty() {
        ctx.printer
            .status("no profiles yet: add one with `smsctl creds add`");
        return Ok(ExitStatus::Success);
    }
    let mut g = profiles_grid();
    for r in &rows {
        let sender: Vec<&str> = [
            r.messaging_service_sid,
            r.from,
            r.sender_id,
            r.whatsapp_from,
        ]
        .into_iter()
        .flatten()
        .collect();
        let sender_cell = match sender.as_slice() {
            [] => Cell::new("-"),
            [one] => Cell::new(*one),
            [first, rest @ ..] => {
                Cell::new(sender.join(", ")).short(format!("{first} +{}", rest.len()))
            }
        };
        let verified = file
            .profiles
            .get(r.label)
            .and_then(|p| p.verified_at)
            .filter(|_| r.source == "profile");
        g.row(vec![
            Cell::new(if r.in_use { "*" } else { "" }),
            Cell::new(r.label),
            Cell::new(r.account_sid),
            Cell::new(r.auth.clone()),
            sender_cell,
            Cell::new(r.state.clone())
                .short(if r.source == "env" {
                    "env"
                } else {
                    r.state.as_str()
                })
                .tone(state_tone(&r.state)),
            match verified {
                Some(t) => Cell::new(timestamp(t)).short(t.strftime("%Y-%m-%d").to_string()),
                None => Cell::new("never"),
            },
        ]);
    }
    ctx.printer.out(g.render(Layout::detect(wide)));
    if in_use.as_deref() == Some(ENV_LABEL)
        && let Some(d) = &file.default
    {
        ctx.printer.status(format!(
            "* = in use: the TWILIO_* credentials in the environment win over the default profile {d}"
        ));
    }
    Ok(ExitStatus::Success)
}

/// The row of environment credentials.
const ENV_LABEL: &str = "[env]";

/// The columns of `creds ls`, and what gives way on a narrow terminal, in this
/// order (README "Tables"): LAST VERIFIED shows the date only, AUTH goes, a
/// SENDER of several shows the first and a count, then LAST VERIFIED, SENDER
/// and ACCOUNT SID go. The marker, LABEL and STATE always stay; a SID is never
/// cut across lines (its column goes instead). `--wide` shows everything.
fn profiles_grid() -> Grid {
    const ACCOUNT: usize = 2;
    const AUTH: usize = 3;
    const SENDER: usize = 4;
    const STATE: usize = 5;
    const VERIFIED: usize = 6;
    Grid::new(&[
        Col::new(""),
        Col::new("LABEL"),
        Col::new("ACCOUNT SID").whole(),
        Col::new("AUTH"),
        Col::new("SENDER").whole(),
        Col::new("STATE"),
        Col::new("LAST VERIFIED").short_header("VERIFIED"),
    ])
    .fit(&[
        Fit::Shorten(VERIFIED),
        Fit::Drop(AUTH),
        Fit::Shorten(SENDER),
        Fit::Shorten(STATE),
        Fit::Drop(VERIFIED),
        Fit::Drop(SENDER),
        Fit::Drop(ACCOUNT),
    ])
}

/// Green when it can send, yellow when it needs a step, red when refused.
fn state_tone(state: &str) -> Option<Tone> {
    Some(match state {
        "tested" | "ready" => Tone::Good,
        "unverified" | "no-sender" => Tone::Warn,
        "invalid" => Tone::Bad,
        _ => Tone::Note,
    })
}

/// `creds show`: every field; the secret only masked.
pub(super) fn show(ctx: &Context, label: &str) -> anyhow::Result<ExitStatus> {
    let file = ctx.store().load()?;
    let p = file.get(label)?;
    let secret = match ctx.keychain().get(label) {
        Ok(Some(s)) => s.masked(),
        Ok(None) => {
            ctx.printer.warn(ctx.keychain().missing(label).to_string());
            "(missing from the keychain)".into()
        }
        Err(e) => {
            ctx.printer.warn(e.to_string());
            "(keychain unavailable)".into()
        }
    };
    let is_default = file.default.as_deref() == Some(label);
    if ctx.printer.json {
        let mut v = serde_json::to_value(p)?;
        v["label"] = label.into();
        v["default"] = is_default.into();
        v["secret"] = secret.into();
        ctx.printer.json(&v);
        return Ok(ExitStatus::Success);
    }
    let mut fields: Vec<(&str, String)> = vec![
        ("label", label.to_string()),
        ("default", if is_default { "yes" } else { "no" }.into()),
        ("account sid", p.account_sid.clone()),
        ("auth", p.auth.to_string()),
    ];
    if let Some(sk) = &p.api_key_sid {
        fields.push(("api key sid", sk.clone()));
    }
    fields.push((
        match p.auth {
            AuthKind::ApiKey => "api key secret",
            AuthKind::AuthToken => "auth token",
        },
        secret,
    ));
    for (k, v) in [
        ("messaging service", p.senders.messaging_service()),
        ("from", p.senders.number()),
        ("sender id", p.senders.alpha_id()),
        ("whatsapp from", p.senders.whatsapp()),
        ("test number", p.test_to.as_deref()),
        ("default region", p.default_region.as_deref()),
        ("twilio region", p.region.as_deref()),
        ("twilio edge", p.edge.as_deref()),
        ("account type", p.account_type.as_deref()),
    ] {
        if let Some(v) = v {
            fields.push((k, v.to_string()));
        }
    }
    fields.push(("state", p.state.to_string()));
    fields.push((
        "verified at",
        p.verified_at
            .map(timestamp)
            .unwrap_or_else(|| "never".into()),
    ));
    let w = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in fields {
        ctx.printer.out(format!("{k:w$}  {v}"));
    }
    Ok(ExitStatus::Success)
}
