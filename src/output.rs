//! All terminal output goes through here: data to stdout, status to stderr.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};

/// Where output goes and how it looks.
#[derive(Debug, Clone)]
pub struct Printer {
    pub json: bool,
    pub verbose: u8,
}

impl Printer {
    /// A line of data on stdout. A closed pipe (`| head`) is not an error.
    pub fn out(&self, s: impl AsRef<str>) {
        let mut o = io::stdout().lock();
        let _ = writeln!(o, "{}", s.as_ref());
    }

    /// JSON on stdout.
    pub fn json(&self, v: &impl serde::Serialize) {
        let s = serde_json::to_string_pretty(v).expect("serializable");
        self.out(s);
    }

    /// A status line on stderr.
    pub fn status(&self, s: impl AsRef<str>) {
        let _ = writeln!(io::stderr().lock(), "{}", s.as_ref());
    }

    pub fn warn(&self, s: impl AsRef<str>) {
        let _ = writeln!(io::stderr().lock(), "warning: {}", s.as_ref());
    }

    /// Status shown only with -v.
    pub fn verbose(&self, s: impl AsRef<str>) {
        if self.verbose > 0 {
            self.status(s);
        }
    }
}

/// A table in smsctl's style; no borders when stdout is not a terminal.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    if io::stdout().is_terminal() {
        t.load_preset(presets::UTF8_FULL_CONDENSED);
    } else {
        t.load_preset(presets::NOTHING);
    }
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(header.iter().copied());
    t
}

/// Whether prompts can be shown: both stdin and stderr are terminals.
pub fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}
