//! `smsctl send` and `smsctl creds test`: one message at a time.

use std::io::{IsTerminal, Read};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use smsctl_sandbox::{self as sandbox, Sandbox, SandboxOptions};

use crate::cli::{Channel, SendArgs, SmsSenderArgs};
use crate::context::{self, Context, Resolved, Senders, Source};
use crate::error::{ExitStatus, UserError};
use crate::phone::{self, E164, Region};
use crate::profile::{ProfilesFile, State};
use crate::prompt;
use crate::secret::Secret;
use crate::secrets::SecretStore;
use crate::sms::{self, Segments};
use crate::twilio::{
    Client, Credentials, Message, NewMessage, TwilioError, address, docs_url, explain,
};
use crate::validate;

/// An in-process sandbox and credentials for it (`--sandbox`).
async fn start_sandbox() -> anyhow::Result<(Sandbox, Client, Resolved)> {
    let sb = Sandbox::start(0, SandboxOptions::default())
        .await
        .context("cannot start the in-process sandbox")?;
    let creds = Credentials {
        account_sid: sandbox::ACCOUNT_SID.into(),
        username: sandbox::ACCOUNT_SID.into(),
        secret: Secret::new(sandbox::AUTH_TOKEN),
    };
    let client = Client::new(
        crate::twilio::Endpoints::single(&sb.base_url())?,
        creds.clone(),
    )?;
    let resolved = Resolved {
        source: Source::Sandbox,
        profile: None,
        creds,
        senders: Senders {
            from: Some(sandbox::FROM_NUMBER.into()),
            whatsapp_from: Some(sandbox::WHATSAPP_FROM.into()),
            ..Default::default()
        },
        default_region: None,
    };
    Ok((sb, client, resolved))
}

/// The client and credentials a sending command uses: an in-process sandbox
/// (`--sandbox`), or the resolved credentials, refused when the profile's
/// state does not allow sending.
pub async fn sending_client(
    ctx: &Context,
    sandbox: bool,
    force: bool,
    sender: &SmsSenderArgs,
) -> anyhow::Result<(Option<Sandbox>, Client, Resolved)> {
    if sandbox {
        let (sb, client, r) = start_sandbox().await?;
        ctx.printer.status(format!(
            "sandbox: rehearsing against {} (nothing leaves this machine)",
            sb.base_url()
        ));
        return Ok((Some(sb), client, r));
    }
    let r = ctx.resolve()?;
    context::check_can_send(&r, force, sender.any())?;
    let client = ctx.client(r.creds.clone())?;
    Ok((None, client, r))
}

/// One message: to `to`, from [`message_sender`]'s sender.
pub fn build_message(
    senders: &Senders,
    overrides: &SmsSenderArgs,
    channel: Channel,
    to: &E164,
    body: String,
    source: &Source,
) -> Result<NewMessage, UserError> {
    let (from, messaging_service_sid) = message_sender(senders, overrides, channel, source)?;
    Ok(NewMessage {
        to: address(to.as_str(), channel == Channel::Whatsapp),
        from,
        messaging_service_sid,
        body,
    })
}

