//! The HTTP side: the client, its requests under the retry policy, and
//! reading and decoding the answers.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use super::endpoints::{Endpoints, is_loopback, join};
use super::error::TwilioError;
use super::retry::{RetryPolicy, classify, mark_retried, retry_after};
use super::types::Message;
use crate::env_vars;
use crate::secret::Secret;

/// The most of one response body smsctl reads: Twilio's pages are far smaller.
pub(super) const MAX_BODY: usize = 4 * 1024 * 1024;

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
                "the API Key {} (account {}) and its secret",
                self.username, self.account_sid
            )
        } else {
            format!("the Account SID {} and its Auth Token", self.account_sid)
        }
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
    pub(super) scrub: Arc<Vec<zeroize::Zeroizing<String>>>,
    pub(super) endpoints: Arc<Endpoints>,
    pub(super) creds: Arc<Credentials>,
    retry: RetryPolicy,
    timeout: Duration,
    /// `Basic base64(username:secret)`, built once, marked sensitive (never
    /// shown by Debug, never logged).
    auth: reqwest::header::HeaderValue,
    /// The Messages endpoint, parsed once: a campaign posts to it millions of times.
    pub(super) messages_url: Url,
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
                is_loopback(&endpoints.pricing),
                is_loopback(&endpoints.content),
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
    /// A body, at most [`MAX_BODY`] bytes of it, scrubbed of the credentials.
    /// `Err(partial)` when it is longer (reading stopped there).
    pub(super) async fn read_body(
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

    pub(super) async fn get_json<T: DeserializeOwned>(&self, url: Url) -> Result<T, TwilioError> {
        let r = async {
            let resp = self.execute(Method::GET, url, None, true).await?;
            self.decode(resp).await
        }
        .await;
        r.map_err(|e| self.scrub_error(e))
    }

    /// [`Client::get_json`] for one message, keeping its answer's text.
    pub(super) async fn get_message(&self, url: Url) -> Result<Message, TwilioError> {
        let r = async {
            let resp = self.execute(Method::GET, url, None, true).await?;
            let (status, bytes) = self.success_body(resp).await?;
            Message::from_answer(&bytes).map_err(|e| not_json(status, e))
        }
        .await;
        r.map_err(|e| self.scrub_error(e))
    }

    pub(super) async fn decode<T: DeserializeOwned>(
        &self,
        resp: reqwest::Response,
    ) -> Result<T, TwilioError> {
        let (status, bytes) = self.success_body(resp).await?;
        serde_json::from_slice(&bytes).map_err(|e| not_json(status, e))
    }

    /// The body of a 2xx answer (scrubbed); the error any other answer means.
    async fn success_body(
        &self,
        resp: reqwest::Response,
    ) -> Result<(StatusCode, Vec<u8>), TwilioError> {
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
            return Ok((status, bytes));
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
    pub(super) async fn execute(
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

/// ` to <Location>` of a redirect, when it has one.
pub(super) fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(|l| format!(" to {}", l.chars().take(200).collect::<String>()))
        .unwrap_or_default()
}

fn not_json(status: StatusCode, e: serde_json::Error) -> TwilioError {
    TwilioError::Unexpected {
        status: status.as_u16(),
        detail: format!("the response is not the expected JSON ({e})"),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::twilio) const SECRET: &str = "s3cr3tT0kenXYZq8w7e6r5t4y3u2i1o0";

    /// A client of `base` with Auth Token credentials whose secret is [`SECRET`].
    pub(in crate::twilio) fn client(base: &str) -> Client {
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
}
