//! The Message resource: create, fetch and list, rendered in Twilio's JSON shape.

use std::borrow::Cow;
use std::fmt;

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use url::form_urlencoded;

use super::rules::{self, ApiError, CreateForm, Sender};
use super::store::{F_POOL, F_SERVICE, F_WHATSAPP, Msg, MsgView, SENDER_NUMBER, SENDER_WHATSAPP};
use super::{
    ACCOUNT_SID, API_PREFIX, Display, MAX_FORM_BYTES, MESSAGING_SERVICE_SID, Paging, Rfc2822,
    Shared, json_response, now_ms, parse_address, push_param,
};

/// A message address (`+E164` or `whatsapp:+E164`) from stored digits.
struct Address {
    digits: u64,
    whatsapp: bool,
}

impl Address {
    fn of(m: &Msg) -> Address {
        Address {
            digits: m.to,
            whatsapp: m.is_whatsapp(),
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.whatsapp {
            f.write_str("whatsapp:")?;
        }
        write!(f, "+{}", self.digits)
    }
}

/// The Message resource (field names and order as in Twilio's OpenAPI description).
#[derive(Serialize)]
struct MessageJson<'a> {
    account_sid: &'static str,
    api_version: &'static str,
    body: &'a str,
    date_created: Rfc2822,
    date_sent: Option<Rfc2822>,
    date_updated: Rfc2822,
    direction: &'static str,
    error_code: Option<u32>,
    error_message: Option<&'static str>,
    from: Option<&'a str>,
    messaging_service_sid: Option<&'static str>,
    num_media: &'static str,
    num_segments: Display<u8>,
    price: Option<&'static str>,
    price_unit: &'static str,
    sid: &'a str,
    status: &'static str,
    subresource_uris: MediaUris<'a>,
    to: Display<Address>,
    uri: Display<MessageUri<'a>>,
}

#[derive(Serialize)]
struct MediaUris<'a> {
    media: Display<MediaUri<'a>>,
}

struct MessageUri<'a>(&'a str);

impl fmt::Display for MessageUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{API_PREFIX}{ACCOUNT_SID}/Messages/{}.json", self.0)
    }
}

struct MediaUri<'a>(&'a str);

impl fmt::Display for MediaUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{API_PREFIX}{ACCOUNT_SID}/Messages/{}/Media.json",
            self.0
        )
    }
}

/// Everything needed to render one message, copied out of the store.
struct Rendered<'a> {
    sid: [u8; 34],
    msg: Msg,
    body: &'a str,
    from: &'a str,
}

impl<'a> Rendered<'a> {
    /// A message read back out of the store.
    fn of(st: &Shared, v: &'a MsgView) -> Rendered<'a> {
        Rendered {
            sid: st.sids.encode(v.index),
            msg: v.msg,
            body: &v.body,
            from: &v.from,
        }
    }

    fn sid(&self) -> &str {
        std::str::from_utf8(&self.sid).unwrap_or_default()
    }

    fn json(&self, st: &Shared, now: i64) -> MessageJson<'_> {
        let m = &self.msg;
        let (status, date_sent, updated) = st.progress(m, now);
        let pool_pending = m.flags & F_POOL != 0 && date_sent.is_none();
        let delivery_error = (status == "undelivered")
            .then(|| super::faults::delivery_error(m.to))
            .flatten();
        let sid = self.sid();
        MessageJson {
            account_sid: ACCOUNT_SID,
            api_version: "2010-04-01",
            body: self.body,
            date_created: Rfc2822(m.created_ms),
            date_sent: date_sent.map(Rfc2822),
            date_updated: Rfc2822(updated),
            direction: "outbound-api",
            error_code: delivery_error.map(|e| e.0),
            error_message: delivery_error.map(|e| e.1),
            from: (!pool_pending).then_some(self.from),
            messaging_service_sid: (m.flags & F_SERVICE != 0).then_some(MESSAGING_SERVICE_SID),
            num_media: "0",
            num_segments: Display(m.segments),
            price: None,
            price_unit: "USD",
            sid,
            status,
            subresource_uris: MediaUris {
                media: Display(MediaUri(sid)),
            },
            to: Display(Address::of(m)),
            uri: Display(MessageUri(sid)),
        }
    }
}

