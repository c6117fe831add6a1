//! The journal readers (resume's replay and the report's final entries) over
//! arbitrary bytes: a damaged journal is an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smsctl::campaign::{FinalEntries, Journal};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("smsctl-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("r.csv.smsctl-journal");
    std::fs::write(&path, data).expect("write the journal");
    let _ = Journal::read(&path);
    if let Ok(entries) = FinalEntries::open(&path) {
        for entry in entries {
            let _ = entry;
        }
    }
});