/// The sender of messages on `channel`, as (`From`, `MessagingServiceSid`): flags
/// override the credential set's senders.
pub fn message_sender(
    senders: &Senders,
    overrides: &SmsSenderArgs,
    channel: Channel,
    source: &Source,
) -> Result<(Option<String>, Option<String>), UserError> {
    let (mut from, mut mg) = (None, None);
    if let Some(m) = &overrides.messaging_service {
        mg = Some(
            validate::messaging_service_sid(m)
                .map_err(|e| UserError::usage(e.at("--messaging-service").0))?,
        );
    } else if let Some(f) = &overrides.from {
        let f = f.strip_prefix("whatsapp:").unwrap_or(f);
        from = Some(
            phone::parse_number_accepting(f.trim(), None, extra_numbers(source))
                .map_err(|e| UserError::usage(format!("--from: {e}")))?
                .to_string(),
        );
    } else if let Some(id) = &overrides.sender_id {
        from = Some(validate::sender_id(id).map_err(|e| UserError::usage(e.0))?);
    } else {
        match channel {
            Channel::Whatsapp => {
                if let Some(w) = &senders.whatsapp_from {
                    from = Some(w.trim_start_matches("whatsapp:").to_string());
                } else {
                    mg = senders.messaging_service_sid.clone();
                }
            }
            Channel::Sms => {
                mg = senders.messaging_service_sid.clone();
                if mg.is_none() {
                    from = senders.from.clone().or_else(|| senders.sender_id.clone());
                }
            }
        }
    }
    if from.is_none() && mg.is_none() {
        let what = match channel {
            Channel::Whatsapp => "no WhatsApp sender",
            Channel::Sms => "no SMS sender",
        };
        let fix = match source {
            Source::Profile(l) => format!(
                "add one with `smsctl creds edit {l} {}`, or pass --from / --messaging-service",
                if channel == Channel::Whatsapp {
                    "--whatsapp-from whatsapp:+E164"
                } else {
                    "--messaging-service MG… | --from +E164 | --sender-id NAME"
                }
            ),
            _ => format!(
                "set {}, or pass --from / --messaging-service",
                if channel == Channel::Whatsapp {
                    "TWILIO_WHATSAPP_FROM"
                } else {
                    "TWILIO_MESSAGING_SERVICE_SID, TWILIO_PHONE_NUMBER or TWILIO_SENDER_ID"
                }
            ),
        };
        return Err(UserError::usage(format!("{source} has {what}: {fix}")));
    }
    let from = match channel {
        Channel::Whatsapp => {
            if from.as_deref().is_some_and(|f| !f.starts_with('+')) {
                return Err(UserError::usage(
                    "WhatsApp needs a phone-number sender (whatsapp:+E164), not an alphanumeric sender ID",
                ));
            }
            from.map(|f| address(&f, true))
        }
        Channel::Sms => from,
    };
    Ok((from, mg))
}

/// Numbers accepted on top of valid ones: the sandbox's magic test numbers, on `--sandbox`.
fn extra_numbers(source: &Source) -> &'static [&'static str] {
    match source {
        Source::Sandbox => sandbox::TEST_NUMBERS,
        _ => &[],
    }
}

/// Parse `--to`, accepting a `whatsapp:` prefix for the WhatsApp channel.
fn parse_to(
    input: &str,
    channel: Channel,
    region: Option<Region>,
    extra: &[&str],
) -> Result<E164, UserError> {
    let bare = match (channel, input.trim().strip_prefix("whatsapp:")) {
        (Channel::Whatsapp, Some(rest)) => rest,
        _ => input,
    };
    phone::parse_number_accepting(bare, region, extra)
        .map_err(|e| UserError::usage(format!("--to: {e}")))
}

fn read_body(a: &SendArgs) -> anyhow::Result<String> {
    let body = if let Some(b) = &a.body {
        b.clone()
    } else if let Some(f) = &a.body_file {
        std::fs::read_to_string(f)
            .map_err(|e| UserError::usage(format!("--body-file {}: {e}", f.display())))?
    } else if !std::io::stdin().is_terminal() {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the message body from standard input")?;
        s
    } else {
        return Err(UserError::usage(
            "no message body: pass --body TEXT or --body-file FILE, or pipe it on standard input",
        )
        .into());
    };
    // A file or pipe usually ends with one newline that is not part of the message.
    let body = body.strip_suffix('\n').unwrap_or(&body);
    let body = body.strip_suffix('\r').unwrap_or(body);
    Ok(body.to_string())
}

/// `--default-region`, checked (exit 2 naming the flag).
pub fn region_flag(flag: Option<&str>) -> Result<Option<Region>, UserError> {
    flag.map(|r| {
        r.parse::<Region>()
            .map_err(|e| UserError::usage(format!("--default-region: {e}")))
    })
    .transpose()
}

