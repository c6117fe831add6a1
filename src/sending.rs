//! Who a message is sent from and through which client: sender resolution
//! shared by `send`, `creds test` and `campaign run`. No printing but the one
//! status line naming a sandbox rehearsal.

use anyhow::Context as _;

use crate::cli::{Channel, MessageArgs, SmsSenderArgs};
use crate::context::{self, Context, Resolved, Source};
use crate::error::UserError;
use crate::message_options::{self, MessageOptionError};
use crate::phone::{self, E164, PhoneError, Region};
use crate::secret::Secret;
use crate::sender::{Sender, Senders};
use crate::twilio::{Client, Content, Credentials, MessageOptions, NewMessage, address};
use crate::validate::{self, FormatError};
use smsctl_sandbox::{self as sandbox, Sandbox, SandboxOptions};

/// Why a message's sender or recipient cannot be worked out (exit 2: nothing
/// was sent).
#[derive(Debug, thiserror::Error)]
pub enum SenderError {
    /// A sender flag's value is malformed.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// `--to` or `--default-region` is not a number or a region.
    #[error("{flag}: {error}")]
    Flag {
        flag: &'static str,
        error: PhoneError,
    },
    /// The credential set has no sender for the channel.
    #[error("{}", no_sender(.credentials, *.channel))]
    NoSender {
        credentials: Source,
        channel: Channel,
    },
    #[error("WhatsApp needs a phone-number sender (whatsapp:+E164), not an alphanumeric sender ID")]
    WhatsAppAlphaId,
}

fn no_sender(source: &Source, channel: Channel) -> String {
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
    format!("{source} has {what}: {fix}")
}

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
        senders: [
            Sender::Number(sandbox::FROM_NUMBER.into()),
            Sender::WhatsApp(sandbox::WHATSAPP_FROM.into()),
        ]
        .into_iter()
        .collect(),
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

/// The message to `to`: from [`message_sender`].
pub fn build_message(
    senders: &Senders,
    chosen: Option<Sender>,
    channel: Channel,
    to: &E164,
    body: String,
    source: &Source,
) -> Result<NewMessage, SenderError> {
    let sender = message_sender(senders, chosen, channel, source)?;
    let to = address(to.as_str(), channel == Channel::Whatsapp);
    Ok(NewMessage::text(to, sender, body))
}

/// The flags every message of a command shares, checked (before any request)
/// except what needs the sender or the template: see [`require_schedulable`]
/// and [`fetch_content`].
pub fn message_options(
    a: &MessageArgs,
    content_vars: &[String],
) -> Result<MessageOptions, MessageOptionError> {
    if a.content_sid.is_none()
        && let Some(v) = content_vars.first()
    {
        return Err(MessageOptionError::ContentVar {
            value: v.clone(),
            why: "a template variable needs the template: pass --content-sid HX… too".into(),
        });
    }
    Ok(MessageOptions {
        send_at: a
            .send_at
            .as_deref()
            .map(message_options::parse_send_at)
            .transpose()?,
        validity_period: a.validity_period,
        media_urls: message_options::media_urls(&a.media_url)?,
        content_sid: a
            .content_sid
            .as_deref()
            .map(|s| {
                validate::content_sid(s).map_err(|e| MessageOptionError::Content {
                    sid: s.to_string(),
                    why: e.to_string(),
                })
            })
            .transpose()?,
    })
}

/// `--send-at` needs a Messaging Service sender; on `--sandbox` the refusal
/// names the sandbox's.
pub fn require_schedulable(
    options: &MessageOptions,
    sender: &Sender,
    sandbox: bool,
) -> anyhow::Result<()> {
    if options.send_at.is_none() {
        return Ok(());
    }
    message_options::require_messaging_service(sender).map_err(|e| {
        if sandbox {
            UserError::usage(format!(
                "{e} (the sandbox's is --messaging-service {})",
                sandbox::MESSAGING_SERVICE_SID
            ))
            .into()
        } else {
            anyhow::Error::new(e)
        }
    })
}

/// The Content template `--content-sid` names, from the Content API; one that
/// does not exist is bad input (exit 2).
pub async fn fetch_content(client: &Client, sid: &str) -> anyhow::Result<Content> {
    match client.fetch_content(sid).await {
        Ok(c) => Ok(c),
        Err(e) if e.is_not_found() => Err(UserError::usage(format!(
            "--content-sid {sid}: account {} has no such Content template (Twilio answered 404); copy the SID from the Console's Content Template Builder; nothing was sent",
            client.account_sid()
        ))
        .into()),
        Err(e) => Err(anyhow::Error::new(e).context(format!(
            "cannot read the Content template {sid}; nothing was sent"
        ))),
    }
}

/// The sender of messages on `channel`: `chosen` (the sender flags, see
/// [`SmsSenderArgs::message_sender`]) or else the credential set's sender for
/// the channel; on WhatsApp, a number becomes `whatsapp:+…`.
pub fn message_sender(
    senders: &Senders,
    chosen: Option<Sender>,
    channel: Channel,
    source: &Source,
) -> Result<Sender, SenderError> {
    let chosen = chosen.or_else(|| {
        match channel {
            Channel::Whatsapp => senders
                .iter()
                .find(|s| matches!(s, Sender::WhatsApp(_)))
                .or_else(|| {
                    senders
                        .iter()
                        .find(|s| matches!(s, Sender::MessagingService(_)))
                }),
            Channel::Sms => senders.sms(),
        }
        .cloned()
    });
    let Some(sender) = chosen else {
        return Err(SenderError::NoSender {
            credentials: source.clone(),
            channel,
        });
    };
    Ok(match (channel, sender) {
        (Channel::Whatsapp, Sender::AlphaId(_)) => return Err(SenderError::WhatsAppAlphaId),
        (Channel::Whatsapp, Sender::Number(n)) => Sender::WhatsApp(address(&n, true)),
        (_, sender) => sender,
    })
}

/// Parse `--to`, accepting a `whatsapp:` prefix for the WhatsApp channel.
pub fn parse_to(
    input: &str,
    channel: Channel,
    region: Option<Region>,
) -> Result<E164, SenderError> {
    let bare = match (channel, input.trim().strip_prefix("whatsapp:")) {
        (Channel::Whatsapp, Some(rest)) => rest,
        _ => input,
    };
    phone::parse_number(bare, region).map_err(|error| SenderError::Flag {
        flag: "--to",
        error,
    })
}

/// `--default-region`, checked (exit 2 naming the flag).
pub fn region_flag(flag: Option<&str>) -> Result<Option<Region>, SenderError> {
    flag.map(|r| {
        r.parse::<Region>().map_err(|error| SenderError::Flag {
            flag: "--default-region",
            error,
        })
    })
    .transpose()
}
