//! All terminal output goes through here: data to stdout, status to stderr.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};

mod grid;

pub use grid::{Cell, Col, Fit, Grid, Layout, Tone};

static STDOUT_USED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether anything was printed on stdout yet (a `--json` error goes there only
/// when nothing else did: stdout holds one JSON document).
pub fn stdout_used() -> bool {
    STDOUT_USED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Where output goes and how it looks.
#[derive(Debug, Clone)]
pub struct Printer {
    pub json: bool,
    pub verbose: u8,
}

impl Printer {
    /// A line of data on stdout. A closed pipe (`| head`) is not an error.
    pub fn out(&self, s: impl AsRef<str>) {
        STDOUT_USED.store(true, std::sync::atomic::Ordering::Relaxed);
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

/// A table in smsctl's style, as wide as the [`Layout`] of stdout allows
/// (values wrap; for tables with IDs that must never wrap, use [`Grid`]).
pub fn table(header: &[&str]) -> Table {
    let layout = Layout::detect(false);
    let mut t = Table::new();
    t.load_preset(if layout.borders {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::NOTHING
    });
    t.force_no_tty();
    match layout.width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if !header.is_empty() {
        t.set_header(header.iter().copied());
    }
    t
}

/// A time as every table and `creds show` print it: "2026-11-24 14:00 UTC"
/// (`--json` keeps RFC 3339).
pub fn timestamp(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// Whether prompts can be shown: both stdin and stderr are terminals.
pub fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}
