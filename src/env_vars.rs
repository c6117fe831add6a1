//! Every environment variable smsctl reads, in one place.

pub const SMSCTL_PROFILE: &str = "SMSCTL_PROFILE";
pub const SMSCTL_CONFIG_DIR: &str = "SMSCTL_CONFIG_DIR";
pub const SMSCTL_KEYCHAIN_SERVICE: &str = "SMSCTL_KEYCHAIN_SERVICE";
/// Seconds allowed for one keychain call (default 5).
pub const SMSCTL_KEYCHAIN_TIMEOUT: &str = "SMSCTL_KEYCHAIN_TIMEOUT";
pub const SMSCTL_TWILIO_API_URL: &str = "SMSCTL_TWILIO_API_URL";
pub const SMSCTL_TWILIO_MESSAGING_URL: &str = "SMSCTL_TWILIO_MESSAGING_URL";
/// Base URL of Twilio's Pricing API (default `https://pricing.twilio.com`).
pub const SMSCTL_TWILIO_PRICING_URL: &str = "SMSCTL_TWILIO_PRICING_URL";
/// Directory of smsctl's cache (the price lists), else the platform's cache dir.
pub const SMSCTL_CACHE_DIR: &str = "SMSCTL_CACHE_DIR";
/// Base URL of Twilio's Content API (WhatsApp templates, `--content-sid`).
pub const SMSCTL_TWILIO_CONTENT_URL: &str = "SMSCTL_TWILIO_CONTENT_URL";
/// Seconds allowed for one HTTP request (default 30).
pub const SMSCTL_HTTP_TIMEOUT: &str = "SMSCTL_HTTP_TIMEOUT";
/// Seconds allowed for all of one credential check (`creds add`, `verify`,
/// `rotate`, `edit`, `import`), every request and retry together (default 60).
pub const SMSCTL_VERIFY_TIMEOUT: &str = "SMSCTL_VERIFY_TIMEOUT";
/// Settle wait of a resumed campaign, in seconds (`campaign run --settle-secs`).
pub const SMSCTL_SETTLE_SECS: &str = "SMSCTL_SETTLE_SECS";
/// First retry wait in milliseconds (default 500; tests make it small).
pub const SMSCTL_RETRY_BASE_MS: &str = "SMSCTL_RETRY_BASE_MS";

pub const TWILIO_ACCOUNT_SID: &str = "TWILIO_ACCOUNT_SID";
pub const TWILIO_AUTH_TOKEN: &str = "TWILIO_AUTH_TOKEN";
pub const TWILIO_API_KEY: &str = "TWILIO_API_KEY";
pub const TWILIO_API_SECRET: &str = "TWILIO_API_SECRET";
pub const TWILIO_MESSAGING_SERVICE_SID: &str = "TWILIO_MESSAGING_SERVICE_SID";
pub const TWILIO_PHONE_NUMBER: &str = "TWILIO_PHONE_NUMBER";
pub const TWILIO_SENDER_ID: &str = "TWILIO_SENDER_ID";
pub const TWILIO_WHATSAPP_FROM: &str = "TWILIO_WHATSAPP_FROM";

pub const DEFAULT_KEYCHAIN_SERVICE: &str = "smsctl";
pub const DEFAULT_TWILIO_API_URL: &str = "https://api.twilio.com";
pub const DEFAULT_TWILIO_MESSAGING_URL: &str = "https://messaging.twilio.com";
pub const DEFAULT_TWILIO_PRICING_URL: &str = "https://pricing.twilio.com";
pub const DEFAULT_TWILIO_CONTENT_URL: &str = "https://content.twilio.com";

/// A variable's value, with empty treated as unset.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A variable holding a positive number of seconds; `None` when unset or not
/// a positive number (the caller's default applies).
pub fn secs(name: &str) -> Option<std::time::Duration> {
    var(name)
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .map(std::time::Duration::from_secs_f64)
}