pub async fn run(ctx: &Context, a: SendArgs) -> anyhow::Result<ExitStatus> {
    // Everything about the input is checked before credentials are touched.
    let body = read_body(&a)?;
    let seg = sms::check_body(&body)?;
    let region_flag = region_flag(a.default_region.as_deref())?;
    let (_sandbox, client, resolved) = sending_client(ctx, a.sandbox, a.force, &a.sender).await?;
    let region = region_flag.or(resolved.default_region);
    let to = parse_to(&a.to, a.channel, region, extra_numbers(&resolved.source))?;
    let msg = build_message(
        &resolved.senders,
        &a.sender,
        a.channel,
        &to,
        body,
        &resolved.source,
    )?;
    if a.channel == Channel::Sms
        && msg.from.as_deref().is_some_and(|f| !f.starts_with('+'))
        && !phone::alpha_sender_supported(&to)
    {
        ctx.printer.warn(format!(
            "alphanumeric sender IDs are not supported towards {} (+{}): carriers there will reject or rewrite the sender; use a phone number or a Messaging Service",
            to.region().unwrap_or_else(|| "this country".into()),
            to.country_code()
        ));
    }
    if seg.segments > 1 {
        ctx.printer
            .status(format!("note: this message is {}", seg.describe()));
    } else {
        ctx.printer.verbose(format!("message: {}", seg.describe()));
    }
    ctx.printer
        .verbose(format!("sending to {} through {}", msg.to, resolved.source));
    let sent = client.create_message(&msg).await?;
    let final_msg = if a.wait {
        // The message exists now: whatever happens while polling, name it.
        Some(
            wait_final(ctx, &client, &sent.sid, Duration::from_secs(a.wait_timeout))
                .await
                .with_context(|| {
                    format!(
                        "message {} was accepted by Twilio (status {}), but its final status could not be fetched; do not send it again",
                        sent.sid, sent.status
                    )
                })?,
        )
    } else {
        None
    };
    report(ctx, &sent, final_msg.as_ref(), &seg)
}

fn report(
    ctx: &Context,
    sent: &Message,
    final_msg: Option<&Message>,
    seg: &Segments,
) -> anyhow::Result<ExitStatus> {
    let shown = final_msg.unwrap_or(sent);
    if ctx.printer.json {
        let mut v = serde_json::to_value(shown)?;
        v["smsctl"] = serde_json::json!({ "segments": seg });
        ctx.printer.json(&v);
    } else {
        ctx.printer.out(format!("{}\t{}", shown.sid, shown.status));
    }
    let Some(m) = final_msg else {
        return Ok(ExitStatus::Success);
    };
    match m.status.as_str() {
        "delivered" | "read" => Ok(ExitStatus::Success),
        "undelivered" | "failed" | "canceled" => {
            let detail = match m.error_code {
                Some(code) => format!(
                    ": {} (Twilio error {code}; {})",
                    explain(code).unwrap_or(m.error_message.as_deref().unwrap_or("no detail")),
                    docs_url(code)
                ),
                None => String::new(),
            };
            Err(UserError::failed(format!("message {} was {}{detail}", m.sid, m.status)).into())
        }
        other => Err(UserError::failed(format!(
            "message {} is still {other} after the --wait-timeout; check later with the Twilio Console",
            m.sid
        ))
        .into()),
    }
}

/// Poll until a final status, with backoff, for at most `limit`.
async fn wait_final(
    ctx: &Context,
    client: &Client,
    sid: &str,
    limit: Duration,
) -> anyhow::Result<Message> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(500);
    loop {
        tokio::time::sleep(delay.min(limit.saturating_sub(start.elapsed()))).await;
        let m = client.fetch_message(sid).await?;
        ctx.printer.verbose(format!("{sid}: {}", m.status));
        if m.is_final() || start.elapsed() >= limit {
            return Ok(m);
        }
        delay = (delay.mul_f64(1.5)).min(Duration::from_secs(10));
    }
}

