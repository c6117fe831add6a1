//! The HTTP side: endpoints, credentials, requests, and the retry policy.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use super::error::TwilioError;
use super::types::{Account, IncomingNumberPage, Message, MessagePage, Service};
use crate::env_vars;
use crate::secret::Secret;
use crate::sender::Sender;

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

/// Base URLs of Twilio's REST API and Messaging API.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub api: Url,
    pub messaging: Url,
}

impl Endpoints {
    /// From `SMSCTL_TWILIO_API_URL` / `SMSCTL_TWILIO_MESSAGING_URL`, else Twilio's.
    pub fn from_env() -> Result<Self, UrlError> {
        let api = env_vars::var(env_vars::SMSCTL_TWILIO_API_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_API_URL.into());
        let messaging = env_vars::var(env_vars::SMSCTL_TWILIO_MESSAGING_URL)
            .unwrap_or_else(|| env_vars::DEFAULT_TWILIO_MESSAGING_URL.into());
        Ok(Endpoints {
            api: checked_url(env_vars::SMSCTL_TWILIO_API_URL, &api)?,
            messaging: checked_url(env_vars::SMSCTL_TWILIO_MESSAGING_URL, &messaging)?,
        })
    }

    /// Both APIs served by one base URL (the sandbox, test servers).
    pub fn single(base: &str) -> Result<Self, UrlError> {
        let u = checked_url("base URL", base)?;
        Ok(Endpoints {
            api: u.clone(),
            messaging: u,
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
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The most of one response body smsctl reads: Twilio's pages are far smaller.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The most pages one list follows (Twilio's page size goes up to 1,000).
const MAX_PAGES: usize = 1000;

/// Who the requests are made as.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub account_sid: String,
    /// The API Key SID, or the Account SID for Auth Token auth.
    pub username: String,
    pub secret: Secret,
}

impl Credentials {
    fn describe(&self) -> String {
        if self.username.starts_with("SK") {
            format!(
                "the API Key {} (account {})",
                self.username, self.account_sid
            )
        } else {
            format!("the Account SID {} with its Auth Token", self.account_sid)
        }
    }
}

/// How 429/503 and connection failures are retried. This is the only place
/// that decides whether a request is tried again.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff; doubles each retry, with full jitter.
    pub base: Duration,
    /// Longest single wait (also caps Retry-After).
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        let base_ms = env_vars::var(env_vars::SMSCTL_RETRY_BASE_MS)
            .and_then(|v| v.parse().ok())
            .unwrap_or(500);
        RetryPolicy {
            max_retries: 5,
            base: Duration::from_millis(base_ms),
            cap: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(ra) = retry_after {
            return ra.min(self.cap);
        }
        let exp = self
            .base
            .saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX))
            .min(self.cap);
        // Full jitter keeps many clients from retrying in lockstep.
        let jitter: f64 = rand::random_range(0.5..=1.0);
        exp.mul_f64(jitter)
    }
}

/// Filters of the Messages list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub to: Option<String>,
    pub from: Option<String>,
    /// `DateSent>=` this day (YYYY-MM-DD, UTC).
    pub date_sent_after: Option<String>,
    pub page_size: Option<u32>,
}

/// A message to create.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub to: String,
    /// `From` (a number, `whatsapp:+…` or an alphanumeric ID), or a Messaging Service.
    pub sender: Sender,
    pub body: String,
}

/// A number as `To` / `From` on a channel: `+E164`, or `whatsapp:+E164`.
pub fn address(number: &str, whatsapp: bool) -> String {
    if whatsapp {
        format!("whatsapp:{number}")
    } else {
        number.to_string()
    }
}

