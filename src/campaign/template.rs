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
    /// A WhatsApp Content template ([`Template::content`]): the variable each
    /// keyword (a column) fills, in the same order.
    content_vars: Option<Vec<String>>,
    /// What else the journal's fingerprint covers ([`Template::identify`]).
    identity: String,
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
            content_vars: None,
            identity: String::new(),
        })
    }

    /// A WhatsApp Content template (`--content-sid`) as a campaign template:
    /// the keywords are the columns `mapping` names (variable → column, one
    /// per variable of the template); rendering gives the template's `body`
    /// with each `{{variable}}` replaced by its column's value (what the dry
    /// run shows); [`Template::render_variables_into`] gives `ContentVariables`.
    pub fn content(sid: &str, body: &str, mapping: &[(String, String)]) -> Template {
        let mut text = format!("content:{sid}\n");
        for (var, col) in mapping {
            text.push_str(&format!("{var}={col}\n"));
        }
        text.push('\n');
        let offset = text.len();
        text.push_str(body);
        let keywords: Vec<String> = mapping.iter().map(|(_, c)| c.clone()).collect();
        let mut parts = Vec::new();
        let mut last = 0;
        for (range, name) in crate::twilio::placeholders(body) {
            let Some(i) = mapping.iter().position(|(v, _)| v == name) else {
                continue;
            };
            if last < range.start {
                parts.push(Part::Literal(offset + last..offset + range.start));
            }
            parts.push(Part::Keyword(i));
            last = range.end;
        }
        if last < body.len() {
            parts.push(Part::Literal(offset + last..offset + body.len()));
        }
        Template {
            text,
            parts,
            keywords,
            content_vars: Some(mapping.iter().map(|(v, _)| v.clone()).collect()),
            identity: String::new(),
        }
    }

    /// The Content template variable `keywords()[i]` fills, for a content template.
    pub fn content_var(&self, i: usize) -> Option<&str> {
        self.content_vars
            .as_ref()
            .and_then(|v| v.get(i))
            .map(String::as_str)
    }

    /// A WhatsApp Content template ([`Template::content`]).
    pub fn is_content(&self) -> bool {
        self.content_vars.is_some()
    }

    /// `ContentVariables` for one row: a JSON object of each variable's value
    /// (`values(i)` as in [`Template::render_into`]); empty for a text template.
    pub fn render_variables_into<'v>(&self, values: impl Fn(usize) -> &'v str, out: &mut String) {
        out.clear();
        let Some(vars) = &self.content_vars else {
            return;
        };
        out.push_str(&crate::message_options::variables_json(
            vars.iter()
                .enumerate()
                .map(|(i, v)| (v.as_str(), values(i))),
        ));
    }

    /// Adds to what the journal's fingerprint covers (e.g. the media URLs every
    /// message carries), so a resume with other values is refused.
    pub fn identify(&mut self, what: &str) {
        self.identity.push_str(what);
    }

    /// The text the journal's fingerprint hashes: the template as written, and
    /// what [`Template::identify`] added (nothing, for a plain text template).
    pub fn fingerprint_text(&self) -> std::borrow::Cow<'_, str> {
        if self.identity.is_empty() {
            self.text.as_str().into()
        } else {
            format!("{}\n{}", self.text, self.identity).into()
        }
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
    fn a_content_template_renders_its_body_and_its_variables() {
        let map = vec![
            ("1".to_string(), "First Name".to_string()),
            ("2".to_string(), "code".to_string()),
        ];
        let t = Template::content("HX1", "Hi {{1}}, code {{ 2 }}, {{9}}", &map);
        assert!(t.is_content());
        assert_eq!(t.keywords(), ["First Name", "code"]);
        assert_eq!(t.content_var(1), Some("2"));
        let values = ["Ana \"A\"", "42"];
        assert_eq!(t.render(|i| values[i]), "Hi Ana \"A\", code 42, {{9}}");
        let mut vars = String::new();
        t.render_variables_into(|i| values[i], &mut vars);
        assert_eq!(vars, r#"{"1":"Ana \"A\"","2":"42"}"#);
        assert!(t.text().starts_with("content:HX1\n1=First Name\n2=code\n"));
        let other = Template::content("HX1", "Hi {{1}}, code {{ 2 }}, {{9}}", &map[..1]);
        assert_ne!(t.fingerprint_text(), other.fingerprint_text());
        let mut with_media = t.clone();
        with_media.identify("media:https://x/a.png");
        assert_ne!(t.fingerprint_text(), with_media.fingerprint_text());
        // Without a body (a media-only template) it renders to nothing.
        let t = Template::content("HX2", "", &map);
        assert_eq!(t.render(|i| values[i]), "");
        let plain = Template::parse("Hi {{name}}").unwrap();
        assert!(!plain.is_content() && plain.content_var(0).is_none());
        assert_eq!(plain.fingerprint_text(), "Hi {{name}}");
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