/// `smsctl creds test [LABEL] [--to]`: a real SMS to the user's own number.
pub async fn creds_test(
    ctx: &Context,
    label: Option<String>,
    to: Option<String>,
    sandbox: bool,
) -> anyhow::Result<ExitStatus> {
    if sandbox {
        let to = to.ok_or_else(|| UserError::missing("the number to send the test to", "--to"))?;
        let to = parse_to(&to, Channel::Sms, None, sandbox::TEST_NUMBERS)?;
        let (_sb, client, r) = sending_client(ctx, true, false, &SmsSenderArgs::default()).await?;
        let body = "smsctl test message from profile sandbox".to_string();
        let msg = build_message(
            &r.senders,
            &SmsSenderArgs::default(),
            Channel::Sms,
            &to,
            body,
            &r.source,
        )?;
        let m = client.create_message(&msg).await?;
        print_test(ctx, &m, None);
        return Ok(ExitStatus::Success);
    }
    let store = ctx.store();
    let file = store.load()?;
    let label = match label {
        Some(l) => l,
        None => ctx.selected_label(&file)?,
    };
    let profile = file.get(&label)?.clone();
    let region = profile.region()?;
    let mut save_to = None;
    let to = match (to, &profile.test_to) {
        (Some(t), _) => parse_to(&t, Channel::Sms, region, &[])?,
        (None, Some(t)) => parse_to(t, Channel::Sms, region, &[])?,
        (None, None) => {
            let n = prompt::text(
                ctx.interactive,
                "Your own mobile number for the test (E.164)",
                "--to",
                |s| {
                    phone::parse_number(s, region).map_err(|e| validate::FormatError(e.to_string()))
                },
            )?;
            if prompt::confirm(
                true,
                &format!("Save {n} as the test number of {label}?"),
                "saving the test number",
            )? {
                save_to = Some(n.to_string());
            }
            n
        }
    };
    let secret = ctx.keychain().get(&label)?.ok_or_else(|| {
        UserError::failed(format!(
            "the keychain has no secret for profile {label}; store one with `smsctl creds rotate {label}`"
        ))
    })?;
    let client = ctx.client(profile.credentials(secret))?;
    let body = format!("smsctl test message from profile {label}");
    let source = Source::Profile(label.clone());
    let msg = build_message(
        &Senders::of(&profile),
        &SmsSenderArgs::default(),
        Channel::Sms,
        &to,
        body,
        &source,
    )?;
    let record = |state: State, test_to: Option<String>| {
        store.update(|f: &mut ProfilesFile| -> anyhow::Result<()> {
            let p = f.get_mut(&label)?;
            p.state = state;
            p.verified_at = Some(jiff::Timestamp::now());
            if let Some(t) = test_to {
                p.test_to = Some(t);
            }
            Ok(())
        })
    };
    match client.create_message(&msg).await {
        Ok(m) => {
            record(State::Tested, save_to)?;
            print_test(ctx, &m, Some(&label));
            Ok(ExitStatus::Success)
        }
        Err(e @ TwilioError::Api { .. }) if e.is_auth() => {
            record(State::Invalid, None)?;
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// `label` is None for a sandbox rehearsal.
fn print_test(ctx: &Context, m: &Message, label: Option<&str>) {
    if ctx.printer.json {
        ctx.printer.json(m);
    } else {
        ctx.printer.out(format!("{}\t{}", m.sid, m.status));
        let to = m.to.as_deref().unwrap_or("the test number");
        match label {
            None => ctx.printer.status(format!(
                "test message accepted by the sandbox for {to} (a rehearsal: no profile changed)"
            )),
            Some(label) => ctx.printer.status(format!(
                "test message accepted by Twilio for {to} (profile {label}: tested)"
            )),
        }
    }
}
