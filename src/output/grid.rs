//! Tables that fit the terminal: columns shorten or drop in a fixed order
//! until the table is as wide as the terminal, and a column marked *whole*
//! (SIDs, phone numbers) is never wrapped across lines.
//!
//! The width is known on a terminal (its size), from `COLUMNS` when set, or not
//! at all (piped without `COLUMNS`: the full table, as wide as it is). `--wide`
//! turns fitting off. Colours only on a colour terminal: stdout a terminal,
//! `NO_COLOR` unset or empty, `TERM` not `dumb`.

use std::io::{self, IsTerminal};

use comfy_table::{Cell as TableCell, Color, ColumnConstraint, ContentArrangement, Table, presets};

/// How tables are drawn here and now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns available; `None`: no limit.
    pub width: Option<usize>,
    /// Box-drawing borders (on a terminal) or none (piped: easy to `grep`/`awk`).
    pub borders: bool,
    /// Colour the cells that carry one (states).
    pub colour: bool,
}

impl Layout {
    /// The layout of stdout; `wide` (`--wide`) lifts the width limit.
    pub fn detect(wide: bool) -> Layout {
        let tty = io::stdout().is_terminal();
        let width = if wide {
            None
        } else {
            columns_var().or_else(|| tty.then(crossterm_width).flatten().filter(|w| *w > 0))
        };
        Layout {
            width,
            borders: tty,
            colour: tty && colour_allowed(),
        }
    }
}

/// `COLUMNS`, when it is a positive number.
fn columns_var() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
}

fn crossterm_width() -> Option<usize> {
    // comfy-table asks the terminal (through crossterm) when it is one.
    Table::new().width().map(usize::from)
}

/// `NO_COLOR` (https://no-color.org: set and not empty) and `TERM=dumb` turn colour off.
fn colour_allowed() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !no_color && !dumb
}

/// The colour of a state word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Note,
}

impl Tone {
    fn color(self) -> Color {
        match self {
            Tone::Good => Color::Green,
            Tone::Warn => Color::Yellow,
            Tone::Bad => Color::Red,
            Tone::Note => Color::Cyan,
        }
    }
}

/// One cell: its text, a shorter form for a narrow terminal, a colour.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    full: String,
    short: Option<String>,
    tone: Option<Tone>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            full: text.into(),
            ..Default::default()
        }
    }

    /// What the cell shows once its column is shortened.
    pub fn short(mut self, text: impl Into<String>) -> Cell {
        self.short = Some(text.into());
        self
    }

    pub fn tone(mut self, tone: Option<Tone>) -> Cell {
        self.tone = tone;
        self
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(s: T) -> Cell {
        Cell::new(s)
    }
}

/// A column: its header, its header once shortened, and whether its values
/// must never be wrapped (an ID cut in two cannot be copied).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub header: &'static str,
    pub short_header: Option<&'static str>,
    pub whole: bool,
}

impl Col {
    pub const fn new(header: &'static str) -> Col {
        Col {
            header,
            short_header: None,
            whole: false,
        }
    }

    /// Never wrapped: dropped rather than cut.
    pub const fn whole(mut self) -> Col {
        self.whole = true;
        self
    }

    pub const fn short_header(mut self, h: &'static str) -> Col {
        self.short_header = Some(h);
        self
    }
}

/// One step towards a narrower table, applied in order while it is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Show the column's short forms.
    Shorten(usize),
    /// Leave the column out.
    Drop(usize),
}

/// A table that fits its [`Layout`].
#[derive(Debug, Clone)]
pub struct Grid {
    cols: Vec<Col>,
    rows: Vec<Vec<Cell>>,
    steps: Vec<Fit>,
}

