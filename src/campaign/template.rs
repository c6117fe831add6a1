//! Message templates with `{{keyword}}` placeholders.
//!
//! Keywords are `[A-Za-z0-9_]+`, case-insensitive (stored in lowercase), and may be
//! surrounded by spaces or tabs inside the braces (`{{ name }}`). Errors carry the
//! line and column (1-based, counted in characters) of the offending `{{`.

use std::ops::Range;

/// A parsed template. Rendering is allocation-free once `out` has grown to the
/// size of the longest message: the literal text is borrowed from the template and
/// each placeholder refers to a keyword index that the caller maps to a column once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: String,
    parts: Vec<Part>,
    keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A byte range of `text`.
    Literal(Range<usize>),
    /// An index into `keywords`.
    Keyword(usize),
}

/// Why a template could not be parsed. The `Display` text is the full message for
/// the user, e.g. `template line 2, column 7: empty placeholder "{{}}"; write a
/// column name such as {{name}}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the template is empty; write the message text, with {{{{column}}}} placeholders")]
    Blank,
    #[error(
        "template line {line}, column {column}: empty placeholder \"{text}\"; write a column name such as {{{{name}}}}"
    )]
    EmptyPlaceholder {
        line: usize,
        column: usize,
        text: String,
    },
    #[error(
        "template line {line}, column {column}: unclosed placeholder \"{{{{\" (no \"}}}}\" on the same line); close it, e.g. {{{{name}}}}"
    )]
    Unclosed { line: usize, column: usize },
    #[error(
        "template line {line}, column {column}: invalid character \"{ch}\" in placeholder \"{text}\"; keywords use only letters, digits and _, e.g. {{{{first_name}}}}"
    )]
    InvalidKeyword {
        line: usize,
        column: usize,
        ch: String,
        text: String,
    },
}

