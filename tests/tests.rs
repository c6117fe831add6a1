//! The one integration test binary (Cargo.toml: `autotests = false`).
//! Run the whole suite with `scripts/test` (it starts a private keychain).

mod campaign;
mod common;
mod completions;
mod creds;
mod creds_keys;
mod message_options;
mod optouts;
mod pricing;
mod send;
mod terminal;