#[derive(Clone)]
pub struct Client {
    /// For endpoints that are not loopback (always https://): the system's
    /// proxy settings apply. reqwest sends an https:// request through an
    /// http:// proxy in a CONNECT tunnel (reqwest 0.12 `connect.rs`,
    /// `connect_via_proxy`: "tunneling HTTPS over proxy"), so the proxy sees
    /// the host name, never the Authorization header.
    http: reqwest::Client,
    /// For loopback endpoints (http:// allowed): never through a proxy, which
    /// would receive the credentials in clear text.
    direct: reqwest::Client,
    /// Every retry waits on this (the caller waits before the first attempt),
    /// so retries count against the same rate as first attempts.
    limiter: Option<Arc<governor::DefaultDirectRateLimiter>>,
    /// What must never leave in a text from the server: the Authorization
    /// value's base64 (with JSON's `\/` variant), and the raw secret.
    scrub: Arc<Vec<zeroize::Zeroizing<String>>>,
    endpoints: Arc<Endpoints>,
    creds: Arc<Credentials>,
    retry: RetryPolicy,
    timeout: Duration,
    /// `Basic base64(username:secret)`, built once, marked sensitive (never
    /// shown by Debug, never logged).
    auth: reqwest::header::HeaderValue,
    /// The Messages endpoint, parsed once: a campaign posts to it millions of times.
    messages_url: Url,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoints", &self.endpoints)
            .field("username", &self.creds.username)
            .finish_non_exhaustive()
    }
}

enum Attempt {
    Done(reqwest::Response),
    /// Retry after this long.
    Retry(Option<Duration>, TwilioError),
}

impl Client {
    pub fn new(endpoints: Endpoints, creds: Credentials) -> Result<Self, TwilioError> {
        let timeout =
            env_vars::secs(env_vars::SMSCTL_HTTP_TIMEOUT).unwrap_or(Duration::from_secs(30));
        let build = |direct: bool| {
            let mut b = reqwest::Client::builder()
                .user_agent(concat!("smsctl/", env!("CARGO_PKG_VERSION")))
                // Strictly below the request timeout, so a connection that never
                // opens is reported (and retried) as a connect failure, not as a
                // request that may have been received.
                .connect_timeout(Duration::from_secs(10).min(timeout.mul_f64(0.8)))
                .timeout(timeout)
                // A redirect on a create would be followed as a GET and look
                // like a success; on a GET it may lead to another host.
                .redirect(reqwest::redirect::Policy::none())
                .pool_max_idle_per_host(256);
            if direct {
                b = b.no_proxy();
            }
            b.build().map_err(|e| TwilioError::Http {
                host: endpoints.api.host_str().unwrap_or("").into(),
                cause: e.to_string(),
            })
        };
        let (any_loopback, all_loopback) = {
            let l = [
                is_loopback(&endpoints.api),
                is_loopback(&endpoints.messaging),
            ];
            (l.iter().any(|x| *x), l.iter().all(|x| *x))
        };
        let http = build(all_loopback)?;
        // Only ever used for loopback URLs (so never, without a loopback endpoint).
        let direct = if any_loopback && !all_loopback {
            build(true)?
        } else {
            http.clone()
        };
        let (auth, scrub) = {
            use base64::Engine as _;
            let raw =
                zeroize::Zeroizing::new(format!("{}:{}", creds.username, creds.secret.expose()));
            let encoded = zeroize::Zeroizing::new(
                base64::engine::general_purpose::STANDARD.encode(raw.as_bytes()),
            );
            let mut v = reqwest::header::HeaderValue::try_from(format!("Basic {}", *encoded))
                .map_err(|_| TwilioError::Http {
                    host: endpoints.api.host_str().unwrap_or("").into(),
                    cause: "the credentials contain characters an HTTP header cannot carry".into(),
                })?;
            v.set_sensitive(true);
            let mut scrub: Vec<zeroize::Zeroizing<String>> = vec![
                zeroize::Zeroizing::new(encoded.to_string()),
                zeroize::Zeroizing::new(encoded.replace('/', "\\/")),
                zeroize::Zeroizing::new(creds.secret.expose().to_string()),
            ];
            scrub.retain(|n| !n.is_empty());
            scrub.dedup_by(|a, b| **a == **b);
            (v, scrub)
        };
        let messages_url = join(
            &endpoints.api,
            &format!("/2010-04-01/Accounts/{}/Messages.json", creds.account_sid),
        );
        Ok(Client {
            http,
            direct,
            limiter: None,
            scrub: Arc::new(scrub),
            auth,
            messages_url,
            endpoints: Arc::new(endpoints),
            creds: Arc::new(creds),
            retry: RetryPolicy::default(),
            timeout,
        })
    }

