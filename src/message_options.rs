//! The create parameters `send` and `campaign run` share — `--send-at`,
//! `--validity-period`, `--media-url`, `--content-sid` / `--content-var` —
//! checked before any request: each refusal says what is wrong and what to do.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::sender::Sender;
use crate::twilio::{Content, MessageOptions};

/// Twilio schedules a message at least this long after it receives it.
pub const SCHEDULE_MIN: SignedDuration = SignedDuration::from_mins(15);
/// … and at most this long.
pub const SCHEDULE_MAX: SignedDuration = SignedDuration::from_hours(35 * 24);
/// Kept on both sides of Twilio's window: clocks differ, requests take time.
pub const SCHEDULE_MARGIN: SignedDuration = SignedDuration::from_mins(2);
/// Twilio's most media per message.
pub const MAX_MEDIA: usize = 10;

/// Why a message flag cannot be used (exit 2: nothing was sent).
#[derive(Debug, thiserror::Error)]
pub enum MessageOptionError {
    #[error(
        "--send-at {value:?} is not an RFC 3339 time with an offset; write e.g. 2026-12-24T09:00:00+08:00 (or …Z for UTC)"
    )]
    SendAtFormat { value: String },
    #[error("--send-at {at}: {why}")]
    SendAtWindow { at: String, why: String },
    #[error(
        "--send-at needs a Messaging Service, and this would send from {sender}: without one Twilio drops the scheduling parameters and sends at once; pass --messaging-service MG… (or send through a profile whose sender is one)"
    )]
    SendAtNeedsService { sender: String },
    #[error("--media-url is given {0} times; Twilio takes at most {MAX_MEDIA} media per message")]
    TooManyMedia(usize),
    #[error("--media-url {url:?}: {why}")]
    Media { url: String, why: String },
    #[error("--content-var {value:?}: {why}")]
    ContentVar { value: String, why: String },
    #[error("--content-sid {sid}: {why}")]
    Content { sid: String, why: String },
}

/// `--send-at`: RFC 3339 with an offset, to whole seconds (Twilio's format).
pub fn parse_send_at(value: &str) -> Result<Timestamp, MessageOptionError> {
    let bad = || MessageOptionError::SendAtFormat {
        value: value.to_string(),
    };
    let t = value.trim();
    // A bare date-time names no instant: refuse it rather than guess a zone.
    let ts: Timestamp = t.parse().map_err(|_| bad())?;
    Timestamp::from_second(ts.as_second()).map_err(|_| bad())
}

