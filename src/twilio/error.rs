//! Twilio's errors, typed, and each code translated into what to do.

/// The link Twilio documents each error code at.
pub fn docs_url(code: i64) -> String {
    format!("https://www.twilio.com/docs/api/errors/{code}")
}

/// One sentence saying what happened and what to do, for the codes users meet.
pub fn explain(code: i64) -> Option<&'static str> {
    Some(match code {
        20003 => {
            "Twilio rejected the credentials: the SID and secret do not match (wrong, rotated or revoked); check them in the Twilio Console and run `smsctl creds rotate`"
        }
        20404 => {
            "Twilio has no such resource on this account: check the SID (and that it belongs to this account)"
        }
        20429 | 429 => {
            "Twilio is rate limiting this account: send more slowly (lower --rate) and try again"
        }
        21211 => {
            "the To number is not a valid phone number: write it in E.164 (+<country code><number>)"
        }
        21212 => "the From number is not a valid phone number or sender ID for this account",
        21408 => {
            "this account may not send to that country: enable the region in the Twilio Console (Messaging > Settings > Geo permissions)"
        }
        21606 => {
            "the From number is not a number of this account that can send SMS: use one of your Twilio numbers or a Messaging Service"
        }
        21608 => {
            "this is a trial account and the recipient's number is not verified: verify it in the Twilio Console (Phone Numbers > Verified Caller IDs) or upgrade the account"
        }
        21610 => {
            "the recipient has opted out (replied STOP): they will not receive messages from this sender until they reply START"
        }
        21611 => {
            "the From number has too many messages queued: wait, or spread sending over more numbers"
        }
        21612 => {
            "Twilio cannot route a message from this sender to that number (e.g. a landline, or a sender not enabled for that carrier): use another sender or check the number"
        }
        21614 => "the To number is not a mobile number and cannot receive SMS",
        21617 => "the message body is longer than 1,600 characters",
        21602 => "the message body is missing",
        21603 => "no sender: pass --from or --messaging-service, or add a sender to the profile",
        21604 => "the To number is missing",
        21701 => "the Messaging Service does not exist on this account",
        30003 => "the recipient's handset is unreachable (off or out of coverage); try again later",
        30005 => "the recipient's number is unknown or no longer in service",
        30006 => "the recipient cannot receive SMS (a landline or an unreachable carrier)",
        30007 => {
            "the carrier filtered the message as spam: register the sender (A2P 10DLC / sender ID), avoid link shorteners and review the content"
        }
        30008 => "delivery failed for an unknown reason at the carrier; try again later",
        21655 => "the ContentSid is not a Content template of this account: check --content-sid",
        21656 => {
            "the ContentVariables do not fit the template: pass one --content-var per template variable"
        }
        35111 | 35114 | 35115 | 35117 => {
            "Twilio refused the --send-at time: a message is scheduled 15 minutes to 35 days ahead"
        }
        35118 => "scheduling a message needs a Messaging Service: pass --messaging-service MG…",
        63016 => {
            "outside WhatsApp's 24-hour window a business-initiated message must be an approved template: send it with --content-sid HX… and --content-var"
        }
        63007 => {
            "no WhatsApp sender matches the From address: use a WhatsApp-enabled number (e.g. the sandbox whatsapp:+14155238886)"
        }
        _ => return None,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum TwilioError {
    /// Twilio answered with an error body.
    #[error("{}", api_message(*.status, *.code, .message, .credential.as_deref()))]
    Api {
        status: u16,
        code: Option<i64>,
        message: String,
        more_info: Option<String>,
        /// Which credential was used (never the secret), for 20003.
        credential: Option<String>,
    },
    /// A request after which a message may or may not exist: not retried.
    #[error(
        "outcome unknown: the request to send to {to} at {at} {cause}; the message may or may not have been sent, so smsctl did not retry (check the Twilio Console's message log before sending again)"
    )]
    OutcomeUnknown {
        to: String,
        at: String,
        cause: String,
    },
    #[error("the request to {host} timed out after {secs} s{}", if *.retried { " (after retries)" } else { "" })]
    Timeout {
        host: String,
        secs: u64,
        retried: bool,
    },
    #[error(
        "cannot resolve {host}: {cause} (check your network and DNS, or SMSCTL_TWILIO_API_URL)"
    )]
    Dns { host: String, cause: String },
    #[error(
        "cannot connect to {host}: {cause} (check your network, proxy and firewall, or SMSCTL_TWILIO_API_URL)"
    )]
    Connect { host: String, cause: String },
    #[error(
        "the TLS certificate of {host} is not trusted ({cause}): a proxy or firewall may be intercepting HTTPS; check the system's CA certificates or SMSCTL_TWILIO_API_URL"
    )]
    Tls { host: String, cause: String },
    #[error("unexpected answer from Twilio ({status}): {detail}")]
    Unexpected { status: u16, detail: String },
    #[error("HTTP error talking to {host}: {cause}")]
    Http { host: String, cause: String },
}

fn api_message(status: u16, code: Option<i64>, message: &str, credential: Option<&str>) -> String {
    api_text(status, code, message, credential, true)
}

/// The sentence for an error; `advice` adds what to run for a saved profile
/// whose credentials were refused (left out where no profile exists yet, or
/// where the command is that very fix).
fn api_text(
    status: u16,
    code: Option<i64>,
    message: &str,
    credential: Option<&str>,
    advice: bool,
) -> String {
    let Some(code) = code else {
        return format!("Twilio answered HTTP {status}: {message}");
    };
    let what = if code == 20003 {
        match credential {
            Some(c) => format!(
                "Twilio rejected the credentials: {c} do not match (wrong, rotated or revoked); check them in the Twilio Console{}",
                if advice {
                    " and store the right secret with `smsctl creds rotate LABEL`"
                } else {
                    ""
                }
            ),
            None => explain(code).unwrap_or_default().to_string(),
        }
    } else {
        explain(code)
            .map(str::to_string)
            .unwrap_or_else(|| format!("Twilio refused the request: {message}"))
    };
    format!(
        "{what} (Twilio error {code}: {message}; {})",
        docs_url(code)
    )
}

impl TwilioError {
    /// The message without advice to run `smsctl creds rotate` (for `creds
    /// add`, where the profile does not exist yet, and for `rotate` itself).
    pub fn without_rotate_advice(&self) -> String {
        match self {
            TwilioError::Api {
                status,
                code,
                message,
                credential,
                ..
            } => api_text(*status, *code, message, credential.as_deref(), false),
            other => other.to_string(),
        }
    }

    pub fn code(&self) -> Option<i64> {
        match self {
            TwilioError::Api { code, .. } => *code,
            _ => None,
        }
    }

    /// Twilio refused the credentials themselves.
    pub fn is_auth(&self) -> bool {
        matches!(self, TwilioError::Api { status: 401, .. }) || self.code() == Some(20003)
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, TwilioError::Api { status: 404, .. }) || self.code() == Some(20404)
    }
}