    /// Retries wait on `limiter` (shared with the caller, who waits on it
    /// before each first attempt), so no request goes out above its rate.
    pub fn with_limiter(mut self, limiter: Arc<governor::DefaultDirectRateLimiter>) -> Self {
        self.limiter = Some(limiter);
        self
    }

    pub fn account_sid(&self) -> &str {
        &self.creds.account_sid
    }

    /// The REST API's host (for messages about the endpoint).
    pub fn api_host(&self) -> String {
        self.endpoints.api.host_str().unwrap_or("").to_string()
    }

    /// `text` without the credentials in any form the server may echo them
    /// (a proxy or error page that shows the request's headers).
    fn scrub_text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for n in self.scrub.iter() {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), "(redacted)");
            }
        }
        out
    }

    /// The same for a body, before anything is decoded from it.
    fn scrub_bytes(&self, mut bytes: Vec<u8>) -> Vec<u8> {
        for n in self.scrub.iter() {
            if let Some(b) = replace_bytes(&bytes, n.as_bytes(), b"(redacted)") {
                bytes = b;
            }
        }
        bytes
    }

    /// Every text in an error passes here before it leaves the client: the
    /// journal and the report get their text from the error, so they are
    /// clean too.
    fn scrub_error(&self, e: TwilioError) -> TwilioError {
        let s = |t: String| self.scrub_text(&t);
        match e {
            TwilioError::Api {
                status,
                code,
                message,
                more_info,
                credential,
            } => TwilioError::Api {
                status,
                code,
                message: s(message),
                more_info: more_info.map(s),
                credential: credential.map(s),
            },
            TwilioError::OutcomeUnknown { to, at, cause } => TwilioError::OutcomeUnknown {
                to: s(to),
                at,
                cause: s(cause),
            },
            TwilioError::Timeout {
                host,
                secs,
                retried,
            } => TwilioError::Timeout {
                host: s(host),
                secs,
                retried,
            },
            TwilioError::Dns { host, cause } => TwilioError::Dns {
                host: s(host),
                cause: s(cause),
            },
            TwilioError::Connect { host, cause } => TwilioError::Connect {
                host: s(host),
                cause: s(cause),
            },
            TwilioError::Tls { host, cause } => TwilioError::Tls {
                host: s(host),
                cause: s(cause),
            },
            TwilioError::Unexpected { status, detail } => TwilioError::Unexpected {
                status,
                detail: s(detail),
            },
            TwilioError::Http { host, cause } => TwilioError::Http {
                host: s(host),
                cause: s(cause),
            },
        }
    }

    /// A body, at most [`MAX_BODY`] bytes of it, scrubbed of the credentials.
    /// `Err(partial)` when it is longer (reading stopped there).
    async fn read_body(
        &self,
        mut resp: reqwest::Response,
    ) -> Result<Result<Vec<u8>, Vec<u8>>, TwilioError> {
        let host = resp.url().host_str().unwrap_or("").to_string();
        let mut buf = Vec::new();
        let mut too_big = false;
        while let Some(chunk) = resp.chunk().await.map_err(|e| TwilioError::Http {
            host: host.clone(),
            cause: format!("reading the answer failed: {e}"),
        })? {
            if buf.len() + chunk.len() > MAX_BODY {
                buf.extend_from_slice(&chunk[..MAX_BODY - buf.len()]);
                too_big = true;
                break;
            }
            buf.extend_from_slice(&chunk);
        }
        let buf = self.scrub_bytes(buf);
        Ok(if too_big { Err(buf) } else { Ok(buf) })
    }

    fn api(&self, path: &str) -> Url {
        join(&self.endpoints.api, path)
    }

    /// `GET /2010-04-01/Accounts/{AC}.json`: Auth Token check; tells Trial/Full.
    pub async fn fetch_account(&self) -> Result<Account, TwilioError> {
        let url = self.api(&format!(
            "/2010-04-01/Accounts/{}.json",
            self.creds.account_sid
        ));
        self.get_json(url).await
    }

    /// `GET …/Messages.json` with filters (one page).
    pub async fn list_messages(&self, filter: &ListFilter) -> Result<MessagePage, TwilioError> {
        let mut url = self.messages_url.clone();
        {
            let mut q = url.query_pairs_mut();
            if let Some(to) = &filter.to {
                q.append_pair("To", to);
            }
            if let Some(from) = &filter.from {
                q.append_pair("From", from);
            }
            if let Some(d) = &filter.date_sent_after {
                q.append_pair("DateSent>", d);
            }
            if let Some(n) = filter.page_size {
                q.append_pair("PageSize", &n.to_string());
            }
        }
        self.get_json(url).await
    }

    /// Every message matching the filter, following `next_page_uri`.
    pub async fn list_all_messages(
        &self,
        filter: &ListFilter,
    ) -> Result<Vec<Message>, TwilioError> {
        let mut page = self.list_messages(filter).await?;
        let mut all = std::mem::take(&mut page.messages);
        let mut pages = 1;
        while let Some(next) = page.next_page_uri.take() {
            if pages >= MAX_PAGES {
                return Err(TwilioError::Unexpected {
                    status: 200,
                    detail: format!(
                        "the Messages list did not end after {MAX_PAGES} pages; smsctl stopped paging (check SMSCTL_TWILIO_API_URL)"
                    ),
                });
            }
            let url = self.next_page_url(&next).map_err(|e| self.scrub_error(e))?;
            page = self.get_json(url).await?;
            all.append(&mut page.messages);
            pages += 1;
        }
        Ok(all)
    }

    /// The page a `next_page_uri` of a Messages list names.
    pub async fn next_messages_page(
        &self,
        next_page_uri: &str,
    ) -> Result<MessagePage, TwilioError> {
        let url = self
            .next_page_url(next_page_uri)
            .map_err(|e| self.scrub_error(e))?;
        self.get_json(url).await
    }

    /// How long after its intent a create may still be applied by Twilio: the
    /// last attempt starts within [`Client::post_window`] of the first and ends
    /// within the request timeout, plus a margin for Twilio's own processing.
    pub fn settle_bound(&self) -> Duration {
        self.post_window() + self.timeout + Duration::from_secs(10)
    }

    /// No attempt of a POST starts later than this after its first attempt
    /// (connect failures and 429/503 are retried only within it).
    fn post_window(&self) -> Duration {
        self.timeout
    }

    /// A `next_page_uri` resolved against the API endpoint; refused (before
    /// any request) unless it is a path there, or a URL of the same scheme,
    /// host and port without user info.
    fn next_page_url(&self, next: &str) -> Result<Url, TwilioError> {
        let base = &self.endpoints.api;
        let refuse = |why: String| TwilioError::Unexpected {
            status: 200,
            detail: format!(
                "Twilio's next_page_uri {:?} {why}; smsctl stopped paging and sent no request for it (check SMSCTL_TWILIO_API_URL)",
                next.chars().take(200).collect::<String>()
            ),
        };
        let url = if next.starts_with('/') && !next.starts_with("//") {
            try_join(base, next).ok_or_else(|| refuse("is not a valid path".into()))?
        } else {
            match Url::parse(next) {
                Ok(u) => u,
                Err(_) => return Err(refuse("is not a path on the API endpoint".into())),
            }
        };
        let same = url.scheme() == base.scheme()
            && url.host_str() == base.host_str()
            && url.port_or_known_default() == base.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none();
        if !same {
            return Err(refuse(format!(
                "leads away from {}://{}",
                base.scheme(),
                base.host_str().unwrap_or("")
            )));
        }
        Ok(url)
    }

    /// `GET /v1/Services/{MG}` on the Messaging API.
    pub async fn fetch_messaging_service(&self, sid: &str) -> Result<Service, TwilioError> {
        let url = join(&self.endpoints.messaging, &format!("/v1/Services/{sid}"));
        self.get_json(url).await
    }

    /// Whether the account owns this phone number (IncomingPhoneNumbers list).
    pub async fn owns_number(&self, e164: &str) -> Result<bool, TwilioError> {
        let mut url = self.api(&format!(
            "/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json",
            self.creds.account_sid
        ));
        url.query_pairs_mut().append_pair("PhoneNumber", e164);
        let page: IncomingNumberPage = self.get_json(url).await?;
        Ok(page
            .incoming_phone_numbers
            .iter()
            .any(|n| n.phone_number == e164))
    }

    pub async fn fetch_message(&self, sid: &str) -> Result<Message, TwilioError> {
        let url = self.api(&format!(
            "/2010-04-01/Accounts/{}/Messages/{sid}.json",
            self.creds.account_sid
        ));
        self.get_json(url).await
    }

    /// `POST …/Messages.json`. Retried only when Twilio said it did not take
    /// the request (429, 503) or the connection failed before it was sent;
    /// a timeout after sending or a 5xx becomes [`TwilioError::OutcomeUnknown`].
    pub async fn create_message(&self, m: &NewMessage) -> Result<Message, TwilioError> {
        let url = self.messages_url.clone();
        let form: Vec<(&str, &str)> = vec![("To", &m.to), ("Body", &m.body), m.sender.form_field()];
        let body = serde_urlencoded::to_string(&form).expect("form encodes");
        let started = jiff::Timestamp::now();
        let r = self.create(m, url, body, started).await;
        r.map_err(|e| self.scrub_error(e))
    }

    async fn create(
        &self,
        m: &NewMessage,
        url: Url,
        body: String,
        started: jiff::Timestamp,
    ) -> Result<Message, TwilioError> {
        let unknown = |cause: String| TwilioError::OutcomeUnknown {
            to: m.to.clone(),
            at: started.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
            cause,
        };
        let resp = self
            .execute(Method::POST, url, Some(body), false)
            .await
            .map_err(|e| match e {
                TwilioError::Timeout { secs, .. } => unknown(format!("timed out after {secs} s")),
                e @ TwilioError::Http { .. } => unknown(format!("failed after it was sent ({e})")),
                other => other,
            })?;
        let status = resp.status();
        if status.is_server_error() {
            let detail = match self.read_body(resp).await {
                Ok(Ok(b) | Err(b)) => String::from_utf8_lossy(&b).into_owned(),
                Err(_) => String::new(),
            };
            return Err(unknown(format!(
                "got HTTP {} from Twilio{}",
                status.as_u16(),
                short_detail(&detail)
            )));
        }
        if status.is_redirection() {
            // Not followed: what the redirect points at never saw the request.
            return Err(unknown(format!(
                "was answered with a redirect (HTTP {}{}), which smsctl does not follow",
                status.as_u16(),
                location(&resp)
            )));
        }
        if status.is_success() {
            // A 2xx on a create means created, whatever the body says.
            let accepted = |why: String| {
                unknown(format!(
                    "was accepted (HTTP {}), so Twilio most likely created the message, but its answer could not be read ({why})",
                    status.as_u16()
                ))
            };
            return match self.read_body(resp).await {
                Ok(Ok(bytes)) => serde_json::from_slice(&bytes)
                    .map_err(|e| accepted(format!("it is not the expected JSON: {e}"))),
                Ok(Err(_)) => Err(accepted(format!(
                    "it is larger than {} MiB",
                    MAX_BODY / (1024 * 1024)
                ))),
                Err(e) => Err(accepted(e.to_string())),
            };
        }
        self.decode(resp).await
    }

    async fn get_json<T: DeserializeOwned>(&self, url: Url) -> Result<T, TwilioError> {
        let r = async {
            let resp = self.execute(Method::GET, url, None, true).await?;
            self.decode(resp).await
        }
        .await;
        r.map_err(|e| self.scrub_error(e))
    }

    async fn decode<T: DeserializeOwned>(&self, resp: reqwest::Response) -> Result<T, TwilioError> {
        let status = resp.status();
        if status.is_redirection() {
            return Err(TwilioError::Unexpected {
                status: status.as_u16(),
                detail: format!(
                    "the endpoint redirected{}; smsctl does not follow redirects (check SMSCTL_TWILIO_API_URL and SMSCTL_TWILIO_MESSAGING_URL)",
                    location(&resp)
                ),
            });
        }
        let bytes = match self.read_body(resp).await? {
            Ok(b) => b,
            Err(_) if status.is_success() => {
                return Err(TwilioError::Unexpected {
                    status: status.as_u16(),
                    detail: format!(
                        "the answer is larger than {} MiB; smsctl stopped reading it",
                        MAX_BODY / (1024 * 1024)
                    ),
                });
            }
            // An error's body is only read for its message.
            Err(partial) => partial,
        };
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| TwilioError::Unexpected {
                status: status.as_u16(),
                detail: format!("the response is not the expected JSON ({e})"),
            });
        }
        Err(self.api_error(status, &bytes))
    }

    fn api_error(&self, status: StatusCode, bytes: &[u8]) -> TwilioError {
        #[derive(serde::Deserialize)]
        struct Body {
            code: Option<i64>,
            message: Option<String>,
            more_info: Option<String>,
        }
        let parsed: Option<Body> = serde_json::from_slice(bytes).ok();
        let (code, message, more_info) = match parsed {
            Some(b) => (b.code, b.message, b.more_info),
            None => (None, None, None),
        };
        let code = code.or(match status.as_u16() {
            401 => Some(20003),
            _ => None,
        });
        TwilioError::Api {
            status: status.as_u16(),
            code,
            message: message
                .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_string()),
            more_info,
            credential: (status == StatusCode::UNAUTHORIZED || code == Some(20003))
                .then(|| self.creds.describe()),
        }
    }

    /// Send with the retry policy. `idempotent` requests (GETs) are also retried
    /// after timeouts; a POST never is.
    async fn execute(
        &self,
        method: Method,
        url: Url,
        form: Option<String>,
        idempotent: bool,
    ) -> Result<reqwest::Response, TwilioError> {
        let mut attempt = 0u32;
        let first = Instant::now();
        loop {
            match self
                .attempt(&method, &url, form.as_deref(), idempotent)
                .await?
            {
                Attempt::Done(resp) => return Ok(resp),
                Attempt::Retry(after, err) => {
                    if attempt >= self.retry.max_retries {
                        return Err(mark_retried(err));
                    }
                    let wait = self.retry.backoff(attempt, after);
                    // A POST is retried only within its window, so that a resume
                    // knows when any request made for an intent has finished.
                    if !idempotent && first.elapsed() + wait > self.post_window() {
                        return Err(mark_retried(err));
                    }
                    tracing::info!(
                        "retrying in {} ms: {}",
                        wait.as_millis(),
                        self.scrub_text(&err.to_string())
                    );
                    tokio::time::sleep(wait).await;
                    // A retry is a request like any other: it waits its turn.
                    if let Some(l) = &self.limiter {
                        l.until_ready().await;
                    }
                    if !idempotent && first.elapsed() > self.post_window() {
                        return Err(mark_retried(err));
                    }
                    attempt += 1;
                }
            }
        }
    }

    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        form: Option<&str>,
        idempotent: bool,
    ) -> Result<Attempt, TwilioError> {
        let http = if is_loopback(url) {
            &self.direct
        } else {
            &self.http
        };
        let mut req = http
            .request(method.clone(), url.clone())
            .header(reqwest::header::AUTHORIZATION, self.auth.clone());
        if let Some(f) = form {
            req = req
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(f.to_string());
        }
        let t0 = Instant::now();
        let host = url.host_str().unwrap_or("").to_string();
        match req.send().await {
            Ok(resp) => {
                let status = resp.status();
                tracing::info!(
                    "{method} {url} -> {} ({} ms) as {} (secret redacted)",
                    status.as_u16(),
                    t0.elapsed().as_millis(),
                    self.creds.username
                );
                if status == StatusCode::TOO_MANY_REQUESTS
                    || status == StatusCode::SERVICE_UNAVAILABLE
                {
                    let after = retry_after(resp.headers());
                    let bytes = match self.read_body(resp).await {
                        Ok(Ok(b) | Err(b)) => b,
                        Err(_) => Vec::new(),
                    };
                    return Ok(Attempt::Retry(after, self.api_error(status, &bytes)));
                }
                Ok(Attempt::Done(resp))
            }
            Err(e) => {
                tracing::info!(
                    "{method} {url} -> error after {} ms: {e}",
                    t0.elapsed().as_millis()
                );
                let err = classify(&host, &e, self.timeout);
                // A certificate problem will not fix itself: no retry.
                if matches!(err, TwilioError::Tls { .. }) {
                    return Err(err);
                }
                // Not sent at all (connect failed), or a GET: safe to try again.
                // A POST that may have reached Twilio is never retried.
                if e.is_connect() || idempotent {
                    Ok(Attempt::Retry(None, err))
                } else {
                    Err(err)
                }
            }
        }
    }
}

