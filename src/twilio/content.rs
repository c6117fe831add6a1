//! Twilio's Content API (`content.twilio.com/v1/Content/{HX}`): the WhatsApp
//! Content templates a message names with `ContentSid`, read to learn their
//! variables and body.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::client::Client;
use super::endpoints::join;
use super::error::TwilioError;

/// A Content resource (the parts smsctl reads; the rest is kept in `extra`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Content {
    pub sid: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    /// Variable → its default (placeholder) value, e.g. `{"1": "Customer_Name"}`.
    #[serde(default)]
    pub variables: Option<serde_json::Map<String, serde_json::Value>>,
    /// Content type (`twilio/text`, `twilio/media`, `whatsapp/card`, …) → its fields.
    #[serde(default)]
    pub types: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Content {
    /// The text the recipient reads: `twilio/text`'s `body`, else the first
    /// content type (by name) that has a `body`. `None` for a template without
    /// text (e.g. media only).
    pub fn body(&self) -> Option<&str> {
        fn body_of(v: &serde_json::Value) -> Option<&str> {
            v.get("body").and_then(|b| b.as_str())
        }
        let types = self.types.as_ref()?;
        if let Some(b) = types.get("twilio/text").and_then(body_of) {
            return Some(b);
        }
        let mut names: Vec<&String> = types.keys().collect();
        names.sort();
        names.into_iter().find_map(|n| body_of(&types[n]))
    }

    /// Every variable of the template: those with a default value and every
    /// `{{name}}` placeholder in any of its content types (body, media URL,
    /// buttons…). Numbers first, in numeric order, then names.
    pub fn variable_names(&self) -> Vec<String> {
        let mut found: BTreeSet<String> = BTreeSet::new();
        if let Some(v) = &self.variables {
            found.extend(v.keys().cloned());
        }
        if let Some(types) = &self.types {
            for v in types.values() {
                collect_placeholders(v, &mut found);
            }
        }
        let mut out: Vec<String> = found.into_iter().collect();
        out.sort_by(|a, b| match (a.parse::<u64>(), b.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            _ => a.cmp(b),
        });
        out
    }
}

/// The names of the `{{name}}` placeholders of `text` (names of letters,
/// digits and `_`, spaces around them allowed), with their byte ranges.
pub fn placeholders(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = text[pos..].find("{{") {
        let open = pos + found;
        let Some(close) = text[open + 2..].find("}}") else {
            break;
        };
        let inner = &text[open + 2..open + 2 + close];
        let name = inner.trim_matches([' ', '\t']);
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push((open..open + 2 + close + 2, name));
            pos = open + 2 + close + 2;
        } else {
            pos = open + 2;
        }
    }
    out
}

fn collect_placeholders(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.extend(placeholders(s).into_iter().map(|(_, n)| n.to_string()));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_placeholders(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_placeholders(x, out)),
        _ => {}
    }
}

impl Client {
    /// `GET /v1/Content/{HX}` on the Content API.
    pub async fn fetch_content(&self, sid: &str) -> Result<Content, TwilioError> {
        let url = join(&self.endpoints.content, &format!("/v1/Content/{sid}"));
        self.get_json(url).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(v: serde_json::Value) -> Content {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn body_and_variables() {
        let c = content(serde_json::json!({
            "sid": "HX1",
            "variables": {"1": "name", "2": "code"},
            "types": {
                "twilio/media": {"body": "media {{1}}", "media": ["https://x/{{10}}.png"]},
                "twilio/text": {"body": "Hi {{1}}, code {{ 2 }} {{bad name}}"}
            }
        }));
        assert_eq!(c.body(), Some("Hi {{1}}, code {{ 2 }} {{bad name}}"));
        assert_eq!(c.variable_names(), ["1", "2", "10"]);
        let c = content(serde_json::json!({
            "sid": "HX2",
            "types": {"whatsapp/card": {"body": "Dear {{first}}"}, "twilio/location": {"label": "x"}}
        }));
        assert_eq!(c.body(), Some("Dear {{first}}"));
        assert_eq!(c.variable_names(), ["first"]);
        let c = content(serde_json::json!({"sid": "HX3"}));
        assert_eq!(c.body(), None);
        assert!(c.variable_names().is_empty());
    }

    #[test]
    fn placeholder_ranges() {
        let p = placeholders("a {{1}} b {{ x_2 }} {{}} {{a b}} {{3");
        let names: Vec<&str> = p.iter().map(|(_, n)| *n).collect();
        assert_eq!(names, ["1", "x_2"]);
        assert_eq!(p[0].0, 2..7);
    }
}
