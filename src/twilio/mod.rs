//! Twilio REST client: one connection pool, typed errors, the retry policy.
//! No printing: requests are logged through `tracing` (shown with `-v`).

mod client;
mod endpoints;
mod error;
mod keys;
mod messages;
mod pricing;
mod retry;
mod scrub;
mod types;

pub use client::{Client, Credentials};
pub use endpoints::{Endpoints, UrlError};
pub use error::{TwilioError, docs_url, explain};
pub use keys::{FRIENDLY_NAME_MAX, NewKey};
pub use messages::{ListFilter, NewMessage, address};
pub use pricing::{MessagingCountry, NumberTypePrice, OutboundSmsPrice};
pub use retry::RetryPolicy;
pub use types::{Account, IncomingNumber, Message, MessagePage, Service};
