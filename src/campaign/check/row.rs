//! One data row, shared by the check and the send pass: the context built from
//! the header ([`prepare`]), the check of a row with its problems, and the row's
//! digest.

use std::fmt;
use std::io::Read;

use super::{CheckOptions, Problem, ProblemKind};
use crate::campaign::recipients::{Columns, DEFAULT_TO_COLUMN, RecipientsReader};
use crate::campaign::template::Template;
use crate::phone::{self, E164, Region};
use crate::sms::{self, BodyError, Segments};

pub(super) struct RowCtx<'t> {
    pub(super) file: String,
    template: &'t Template,
    header_len: usize,
    pub(super) columns: Columns,
    pub(super) phone_col: Option<usize>,
    /// Column of each template keyword; `None` if one is missing.
    keyword_cols: Option<Vec<usize>>,
    region: Option<Region>,
    extra_numbers: &'static [&'static str],
    allow_empty: bool,
}

pub(super) enum Verdict {
    Valid { to: E164, segments: Segments },
    Invalid,
}

impl<'t> RowCtx<'t> {
    pub(super) fn problem(
        &self,
        line: u64,
        kind: ProblemKind,
        message: impl fmt::Display,
    ) -> Problem {
        Problem {
            line,
            kind,
            message: format!("{}:{}: {}", self.file, line, message),
        }
    }

    pub(super) fn duplicate(&self, line: u64, number: &str, first_line: u64) -> Problem {
        self.problem(
            line,
            ProblemKind::Duplicate,
            format_args!(
                "duplicate recipient {number}, first on line {first_line}; it is sent once (--allow-duplicates sends to every row)"
            ),
        )
    }

    fn field<'r>(&self, rec: &'r csv::ByteRecord, col: usize) -> &'r str {
        std::str::from_utf8(rec.get(col).unwrap_or_default()).unwrap_or("")
    }

    /// `ContentVariables` of a valid row of a content template (else empty).
    pub(super) fn content_variables(&self, rec: &csv::ByteRecord, out: &mut String) {
        out.clear();
        if let Some(cols) = &self.keyword_cols {
            self.template
                .render_variables_into(|k| self.field(rec, cols[k]), out);
        }
    }

    /// Checks one record; pushes its problems; leaves the rendered body in `body`.
    pub(super) fn check_row(
        &self,
        rec: &csv::ByteRecord,
        line: u64,
        body: &mut String,
        problems: &mut Vec<Problem>,
    ) -> Verdict {
        body.clear();
        // An empty row is reported as such, whatever its number of fields.
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            problems.push(self.problem(line, ProblemKind::EmptyRow, "the row is empty"));
            return Verdict::Invalid;
        }
        if rec.len() != self.header_len {
            problems.push(self.problem(
                line,
                ProblemKind::FieldCount,
                format_args!(
                    "{} field{}, but the header has {}; a value containing a comma must be in double quotes",
                    rec.len(),
                    if rec.len() == 1 { "" } else { "s" },
                    self.header_len
                ),
            ));
            return Verdict::Invalid;
        }
        let before = problems.len();
        // The field as text, or a problem saying it is not UTF-8.
        let text = |col: usize, problems: &mut Vec<Problem>| -> Option<&str> {
            let text = std::str::from_utf8(rec.get(col).unwrap_or_default()).ok();
            if text.is_none() {
                problems.push(self.problem(
                    line,
                    ProblemKind::InvalidText,
                    format_args!(
                        "column \"{}\" is not valid UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in Excel)",
                        self.columns.names()[col]
                    ),
                ));
            }
            text
        };
        let mut to = None;
        if let Some(col) = self.phone_col
            && let Some(number) = text(col, problems)
        {
            match phone::parse_number_accepting(number, self.region, self.extra_numbers) {
                Ok(n) => to = Some(n),
                Err(e) => problems.push(self.problem(line, ProblemKind::InvalidNumber, e)),
            }
        }
        let mut segments = None;
        if let Some(cols) = &self.keyword_cols {
            let mut all_text = true;
            for &col in cols {
                if Some(col) != self.phone_col {
                    all_text &= text(col, problems).is_some();
                }
            }
            if all_text && (!self.allow_empty || self.template.is_content()) {
                // "Hi , your code is …": an empty value is a bad row, like a bad number.
                for (i, (k, &col)) in self.template.keywords().iter().zip(cols).enumerate() {
                    if self.field(rec, col).trim().is_empty()
                        && (Some(col) != self.phone_col || self.template.is_content())
                    {
                        let why = match self.template.content_var(i) {
                            Some(var) => format!(
                                "template variable {{{{{var}}}}} (column \"{k}\") is empty: WhatsApp refuses a template variable without a value; fill it in, or pass --skip-invalid to send to the others"
                            ),
                            None => format!("{{{{{k}}}}} is empty (--allow-empty sends it anyway)"),
                        };
                        problems.push(self.problem(line, ProblemKind::EmptyValue, why));
                        all_text = false;
                    }
                }
            }
            if all_text {
                self.template
                    .render_into(|k| self.field(rec, cols[k]), body);
                let checked = if self.template.is_content() && body.is_empty() {
                    // A template without text (media only): one message.
                    Ok(sms::analyze(""))
                } else {
                    sms::check_body(body)
                };
                match checked {
                    Ok(s) => segments = Some(s),
                    Err(BodyError::Empty) => {
                        let empty: Vec<String> = self
                            .template
                            .keywords()
                            .iter()
                            .zip(cols)
                            .filter(|(_, c)| self.field(rec, **c).trim().is_empty())
                            .map(|(k, _)| format!("{{{{{k}}}}}"))
                            .collect();
                        let detail = if empty.is_empty() {
                            String::new()
                        } else {
                            format!(" (empty: {})", empty.join(", "))
                        };
                        problems.push(self.problem(
                            line,
                            ProblemKind::EmptyBody,
                            format_args!("{}{detail}", BodyError::Empty),
                        ));
                    }
                    Err(e) => problems.push(self.problem(line, ProblemKind::BodyTooLong, e)),
                }
            }
        }
        match (to, segments) {
            (Some(to), Some(segments)) if problems.len() == before => {
                Verdict::Valid { to, segments }
            }
            _ => Verdict::Invalid,
        }
    }
}

