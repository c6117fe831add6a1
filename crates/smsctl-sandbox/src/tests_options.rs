//! Over HTTP: Content templates, scheduled messages and media.

use std::time::Duration;

use serde_json::Value;

use super::*;

struct H {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl H {
    async fn new(opts: SandboxOptions) -> H {
        H {
            sandbox: Sandbox::start(0, opts).await.expect("sandbox starts"),
            http: reqwest::Client::new(),
        }
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let resp = self
            .http
            .get(format!("{}{path}", self.sandbox.base_url()))
            .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    }

    async fn create(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let resp = self
            .http
            .post(format!(
                "{}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json",
                self.sandbox.base_url()
            ))
            .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
            .form(form)
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    }

    async fn fetch(&self, sid: &str) -> Value {
        let (s, v) = self
            .get(&format!(
                "/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json"
            ))
            .await;
        assert_eq!(s, 200, "{v}");
        v
    }
}

fn in_minutes(m: i64) -> String {
    jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_mins(m))
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[tokio::test]
async fn content_templates_are_served_and_others_are_404() {
    let h = H::new(SandboxOptions::default()).await;
    let (s, v) = h.get(&format!("/v1/Content/{CONTENT_REMINDER_SID}")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["sid"], CONTENT_REMINDER_SID);
    assert_eq!(v["account_sid"], ACCOUNT_SID);
    assert_eq!(v["variables"]["2"], "date");
    assert!(
        v["types"]["twilio/text"]["body"]
            .as_str()
            .unwrap()
            .contains("{{1}}")
    );
    let (s, v) = h.get(&format!("/v1/Content/{CONTENT_ORDER_SID}")).await;
    assert_eq!(s, 200);
    assert_eq!(
        v["types"]["twilio/media"]["media"][0],
        "https://demo.twilio.com/owl.png"
    );
    let (s, v) = h
        .get("/v1/Content/HX5a4db0c50000000000000000000000ff")
        .await;
    assert_eq!((s, v["code"].as_u64()), (404, Some(20404)), "{v}");
    // Authenticated like the rest.
    let resp = h
        .http
        .get(format!(
            "{}/v1/Content/{CONTENT_REMINDER_SID}",
            h.sandbox.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

#[tokio::test]
async fn a_content_message_shows_the_rendered_template_and_needs_no_body() {
    let h = H::new(SandboxOptions::default()).await;
    let (s, v) = h
        .create(&[
            ("To", "whatsapp:+6591234567"),
            ("From", WHATSAPP_FROM),
            ("ContentSid", CONTENT_REMINDER_SID),
            ("ContentVariables", r#"{"1":"Ana","2":"24 December"}"#),
        ])
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(
        v["body"],
        "Hello Ana, this is a reminder of your appointment on 24 December. Reply C to confirm."
    );
    let (s, v) = h
        .create(&[
            ("To", "whatsapp:+6591234567"),
            ("From", WHATSAPP_FROM),
            ("ContentSid", "HX5a4db0c50000000000000000000000ff"),
        ])
        .await;
    assert_eq!((s, v["code"].as_u64()), (400, Some(21655)), "{v}");
    let (s, v) = h
        .create(&[
            ("To", "whatsapp:+6591234567"),
            ("From", WHATSAPP_FROM),
            ("ContentSid", CONTENT_REMINDER_SID),
            ("ContentVariables", "Ana"),
        ])
        .await;
    assert_eq!((s, v["code"].as_u64()), (400, Some(21656)), "{v}");
    assert_eq!(h.sandbox.messages_created(), 1);
}

#[tokio::test]
async fn media_urls_are_recorded_on_the_message() {
    let h = H::new(SandboxOptions::default()).await;
    let (s, v) = h
        .create(&[
            ("To", "+6591234567"),
            ("From", FROM_NUMBER),
            ("MediaUrl", "https://example.com/a.png"),
            ("MediaUrl", "https://example.com/b.png"),
        ])
        .await;
    assert_eq!(s, 201, "{v}");
    let v = h.fetch(v["sid"].as_str().unwrap()).await;
    assert_eq!(v["num_media"], "2");
    assert_eq!(
        v["media_urls"],
        serde_json::json!(["https://example.com/a.png", "https://example.com/b.png"])
    );
    let (s, v) = h
        .create(&[("To", "+6591234567"), ("From", FROM_NUMBER), ("Body", "x")])
        .await;
    assert_eq!(s, 201);
    assert_eq!(v["num_media"], "0");
    assert!(v.get("media_urls").is_none());
}

#[tokio::test]
async fn a_scheduled_message_stays_scheduled_until_its_time() {
    let h = H::new(SandboxOptions {
        sent_after: Duration::ZERO,
        delivered_after: Duration::ZERO,
        ..Default::default()
    })
    .await;
    let at = in_minutes(60);
    let (s, v) = h
        .create(&[
            ("To", "+6591234567"),
            ("MessagingServiceSid", MESSAGING_SERVICE_SID),
            ("Body", "later"),
            ("SendAt", &at),
            ("ScheduleType", "fixed"),
        ])
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["status"], "scheduled");
    let v = h.fetch(v["sid"].as_str().unwrap()).await;
    // Anything else with these options would be delivered already.
    assert_eq!(v["status"], "scheduled");
    assert_eq!(v["date_sent"], Value::Null);

    for (form, code) in [
        (
            vec![
                ("From", FROM_NUMBER),
                ("SendAt", at.as_str()),
                ("ScheduleType", "fixed"),
            ],
            35118,
        ),
        (
            vec![
                ("MessagingServiceSid", MESSAGING_SERVICE_SID),
                ("SendAt", &*in_minutes(10).leak()),
                ("ScheduleType", "fixed"),
            ],
            35114,
        ),
        (
            vec![
                ("MessagingServiceSid", MESSAGING_SERVICE_SID),
                ("SendAt", &*in_minutes(36 * 24 * 60).leak()),
                ("ScheduleType", "fixed"),
            ],
            35114,
        ),
        (
            vec![
                ("MessagingServiceSid", MESSAGING_SERVICE_SID),
                ("ScheduleType", "fixed"),
            ],
            35111,
        ),
        (vec![("From", FROM_NUMBER), ("ValidityPeriod", "0")], 21624),
    ] {
        let mut form = form;
        form.extend([("To", "+6591234567"), ("Body", "x")]);
        let (s, v) = h.create(&form).await;
        assert_eq!((s, v["code"].as_u64()), (400, Some(code)), "{form:?}: {v}");
    }
    assert_eq!(h.sandbox.messages_created(), 1);
}

#[tokio::test]
async fn env_hint_points_the_content_api_at_the_sandbox() {
    let sandbox = Sandbox::start(0, SandboxOptions::default()).await.unwrap();
    let line = format!("export SMSCTL_TWILIO_CONTENT_URL={}", sandbox.base_url());
    assert!(sandbox.env_hint().lines().any(|l| l == line));
}