impl Template {
    /// Parses `text`. Every `{{` opens a placeholder that must be closed by `}}` on
    /// the same line; a lone `}}` is literal text.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        if text.trim().is_empty() {
            return Err(TemplateError::Blank);
        }
        let mut parts = Vec::new();
        let mut keywords: Vec<String> = Vec::new();
        let mut literal_start = 0;
        let mut pos = 0;
        while let Some(found) = text[pos..].find("{{") {
            let open = pos + found;
            let inner_start = open + 2;
            let (line, column) = line_column(text, open);
            let rest = &text[inner_start..];
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let close = match rest[..line_end].find("}}") {
                Some(c) => c,
                None => return Err(TemplateError::Unclosed { line, column }),
            };
            let inner = &rest[..close];
            if inner.contains("{{") {
                // `{{a {{b}}`: the first `{{` is the one never closed.
                return Err(TemplateError::Unclosed { line, column });
            }
            let placeholder = &text[open..inner_start + close + 2];
            let name = inner.trim_matches([' ', '\t']);
            if name.is_empty() {
                return Err(TemplateError::EmptyPlaceholder {
                    line,
                    column,
                    text: placeholder.to_string(),
                });
            }
            if let Some(bad) = name
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
            {
                return Err(TemplateError::InvalidKeyword {
                    line,
                    column,
                    ch: bad.escape_debug().to_string(),
                    text: placeholder.to_string(),
                });
            }
            if literal_start < open {
                parts.push(Part::Literal(literal_start..open));
            }
            let name = name.to_ascii_lowercase();
            let index = match keywords.iter().position(|k| *k == name) {
                Some(i) => i,
                None => {
                    keywords.push(name);
                    keywords.len() - 1
                }
            };
            parts.push(Part::Keyword(index));
            pos = inner_start + close + 2;
            literal_start = pos;
        }
        if literal_start < text.len() {
            parts.push(Part::Literal(literal_start..text.len()));
        }
        Ok(Template {
            text: text.to_string(),
            parts,
            keywords,
        })
    }

    /// The template as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The distinct keywords, lowercase, in order of first appearance. The index of
    /// a keyword in this slice is what [`Template::render_into`] passes to `values`.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// Replaces the content of `out` with the rendered message; `values(i)` gives
    /// the value of `keywords()[i]`. Allocates only when `out` must grow.
    pub fn render_into<'v>(&self, values: impl Fn(usize) -> &'v str, out: &mut String) {
        out.clear();
        for part in &self.parts {
            match part {
                Part::Literal(range) => out.push_str(&self.text[range.clone()]),
                Part::Keyword(i) => out.push_str(values(*i)),
            }
        }
    }

    /// Convenience wrapper around [`Template::render_into`].
    pub fn render<'v>(&self, values: impl Fn(usize) -> &'v str) -> String {
        let mut out = String::new();
        self.render_into(values, &mut out);
        out
    }

    /// True when the template has literal text that is not whitespace; when it
    /// has none, a row whose values are all empty renders to a blank message.
    pub fn has_text(&self) -> bool {
        self.parts.iter().any(|p| match p {
            Part::Literal(r) => !self.text[r.clone()].trim().is_empty(),
            Part::Keyword(_) => false,
        })
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_with(t: &Template, pairs: &[(&str, &str)]) -> String {
        let values: Vec<&str> = t
            .keywords()
            .iter()
            .map(|k| pairs.iter().find(|(n, _)| n == k).map_or("", |(_, v)| *v))
            .collect();
        t.render(|i| values[i])
    }

    #[test]
    fn parses_and_renders() {
        let t = Template::parse("Hi {{name}}, code {{ CODE }}. Bye {{Name}}!").unwrap();
        assert_eq!(t.keywords(), ["name", "code"]);
        assert_eq!(
            render_with(&t, &[("name", "Ann"), ("code", "42")]),
            "Hi Ann, code 42. Bye Ann!"
        );
        assert!(t.has_text());
    }

    #[test]
    fn render_into_reuses_buffer() {
        let t = Template::parse("{{a}} {{b}}").unwrap();
        let mut out = String::with_capacity(64);
        let ptr = out.as_ptr();
        t.render_into(|i| ["x", "y"][i], &mut out);
        assert_eq!(out, "x y");
        t.render_into(|i| ["long value", "z"][i], &mut out);
        assert_eq!(out, "long value z");
        assert_eq!(out.as_ptr(), ptr, "no reallocation");
        assert!(!t.has_text());
    }

    #[test]
    fn lone_braces_are_literal() {
        let t = Template::parse("a }} b { c } {{x}}").unwrap();
        assert_eq!(t.keywords(), ["x"]);
        assert_eq!(t.render(|_| "1"), "a }} b { c } 1");
        let t = Template::parse("no placeholders").unwrap();
        assert!(t.keywords().is_empty());
        assert_eq!(t.render(|_| unreachable!()), "no placeholders");
    }

    #[test]
    fn empty_placeholder_message() {
        let e = Template::parse("Hello\nDear {{}} x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "template line 2, column 6: empty placeholder \"{{}}\"; write a column name such as {{name}}"
        );
        let e = Template::parse("é {{  }}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "template line 1, column 3: empty placeholder \"{{  }}\"; write a column name such as {{name}}"
        );
    }

    #[test]
    fn unclosed_message() {
        let e = Template::parse("Hi {{name\nbye}}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "template line 1, column 4: unclosed placeholder \"{{\" (no \"}}\" on the same line); close it, e.g. {{name}}"
        );
        let e = Template::parse("x\n\nHi {{name, {{code}}").unwrap_err();
        assert_eq!(e, TemplateError::Unclosed { line: 3, column: 4 });
        let e = Template::parse("end {{").unwrap_err();
        assert_eq!(e, TemplateError::Unclosed { line: 1, column: 5 });
    }

    #[test]
    fn invalid_keyword_message() {
        let e = Template::parse("a\nb\nDear {{first name}}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "template line 3, column 6: invalid character \" \" in placeholder \"{{first name}}\"; keywords use only letters, digits and _, e.g. {{first_name}}"
        );
        let e = Template::parse("{{{name}}}").unwrap_err();
        assert!(
            matches!(&e, TemplateError::InvalidKeyword { ch, line: 1, column: 1, .. } if ch == "{"),
            "{e:?}"
        );
        let e = Template::parse("{{né}}").unwrap_err();
        assert!(matches!(&e, TemplateError::InvalidKeyword { ch, .. } if ch == "é"));
    }

    #[test]
    fn blank_template() {
        assert_eq!(Template::parse(" \n\t").unwrap_err(), TemplateError::Blank);
        assert_eq!(
            TemplateError::Blank.to_string(),
            "the template is empty; write the message text, with {{column}} placeholders"
        );
    }
}