/// The time shown to the user: UTC, and the offset they wrote it in when not UTC.
pub fn describe_send_at(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Whether Twilio will schedule messages at `at` when the first is created at
/// `now` and the last `creating` later (a campaign at its rate), with
/// [`SCHEDULE_MARGIN`] on both sides.
pub fn check_window(
    at: Timestamp,
    now: Timestamp,
    creating: Duration,
    messages: u64,
) -> Result<(), MessageOptionError> {
    let creating = SignedDuration::try_from(creating.mul_f64(1.1)).unwrap_or(SignedDuration::MAX);
    let lead = at.duration_since(now);
    let earliest = SCHEDULE_MIN
        .checked_add(SCHEDULE_MARGIN)
        .and_then(|d| d.checked_add(creating))
        .unwrap_or(SignedDuration::MAX);
    let latest = SCHEDULE_MAX - SCHEDULE_MARGIN;
    let window = |why: String| MessageOptionError::SendAtWindow {
        at: describe_send_at(at),
        why,
    };
    if lead < earliest {
        let first = now.checked_add(earliest).unwrap_or(Timestamp::MAX);
        let campaign = if creating.is_zero() {
            String::new()
        } else {
            format!(
                ", and creating the {messages} messages at this --rate takes about {} (the last one must be scheduled 15 minutes ahead too)",
                human(creating)
            )
        };
        return Err(window(format!(
            "too soon: Twilio schedules a message at least 15 minutes ahead (smsctl keeps {} more for clocks and requests){campaign}; the earliest time now is {}: pick a later time{}",
            human(SCHEDULE_MARGIN),
            describe_send_at(
                Timestamp::from_second((first.as_second() + 59) / 60 * 60).unwrap_or(first)
            ),
            if creating.is_zero() {
                ""
            } else {
                " or a higher --rate"
            }
        )));
    }
    if lead > latest {
        return Err(window(format!(
            "too late: Twilio schedules a message at most 35 days ahead (smsctl keeps {} for clocks); the latest time now is {}: pick an earlier time",
            human(SCHEDULE_MARGIN),
            describe_send_at(now.checked_add(latest).unwrap_or(Timestamp::MAX))
        )));
    }
    Ok(())
}

fn human(d: SignedDuration) -> String {
    let s = d.as_secs().max(0);
    match s {
        0..120 => format!("{s} s"),
        120..7200 => format!("{} min", (s + 59) / 60),
        _ => format!("{:.1} h", s as f64 / 3600.0),
    }
}

/// Scheduling needs a Messaging Service: Twilio silently sends at once otherwise.
pub fn require_messaging_service(sender: &Sender) -> Result<(), MessageOptionError> {
    match sender {
        Sender::MessagingService(_) => Ok(()),
        other => Err(MessageOptionError::SendAtNeedsService {
            sender: other.to_string(),
        }),
    }
}

/// `--media-url`s: at most [`MAX_MEDIA`], each an `https://` URL (`http://`
/// only to this machine, for rehearsals).
pub fn media_urls(urls: &[String]) -> Result<Vec<String>, MessageOptionError> {
    if urls.len() > MAX_MEDIA {
        return Err(MessageOptionError::TooManyMedia(urls.len()));
    }
    urls.iter()
        .map(|u| {
            let bad = |why: &str| MessageOptionError::Media {
                url: u.clone(),
                why: why.to_string(),
            };
            let url = url::Url::parse(u.trim())
                .map_err(|e| bad(&format!("not a URL ({e}); write e.g. https://example.com/photo.jpg")))?;
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            match url.scheme() {
                "https" if url.host().is_some() => Ok(url.to_string()),
                "http" if loopback => Ok(url.to_string()),
                "http" => Err(bad(
                    "media must be fetched over https:// (http:// only from this machine); use the https:// address",
                )),
                _ => Err(bad("not an https:// URL; write e.g. https://example.com/photo.jpg")),
            }
        })
        .collect()
}

/// `--content-var NAME=X` pairs: NAME a template variable (`1`, `2`, or a
/// name of letters, digits and `_`), each once; X not empty. `what` names X
/// for the message ("COLUMN" or "VALUE").
pub fn content_vars(
    values: &[String],
    what: &str,
) -> Result<Vec<(String, String)>, MessageOptionError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for v in values {
        let bad = |why: String| MessageOptionError::ContentVar {
            value: v.clone(),
            why,
        };
        let Some((name, x)) = v.split_once('=') else {
            return Err(bad(format!(
                "expected VARIABLE={what}, e.g. 1={}",
                if what == "COLUMN" {
                    "first_name"
                } else {
                    "Ana"
                }
            )));
        };
        let name = name.trim();
        let name = name
            .strip_prefix("{{")
            .and_then(|n| n.strip_suffix("}}"))
            .map_or(name, str::trim);
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad(format!(
                "the variable {name:?} is not a template variable name (digits such as 1, or letters, digits and _)"
            )));
        }
        if x.trim().is_empty() {
            return Err(bad(format!(
                "the {what} is empty (WhatsApp refuses a template variable without a value)"
            )));
        }
        if out.iter().any(|(n, _)| n == name) {
            return Err(bad(format!("variable {name} is mapped twice")));
        }
        out.push((name.to_string(), x.to_string()));
    }
    Ok(out)
}

/// Refuses a mapping that does not cover the template's variables exactly.
pub fn check_mapping(
    content: &Content,
    vars: &[(String, String)],
    what: &str,
) -> Result<(), MessageOptionError> {
    let names = content.variable_names();
    let list = || {
        if names.is_empty() {
            "it has none".to_string()
        } else {
            format!(
                "its variables: {}",
                names
                    .iter()
                    .map(|n| format!("{{{{{n}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    };
    let err = |why: String| MessageOptionError::Content {
        sid: content.sid.clone(),
        why,
    };
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !vars.iter().any(|(v, _)| v == *n))
        .collect();
    if !missing.is_empty() {
        let flags: Vec<String> = missing
            .iter()
            .map(|n| format!("--content-var {n}={what}"))
            .collect();
        return Err(err(format!(
            "template variable{} {} ha{} no value: pass {} ({}); nothing was sent",
            if missing.len() == 1 { "" } else { "s" },
            missing
                .iter()
                .map(|n| format!("{{{{{n}}}}}"))
                .collect::<Vec<_>>()
                .join(", "),
            if missing.len() == 1 { "s" } else { "ve" },
            flags.join(" "),
            list()
        )));
    }
    if let Some((extra, _)) = vars.iter().find(|(v, _)| !names.contains(v)) {
        return Err(err(format!(
            "--content-var {extra}=…: the template has no variable {{{{{extra}}}}} ({}); nothing was sent",
            list()
        )));
    }
    Ok(())
}

/// `ContentVariables`: a JSON object of the variables' values, in order.
pub fn variables_json<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).expect("a string encodes"));
        out.push(':');
        out.push_str(&serde_json::to_string(v).expect("a string encodes"));
    }
    out.push('}');
    out
}

/// The text a content template renders to with these values (`{{1}}` → value).
pub fn render_content(body: &str, vars: &[(String, String)]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (range, name) in crate::twilio::placeholders(body) {
        if let Some((_, v)) = vars.iter().find(|(n, _)| n == name) {
            out.push_str(&body[last..range.start]);
            out.push_str(v);
            last = range.end;
        }
    }
    out.push_str(&body[last..]);
    out
}

