//! The parts of Twilio's resources smsctl reads. Unknown fields are kept
//! (`extra`) so `--json` can print the whole resource.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    pub sid: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// active, suspended, closed
    #[serde(default)]
    pub status: Option<String>,
    /// Trial or Full
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub sid: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub messaging_service_sid: Option<String>,
    #[serde(default)]
    pub num_segments: Option<String>,
    #[serde(default)]
    pub error_code: Option<i64>,
    #[serde(default)]
    pub error_message: Option<String>,
    #[serde(default)]
    pub date_created: Option<String>,
    #[serde(default)]
    pub date_sent: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Message {
    /// delivered, undelivered, failed, canceled, read: the status will not change.
    pub fn is_final(&self) -> bool {
        matches!(
            self.status.as_str(),
            "delivered" | "undelivered" | "failed" | "canceled" | "read"
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct MessagePage {
    #[serde(default)]
    pub messages: Vec<Message>,
    #[serde(default)]
    pub next_page_uri: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IncomingNumber {
    pub sid: String,
    pub phone_number: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct IncomingNumberPage {
    #[serde(default)]
    pub incoming_phone_numbers: Vec<IncomingNumber>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub sid: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
}