fn mark_retried(e: TwilioError) -> TwilioError {
    match e {
        TwilioError::Timeout { host, secs, .. } => TwilioError::Timeout {
            host,
            secs,
            retried: true,
        },
        other => other,
    }
}

fn short_detail(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        String::new()
    } else {
        format!(": {}", s.chars().take(200).collect::<String>())
    }
}

fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(secs) = v.trim().parse::<f64>() {
        return Some(Duration::from_secs_f64(secs.max(0.0)));
    }
    // An HTTP date.
    let when = jiff::fmt::rfc2822::parse(v.trim()).ok()?.timestamp();
    let d = when.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

fn classify(host: &str, e: &reqwest::Error, timeout: Duration) -> TwilioError {
    let chain = {
        let mut s = String::new();
        let mut cur: Option<&dyn std::error::Error> = Some(e);
        while let Some(c) = cur {
            s.push_str(&c.to_string());
            s.push_str(": ");
            cur = c.source();
        }
        s.trim_end_matches(": ").to_string()
    };
    let lower = chain.to_lowercase();
    if lower.contains("certificate")
        || lower.contains("unknownissuer")
        || lower.contains("invalid peer")
    {
        return TwilioError::Tls {
            host: host.into(),
            cause: last_cause(&chain),
        };
    }
    // Before is_timeout(): a connect timeout means the request was never sent.
    if e.is_connect() {
        if lower.contains("dns")
            || lower.contains("failed to lookup")
            || lower.contains("name or service not known")
        {
            return TwilioError::Dns {
                host: host.into(),
                cause: last_cause(&chain),
            };
        }
        let cause = if e.is_timeout() {
            "the connection timed out".to_string()
        } else {
            last_cause(&chain)
        };
        return TwilioError::Connect {
            host: host.into(),
            cause,
        };
    }
    if e.is_timeout() {
        return TwilioError::Timeout {
            host: host.into(),
            secs: timeout.as_secs_f64().ceil() as u64,
            retried: false,
        };
    }
    TwilioError::Http {
        host: host.into(),
        cause: last_cause(&chain),
    }
}