impl Grid {
    pub fn new(cols: &[Col]) -> Grid {
        Grid {
            cols: cols.to_vec(),
            rows: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// The order in which columns shorten or drop when the table is too wide.
    pub fn fit(mut self, steps: &[Fit]) -> Grid {
        self.steps = steps.to_vec();
        self
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        assert_eq!(cells.len(), self.cols.len(), "one cell per column");
        self.rows.push(cells);
    }

    /// The table as text, fitted to `layout`.
    pub fn render(&self, layout: Layout) -> String {
        let n = self.cols.len();
        let mut short = vec![false; n];
        let mut dropped = vec![false; n];
        if let Some(width) = layout.width {
            let mut steps = self.steps.iter();
            while self.natural_width(layout, &short, &dropped) > width {
                match steps.next() {
                    Some(Fit::Shorten(c)) => short[*c] = true,
                    Some(Fit::Drop(c)) => dropped[*c] = true,
                    None => break,
                }
            }
        }
        self.build(layout, &short, &dropped, true).to_string()
    }

    /// The widest line of the table with no wrapping at all.
    fn natural_width(&self, layout: Layout, short: &[bool], dropped: &[bool]) -> usize {
        let t = self.build(
            Layout {
                width: None,
                colour: false,
                ..layout
            },
            short,
            dropped,
            false,
        );
        t.lines().map(|l| l.chars().count()).max().unwrap_or(0)
    }

    fn build(&self, layout: Layout, short: &[bool], dropped: &[bool], wrap: bool) -> Table {
        let mut t = Table::new();
        t.load_preset(if layout.borders {
            presets::UTF8_FULL_CONDENSED
        } else {
            presets::NOTHING
        });
        // Our own decision (Layout), never comfy-table's guess from the tty.
        t.force_no_tty();
        if layout.colour {
            t.enforce_styling();
        }
        let keep: Vec<usize> = (0..self.cols.len()).filter(|&c| !dropped[c]).collect();
        if self.cols.iter().any(|c| !c.header.is_empty()) {
            t.set_header(keep.iter().map(|&c| {
                let col = &self.cols[c];
                match (short[c], col.short_header) {
                    (true, Some(h)) => h,
                    _ => col.header,
                }
            }));
        }
        for row in &self.rows {
            t.add_row(keep.iter().map(|&c| {
                let cell = &row[c];
                let text = match (short[c], &cell.short) {
                    (true, Some(s)) => s.as_str(),
                    _ => cell.full.as_str(),
                };
                let mut tc = TableCell::new(text);
                if let (true, Some(tone)) = (layout.colour, cell.tone) {
                    tc = tc.fg(tone.color());
                }
                tc
            }));
        }
        match (wrap, layout.width) {
            (true, Some(w)) => {
                // Still too wide after every step: wrap what may be wrapped.
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
                for (i, &c) in keep.iter().enumerate() {
                    if self.cols[c].whole
                        && let Some(col) = t.column_mut(i)
                    {
                        col.set_constraint(ColumnConstraint::ContentWidth);
                    }
                }
            }
            _ => {
                t.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SID: &str = "AC0123456789abcdef0123456789abcdef";

    fn grid() -> Grid {
        let mut g = Grid::new(&[
            Col::new("LABEL"),
            Col::new("ACCOUNT SID").whole(),
            Col::new("NOTE"),
            Col::new("WHEN").short_header("W"),
        ])
        .fit(&[Fit::Shorten(3), Fit::Drop(2), Fit::Drop(1)]);
        g.row(vec![
            Cell::new("agency-prod"),
            Cell::new(SID),
            Cell::new("a long note that may wrap when it must"),
            Cell::new("2026-11-24 14:00 UTC").short("2026-11-24"),
        ]);
        g
    }

    fn at(width: Option<usize>, borders: bool) -> String {
        grid().render(Layout {
            width,
            borders,
            colour: false,
        })
    }

    fn widest(s: &str) -> usize {
        s.lines().map(|l| l.chars().count()).max().unwrap()
    }

    #[test]
    fn no_width_is_the_full_table() {
        let s = at(None, false);
        assert!(
            s.contains(SID) && s.contains("a long note") && s.contains("14:00"),
            "{s}"
        );
        assert_eq!(s.lines().count(), 2, "{s}");
    }

    #[test]
    fn columns_shorten_then_drop_in_order_and_the_sid_stays_whole() {
        for borders in [false, true] {
            let full = widest(&at(None, borders));
            let s = at(Some(full - 1), borders);
            assert!(s.contains("2026-11-24") && !s.contains("14:00"), "{s}");
            assert!(s.contains(" W "), "the short header: {s}");
            assert!(s.contains("a long note"), "{s}");
            // Narrower: the note goes, the SID stays whole on one line.
            let s = at(Some(66), borders);
            assert!(!s.contains("a long note"), "{s}");
            assert!(s.lines().any(|l| l.contains(SID)), "{s}");
            assert!(widest(&s) <= 66, "{s}");
            // Too narrow for the SID: it goes rather than being cut.
            let s = at(Some(30), borders);
            assert!(!s.contains("AC01"), "{s}");
            assert!(s.contains("agency-prod"), "{s}");
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let mut g = Grid::new(&[Col::new("STATE")]);
        g.row(vec![Cell::new("ready").tone(Some(Tone::Good))]);
        let plain = g.render(Layout {
            width: None,
            borders: false,
            colour: false,
        });
        assert!(!plain.contains('\x1b'), "{plain:?}");
        let coloured = g.render(Layout {
            width: None,
            borders: false,
            colour: true,
        });
        assert!(coloured.contains("\x1b["), "{coloured:?}");
    }
}
