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

/// Base URLs of Twilio's REST API, Messaging API, Pricing API and Content API.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub api: Url,
    pub messaging: Url,
    pub pricing: Url,
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
        let pricing = env_vars::var(env_vars::SMSCTL_TWILIO_PRICING_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_PRICING_URL.into());
        let content = env_vars::var(env_vars::SMSCTL_TWILIO_CONTENT_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_CONTENT_URL.into());
        Ok(Endpoints {
            api: checked_url(env_vars::SMSCTL_TWILIO_API_URL, &api)?,
            messaging: checked_url(env_vars::SMSCTL_TWILIO_MESSAGING_URL, &messaging)?,
            pricing: checked_url(env_vars::SMSCTL_TWILIO_PRICING_URL, &pricing)?,
            content: checked_url(env_vars::SMSCTL_TWILIO_CONTENT_URL, &content)?,
        })
    }

    /// Twilio's regional hosts for a profile with a region and/or an edge:
    /// `https://api.{edge}.{region}.twilio.com` (and `messaging.…`); a region
    /// alone uses its default edge, an edge alone the `us1` region. Without
    /// either, or when `SMSCTL_TWILIO_API_URL` / `SMSCTL_TWILIO_MESSAGING_URL`
    /// are set (they win), [`Endpoints::from_env`].
    pub fn for_region(region: Option<&str>, edge: Option<&str>) -> Result<Self, UrlError> {
        let overridden = env_vars::var(env_vars::SMSCTL_TWILIO_API_URL).is_some()
            || env_vars::var(env_vars::SMSCTL_TWILIO_MESSAGING_URL).is_some();
        match regional_hosts(region, edge) {
            // Pricing has no regional hosts: it stays that of the environment.
            Some((api, messaging)) if !overridden => Ok(Endpoints {
                api: checked_url("region", &api)?,
                messaging: checked_url("region", &messaging)?,
                ..Self::from_env()?
            }),
            _ => Self::from_env(),
        }
    }

    /// Every API served by one base URL (the sandbox, test servers).
    pub fn single(base: &str) -> Result<Self, UrlError> {
        let u = checked_url("base URL", base)?;
        Ok(Endpoints {
            api: u.clone(),
            messaging: u.clone(),
            pricing: u.clone(),
            content: u,
        })
    }
}

/// The regional base URLs (API, Messaging API) for a region and/or edge.
pub fn regional_hosts(region: Option<&str>, edge: Option<&str>) -> Option<(String, String)> {
    let (region, edge) = match (region, edge) {
        (None, None) => return None,
        (Some(r), Some(e)) => (r.to_string(), e.to_string()),
        (Some(r), None) => {
            let e = crate::validate::TWILIO_REGIONS
                .iter()
                .find(|(k, _)| *k == r)
                .map_or("ashburn", |(_, e)| *e);
            (r.to_string(), e.to_string())
        }
        (None, Some(e)) => ("us1".to_string(), e.to_string()),
    };
    Some((
        format!("https://api.{edge}.{region}.twilio.com"),
        format!("https://messaging.{edge}.{region}.twilio.com"),
    ))
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

#[cfg(test)]
mod tests {
    use super::regional_hosts;

    #[test]
    fn regional_hosts_follow_twilios_pattern() {
        assert_eq!(regional_hosts(None, None), None);
        let (api, msg) = regional_hosts(Some("ie1"), Some("dublin")).unwrap();
        assert_eq!(api, "https://api.dublin.ie1.twilio.com");
        assert_eq!(msg, "https://messaging.dublin.ie1.twilio.com");
        // A region alone takes its default edge; an edge alone the us1 region.
        assert_eq!(
            regional_hosts(Some("au1"), None).unwrap().0,
            "https://api.sydney.au1.twilio.com"
        );
        assert_eq!(
            regional_hosts(None, Some("umatilla")).unwrap().0,
            "https://api.umatilla.us1.twilio.com"
        );
    }
}
