//! Twilio REST client: one connection pool, typed errors, the retry policy.
//! No printing: requests are logged through `tracing` (shown with `-v`).

mod client;
mod error;
mod types;

pub use client::{
    Client, Credentials, Endpoints, ListFilter, NewMessage, RetryPolicy, UrlError, address,
};
pub use error::{TwilioError, docs_url, explain};
pub use types::{Account, IncomingNumber, Message, MessagePage, Service};
