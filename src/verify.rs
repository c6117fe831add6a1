//! The checks `creds add` (and verify, rotate, edit, import) run against Twilio
//! before anything is saved. No printing.

use std::time::Duration;

use crate::profile::{AuthKind, Profile, State};
use crate::sender::Sender;
use crate::twilio::{Client, ListFilter, TwilioError};

/// What the checks found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// `Ready` or `NoSender`.
    pub state: State,
    /// Trial / Full, when the Account could be read.
    pub account_type: Option<String>,
    /// Things the user should know (e.g. a sender ID cannot be checked by API).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// Twilio refused the credentials (20003).
    #[error(transparent)]
    Credentials(TwilioError),
    /// Credentials fine, the sender is not usable.
    #[error("{0}")]
    Sender(String),
    /// The account is not usable (suspended, closed).
    #[error("{0}")]
    Account(String),
    /// Network, timeouts, unexpected answers: nothing could be concluded.
    #[error(transparent)]
    Other(TwilioError),
    /// The whole check ran out of time ([`SMSCTL_VERIFY_TIMEOUT`](crate::env_vars::SMSCTL_VERIFY_TIMEOUT)).
    #[error(
        "{host} did not answer within {secs} s, so the credentials could not be checked and nothing was saved; check your network, proxy and firewall, or SMSCTL_TWILIO_API_URL (SMSCTL_VERIFY_TIMEOUT sets how long to wait), or pass --no-verify to save without checking"
    )]
    Deadline { host: String, secs: u64 },
}

fn classify(e: TwilioError) -> VerifyError {
    if e.is_auth() {
        VerifyError::Credentials(e)
    } else {
        VerifyError::Other(e)
    }
}

/// How long one whole check may take: every request and retry together.
fn deadline() -> Duration {
    crate::env_vars::secs(crate::env_vars::SMSCTL_VERIFY_TIMEOUT).unwrap_or(Duration::from_secs(60))
}

/// `check` within [`deadline`]: an endpoint that never answers fails the
/// check in bounded time, however many requests and retries it would take.
async fn bounded<T>(
    client: &Client,
    f: impl std::future::Future<Output = Result<T, VerifyError>>,
) -> Result<T, VerifyError> {
    let limit = deadline();
    tokio::time::timeout(limit, f).await.unwrap_or_else(|_| {
        Err(VerifyError::Deadline {
            host: client.api_host(),
            secs: limit.as_secs_f64().ceil() as u64,
        })
    })
}

/// Check credentials, then the sender (the checks before saving, as README.md lists them).
pub async fn check(client: &Client, p: &Profile) -> Result<Checked, VerifyError> {
    bounded(client, check_unbounded(client, p)).await
}

async fn check_unbounded(client: &Client, p: &Profile) -> Result<Checked, VerifyError> {
    let account_type = match p.auth {
        AuthKind::AuthToken => {
            let acct = client.fetch_account().await.map_err(classify)?;
            if let Some(s) = acct.status.as_deref()
                && s != "active"
            {
                return Err(VerifyError::Account(format!(
                    "Twilio account {} is {s}, not active: it cannot send messages; see the Twilio Console",
                    p.account_sid
                )));
            }
            acct.kind
        }
        AuthKind::ApiKey => {
            // A Standard API key may not read the Account resource.
            client
                .list_messages(&ListFilter {
                    page_size: Some(1),
                    ..Default::default()
                })
                .await
                .map_err(classify)?;
            None
        }
    };
    let mut out = senders_unbounded(client, p).await?;
    out.account_type = account_type;
    Ok(out)
}

/// Only the sender part of [`check`] (for `creds edit`); `account_type` is
/// left unknown.
pub async fn check_senders(client: &Client, p: &Profile) -> Result<Checked, VerifyError> {
    bounded(client, senders_unbounded(client, p)).await
}

async fn senders_unbounded(client: &Client, p: &Profile) -> Result<Checked, VerifyError> {
    let mut notes = Vec::new();
    for sender in p.senders.iter() {
        match sender {
            Sender::MessagingService(mg) => match client.fetch_messaging_service(mg).await {
                Ok(_) => {}
                Err(e) if e.is_not_found() => {
                    return Err(VerifyError::Sender(format!(
                        "Messaging Service {mg} does not exist on account {}, or these credentials may not use it; check the SID in the Twilio Console (Messaging > Services)",
                        p.account_sid
                    )));
                }
                Err(e) => return Err(classify(e)),
            },
            Sender::Number(from) => match client.owns_number(from).await {
                Ok(true) => {}
                Ok(false) => {
                    return Err(VerifyError::Sender(format!(
                        "{from} is not a phone number of account {}; use one of the account's numbers (Twilio Console > Phone Numbers > Active numbers), or a Messaging Service",
                        p.account_sid
                    )));
                }
                Err(e) => return Err(classify(e)),
            },
            Sender::AlphaId(_) => notes.push(
                "an alphanumeric sender ID cannot be checked through the API; `smsctl creds test` shows whether it works".into(),
            ),
            Sender::WhatsApp(_) => notes.push(
                "a WhatsApp sender cannot be checked through the API; `smsctl send --channel whatsapp` to your own number shows whether it works".into(),
            ),
        }
    }
    Ok(Checked {
        state: if p.has_sender() {
            State::Ready
        } else {
            State::NoSender
        },
        account_type: None,
        notes,
    })
}