fn last_cause(chain: &str) -> String {
    chain.rsplit(": ").next().unwrap_or(chain).to_string()
}

/// Join a path (possibly with a query) onto a base URL that may have a path prefix.
fn join(base: &Url, path_and_query: &str) -> Url {
    try_join(base, path_and_query).expect("base URL plus path is a URL")
}

fn try_join(base: &Url, path_and_query: &str) -> Option<Url> {
    let mut s = base.as_str().trim_end_matches('/').to_string();
    s.push_str(path_and_query);
    Url::parse(&s).ok()
}

/// ` to <Location>` of a redirect, when it has one.
fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(|l| format!(" to {}", l.chars().take(200).collect::<String>()))
        .unwrap_or_default()
}

/// `hay` with every `needle` replaced, or `None` when there is none.
fn replace_bytes(hay: &[u8], needle: &[u8], with: &[u8]) -> Option<Vec<u8>> {
    if needle.is_empty() || !hay.windows(needle.len()).any(|w| w == needle) {
        return None;
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "s3cr3tT0kenXYZq8w7e6r5t4y3u2i1o0";

    fn client(base: &str) -> Client {
        Client::new(
            Endpoints::single(base).unwrap(),
            Credentials {
                account_sid: "AC0123456789abcdef0123456789abcdef".into(),
                username: "AC0123456789abcdef0123456789abcdef".into(),
                secret: Secret::new(SECRET),
            },
        )
        .unwrap()
    }

    #[test]
    fn next_page_uris_stay_on_the_endpoint() {
        let c = client("http://127.0.0.1:4000");
        let ok = c
            .next_page_url("/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA")
            .unwrap();
        assert_eq!(
            ok.as_str(),
            "http://127.0.0.1:4000/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA"
        );
        assert!(c.next_page_url("http://127.0.0.1:4000/x").is_ok());
        for bad in [
            "evil",
            "",
            "@127.0.0.1:4001/x",
            "@evil.example/x",
            "//evil.example/x",
            "http://127.0.0.1:4001/x",
            "https://127.0.0.1:4000/x",
            "http://user@127.0.0.1:4000/x",
            "http://evil.example/x",
        ] {
            let e = c.next_page_url(bad).expect_err(bad);
            assert!(e.to_string().contains("next_page_uri"), "{bad}: {e}");
        }
        // A base with a path prefix keeps it, and a hostile URI still cannot leave.
        let c = client("http://127.0.0.1:4000/twilio/");
        assert_eq!(
            c.next_page_url("/a?b=1").unwrap().as_str(),
            "http://127.0.0.1:4000/twilio/a?b=1"
        );
        assert!(c.next_page_url("@127.0.0.1:4001/x").is_err());
    }

    #[test]
    fn scrubbing_removes_the_secret_and_its_base64_in_every_spelling() {
        use base64::Engine as _;
        let c = client("http://127.0.0.1:4000");
        let b64 = base64::engine::general_purpose::STANDARD
            .encode(format!("AC0123456789abcdef0123456789abcdef:{SECRET}"));
        let text = format!(
            "Authorization: Basic {b64}\nX: {SECRET}\nJ: {}",
            b64.replace('/', "\\/")
        );
        for out in [
            c.scrub_text(&text),
            String::from_utf8(c.scrub_bytes(text.clone().into_bytes())).unwrap(),
        ] {
            assert!(!out.contains(SECRET), "{out}");
            assert!(!out.contains(&b64), "{out}");
            assert!(!out.contains(&b64.replace('/', "\\/")), "{out}");
            assert!(out.contains("Basic (redacted)"), "{out}");
        }
        assert_eq!(c.scrub_text("nothing here"), "nothing here");
    }
}
