//! The pre-flight check and the send pass over arbitrary input: the first line
//! is the template, the rest the recipients CSV. Neither may panic, and the send
//! pass over the very content that was checked must never report it changed.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use smsctl::campaign::{CampaignRows, CheckError, CheckOptions, RecipientsReader, Template, check};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let (template, csv) = data.split_at(split);
    let csv = csv.get(1..).unwrap_or_default();
    let Ok(template) = Template::parse(&String::from_utf8_lossy(template)) else {
        return;
    };
    let path = Path::new("fuzz.csv");
    for region in [None, "SG".parse().ok()] {
        let options = CheckOptions {
            default_region: region,
            threads: 2,
            ..CheckOptions::default()
        };
        let Ok(reader) = RecipientsReader::from_reader(path, Cursor::new(csv)) else {
            return;
        };
        let Ok(report) = check::check_reader(reader, &template, &options) else {
            return;
        };
        let reader = RecipientsReader::from_reader(path, Cursor::new(csv)).expect("read twice");
        let mut rows = CampaignRows::from_reader(reader, &template, &options, &report)
            .expect("send pass opens");
        let mut sent = 0u64;
        loop {
            match rows.next_row(|_| true) {
                Ok(Some(row)) => {
                    if matches!(row.action, smsctl::campaign::RowAction::Send { .. }) {
                        sent += 1;
                    }
                }
                Ok(None) => break,
                Err(e @ (CheckError::Changed { .. } | CheckError::ChangedAt { .. })) => {
                    panic!("the unchanged content was reported changed: {e}")
                }
                // The csv crate's own errors come back the same way both times.
                Err(_) => break,
            }
        }
        if !report.is_fatal() {
            assert!(sent <= report.valid, "sent {sent} of {} valid rows", report.valid);
        }
    }
});
