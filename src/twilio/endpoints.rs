//! Where the requests go: the base URLs, checked so credentials never travel
//! in clear text over a network, and joining paths onto them.

use url::Url;

use crate::env_vars;

/// A base URL setting smsctl will not use (bad input: exit 2).
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    #[error("{var}={value:?} is not a valid URL: {cause}")]
    Invalid {
        var: String,
        value: String,
        cause: url::ParseError,
    },
    #[error(
        "{var}={value} uses plain http:// to a host that is not loopback, which would send credentials in clear text; use https://, or http:// only with 127.0.0.1 or localhost"
    )]
    PlainHttp { var: String, value: String },
    #[error("{var}={value}: unsupported scheme {scheme:?}; use https://")]
    Scheme {
        var: String,
        value: String,
        scheme: String,
    },
}

/// Base URLs of Twilio's REST API, Messaging API and Content API.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub api: Url,
    pub messaging: Url,
    /// `https://content.twilio.com` (WhatsApp Content templates).
    pub content: Url,
}

impl Endpoints {
    /// From `SMSCTL_TWILIO_API_URL` / `SMSCTL_TWILIO_MESSAGING_URL` /
    /// `SMSCTL_TWILIO_CONTENT_URL`, else Twilio's.
    pub fn from_env() -> Result<Self, UrlError> {
        let api = env_vars::var(env_vars::SMSCTL_TWILIO_API_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_API_URL.into());
        let messaging = env_vars::var(env_vars::SMSCTL_TWILIO_MESSAGING_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_MESSAGING_URL.into());
        let content = env_vars::var(env_vars::SMSCTL_TWILIO_CONTENT_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_CONTENT_URL.into());
        Ok(Endpoints {
            api: checked_url(env_vars::SMSCTL_TWILIO_API_URL, &api)?,
            messaging: checked_url(env_vars::SMSCTL_TWILIO_MESSAGING_URL, &messaging)?,
            content: checked_url(env_vars::SMSCTL_TWILIO_CONTENT_URL, &content)?,
        })
    }

    /// Both APIs served by one base URL (the sandbox, test servers).
    pub fn single(base: &str) -> Result<Self, UrlError> {
        let u = checked_url("base URL", base)?;
        Ok(Endpoints {
            api: u.clone(),
            messaging: u.clone(),
            content: u,
        })
    }
}

/// `https://` anywhere; `http://` only to a loopback host, so a wrong setting
/// cannot send credentials across a network in clear text.
fn checked_url(var: &str, value: &str) -> Result<Url, UrlError> {
    let (var, value) = (var.to_string(), value.to_string());
    let url = match Url::parse(&value) {
        Ok(u) => u,
        Err(cause) => return Err(UrlError::Invalid { var, value, cause }),
    };
    let loopback = is_loopback(&url);
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(UrlError::PlainHttp { var, value }),
        other => Err(UrlError::Scheme {
            var,
            value,
            scheme: other.to_string(),
        }),
    }
}

/// The host is this machine (localhost, 127.0.0.0/8, ::1).
pub(super) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Join a path (possibly with a query) onto a base URL that may have a path prefix.
pub(super) fn join(base: &Url, path_and_query: &str) -> Url {
    try_join(base, path_and_query).expect("base URL plus path is a URL")
}

pub(super) fn try_join(base: &Url, path_and_query: &str) -> Option<Url> {
    let mut s = base.as_str().trim_end_matches('/').to_string();
    s.push_str(path_and_query);
    Url::parse(&s).ok()
}
