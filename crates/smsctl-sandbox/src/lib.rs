//! An embedded Twilio-compatible server for rehearsals, demos and benchmarks.
//!
//! [`Sandbox::start`] binds `127.0.0.1:PORT` and serves, from one base URL, the parts of
//! `api.twilio.com` (`/2010-04-01/...`) and `messaging.twilio.com` (`/v1/Services/...`)
//! that smsctl uses: the Account, Messages (create, fetch, list), IncomingPhoneNumbers and
//! Messaging Service resources, with Twilio's JSON shapes, error bodies and test-credential
//! magic numbers. The credentials below are fixed, documented and not secret.
//!
//! Messages move `queued` (or `accepted` with a Messaging Service) → `sent` → `delivered`
//! as they age ([`SandboxOptions::sent_after`], [`SandboxOptions::delivered_after`]).

mod rules;
mod store;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde::{Serialize, Serializer};
use serde_json::json;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::form_urlencoded;

use rules::{ApiError, CreateForm, Sender};
use store::{F_POOL, F_SERVICE, F_WHATSAPP, Msg, MsgView, SENDER_NUMBER, SENDER_WHATSAPP};
use store::{SidCodec, Store};

/// The sandbox's Account SID.
pub const ACCOUNT_SID: &str = "AC5a4db0c5000000000000000000000001";
/// The sandbox's Auth Token (not a secret: it only opens the sandbox).
pub const AUTH_TOKEN: &str = "5a4db0c5a0e1b2c3d4e5f60718293a4b";
/// An API key SID the sandbox also accepts (Basic auth username).
pub const API_KEY_SID: &str = "SK5a4db0c5000000000000000000000001";
/// The secret of [`API_KEY_SID`] (not a secret either).
pub const API_KEY_SECRET: &str = "5a4db0c5f0e1d2c3b4a5968778695a4b";
/// The sandbox's Messaging Service, fetchable at `/v1/Services/{MG}`.
pub const MESSAGING_SERVICE_SID: &str = "MG5a4db0c5000000000000000000000001";
/// The phone number the account owns: Twilio's valid magic From number.
pub const FROM_NUMBER: &str = "+15005550006";
/// The WhatsApp sender the account owns (Twilio's WhatsApp sandbox number).
pub const WHATSAPP_FROM: &str = "whatsapp:+14155238886";

/// Twilio's magic test numbers, +15005550001 … +15005550009, which the sandbox answers as
/// Twilio answers its test credentials: [`FROM_NUMBER`] is the valid sender, some others
/// give Twilio's errors (e.g. To +15005550004 → 21610). A client that checks numbers before
/// sending should let these through when it talks to the sandbox.
pub const TEST_NUMBERS: &[&str] = &[
    "+15005550001",
    "+15005550002",
    "+15005550003",
    "+15005550004",
    "+15005550005",
    "+15005550006",
    "+15005550007",
    "+15005550008",
    "+15005550009",
];

/// The SID of [`FROM_NUMBER`]'s IncomingPhoneNumber resource.
const PHONE_NUMBER_SID: &str = "PN5a4db0c5000000000000000000000001";
const API_PREFIX: &str = "/2010-04-01/Accounts/";
const SERVICES_PREFIX: &str = "/v1/Services/";
const MAX_FORM_BYTES: usize = 64 * 1024;

/// How the sandbox behaves.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Print one line per received message (and per rejected create) to stderr.
    pub log: bool,
    /// Age at which a message's status becomes `sent`.
    pub sent_after: Duration,
    /// Age at which a message's status becomes `delivered`.
    pub delivered_after: Duration,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            log: false,
            sent_after: Duration::from_millis(300),
            delivered_after: Duration::from_millis(600),
        }
    }
}

