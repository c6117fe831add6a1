//! A row's status and its line in the report: the vocabulary the journal
//! records and the report shows (both use it; neither needs the other for it).

use serde::{Deserialize, Serialize};

/// A row's status in the journal and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Accepted by Twilio (queued/accepted/sending/sent); no delivery news yet.
    Sent,
    /// Delivered to the handset.
    Delivered,
    /// Read (WhatsApp).
    Read,
    /// The carrier could not deliver it (with an error code).
    Undelivered,
    /// Refused by Twilio when sending, or failed on the way.
    Failed,
    /// Certainly not sent; retried on the next run.
    NotSent,
    /// Maybe sent: the next run asks Twilio before resending.
    Unknown,
    /// Skipped: the row did not pass the pre-flight check (`--skip-invalid`).
    SkippedInvalid,
    /// Skipped: the same recipient appears on an earlier row.
    SkippedDuplicate,
    /// Skipped: the number is on the account's opt-out list (`smsctl optouts`).
    OptedOut,
    /// Created as a Twilio scheduled message (`--send-at`): not sent yet.
    Scheduled,
    /// A scheduled message canceled (`campaign cancel`): never sent.
    Canceled,
}

impl Status {
    pub const ALL: [Status; 12] = [
        Status::Sent,
        Status::Delivered,
        Status::Read,
        Status::Undelivered,
        Status::Failed,
        Status::NotSent,
        Status::Unknown,
        Status::SkippedInvalid,
        Status::SkippedDuplicate,
        Status::OptedOut,
        Status::Scheduled,
        Status::Canceled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Delivered => "delivered",
            Status::Read => "read",
            Status::Undelivered => "undelivered",
            Status::Failed => "failed",
            Status::NotSent => "not_sent",
            Status::Unknown => "unknown",
            Status::SkippedInvalid => "skipped_invalid",
            Status::SkippedDuplicate => "skipped_duplicate",
            Status::OptedOut => "opted-out",
            Status::Scheduled => "scheduled",
            Status::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("opted_out") {
            return Some(Status::OptedOut);
        }
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s))
    }

    /// Maps a Twilio message status (`queued`, `delivered`, …) to a report status.
    pub fn from_twilio(s: &str) -> Option<Status> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "accepted" | "queued" | "sending" | "sent" => Status::Sent,
            "scheduled" => Status::Scheduled,
            "canceled" => Status::Canceled,
            "delivered" => Status::Delivered,
            "read" => Status::Read,
            "undelivered" | "partially_delivered" => Status::Undelivered,
            "failed" => Status::Failed,
            _ => return None,
        })
    }

    /// A final outcome for sending: never send this row again.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            Status::Sent
                | Status::Delivered
                | Status::Read
                | Status::Undelivered
                | Status::Failed
                | Status::Scheduled
                | Status::Canceled
        )
    }

    /// An error status (kept against later successes).
    pub fn is_error(self) -> bool {
        matches!(self, Status::Undelivered | Status::Failed)
    }

    /// Progress of a sent message: scheduled < sent < delivered < read.
    fn delivery_rank(self) -> u8 {
        match self {
            Status::Scheduled => 1,
            Status::Sent => 2,
            Status::Delivered => 3,
            Status::Read => 4,
            _ => 0,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    /// E.164 number (the raw value for skipped invalid rows).
    pub recipient: String,
    /// The line of the recipient's record in the CSV file.
    pub row: u64,
    pub status: Status,
    pub message_sid: Option<String>,
    pub error_code: Option<u32>,
    pub error_message: Option<String>,
}

impl ReportRow {
    /// True if `campaign status` should ask Twilio about this message: it has a SID
    /// and its status can still change (an error is final; so is `read`).
    pub fn needs_refresh(&self) -> bool {
        self.message_sid.is_some()
            && matches!(
                self.status,
                Status::Scheduled | Status::Sent | Status::Delivered
            )
    }

    /// Applies a delivery status fetched from Twilio (`status` from
    /// [`Status::from_twilio`]). An error once recorded is never overwritten by a
    /// later success; a later error only fills in a missing code or message; a
    /// success never goes backwards (read > delivered > sent). Returns true if the
    /// row changed.
    pub fn apply_delivery(
        &mut self,
        status: Status,
        error_code: Option<u32>,
        error_message: Option<&str>,
    ) -> bool {
        let before = self.clone();
        if self.status == Status::Canceled {
            // Final: a canceled message is never sent.
        } else if status == Status::Canceled {
            if matches!(self.status, Status::Scheduled | Status::Sent) {
                self.status = status;
            }
        } else if self.status.is_error() {
            if status.is_error() {
                if self.error_code.is_none() {
                    self.error_code = error_code;
                }
                if self.error_message.is_none() {
                    self.error_message = error_message.map(str::to_string);
                }
            }
        } else if status.is_error() {
            self.status = status;
            self.error_code = error_code;
            self.error_message = error_message.map(str::to_string);
        } else if status.delivery_rank() > self.status.delivery_rank()
            && self.status.delivery_rank() > 0
        {
            self.status = status;
        }
        *self != before
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn row(status: Status) -> ReportRow {
        ReportRow {
            recipient: "+6591234567".into(),
            row: 2,
            status,
            message_sid: Some("SM1".into()),
            error_code: None,
            error_message: None,
        }
    }

    #[test]
    fn delivery_errors_stick() {
        let mut r = row(Status::Sent);
        assert!(r.needs_refresh());
        assert!(r.apply_delivery(Status::Delivered, None, None));
        assert_eq!(r.status, Status::Delivered);
        assert!(!r.apply_delivery(Status::Sent, None, None), "no regression");
        assert!(r.apply_delivery(Status::Undelivered, Some(30003), Some("unreachable")));
        assert!(!r.needs_refresh());
        assert!(!r.apply_delivery(Status::Delivered, None, None));
        assert!(!r.apply_delivery(Status::Failed, Some(30008), None));
        assert_eq!(
            (r.status, r.error_code, r.error_message.as_deref()),
            (Status::Undelivered, Some(30003), Some("unreachable"))
        );
        let mut r = row(Status::Failed);
        assert!(r.apply_delivery(Status::Failed, Some(30007), None));
        assert_eq!(r.error_code, Some(30007));
        assert_eq!(Status::from_twilio("Queued"), Some(Status::Sent));
        assert_eq!(Status::from_twilio("bogus"), None);
        // scheduled is kept apart from sent; only a scheduled message is canceled
        let mut r = row(Status::Scheduled);
        assert!(r.needs_refresh());
        assert!(r.apply_delivery(Status::Sent, None, None));
        assert!(r.apply_delivery(Status::Delivered, None, None));
        assert!(!r.apply_delivery(Status::Canceled, None, None));
        let mut r = row(Status::Scheduled);
        assert!(r.apply_delivery(Status::Canceled, None, None));
        assert!(!r.needs_refresh() && r.status.is_done() && !r.status.is_error());
        assert!(!r.apply_delivery(Status::Delivered, None, None));
        assert_eq!(Status::from_twilio("scheduled"), Some(Status::Scheduled));
        assert_eq!(Status::from_twilio("canceled"), Some(Status::Canceled));
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
