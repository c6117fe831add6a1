//! When a request is tried again: the backoff, `Retry-After`, and what a
//! failed request (a reqwest error) means.

use std::time::Duration;

use super::error::TwilioError;
use crate::env_vars;

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
    pub(super) fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
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

pub(super) fn mark_retried(e: TwilioError) -> TwilioError {
    match e {
        TwilioError::Timeout { host, secs, .. } => TwilioError::Timeout {
            host,
            secs,
            retried: true,
        },
        other => other,
    }
}

pub(super) fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(secs) = v.trim().parse::<f64>() {
        return Some(Duration::from_secs_f64(secs.max(0.0)));
    }
    // An HTTP date.
    let when = jiff::fmt::rfc2822::parse(v.trim()).ok()?.timestamp();
    let d = when.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

pub(super) fn classify(host: &str, e: &reqwest::Error, timeout: Duration) -> TwilioError {
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
