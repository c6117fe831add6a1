//! Twilio REST client: one connection pool, typed errors, the retry policy.
//! No printing: requests are logged through `tracing` (shown with `-v`).

mod client;
mod content;
mod endpoints;
mod error;
mod keys;
mod messages;
mod pricing;
mod retry;
mod scrub;
mod types;

pub use client::{Client, Credentials};
pub use content::{Content, placeholders};
pub use endpoints::{Endpoints, UrlError};
pub use error::{TwilioError, docs_url, explain};
pub use keys::{FRIENDLY_NAME_MAX, NewKey};
pub use messages::{ListFilter, MessageOptions, NewMessage, address};
pub use pricing::{MessagingCountry, NumberTypePrice, OutboundSmsPrice};
pub use retry::RetryPolicy;
pub use types::{Account, IncomingNumber, Message, MessagePage, Service};