/// `POST /2010-04-01/Accounts/{AC}/Messages.json`.
pub(super) async fn create_message(
    st: &Shared,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ApiError::new(400, 20001, "Request body too large or unreadable"))?;
    let mut to = None;
    let mut from = None;
    let mut body = None;
    let mut service = None;
    for (k, v) in form_urlencoded::parse(&bytes) {
        match &*k {
            "To" => to = Some(v),
            "From" => from = Some(v),
            "Body" => body = Some(v),
            "MessagingServiceSid" => service = Some(v),
            _ => {}
        }
    }
    let form = CreateForm {
        to: to.as_deref(),
        from: from.as_deref(),
        body: body.as_deref(),
        service: service.as_deref(),
    };
    let ok = match rules::validate(&form) {
        Ok(ok) => ok,
        Err(e) => {
            if st.log {
                let who = form.from.or(form.service).unwrap_or("-");
                eprintln!(
                    "sandbox: rejected to {} from {who}: {} {}",
                    form.to.unwrap_or("-"),
                    e.code,
                    e.message
                );
            }
            return Err(e);
        }
    };
    st.faults.admit_create()?;
    let now = now_ms();
    let mut flags = 0;
    if ok.whatsapp {
        flags |= F_WHATSAPP;
    }
    if ok.via_service {
        flags |= F_SERVICE;
    }
    let (index, msg, from_str) = {
        let mut store = st.store();
        let slot = match ok.sender {
            Sender::Number => SENDER_NUMBER,
            Sender::WhatsApp => SENDER_WHATSAPP,
            Sender::Alpha(name) => store.sender_slot(name),
            Sender::Pool => {
                flags |= F_POOL;
                if ok.whatsapp {
                    SENDER_WHATSAPP
                } else {
                    SENDER_NUMBER
                }
            }
        };
        let (index, msg) = store.push(now, ok.to, slot, ok.body, ok.segments, flags);
        (index, msg, store.sender(slot))
    };
    let rendered = Rendered {
        sid: st.sids.encode(index),
        msg,
        body: ok.body,
        from: &from_str,
    };
    if st.log {
        log_created(&rendered, form.service);
    }
    Ok(json_response(StatusCode::CREATED, &rendered.json(st, now)))
}

fn log_created(r: &Rendered<'_>, service: Option<&str>) {
    let sid = r.sid();
    let to = Address::of(&r.msg);
    let from = if r.msg.flags & F_POOL != 0 {
        service.unwrap_or(r.from)
    } else {
        r.from
    };
    let n = r.msg.segments;
    let plural = if n == 1 { "" } else { "s" };
    let mut preview: String = r
        .body
        .chars()
        .take(40)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if r.body.chars().nth(40).is_some() {
        preview.push('…');
    }
    eprintln!("sandbox: {sid} to {to} from {from} ({n} segment{plural}): {preview}");
}

/// `GET /2010-04-01/Accounts/{AC}/Messages/{SM}.json`.
pub(super) fn fetch_message(st: &Shared, sid: &str) -> Option<Response> {
    let index = st.sids.decode(sid)?;
    let view = st.store().view(index)?;
    let now = now_ms();
    let r = Rendered::of(st, &view);
    Some(json_response(StatusCode::OK, &r.json(st, now)))
}

/// A date filter bound: messages whose effective send time is in `[lo, hi)`.
#[derive(Debug, Clone, Copy)]
struct Window {
    lo: i64,
    hi: i64,
}

const DAY_MS: i64 = 86_400_000;

/// Parses a `DateSent` value: `YYYY-MM-DD` (a whole UTC day), RFC 3339, RFC 2822 or
/// `YYYY-MM-DD HH:MM:SS` (UTC). Returns the start and end (exclusive) of the value.
fn parse_when(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>()
        && s.len() == 10
    {
        let start = d.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
        let start = start.as_millisecond();
        return Some((start, start + DAY_MS));
    }
    let ts = if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        ts
    } else if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        z.timestamp()
    } else {
        let dt = s.parse::<jiff::civil::DateTime>().ok()?;
        dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp()
    };
    let ms = ts.as_millisecond();
    Some((ms, ms + 1))
}

/// Query parameters of the Messages list, with their original (decoded) values for the
/// page URIs.
#[derive(Default)]
struct ListQuery<'a> {
    to: Option<Cow<'a, str>>,
    from: Option<Cow<'a, str>>,
    date_sent: Option<Cow<'a, str>>,
    date_before: Option<Cow<'a, str>>,
    date_after: Option<Cow<'a, str>>,
}

