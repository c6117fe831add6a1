//! Scheduled messages and the other create options the compact store does not
//! hold: `SendAt` + `ScheduleType` (Twilio's window and errors), `ValidityPeriod`
//! and `MediaUrl`, checked as Twilio checks them and kept beside the store for
//! the few messages that have them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::rules::ApiError;

/// Twilio schedules a message at least this long after it receives it…
const MIN_LEAD_MS: i64 = 900_000;
/// … and at most this long (35 days).
const MAX_LEAD_MS: i64 = 3_024_000_000;

/// What a message has beyond the store's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Extra {
    /// `SendAt` of a scheduled message, Unix milliseconds.
    pub send_at_ms: Option<i64>,
    /// `MediaUrl`s (and a Content template's media), in order.
    pub media: Vec<String>,
    /// `ContentSid`.
    pub content_sid: Option<String>,
}

impl Extra {
    fn is_empty(&self) -> bool {
        *self == Extra::default()
    }
}

/// The create parameters this module checks, as the form gave them.
#[derive(Debug, Default)]
pub(super) struct Params<'a> {
    pub send_at: Option<&'a str>,
    pub schedule_type: Option<&'a str>,
    pub validity_period: Option<&'a str>,
    pub media: Vec<&'a str>,
    /// A `MessagingServiceSid` was given.
    pub service: bool,
}

/// Checks the scheduling, validity and media parameters of a create at `now_ms`.
pub(super) fn check(p: &Params<'_>, now_ms: i64) -> Result<Extra, ApiError> {
    let mut extra = Extra::default();
    if let Some(v) = p.validity_period {
        match v.trim().parse::<u32>() {
            Ok(1..=36000) => {}
            _ => return Err(ApiError::new(400, 21624, "Invalid validity period value")),
        }
    }
    for url in &p.media {
        let ok = url::Url::parse(url.trim())
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !ok {
            return Err(ApiError::new(
                400,
                21620,
                format!("Media urls: {url} are invalid. Please use only valid http and https urls"),
            ));
        }
        extra.media.push(url.trim().to_string());
    }
    match p.schedule_type {
        None => {}
        Some("fixed") => {
            let Some(at) = p.send_at.filter(|s| !s.trim().is_empty()) else {
                return Err(ApiError::new(400, 35111, "SendAt timestamp is missing"));
            };
            if !p.service {
                return Err(ApiError::new(
                    400,
                    35118,
                    "MessagingServiceSid is required to schedule a message",
                ));
            }
            let window = || {
                ApiError::new(
                    400,
                    35114,
                    "SendAt time must be between 900 seconds and 35 days (3024000 seconds) in the future, inclusive",
                )
            };
            let at: jiff::Timestamp = at.trim().parse().map_err(|_| window())?;
            let lead = at.as_millisecond().saturating_sub(now_ms);
            if !(MIN_LEAD_MS..=MAX_LEAD_MS).contains(&lead) {
                return Err(window());
            }
            extra.send_at_ms = Some(at.as_millisecond());
        }
        Some(other) => {
            return Err(ApiError::new(
                400,
                20001,
                format!("Invalid ScheduleType: {other}; the only value is fixed"),
            ));
        }
    }
    Ok(extra)
}

/// The extras of the messages that have any, by store index.
#[derive(Debug, Default)]
pub(super) struct Extras(Mutex<HashMap<u64, Arc<Extra>>>);

impl Extras {
    pub fn insert(&self, index: u64, extra: Extra) {
        if !extra.is_empty() {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(index, Arc::new(extra));
        }
    }

    pub fn get(&self, index: u64) -> Option<Arc<Extra>> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&index)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn at(ms_ahead: i64) -> String {
        jiff::Timestamp::from_millisecond(NOW + ms_ahead)
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }

    #[test]
    fn scheduling_follows_twilios_rules() {
        let ok = at(3_600_000);
        let p = Params {
            send_at: Some(&ok),
            schedule_type: Some("fixed"),
            service: true,
            ..Default::default()
        };
        assert_eq!(check(&p, NOW).unwrap().send_at_ms, Some(NOW + 3_600_000));
        let code = |p: &Params<'_>| check(p, NOW).unwrap_err().code;
        assert_eq!(
            code(&Params {
                service: false,
                ..p.clone_ref()
            }),
            35118
        );
        let soon = at(600_000);
        assert_eq!(
            code(&Params {
                send_at: Some(&soon),
                ..p.clone_ref()
            }),
            35114
        );
        let late = at(MAX_LEAD_MS + 60_000);
        assert_eq!(
            code(&Params {
                send_at: Some(&late),
                ..p.clone_ref()
            }),
            35114
        );
        assert_eq!(
            code(&Params {
                send_at: None,
                ..p.clone_ref()
            }),
            35111
        );
        assert_eq!(
            code(&Params {
                schedule_type: Some("later"),
                ..p.clone_ref()
            }),
            20001
        );
        // SendAt alone is not a schedule (Twilio sends at once).
        let p = Params {
            send_at: Some(&soon),
            ..Default::default()
        };
        assert_eq!(check(&p, NOW).unwrap().send_at_ms, None);
    }

    #[test]
    fn validity_and_media() {
        let code = |p: Params<'_>| check(&p, NOW).unwrap_err().code;
        for bad in ["0", "36001", "x"] {
            assert_eq!(
                code(Params {
                    validity_period: Some(bad),
                    ..Default::default()
                }),
                21624
            );
        }
        assert_eq!(
            code(Params {
                media: vec!["ftp://x/a"],
                ..Default::default()
            }),
            21620
        );
        let e = check(
            &Params {
                validity_period: Some("60"),
                media: vec!["https://x/a.png", "http://127.0.0.1/b.png"],
                ..Default::default()
            },
            NOW,
        )
        .unwrap();
        assert_eq!(e.media, ["https://x/a.png", "http://127.0.0.1/b.png"]);
    }

    impl<'a> Params<'a> {
        fn clone_ref(&self) -> Params<'a> {
            Params {
                send_at: self.send_at,
                schedule_type: self.schedule_type,
                validity_period: self.validity_period,
                media: self.media.clone(),
                service: self.service,
            }
        }
    }
}
