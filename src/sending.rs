//! Who a message is sent from and through which client: sender resolution
//! shared by `send`, `creds test` and `campaign run`. No printing but the one
//! status line naming a sandbox rehearsal.

use anyhow::Context as _;

use crate::cli::{Channel, SmsSenderArgs};
use crate::context::{self, Context, Resolved, Senders, Source};
use crate::phone::{self, E164, PhoneError, Region};
use crate::sandbox::{self, Sandbox, SandboxOptions};
use crate::secret::Secret;
use crate::twilio::{Client, Credentials, NewMessage, address};
use crate::validate::{self, FormatError};

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

/// The sender of one message: flags override the credential set's senders.
pub fn build_message(
    senders: &Senders,
    overrides: &SmsSenderArgs,
    channel: Channel,
    to: &E164,
    body: String,
    source: &Source,
) -> Result<NewMessage, SenderError> {
    let (mut from, mut mg) = (None, None);
    if let Some(m) = &overrides.messaging_service {
        mg = Some(validate::messaging_service_sid(m).map_err(|e| e.at("--messaging-service"))?);
    } else if let Some(f) = &overrides.from {
        let f = f.strip_prefix("whatsapp:").unwrap_or(f);
        from = Some(validate::e164(f, "--from")?.to_string());
    } else if let Some(id) = &overrides.sender_id {
        from = Some(validate::sender_id(id)?);
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
        return Err(SenderError::NoSender {
            credentials: source.clone(),
            channel,
        });
    }
    let (to, from) = match channel {
        Channel::Whatsapp => {
            if from.as_deref().is_some_and(|f| !f.starts_with('+')) {
                return Err(SenderError::WhatsAppAlphaId);
            }
            (address(to.as_str(), true), from.map(|f| address(&f, true)))
        }
        Channel::Sms => (to.to_string(), from),
    };
    Ok(NewMessage {
        to,
        from,
        messaging_service_sid: mg,
        body,
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