/// A one-line description of the options, for the confirmation and `-v`.
pub fn describe(o: &MessageOptions) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(at) = o.send_at {
        out.push(format!("scheduled for {}", describe_send_at(at)));
    }
    if let Some(v) = o.validity_period {
        out.push(format!("dropped if not sent within {v} s"));
    }
    if !o.media_urls.is_empty() {
        out.push(format!(
            "{} media URL{}",
            o.media_urls.len(),
            if o.media_urls.len() == 1 { "" } else { "s" }
        ));
    }
    if let Some(sid) = &o.content_sid {
        out.push(format!("Content template {sid}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn send_at_needs_an_offset_and_is_whole_seconds() {
        assert_eq!(
            parse_send_at("2026-12-24T09:00:00+08:00").unwrap(),
            ts("2026-12-24T01:00:00Z")
        );
        assert_eq!(
            parse_send_at("2026-12-24T01:00:00.900Z").unwrap(),
            ts("2026-12-24T01:00:00Z")
        );
        for bad in ["2026-12-24T09:00:00", "2026-12-24", "tomorrow", ""] {
            assert!(
                matches!(
                    parse_send_at(bad),
                    Err(MessageOptionError::SendAtFormat { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_window_keeps_margins_and_the_campaigns_creation_time() {
        let now = ts("2026-12-01T00:00:00Z");
        let at = |mins: i64| now.checked_add(SignedDuration::from_mins(mins)).unwrap();
        assert!(check_window(at(18), now, Duration::ZERO, 1).is_ok());
        let e = check_window(at(16), now, Duration::ZERO, 1).unwrap_err();
        assert!(e.to_string().contains("too soon"), "{e}");
        assert!(e.to_string().contains("2026-12-01 00:17:00 UTC"), "{e}");
        // 10,000 messages at 10/s take ~17 min (+10%): 18 min ahead is too soon.
        let e = check_window(at(18), now, Duration::from_secs(1000), 10_000).unwrap_err();
        assert!(e.to_string().contains("--rate"), "{e}");
        assert!(check_window(at(37), now, Duration::from_secs(1000), 10_000).is_ok());
        assert!(check_window(at(35 * 24 * 60 - 3), now, Duration::ZERO, 1).is_ok());
        let e = check_window(at(35 * 24 * 60), now, Duration::ZERO, 1).unwrap_err();
        assert!(e.to_string().contains("too late"), "{e}");
    }

    #[test]
    fn media_urls_are_https_or_loopback_and_at_most_ten() {
        assert!(media_urls(&["https://example.com/a.jpg".into()]).is_ok());
        assert!(media_urls(&["http://127.0.0.1:8000/a.jpg".into()]).is_ok());
        assert!(media_urls(&["http://localhost/a.jpg".into()]).is_ok());
        for bad in ["http://example.com/a.jpg", "ftp://x/a", "a.jpg", "https://"] {
            assert!(media_urls(&[bad.into()]).is_err(), "{bad}");
        }
        let eleven: Vec<String> = (0..11).map(|i| format!("https://x/{i}.png")).collect();
        assert!(matches!(
            media_urls(&eleven),
            Err(MessageOptionError::TooManyMedia(11))
        ));
        assert!(media_urls(&eleven[..10]).is_ok());
    }

    #[test]
    fn content_vars_and_their_json() {
        let v = content_vars(&["1=first_name".into(), "{{2}}=code".into()], "COLUMN").unwrap();
        assert_eq!(
            v,
            [
                ("1".to_string(), "first_name".to_string()),
                ("2".into(), "code".into())
            ]
        );
        for bad in ["1", "=x", "1=", "a b=x"] {
            assert!(content_vars(&[bad.into()], "VALUE").is_err(), "{bad}");
        }
        assert!(content_vars(&["1=a".into(), "1=b".into()], "VALUE").is_err());
        assert_eq!(
            variables_json([("1", "Ana \"A\""), ("2", "é")]),
            r#"{"1":"Ana \"A\"","2":"é"}"#
        );
        assert_eq!(
            render_content("Hi {{1}}, {{ 2 }} {{3}}", &v),
            "Hi first_name, code {{3}}"
        );
    }

    #[test]
    fn a_mapping_must_cover_the_templates_variables() {
        let c: Content = serde_json::from_value(serde_json::json!({
            "sid": "HX1", "types": {"twilio/text": {"body": "Hi {{1}}, {{2}}"}}
        }))
        .unwrap();
        let one = vec![("1".to_string(), "a".to_string())];
        let e = check_mapping(&c, &one, "COLUMN").unwrap_err().to_string();
        assert!(
            e.contains("{{2}} has no value") && e.contains("--content-var 2=COLUMN"),
            "{e}"
        );
        let three = vec![
            ("1".to_string(), "a".to_string()),
            ("2".into(), "b".into()),
            ("3".into(), "c".into()),
        ];
        let e = check_mapping(&c, &three, "COLUMN").unwrap_err().to_string();
        assert!(e.contains("no variable {{3}}"), "{e}");
        assert!(check_mapping(&c, &three[..2], "COLUMN").is_ok());
    }
}
