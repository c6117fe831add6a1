//! The Content API (`content.twilio.com`): a few WhatsApp Content templates
//! with variables, served at `GET /v1/Content/{HX}` in Twilio's JSON shape,
//! and the rendering of a message created with `ContentSid` +
//! `ContentVariables` (Twilio's 21655 / 21656 when they do not fit).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::rules::ApiError;
use super::{ACCOUNT_SID, Shared, json_response};

/// Path prefix of the Content resource.
pub(super) const CONTENT_PREFIX: &str = "/v1/Content/";

/// An appointment reminder: `twilio/text`, variables 1 (name) and 2 (date).
pub const CONTENT_REMINDER_SID: &str = "HX5a4db0c5000000000000000000000001";
/// An order update with an image: `twilio/media`, variable 1 (order number).
pub const CONTENT_ORDER_SID: &str = "HX5a4db0c5000000000000000000000002";

/// A template: SID, friendly name, content type, body, media, default values.
struct Template {
    sid: &'static str,
    name: &'static str,
    kind: &'static str,
    body: &'static str,
    media: Option<&'static str>,
    variables: &'static [(&'static str, &'static str)],
}

const TEMPLATES: &[Template] = &[
    Template {
        sid: CONTENT_REMINDER_SID,
        name: "appointment_reminder",
        kind: "twilio/text",
        body: "Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply C to confirm.",
        media: None,
        variables: &[("1", "Customer"), ("2", "date")],
    },
    Template {
        sid: CONTENT_ORDER_SID,
        name: "order_shipped",
        kind: "twilio/media",
        body: "Good news: order {{1}} has shipped!",
        media: Some("https://demo.twilio.com/owl.png"),
        variables: &[("1", "order")],
    },
];

fn find(sid: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.sid == sid)
}

fn resource(st: &Shared, t: &Template) -> Value {
    let mut kind = json!({ "body": t.body });
    if let Some(m) = t.media {
        kind["media"] = json!([m]);
    }
    let variables: serde_json::Map<String, Value> = t
        .variables
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let created = jiff::Timestamp::from_millisecond(st.started_ms).unwrap_or_default();
    let url = format!("{}{CONTENT_PREFIX}{}", st.base_url, t.sid);
    json!({
        "account_sid": ACCOUNT_SID,
        "date_created": created.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "date_updated": created.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "friendly_name": t.name,
        "language": "en",
        "links": {
            "approval_create": format!("{url}/ApprovalRequests/whatsapp"),
            "approval_fetch": format!("{url}/ApprovalRequests"),
        },
        "sid": t.sid,
        "types": { t.kind: kind },
        "url": url,
        "variables": variables,
    })
}

/// `GET /v1/Content/{HX}`; Twilio's 404 (20404) for any other SID.
pub(super) fn fetch_content(st: &Shared, path: &str, sid: &str) -> Result<Response, ApiError> {
    let t = find(sid).ok_or_else(|| ApiError::not_found(path))?;
    Ok(json_response(StatusCode::OK, &resource(st, t)))
}

/// The body a message created with this template and these variables shows
/// (a variable left out keeps its default value, as on Twilio).
pub(super) fn render(sid: &str, variables: Option<&str>) -> Result<String, ApiError> {
    let t = find(sid).ok_or_else(|| {
        ApiError::new(
            400,
            21655,
            format!("The Content SID {sid} is invalid or does not exist"),
        )
    })?;
    let invalid = || ApiError::new(400, 21656, "The ContentVariables Parameter is invalid");
    let values: serde_json::Map<String, Value> = match variables {
        None => serde_json::Map::new(),
        Some(v) => match serde_json::from_str::<Value>(v) {
            Ok(Value::Object(m)) => m,
            _ => return Err(invalid()),
        },
    };
    let mut out = t.body.to_string();
    for (k, default) in t.variables {
        let value = match values.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => s.as_str(),
            Some(_) => return Err(invalid()),
            None => default,
        };
        out = out.replace(&format!("{{{{{k}}}}}"), value);
    }
    Ok(out)
}

/// The media URL a template carries, if any.
pub(super) fn media(sid: &str) -> Option<&'static str> {
    find(sid).and_then(|t| t.media)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_values_and_defaults() {
        assert_eq!(
            render(CONTENT_REMINDER_SID, Some(r#"{"1":"Ana","2":"24 Dec"}"#)).unwrap(),
            "Hello Ana, this is a reminder of your appointment on 24 Dec. Reply C to confirm."
        );
        assert!(
            render(CONTENT_REMINDER_SID, Some(r#"{"1":"Ana"}"#))
                .unwrap()
                .contains("on date.")
        );
        assert_eq!(
            render(CONTENT_REMINDER_SID, Some("[1]")).unwrap_err().code,
            21656
        );
        assert_eq!(
            render(CONTENT_REMINDER_SID, Some(r#"{"1":""}"#))
                .unwrap_err()
                .code,
            21656
        );
        assert_eq!(
            render("HX5a4db0c50000000000000000000000ff", None)
                .unwrap_err()
                .code,
            21655
        );
        assert_eq!(
            media(CONTENT_ORDER_SID),
            Some("https://demo.twilio.com/owl.png")
        );
    }
}
