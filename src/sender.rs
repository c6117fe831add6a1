//! Who a message is sent from: one [`Sender`], and the [`Senders`] a
//! credential set has (at most one of each kind).

use std::fmt;

use serde::{Deserialize, Serialize};

/// One way to send: the value Twilio gets as `MessagingServiceSid` or `From`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// A Messaging Service (`MG…`): Twilio picks the number.
    MessagingService(String),
    /// A phone number of the account, E.164 (`+14155552671`).
    Number(String),
    /// An alphanumeric sender ID (`GovTech`).
    AlphaId(String),
    /// A WhatsApp sender, `whatsapp:+E164`.
    WhatsApp(String),
}

impl Sender {
    pub fn as_str(&self) -> &str {
        match self {
            Sender::MessagingService(v) | Sender::Number(v) | Sender::AlphaId(v) => v,
            Sender::WhatsApp(v) => v,
        }
    }

    /// The form field of `POST …/Messages.json` that carries it.
    pub fn form_field(&self) -> (&'static str, &str) {
        match self {
            Sender::MessagingService(mg) => ("MessagingServiceSid", mg),
            other => ("From", other.as_str()),
        }
    }

    /// The order of [`Senders`] (and of the profile's fields on disk); for
    /// SMS, the first one a credential set has is the one it sends from.
    fn rank(&self) -> u8 {
        match self {
            Sender::MessagingService(_) => 0,
            Sender::Number(_) => 1,
            Sender::AlphaId(_) => 2,
            Sender::WhatsApp(_) => 3,
        }
    }
}

impl fmt::Display for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The senders a credential set can send from: at most one of each kind, in
/// the order Messaging Service, number, sender ID, WhatsApp. On disk (and in
/// `--json`) they are the fields `messaging_service_sid`, `from`, `sender_id`
/// and `whatsapp_from`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SenderFields", into = "SenderFields")]
pub struct Senders(Vec<Sender>);

impl Senders {
    /// Adds `s`, replacing a sender of the same kind.
    pub fn insert(&mut self, s: Sender) {
        self.0.retain(|o| o.rank() != s.rank());
        let at = self.0.partition_point(|o| o.rank() < s.rank());
        self.0.insert(at, s);
    }

    /// Makes `s` the only SMS sender (a Messaging Service, number or sender
    /// ID); a WhatsApp sender stays.
    pub fn set_sms(&mut self, s: Sender) {
        self.clear_sms();
        self.insert(s);
    }

    /// Removes every SMS sender; a WhatsApp sender stays.
    pub fn clear_sms(&mut self) {
        self.0.retain(|s| matches!(s, Sender::WhatsApp(_)));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Sender> {
        self.0.iter()
    }

    /// What SMS is sent from: the Messaging Service, else the number, else the sender ID.
    pub fn sms(&self) -> Option<&Sender> {
        self.0.iter().find(|s| !matches!(s, Sender::WhatsApp(_)))
    }

    pub fn messaging_service(&self) -> Option<&str> {
        self.find(|s| matches!(s, Sender::MessagingService(_)))
    }

    pub fn number(&self) -> Option<&str> {
        self.find(|s| matches!(s, Sender::Number(_)))
    }

    pub fn alpha_id(&self) -> Option<&str> {
        self.find(|s| matches!(s, Sender::AlphaId(_)))
    }

    pub fn whatsapp(&self) -> Option<&str> {
        self.find(|s| matches!(s, Sender::WhatsApp(_)))
    }

    fn find(&self, kind: impl Fn(&Sender) -> bool) -> Option<&str> {
        self.0.iter().find(|s| kind(s)).map(Sender::as_str)
    }
}

impl FromIterator<Sender> for Senders {
    fn from_iter<I: IntoIterator<Item = Sender>>(iter: I) -> Self {
        let mut out = Senders::default();
        for s in iter {
            out.insert(s);
        }
        out
    }
}

/// [`Senders`] as the four optional fields of `profiles.toml`.
#[derive(Default, Serialize, Deserialize)]
struct SenderFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    messaging_service_sid: Option<String>,
    /// A phone-number sender in E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sender_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    whatsapp_from: Option<String>,
}

impl From<SenderFields> for Senders {
    fn from(f: SenderFields) -> Self {
        [
            f.messaging_service_sid.map(Sender::MessagingService),
            f.from.map(Sender::Number),
            f.sender_id.map(Sender::AlphaId),
            f.whatsapp_from.map(Sender::WhatsApp),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

impl From<Senders> for SenderFields {
    fn from(s: Senders) -> Self {
        let mut f = SenderFields::default();
        for sender in s.0 {
            match sender {
                Sender::MessagingService(v) => f.messaging_service_sid = Some(v),
                Sender::Number(v) => f.from = Some(v),
                Sender::AlphaId(v) => f.sender_id = Some(v),
                Sender::WhatsApp(v) => f.whatsapp_from = Some(v),
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_each_kind_in_order() {
        let mut s: Senders = [
            Sender::WhatsApp("whatsapp:+14155238886".into()),
            Sender::Number("+15005550006".into()),
        ]
        .into_iter()
        .collect();
        assert_eq!(s.sms(), Some(&Sender::Number("+15005550006".into())));
        s.insert(Sender::MessagingService("MG1".into()));
        assert_eq!(s.sms(), Some(&Sender::MessagingService("MG1".into())));
        s.set_sms(Sender::AlphaId("GovTech".into()));
        let all: Vec<&str> = s.iter().map(Sender::as_str).collect();
        assert_eq!(all, ["GovTech", "whatsapp:+14155238886"]);
        s.clear_sms();
        assert_eq!(s.sms(), None);
        assert_eq!(s.whatsapp(), Some("whatsapp:+14155238886"));
    }
}