/// A running sandbox server. Dropping it stops the server; [`Sandbox::shutdown`] also
/// waits for it to finish.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds `127.0.0.1:port` (0 = any free port) and serves in a spawned tokio task.
    pub async fn start(port: u16, opts: SandboxOptions) -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(addr, opts));
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let task = tokio::spawn(async move {
            let server = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            if let Err(e) = server.await {
                eprintln!("sandbox: server error: {e}");
            }
        });
        Ok(Sandbox {
            addr,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the base URL for both the API and the Messaging API.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// A shell snippet that points smsctl (or any Twilio client honouring these
    /// variables) at this sandbox.
    pub fn env_hint(&self) -> String {
        let url = &self.shared.base_url;
        format!(
            "export SMSCTL_TWILIO_API_URL={url}\n\
             export SMSCTL_TWILIO_MESSAGING_URL={url}\n\
             export TWILIO_ACCOUNT_SID={ACCOUNT_SID}\n\
             export TWILIO_AUTH_TOKEN={AUTH_TOKEN}\n\
             export TWILIO_PHONE_NUMBER={FROM_NUMBER}\n"
        )
    }

    /// How many messages were created successfully.
    pub fn messages_created(&self) -> u64 {
        self.shared.store().len() as u64
    }

    /// How many messages were created for `to` (`+E164` or `whatsapp:+E164`, matched
    /// exactly, channel included).
    pub fn messages_to(&self, to: &str) -> u64 {
        let Some((digits, whatsapp)) = parse_address(to) else {
            return 0;
        };
        self.shared.store().count(|m| m.is_to(digits, whatsapp))
    }

    /// Stops accepting connections, lets open requests finish (up to 5 s) and returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// State shared by the handlers.
#[derive(Debug)]
struct Shared {
    base_url: String,
    log: bool,
    sent_after_ms: i64,
    delivered_after_ms: i64,
    started_ms: i64,
    sids: SidCodec,
    store: Mutex<Store>,
}

impl Shared {
    fn new(addr: SocketAddr, opts: SandboxOptions) -> Shared {
        let ms = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        let sent_after_ms = ms(opts.sent_after);
        Shared {
            base_url: format!("http://{addr}"),
            log: opts.log,
            sent_after_ms,
            delivered_after_ms: ms(opts.delivered_after).max(sent_after_ms),
            started_ms: now_ms(),
            sids: SidCodec::new(rand::random()),
            store: Mutex::new(Store::new(FROM_NUMBER, WHATSAPP_FROM)),
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Status, `date_sent` and `date_updated` of a message at `now`.
    fn progress(&self, m: &Msg, now: i64) -> (&'static str, Option<i64>, i64) {
        let age = now.saturating_sub(m.created_ms);
        let sent = m.created_ms.saturating_add(self.sent_after_ms);
        if age >= self.delivered_after_ms {
            let delivered = m.created_ms.saturating_add(self.delivered_after_ms);
            ("delivered", Some(sent), delivered)
        } else if age >= self.sent_after_ms {
            ("sent", Some(sent), sent)
        } else if m.flags & F_SERVICE != 0 {
            ("accepted", None, m.created_ms)
        } else {
            ("queued", None, m.created_ms)
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Parses `+E164` or `whatsapp:+E164` into (digits, whatsapp).
fn parse_address(s: &str) -> Option<(u64, bool)> {
    match s.strip_prefix("whatsapp:") {
        Some(n) => rules::e164_digits(n).map(|d| (d, true)),
        None => rules::e164_digits(s).map(|d| (d, false)),
    }
}

/// Which credentials authenticated a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auth {
    AuthToken,
    ApiKey,
}

/// Checks HTTP Basic credentials against the sandbox's Auth Token and API key.
fn authenticate(headers: &axum::http::HeaderMap) -> Option<Auth> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64_decode(encoded.trim())?;
    let (user, pass) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    match (user, pass) {
        (ACCOUNT_SID, AUTH_TOKEN) => Some(Auth::AuthToken),
        (API_KEY_SID, API_KEY_SECRET) => Some(Auth::ApiKey),
        _ => None,
    }
}

/// Standard base64, padding optional (as HTTP clients send Basic credentials).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    ENGINE.decode(s).ok()
}

/// The single request handler: authentication, then routing on the path.
async fn handle(State(st): State<Arc<Shared>>, req: Request) -> Response {
    match route(&st, req).await {
        Ok(resp) => resp,
        Err(e) => error_response(&e),
    }
}

async fn route(st: &Shared, req: Request) -> Result<Response, ApiError> {
    // Split, so the body can go to create_message while the rest is borrowed.
    let (parts, body) = req.into_parts();
    let auth = authenticate(&parts.headers).ok_or_else(ApiError::authenticate)?;
    let path = parts.uri.path();
    let method = &parts.method;
    if let Some(rest) = path.strip_prefix(API_PREFIX) {
        let (account, tail) = match rest.split_once('/') {
            Some((account, tail)) => (account, Some(tail)),
            None => (rest.strip_suffix(".json").unwrap_or(rest), None),
        };
        if account != ACCOUNT_SID {
            return Err(ApiError::not_found(path));
        }
        let query = parts.uri.query().unwrap_or("");
        return match (tail, method) {
            (None, &Method::GET) if rest.ends_with(".json") => {
                if auth == Auth::ApiKey {
                    // Standard API keys may not read the Account resource.
                    return Err(ApiError::authenticate());
                }
                Ok(json_response(StatusCode::OK, &account_json(st)))
            }
            (Some("Messages.json"), &Method::POST) => create_message(st, body).await,
            (Some("Messages.json"), &Method::GET) => list_messages(st, query),
            (Some("IncomingPhoneNumbers.json"), &Method::GET) => Ok(list_phone_numbers(st, query)),
            (Some(tail), &Method::GET) if tail.starts_with("Messages/") => {
                let sid = tail
                    .strip_prefix("Messages/")
                    .and_then(|s| s.strip_suffix(".json"))
                    .ok_or_else(|| ApiError::not_found(path))?;
                fetch_message(st, sid).ok_or_else(|| ApiError::not_found(path))
            }
            (None, _) if rest.ends_with(".json") => Err(ApiError::method_not_allowed()),
            (Some("Messages.json" | "IncomingPhoneNumbers.json"), _) => {
                Err(ApiError::method_not_allowed())
            }
            _ => Err(ApiError::not_found(path)),
        };
    }
    if let Some(sid) = path.strip_prefix(SERVICES_PREFIX) {
        if sid != MESSAGING_SERVICE_SID {
            return Err(ApiError::not_found(path));
        }
        if method != Method::GET {
            return Err(ApiError::method_not_allowed());
        }
        return Ok(json_response(StatusCode::OK, &service_json(st)));
    }
    Err(ApiError::not_found(path))
}

fn json_response(status: StatusCode, value: &impl Serialize) -> Response {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let mut resp = Response::new(Body::from(bytes));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

fn error_response(e: &ApiError) -> Response {
    #[derive(Serialize)]
    struct Body<'a> {
        code: u32,
        message: &'a str,
        more_info: Display<fmt::Arguments<'a>>,
        status: u16,
    }
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(
        status,
        &Body {
            code: e.code,
            message: &e.message,
            more_info: Display(format_args!(
                "https://www.twilio.com/docs/errors/{}",
                e.code
            )),
            status: e.status,
        },
    )
}

/// Serializes any `Display` value as a JSON string without an intermediate `String`.
struct Display<T>(T);

impl<T: fmt::Display> Serialize for Display<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A Unix-millisecond time shown as RFC 2822, as Twilio's v2010 API does
/// (`Mon, 24 Nov 2026 14:00:00 +0000`).
#[derive(Clone, Copy)]
struct Rfc2822(i64);

impl Serialize for Rfc2822 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ts = jiff::Timestamp::from_millisecond(self.0).unwrap_or_default();
        s.collect_str(&ts.strftime("%a, %d %b %Y %H:%M:%S +0000"))
    }
}

/// A Unix-millisecond time shown as ISO 8601 (`2015-07-30T20:12:31Z`), as the Messaging
/// API does.
fn iso8601(ms: i64) -> String {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or_default();
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

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
        let sid = self.sid();
        MessageJson {
            account_sid: ACCOUNT_SID,
            api_version: "2010-04-01",
            body: self.body,
            date_created: Rfc2822(m.created_ms),
            date_sent: date_sent.map(Rfc2822),
            date_updated: Rfc2822(updated),
            direction: "outbound-api",
            error_code: None,
            error_message: None,
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
async fn create_message(st: &Shared, body: axum::body::Body) -> Result<Response, ApiError> {
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
fn fetch_message(st: &Shared, sid: &str) -> Option<Response> {
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

/// Twilio's list paging: `PageSize` (default 50, at most 1000), `Page`, `PageToken`.
struct Paging<'a> {
    size: usize,
    page: usize,
    token: Option<Cow<'a, str>>,
}

impl<'a> Paging<'a> {
    fn new() -> Self {
        Paging {
            size: 50,
            page: 0,
            token: None,
        }
    }

    /// Takes a paging parameter; other keys are ignored.
    fn apply(&mut self, k: &str, v: Cow<'a, str>) -> Result<(), ApiError> {
        match k {
            "PageSize" => {
                let n: usize = v.trim().parse().map_err(|_| {
                    ApiError::new(400, 20001, format!("Invalid PageSize value: {v}"))
                })?;
                self.size = n.clamp(1, 1000);
            }
            "Page" => {
                self.page = v
                    .trim()
                    .parse()
                    .map_err(|_| ApiError::new(400, 20001, format!("Invalid Page value: {v}")))?;
            }
            "PageToken" => self.token = Some(v),
            _ => {}
        }
        Ok(())
    }

    /// The URI of page `page` of the list at `filters` (path and filter query).
    fn uri(&self, filters: &str, page: usize, token: Option<&str>) -> String {
        let mut uri = filters.to_string();
        push_param(&mut uri, "PageSize", &self.size.to_string());
        push_param(&mut uri, "Page", &page.to_string());
        if let Some(token) = token {
            push_param(&mut uri, "PageToken", token);
        }
        uri
    }

    /// Index of the first item of this page, and of the last of `n` items on it.
    fn start_end(&self, n: usize) -> (usize, usize) {
        let start = self.page * self.size;
        (start, (start + n).saturating_sub(1).max(start))
    }
}

/// Appends `&key=value` (form-encoded) to `out`.
fn push_param(out: &mut String, key: &str, value: &str) {
    out.push(if out.contains('?') { '&' } else { '?' });
    out.push_str(key);
    out.push('=');
    out.extend(form_urlencoded::byte_serialize(value.as_bytes()));
}

/// `GET /2010-04-01/Accounts/{AC}/Messages.json`.
fn list_messages(st: &Shared, query: &str) -> Result<Response, ApiError> {
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

/// `GET /2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json`.
fn list_phone_numbers(st: &Shared, query: &str) -> Response {
    let mut filter: Option<Cow<'_, str>> = None;
    let mut paging = Paging::new();
    let mut filters = format!("{API_PREFIX}{ACCOUNT_SID}/IncomingPhoneNumbers.json");
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k == "PhoneNumber" {
            push_param(&mut filters, "PhoneNumber", &v);
            filter = Some(v);
        } else {
            // Bad paging values are ignored: this list has one page at most.
            let _ = paging.apply(&k, v);
        }
    }
    let page = paging.page;
    let matches = filter
        .as_deref()
        .is_none_or(|f| phone_filter_matches(f.trim(), FROM_NUMBER));
    let numbers = if matches && page == 0 {
        vec![phone_number_json(st)]
    } else {
        Vec::new()
    };
    let uri = |page: usize| paging.uri(&filters, page, None);
    let (start, end) = paging.start_end(numbers.len());
    let body = json!({
        "end": end,
        "first_page_uri": uri(0),
        "incoming_phone_numbers": numbers,
        "next_page_uri": null,
        "page": page,
        "page_size": paging.size,
        "previous_page_uri": if page > 0 { Some(uri(page - 1)) } else { None },
        "start": start,
        "uri": uri(page),
    });
    json_response(StatusCode::OK, &body)
}

/// Twilio's `PhoneNumber` filter: a (partial) number where `*` matches any digit.
fn phone_filter_matches(filter: &str, number: &str) -> bool {
    let f = filter.as_bytes();
    let n = number.as_bytes();
    if f.is_empty() {
        return true;
    }
    if f.len() > n.len() {
        return false;
    }
    (0..=n.len() - f.len()).any(|at| {
        f.iter()
            .zip(&n[at..])
            .all(|(&a, &b)| a == b || (a == b'*' && b.is_ascii_digit()))
    })
}

fn phone_number_json(st: &Shared) -> serde_json::Value {
    let created = Rfc2822(st.started_ms);
    json!({
        "account_sid": ACCOUNT_SID,
        "address_requirements": "none",
        "address_sid": null,
        "api_version": "2010-04-01",
        "beta": false,
        "capabilities": { "voice": true, "sms": true, "mms": true, "fax": false },
        "date_created": created,
        "date_updated": created,
        "emergency_status": "Inactive",
        "emergency_address_sid": null,
        "emergency_address_status": "unregistered",
        "friendly_name": "(500) 555-0006",
        "identity_sid": null,
        "origin": "twilio",
        "phone_number": FROM_NUMBER,
        "sid": PHONE_NUMBER_SID,
        "sms_application_sid": "",
        "sms_fallback_method": "POST",
        "sms_fallback_url": "",
        "sms_method": "POST",
        "sms_url": "",
        "status_callback": "",
        "status_callback_method": "POST",
        "trunk_sid": null,
        "uri": format!("{API_PREFIX}{ACCOUNT_SID}/IncomingPhoneNumbers/{PHONE_NUMBER_SID}.json"),
        "voice_application_sid": "",
        "voice_caller_id_lookup": false,
        "voice_fallback_method": "POST",
        "voice_fallback_url": null,
        "voice_method": "POST",
        "voice_url": null,
        "bundle_sid": null,
        "voice_receive_mode": "voice",
        "status": "in-use",
        "type": "local",
    })
}

fn account_json(st: &Shared) -> serde_json::Value {
    let created = Rfc2822(st.started_ms);
    let sub = |name: &str| format!("{API_PREFIX}{ACCOUNT_SID}/{name}.json");
    json!({
        "auth_token": AUTH_TOKEN,
        "date_created": created,
        "date_updated": created,
        "friendly_name": "smsctl sandbox",
        "owner_account_sid": ACCOUNT_SID,
        "sid": ACCOUNT_SID,
        "status": "active",
        "subresource_uris": {
            "available_phone_numbers": sub("AvailablePhoneNumbers"),
            "calls": sub("Calls"),
            "conferences": sub("Conferences"),
            "incoming_phone_numbers": sub("IncomingPhoneNumbers"),
            "notifications": sub("Notifications"),
            "outgoing_caller_ids": sub("OutgoingCallerIds"),
            "recordings": sub("Recordings"),
            "transcriptions": sub("Transcriptions"),
            "addresses": sub("Addresses"),
            "signing_keys": sub("SigningKeys"),
            "connect_apps": sub("ConnectApps"),
            "sip": sub("SIP"),
            "authorized_connect_apps": sub("AuthorizedConnectApps"),
            "usage": sub("Usage"),
            "keys": sub("Keys"),
            "applications": sub("Applications"),
            "short_codes": sub("SMS/ShortCodes"),
            "queues": sub("Queues"),
            "messages": sub("Messages"),
            "balance": sub("Balance"),
        },
        "type": "Full",
        "uri": format!("{API_PREFIX}{ACCOUNT_SID}.json"),
    })
}

fn service_json(st: &Shared) -> serde_json::Value {
    let created = iso8601(st.started_ms);
    let url = format!("{}{SERVICES_PREFIX}{MESSAGING_SERVICE_SID}", st.base_url);
    let link = |name: &str| format!("{url}/{name}");
    json!({
        "account_sid": ACCOUNT_SID,
        "sid": MESSAGING_SERVICE_SID,
        "date_created": created,
        "date_updated": created,
        "friendly_name": "smsctl sandbox",
        "inbound_request_url": null,
        "inbound_method": "POST",
        "fallback_url": null,
        "fallback_method": "POST",
        "status_callback": null,
        "sticky_sender": true,
        "mms_converter": true,
        "smart_encoding": true,
        "fallback_to_long_code": true,
        "area_code_geomatch": true,
        "validity_period": 36000,
        "scan_message_content": "inherit",
        "synchronous_validation": true,
        "usecase": "notifications",
        "us_app_to_person_registered": false,
        "use_inbound_webhook_on_number": false,
        "links": {
            "phone_numbers": link("PhoneNumbers"),
            "short_codes": link("ShortCodes"),
            "alpha_senders": link("AlphaSenders"),
            "messages": link("Messages"),
            "us_app_to_person": link("Compliance/Usa2p"),
            "us_app_to_person_usecases": link("Compliance/Usa2p/Usecases"),
            "channel_senders": link("ChannelSenders"),
            "destination_alpha_senders": link("DestinationAlphaSenders"),
        },
        "url": url,
    })
}