/// Opens the file and builds the row context; returns the header problems.
pub(super) fn prepare<'t, R: Read>(
    reader: &RecipientsReader<R>,
    template: &'t Template,
    options: &CheckOptions,
) -> (RowCtx<'t>, Vec<Problem>) {
    let file = reader.path().display().to_string();
    let hl = reader.header_line();
    let mut problems = Vec::new();
    let columns = reader
        .columns()
        .cloned()
        .unwrap_or(Columns::from_record(&csv::ByteRecord::new()));
    let mut ctx = RowCtx {
        file,
        template,
        header_len: columns.len(),
        columns,
        phone_col: None,
        keyword_cols: None,
        region: options.default_region,
        extra_numbers: options.extra_numbers,
        allow_empty: options.allow_empty,
    };
    if reader.columns().is_none() {
        problems.push(ctx.problem(
            1,
            ProblemKind::EmptyFile,
            format_args!(
                "the file is empty; the first line must be a header row such as {DEFAULT_TO_COLUMN},name"
            ),
        ));
        return (ctx, problems);
    }
    let list = ctx.columns.list();
    let ambiguous = |name: &str, at: &[usize]| {
        let cols: Vec<String> = at.iter().map(|i| (i + 1).to_string()).collect();
        format!(
            "{} columns are named \"{name}\" (columns {}); rename all but one",
            at.len(),
            cols.join(" and ")
        )
    };
    let to_column = options.to_column();
    let at = ctx.columns.positions(to_column);
    match at.len() {
        0 => problems.push(ctx.problem(
            hl,
            ProblemKind::MissingPhoneColumn,
            format_args!("no column \"{to_column}\"; columns are: {list} — pass --to-column NAME"),
        )),
        1 => ctx.phone_col = Some(at[0]),
        _ => {
            problems.push(ctx.problem(hl, ProblemKind::AmbiguousColumn, ambiguous(to_column, &at)))
        }
    }
    let mut cols = Vec::new();
    for (i, k) in template.keywords().iter().enumerate() {
        let at = ctx.columns.positions(k);
        match at.len() {
            0 => problems.push(ctx.problem(
                hl,
                ProblemKind::MissingKeywordColumn,
                match template.content_var(i) {
                    Some(var) => {
                        format!("--content-var {var}={k}: no column \"{k}\"; columns are: {list}")
                    }
                    None => format!("keyword {{{{{k}}}}} has no column; columns are: {list}"),
                },
            )),
            1 => cols.push(at[0]),
            _ => problems.push(ctx.problem(hl, ProblemKind::AmbiguousColumn, ambiguous(k, &at))),
        }
    }
    if cols.len() == template.keywords().len() {
        ctx.keyword_cols = Some(cols);
    }
    (ctx, problems)
}

/// A digest of one data row's cells and its position, for the per-chunk sums
/// that tie the send pass to the content that was checked.
pub(super) fn row_digest(row: u32, record: &csv::ByteRecord) -> u64 {
    let mut h = crate::campaign::bits::StableHasher::new();
    h.update(&row.to_le_bytes());
    for field in record {
        h.update(&(field.len() as u64).to_le_bytes());
        h.update(field);
    }
    // Spread the bits (splitmix64's finaliser) so that sums of digests collide
    // no more than the digests do.
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
