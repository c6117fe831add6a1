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
    /// The answer as Twilio sent it (scrubbed), when this message came from
    /// one answer about it alone (create, fetch): what `send --json` prints.
    /// Not a `#[serde(flatten)]` map of the other fields: that made serde
    /// buffer every answer of a campaign, a tenth of its work per message.
    #[serde(skip)]
    pub raw: Option<String>,
}

impl Message {
    /// Parses one message's answer, keeping its text in [`Message::raw`].
    pub fn from_answer(bytes: &[u8]) -> Result<Message, serde_json::Error> {
        let mut m: Message = serde_json::from_slice(bytes)?;
        m.raw = Some(String::from_utf8_lossy(bytes).into_owned());
        Ok(m)
    }

    /// The message as JSON: the answer as Twilio sent it when there is one,
    /// else the fields smsctl reads.
    pub fn to_json(&self) -> serde_json::Value {
        self.raw
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok())
            .unwrap_or_else(|| serde_json::to_value(self).unwrap_or_default())
    }
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
