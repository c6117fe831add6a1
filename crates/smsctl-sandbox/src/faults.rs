//! Faults a rehearsal can ask for, so that what goes wrong mid-campaign can be
//! tried without Twilio:
//!
//! - **Failing after N creates** ([`SandboxOptions::fail_after`] /
//!   `smsctl sandbox --fail-after N --fail-code CODE`, or at run time
//!   `POST /sandbox/fault` with `After=N&Code=CODE`, `DELETE /sandbox/fault` to
//!   clear it): the first N creates are accepted, every later one is refused
//!   with CODE. With 20003 (credentials refused, as after a rotated Auth Token)
//!   every request fails from then on, as Twilio's would.
//! - **Delivery outcomes** that turn bad after `sent`, for magic `To` numbers
//!   (next to Twilio's own magic numbers): [`UNREACHABLE_TO`] ends
//!   `undelivered` with 30003 (unreachable handset: transient, worth a
//!   `campaign retry`), [`LANDLINE_TO`] `undelivered` with 30006 (landline:
//!   permanent).
//!
//! [`SandboxOptions::fail_after`]: super::SandboxOptions::fail_after

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::StatusCode;
use axum::response::Response;
use url::form_urlencoded;

use super::json_response;
use super::rules::ApiError;

/// To this number, a message ends `undelivered` with 30003.
pub const UNREACHABLE_TO: &str = "+15005550005";
/// To this number, a message ends `undelivered` with 30006.
pub const LANDLINE_TO: &str = "+15005550008";

/// The delivery error a magic `To` (digits without `+`) ends with, if any.
pub(super) fn delivery_error(to: u64) -> Option<(u32, &'static str)> {
    match to {
        15005550005 => Some((30003, "Unreachable destination handset")),
        15005550008 => Some((30006, "Landline or unreachable carrier")),
        _ => None,
    }
}

/// The armed fault: after how many accepted creates, and with what code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Armed {
    after: u64,
    code: u32,
}

/// The fault state shared by the handlers.
#[derive(Debug, Default)]
pub(super) struct Faults {
    armed: Mutex<Option<Armed>>,
    /// Creates accepted since the fault was armed.
    accepted: AtomicU64,
}

impl Faults {
    pub fn new(after: Option<u64>, code: u32) -> Faults {
        Faults {
            armed: Mutex::new(after.map(|after| Armed { after, code })),
            accepted: AtomicU64::new(0),
        }
    }

    fn armed(&self) -> Option<Armed> {
        *self
            .armed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Before any request: once tripped, a 20003 fault refuses everything.
    pub fn check_request(&self) -> Result<(), ApiError> {
        match self.armed() {
            Some(a) if a.code == 20003 && self.accepted.load(Ordering::SeqCst) >= a.after => {
                Err(ApiError::authenticate())
            }
            _ => Ok(()),
        }
    }

    /// Before a create is stored: counts it, or refuses it once tripped.
    pub fn admit_create(&self) -> Result<(), ApiError> {
        let Some(a) = self.armed() else {
            return Ok(());
        };
        let n = self.accepted.fetch_add(1, Ordering::SeqCst);
        if n < a.after {
            return Ok(());
        }
        self.accepted.fetch_sub(1, Ordering::SeqCst);
        Err(error_for(a.code))
    }

    /// `POST /sandbox/fault` (`After=N&Code=CODE`) arms a fault;
    /// `DELETE /sandbox/fault` clears it.
    pub fn control(&self, arm: bool, form: &[u8]) -> Result<Response, ApiError> {
        let mut slot = self
            .armed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !arm {
            *slot = None;
            return Ok(json_response(
                StatusCode::OK,
                &serde_json::json!({ "fault": null }),
            ));
        }
        let (mut after, mut code) = (0u64, 20003u32);
        for (k, v) in form_urlencoded::parse(form) {
            let bad = || ApiError::new(400, 20001, format!("Invalid {k} value: {v}"));
            match &*k {
                "After" => after = v.trim().parse().map_err(|_| bad())?,
                "Code" => code = v.trim().parse().map_err(|_| bad())?,
                _ => {}
            }
        }
        *slot = Some(Armed { after, code });
        self.accepted.store(0, Ordering::SeqCst);
        Ok(json_response(
            StatusCode::OK,
            &serde_json::json!({ "fault": { "after": after, "code": code } }),
        ))
    }
}

/// Twilio's answer carrying `code`.
fn error_for(code: u32) -> ApiError {
    let message = match code {
        20003 => return ApiError::authenticate(),
        20429 => return ApiError::new(429, 20429, "Too Many Requests"),
        21212 => {
            "The 'From' number is not a valid phone number, shortcode, or alphanumeric sender ID."
        }
        21606 => {
            "The From phone number is not a valid, SMS-capable inbound phone number or short code for your account."
        }
        21611 => "This 'From' number has exceeded the maximum number of queued messages",
        30002 => "Account suspended",
        30034 => "Message from an Unregistered Number",
        _ => "Error injected by the sandbox (--fail-code)",
    };
    ApiError::new(400, code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_trips_after_n_creates() {
        let f = Faults::new(Some(2), 21606);
        assert!(f.check_request().is_ok());
        assert!(f.admit_create().is_ok());
        assert!(f.admit_create().is_ok());
        assert_eq!(f.admit_create().unwrap_err().code, 21606);
        assert_eq!(f.admit_create().unwrap_err().code, 21606);
        assert!(f.check_request().is_ok(), "only creates fail");
        let f = Faults::new(Some(1), 20003);
        assert!(f.admit_create().is_ok());
        assert_eq!(f.check_request().unwrap_err().status, 401);
        assert!(f.control(false, b"").is_ok());
        assert!(f.check_request().is_ok() && f.admit_create().is_ok());
        assert!(Faults::default().admit_create().is_ok());
        assert_eq!(delivery_error(15005550005).unwrap().0, 30003);
        assert_eq!(delivery_error(15005550006), None);
    }
}