/// `GET /2010-04-01/Accounts/{AC}/Messages.json`.
pub(super) fn list_messages(st: &Shared, query: &str) -> Result<Response, ApiError> {
    let mut q = ListQuery::default();
    let mut paging = Paging::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "To" => q.to = Some(v),
            "From" => q.from = Some(v),
            "DateSent" => q.date_sent = Some(v),
            "DateSent<" => q.date_before = Some(v),
            "DateSent>" => q.date_after = Some(v),
            _ => paging.apply(&k, v)?,
        }
    }
    let mut window = Window {
        lo: i64::MIN,
        hi: i64::MAX,
    };
    for (key, value) in [
        ("DateSent", &q.date_sent),
        ("DateSent<", &q.date_before),
        ("DateSent>", &q.date_after),
    ] {
        let Some(value) = value else { continue };
        let (start, end) = parse_when(value)
            .ok_or_else(|| ApiError::new(400, 20001, format!("Invalid {key} value: {value}")))?;
        match key {
            "DateSent" => {
                window.lo = window.lo.max(start);
                window.hi = window.hi.min(end);
            }
            "DateSent<" => window.hi = window.hi.min(end),
            _ => window.lo = window.lo.max(start),
        }
    }
    let dated = q.date_sent.is_some() || q.date_before.is_some() || q.date_after.is_some();
    let mut filters = format!("{API_PREFIX}{ACCOUNT_SID}/Messages.json");
    for (key, value) in [
        ("To", &q.to),
        ("From", &q.from),
        ("DateSent", &q.date_sent),
        ("DateSent%3C", &q.date_before),
        ("DateSent%3E", &q.date_after),
    ] {
        if let Some(value) = value {
            push_param(&mut filters, key, value);
        }
    }
    // An unparseable To matches nothing (no stored message has digits 0).
    let to =
        q.to.as_ref()
            .map(|t| parse_address(t.trim()).unwrap_or((0, false)));
    let below_token = match &paging.token {
        Some(t) => {
            let index = t
                .strip_prefix("PA")
                .and_then(|sid| st.sids.decode(sid))
                .ok_or_else(|| ApiError::new(400, 20001, format!("Invalid PageToken: {t}")))?;
            Some(usize::try_from(index).unwrap_or(usize::MAX))
        }
        None => None,
    };
    let now = now_ms();
    let (views, more) = {
        let store = st.store();
        let from_slot = q.from.as_ref().map(|f| store.find_sender(f.trim()));
        let keep = |m: &Msg| {
            if let Some((digits, whatsapp)) = to
                && !m.is_to(digits, whatsapp)
            {
                return false;
            }
            if let Some(slot) = from_slot
                && slot != Some(m.from)
            {
                return false;
            }
            if !dated {
                return true;
            }
            // Twilio matches `DateSent` filters against `date_sent`, which is null
            // while a message is queued (or accepted, or scheduled): such a
            // message is in no `DateSent` window at all.
            if now.saturating_sub(m.created_ms) < st.sent_after_ms {
                return false;
            }
            let when = m.created_ms.saturating_add(st.sent_after_ms);
            window.lo <= when && when < window.hi
        };
        let (below, skip) = match below_token {
            Some(below) => (below, 0),
            None => (store.len(), paging.page.saturating_mul(paging.size)),
        };
        store.scan(below, skip, paging.size, keep)
    };
    let rendered: Vec<Rendered<'_>> = views.iter().map(|v| Rendered::of(st, v)).collect();
    let page_uri = |page: usize, token: Option<&str>| paging.uri(&filters, page, token);
    let next_page_uri = match rendered.last() {
        Some(last) if more => {
            let token = format!("PA{}", last.sid());
            Some(page_uri(paging.page + 1, Some(&token)))
        }
        _ => None,
    };
    let previous_page_uri = (paging.page > 0).then(|| page_uri(paging.page - 1, None));
    let messages: Vec<MessageJson<'_>> = rendered.iter().map(|r| r.json(st, now)).collect();
    let (start, end) = paging.start_end(messages.len());
    #[derive(Serialize)]
    struct Page<'a> {
        end: usize,
        first_page_uri: String,
        next_page_uri: Option<String>,
        page: usize,
        page_size: usize,
        previous_page_uri: Option<String>,
        messages: Vec<MessageJson<'a>>,
        start: usize,
        uri: String,
    }
    let page = Page {
        end,
        first_page_uri: page_uri(0, None),
        next_page_uri,
        page: paging.page,
        page_size: paging.size,
        previous_page_uri,
        start,
        uri: page_uri(paging.page, paging.token.as_deref()),
        messages,
    };
    Ok(json_response(StatusCode::OK, &page))
}
