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
//!
//! Here: the server, authentication, routing and the JSON helpers the handlers share.
//! `messages` serves the Message resource, `resources` the Account, IncomingPhoneNumbers
//! and Messaging Service; `rules` holds Twilio's checks and error codes, `store` the
//! compact message store.

mod cancel;
mod faults;
mod messages;
mod resources;
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
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::form_urlencoded;

use messages::{create_message, fetch_message, list_messages};
use resources::{account_json, list_phone_numbers, service_json};
use rules::ApiError;
use store::{F_SERVICE, Msg};
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

pub use faults::{LANDLINE_TO, UNREACHABLE_TO};

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
    /// Accept this many creates, then refuse every later one with
    /// [`SandboxOptions::fail_code`] (see the `faults` module).
    pub fail_after: Option<u64>,
    /// The Twilio code of the injected failure (20003: credentials refused,
    /// every request fails).
    pub fail_code: u32,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            log: false,
            sent_after: Duration::from_millis(300),
            delivered_after: Duration::from_millis(600),
            fail_after: None,
            fail_code: 20003,
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
    faults: faults::Faults,
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
            faults: faults::Faults::new(opts.fail_after, opts.fail_code),
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Status, `date_sent` and `date_updated` of a message at `now`.
    fn progress(&self, m: &Msg, now: i64) -> (&'static str, Option<i64>, i64) {
        let age = now.saturating_sub(m.created_ms);
        let sent = m.created_ms.saturating_add(self.sent_after_ms);
        if m.flags & store::F_CANCELED != 0 {
            ("canceled", None, m.created_ms)
        } else if m.flags & store::F_SCHEDULED != 0 {
            ("scheduled", None, m.created_ms)
        } else if age >= self.delivered_after_ms {
            let delivered = m.created_ms.saturating_add(self.delivered_after_ms);
            let status = match faults::delivery_error(m.to) {
                Some(_) => "undelivered",
                None => "delivered",
            };
            (status, Some(sent), delivered)
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
    if path == "/sandbox/fault" {
        let arm = match *method {
            Method::POST => true,
            Method::DELETE => false,
            _ => return Err(ApiError::method_not_allowed()),
        };
        let form = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| ApiError::new(400, 20001, "Request body too large or unreadable"))?;
        return st.faults.control(arm, &form);
    }
    st.faults.check_request()?;
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
            (Some(tail), &Method::POST) if tail.starts_with("Messages/") => {
                let sid = tail
                    .strip_prefix("Messages/")
                    .and_then(|s| s.strip_suffix(".json"))
                    .ok_or_else(|| ApiError::not_found(path))?;
                cancel::update_message(st, sid, path, body).await
            }
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
