//! Tests of the sandbox over HTTP, with reqwest against `Sandbox::start(0, ..)`.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::*;

struct Harness {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl Harness {
    async fn new(opts: SandboxOptions) -> Harness {
        Harness {
            sandbox: Sandbox::start(0, opts).await.expect("sandbox starts"),
            http: reqwest::Client::new(),
        }
    }

    async fn quick() -> Harness {
        Harness::new(SandboxOptions::default()).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    fn api(&self, tail: &str) -> String {
        self.url(&format!("/2010-04-01/Accounts/{ACCOUNT_SID}{tail}"))
    }

    async fn get(&self, url: &str) -> (u16, Value) {
        let resp = self
            .http
            .get(url)
            .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap())
    }

    async fn create(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let resp = self
            .http
            .post(self.api("/Messages.json"))
            .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap())
    }

    async fn send(&self, to: &str, body: &str) -> Value {
        let (status, v) = self
            .create(&[("To", to), ("From", FROM_NUMBER), ("Body", body)])
            .await;
        assert_eq!(status, 201, "{v}");
        v
    }
}

fn error_body(code: u64, status: u64, message: &str) -> Value {
    json!({
        "code": code,
        "message": message,
        "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
        "status": status,
    })
}

#[test]
fn constants_have_twilio_shapes() {
    let hex32 =
        |s: &str| s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    assert!(ACCOUNT_SID.starts_with("AC") && hex32(&ACCOUNT_SID[2..]));
    assert!(API_KEY_SID.starts_with("SK") && hex32(&API_KEY_SID[2..]));
    assert!(MESSAGING_SERVICE_SID.starts_with("MG") && hex32(&MESSAGING_SERVICE_SID[2..]));
    assert!(hex32(AUTH_TOKEN));
    assert_eq!(API_KEY_SECRET.len(), 32);
}

#[test]
fn base64_decodes() {
    assert_eq!(
        base64_decode("QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap(),
        b"Aladdin:open sesame"
    );
    assert_eq!(base64_decode("YQ").unwrap(), b"a");
    assert!(base64_decode("Y").is_none());
    assert!(base64_decode("a*bc").is_none());
}

#[tokio::test]
async fn wrong_or_missing_credentials_get_20003() {
    let h = Harness::quick().await;
    let url = h.api(".json");
    let expected = error_body(20003, 401, "Authenticate");
    let resp = h.http.get(&url).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.json::<Value>().await.unwrap(), expected);
    for (user, pass) in [
        (ACCOUNT_SID, "0".repeat(32)),
        (API_KEY_SID, AUTH_TOKEN.to_owned()),
        ("ACffffffffffffffffffffffffffffffff", AUTH_TOKEN.to_owned()),
    ] {
        let resp = h
            .http
            .get(&url)
            .basic_auth(user, Some(pass))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 401);
        assert_eq!(resp.json::<Value>().await.unwrap(), expected);
    }
    // Creates are refused too, and nothing is stored.
    let resp = h
        .http
        .post(h.api("/Messages.json"))
        .basic_auth(ACCOUNT_SID, Some("nope"))
        .form(&[("To", "+6591234567"), ("From", FROM_NUMBER), ("Body", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(h.sandbox.messages_created(), 0);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn account_fetch_and_api_key_scope() {
    let h = Harness::quick().await;
    let (status, v) = h.get(&h.api(".json")).await;
    assert_eq!(status, 200);
    assert_eq!(v["sid"], ACCOUNT_SID);
    assert_eq!(v["status"], "active");
    assert_eq!(v["type"], "Full");
    assert_eq!(v["friendly_name"], "smsctl sandbox");
    assert_eq!(v["uri"], format!("/2010-04-01/Accounts/{ACCOUNT_SID}.json"));
    assert!(v["date_created"].as_str().unwrap().ends_with(" +0000"));

    // A (standard) API key may not read the Account, but may list Messages.
    let resp = h
        .http
        .get(h.api(".json"))
        .basic_auth(API_KEY_SID, Some(API_KEY_SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let resp = h
        .http
        .get(h.api("/Messages.json?PageSize=1"))
        .basic_auth(API_KEY_SID, Some(API_KEY_SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["messages"], json!([]));
    assert_eq!(v["page_size"], 1);

    // Another account in the path is not found.
    let other = "/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Messages.json";
    let (status, v) = h.get(&h.url(other)).await;
    assert_eq!(status, 404);
    assert_eq!(
        v,
        error_body(
            20404,
            404,
            &format!("The requested resource {other} was not found")
        )
    );
    let (status, v) = h.get(&h.url("/nothing/here")).await;
    assert_eq!((status, v["code"].clone()), (404, json!(20404)));
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn validation_and_magic_numbers() {
    let h = Harness::quick().await;
    let to = "+6591234567";
    let long = "x".repeat(1601);
    type Case<'a> = (Vec<(&'a str, &'a str)>, u64, String);
    let cases: Vec<Case<'_>> = vec![
        (
            vec![("From", FROM_NUMBER), ("Body", "hi")],
            21604,
            "A 'To' phone number is required.".into(),
        ),
        (
            vec![("To", to), ("From", FROM_NUMBER)],
            21602,
            "Message body is required.".into(),
        ),
        (
            vec![("To", to), ("Body", "hi")],
            21603,
            "A 'From' phone number is required.".into(),
        ),
        (
            vec![("To", "6591234567"), ("From", FROM_NUMBER), ("Body", "hi")],
            21211,
            "The 'To' number 6591234567 is not a valid phone number.".into(),
        ),
        (
            vec![("To", to), ("From", FROM_NUMBER), ("Body", &long)],
            21617,
            "The concatenated message body exceeds the 1600 character limit.".into(),
        ),
        (
            vec![
                ("To", to),
                ("MessagingServiceSid", "MG0123"),
                ("Body", "hi"),
            ],
            21701,
            "The Messaging Service Sid MG0123 is invalid.".into(),
        ),
        (
            vec![
                ("To", "whatsapp:+6591234567"),
                ("From", FROM_NUMBER),
                ("Body", "hi"),
            ],
            21910,
            "Invalid From and To pair. From and To should be of the same channel".into(),
        ),
        (
            vec![("To", to), ("From", "+15005550001"), ("Body", "hi")],
            21212,
            "The 'From' number +15005550001 is not a valid phone number, shortcode, or \
             alphanumeric sender ID."
                .into(),
        ),
        (
            vec![("To", to), ("From", "+15005550007"), ("Body", "hi")],
            21606,
            "The From phone number +15005550007 is not a valid, SMS-capable inbound phone \
             number or short code for your account."
                .into(),
        ),
        (
            vec![("To", to), ("From", "+15005550008"), ("Body", "hi")],
            21611,
            "This 'From' number has exceeded the maximum number of queued messages".into(),
        ),
        (
            vec![
                ("To", "+15005550001"),
                ("From", FROM_NUMBER),
                ("Body", "hi"),
            ],
            21211,
            "The 'To' number +15005550001 is not a valid phone number.".into(),
        ),
        (
            vec![
                ("To", "+15005550002"),
                ("From", FROM_NUMBER),
                ("Body", "hi"),
            ],
            21612,
            "The 'To' phone number: +15005550002, is not currently reachable using the \
             'From' phone number: +15005550006 via SMS."
                .into(),
        ),
        (
            vec![
                ("To", "+15005550003"),
                ("From", FROM_NUMBER),
                ("Body", "hi"),
            ],
            21408,
            "Permission to send an SMS has not been enabled for the region indicated by the \
             'To' number: +15005550003."
                .into(),
        ),
        (
            vec![
                ("To", "+15005550004"),
                ("From", FROM_NUMBER),
                ("Body", "hi"),
            ],
            21610,
            "Attempt to send to unsubscribed recipient".into(),
        ),
        (
            vec![
                ("To", "+15005550009"),
                ("From", FROM_NUMBER),
                ("Body", "hi"),
            ],
            21614,
            "'To' number is not a valid mobile number".into(),
        ),
    ];
    for (form, code, message) in cases {
        let (status, v) = h.create(&form).await;
        assert_eq!(status, 400, "{form:?}: {v}");
        assert_eq!(v, error_body(code, 400, &message), "{form:?}");
    }
    assert_eq!(h.sandbox.messages_created(), 0);
    // The magic "valid" To numbers and senders are accepted.
    let (status, v) = h
        .create(&[
            ("To", FROM_NUMBER),
            ("From", FROM_NUMBER),
            ("Body", "to myself"),
        ])
        .await;
    assert_eq!(status, 400);
    assert_eq!(v["code"], 21266);
    h.send("+15005550005", "to a plain magic number").await;
    let (status, v) = h
        .create(&[
            ("To", FROM_NUMBER),
            ("From", "Acme"),
            ("Body", "from an alphanumeric ID"),
        ])
        .await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["from"], "Acme");
    assert_eq!(h.sandbox.messages_created(), 2);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn create_then_fetch_shows_status_progression() {
    let h = Harness::new(SandboxOptions {
        log: true,
        sent_after: Duration::from_millis(400),
        delivered_after: Duration::from_millis(800),
        ..Default::default()
    })
    .await;
    let started = Instant::now();
    let body = "Hello from the sandbox: a body long enough to be truncated in the log line";
    let v = h.send("+6591234567", body).await;
    let sid = v["sid"].as_str().unwrap().to_owned();
    assert!(sid.len() == 34 && sid.starts_with("SM"), "{sid}");
    assert!(
        sid[2..]
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    );
    assert_eq!(v["status"], "queued");
    assert_eq!(v["to"], "+6591234567");
    assert_eq!(v["from"], FROM_NUMBER);
    assert_eq!(v["body"], body);
    assert_eq!(v["num_segments"], "1");
    assert_eq!(v["num_media"], "0");
    assert_eq!(v["direction"], "outbound-api");
    assert_eq!(v["account_sid"], ACCOUNT_SID);
    assert_eq!(v["api_version"], "2010-04-01");
    assert_eq!(v["price"], Value::Null);
    assert_eq!(v["error_code"], Value::Null);
    assert_eq!(v["error_message"], Value::Null);
    assert_eq!(v["date_sent"], Value::Null);
    assert_eq!(v["messaging_service_sid"], Value::Null);
    let uri = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json");
    assert_eq!(v["uri"], uri);
    assert_eq!(
        v["subresource_uris"]["media"],
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}/Media.json")
    );
    let created = v["date_created"].as_str().unwrap();
    jiff::fmt::rfc2822::parse(created).expect("RFC 2822 date_created");
    assert!(created.ends_with(" +0000"), "{created}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 20, "{keys:?}");

    let mut seen = Vec::new();
    loop {
        let (status, v) = h.get(&h.url(&uri)).await;
        assert_eq!(status, 200);
        assert_eq!(v["sid"], sid);
        assert_eq!(v["body"], body);
        let s = v["status"].as_str().unwrap().to_owned();
        if s != "queued" {
            assert!(v["date_sent"].is_string(), "{v}");
        }
        if seen.last() != Some(&s) {
            seen.push(s.clone());
        }
        if s == "delivered" || started.elapsed() > Duration::from_secs(5) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        seen.last().map(String::as_str),
        Some("delivered"),
        "{seen:?}"
    );
    assert!(seen.iter().any(|s| s == "sent"), "{seen:?}");

    // Unknown SIDs, including well-formed ones, are 404.
    let unknown = format!("SM{}", "0".repeat(32));
    let path = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{unknown}.json");
    let (status, v) = h.get(&h.url(&path)).await;
    assert_eq!(status, 404);
    assert_eq!(v["code"], 20404);
    assert_eq!(
        v["message"],
        format!("The requested resource {path} was not found")
    );
    let next = {
        let mut s = sid.clone();
        let last = if s.ends_with('0') { "1" } else { "0" };
        s.replace_range(33.., last);
        s
    };
    let (status, _) = h.get(&h.api(&format!("/Messages/{next}.json"))).await;
    assert_eq!(status, 404);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn messaging_service_and_whatsapp_creates() {
    let h = Harness::quick().await;
    let (status, v) = h
        .create(&[
            ("To", "+6591234567"),
            ("MessagingServiceSid", MESSAGING_SERVICE_SID),
            ("Body", "via service ✓"),
            ("StatusCallback", "https://example.com/cb"),
        ])
        .await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["status"], "accepted");
    assert_eq!(v["from"], Value::Null);
    assert_eq!(v["messaging_service_sid"], MESSAGING_SERVICE_SID);
    let (status, v) = h
        .create(&[
            ("To", "whatsapp:+6591234567"),
            ("From", WHATSAPP_FROM),
            ("Body", "hello on WhatsApp"),
        ])
        .await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["to"], "whatsapp:+6591234567");
    assert_eq!(v["from"], WHATSAPP_FROM);
    assert_eq!(v["status"], "queued");
    // A long UCS-2 body counts 67-character segments.
    let v = h.send("+6591234567", &"✓".repeat(135)).await;
    assert_eq!(v["num_segments"], "3");
    assert_eq!(h.sandbox.messages_to("+6591234567"), 2);
    assert_eq!(h.sandbox.messages_to("whatsapp:+6591234567"), 1);
    h.sandbox.shutdown().await;
}

/// Bodies at the edges of segment counting: 153/160 and 67/70 limits, GSM-7 extension
/// characters (escape + code) and emoji (UTF-16 surrogate pairs) at and around each
/// concatenated-segment boundary, where splitting the pair would undercount.
fn tricky_bodies() -> Vec<String> {
    let a = |n: usize| "a".repeat(n);
    let zh = |n: usize| "中".repeat(n);
    let mut bodies: Vec<String> = [
        1, 152, 153, 154, 159, 160, 161, 305, 306, 307, 459, 460, 1600,
    ]
    .into_iter()
    .map(a)
    .collect();
    for ext in ['€', '{', '^', '\x0c'] {
        // Two and three full segments in all (306 and 459 septets).
        for before in 150..=155 {
            bodies.push(format!("{}{ext}{}", a(before), a(304 - before)));
        }
        for before in 300..=308 {
            bodies.push(format!("{}{ext}{}", a(before), a(457 - before)));
        }
        for n in [1, 79, 80, 81, 153, 800] {
            bodies.push(ext.to_string().repeat(n));
        }
    }
    for n in [66, 67, 68, 69, 70, 71, 133, 134, 135, 1600] {
        bodies.push(zh(n));
    }
    // Two and three full segments in all (134 and 201 UTF-16 units).
    for before in 63..=70 {
        bodies.push(format!("{}😀{}", zh(before), zh(132 - before)));
    }
    for before in 130..=136 {
        bodies.push(format!("{}😀{}", zh(before), zh(199 - before)));
    }
    for n in [1, 33, 34, 35, 36, 67, 68, 800, 1600] {
        bodies.push("😀".repeat(n));
    }
    let digits = |n: usize| "1234567890".repeat(40)[..n].to_string();
    for n in [68, 69, 133, 134] {
        bodies.push(format!("😜{}", digits(n)));
    }
    for n in [158, 159, 305, 306] {
        bodies.push(format!("€{}", digits(n)));
    }
    bodies.extend(["Zoë café", "hello 😀", "`", "€中", "a{b}", "\t"].map(String::from));
    bodies
}

#[tokio::test]
async fn segment_counts_agree_with_smsctl() {
    let bodies = tricky_bodies();
    // The corpus holds bodies where a plain ceil(units / per segment) is wrong.
    let naive = |b: &str| {
        let s = smsctl_sms::analyze(b);
        if s.units <= s.encoding.single_segment_units() {
            1
        } else {
            s.units.div_ceil(s.encoding.multi_segment_units())
        }
    };
    let split = bodies
        .iter()
        .filter(|b| naive(b) != smsctl_sms::analyze(b).segments)
        .count();
    assert!(split >= 6, "{split}");
    let h = Harness::quick().await;
    for body in &bodies {
        let v = h.send("+6591234567", body).await;
        let want = smsctl_sms::analyze(body).segments.to_string();
        assert_eq!(v["num_segments"], want.as_str(), "{body:?}");
    }
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn list_filters_and_pages() {
    // Sent at once, so that `DateSent` filters see them (a queued message has no
    // `date_sent`: see queued_messages_are_in_no_date_sent_window).
    let h = Harness::new(SandboxOptions {
        sent_after: Duration::ZERO,
        ..SandboxOptions::default()
    })
    .await;
    for i in 0..5 {
        h.send(
            "+6591110000",
            &format!("Hi Ann, your code is {i}. Reply STOP to opt out."),
        )
        .await;
        h.send(
            "+6592220000",
            &format!("Hi Bob, your code is {i}. Reply STOP to opt out."),
        )
        .await;
    }
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let tomorrow = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24))
        .strftime("%Y-%m-%d")
        .to_string();
    let list = h.api("/Messages.json");

    // By To and DateSent> (literal '>' in the name, percent-encoded by the client).
    let url = reqwest::Url::parse_with_params(
        &list,
        &[
            ("To", "+6591110000"),
            ("DateSent>", today.as_str()),
            ("PageSize", "2"),
        ],
    )
    .unwrap();
    assert!(url.as_str().contains("DateSent%3E="), "{url}");
    let (status, page) = h.get(url.as_str()).await;
    assert_eq!(status, 200, "{page}");
    let bodies: Vec<&str> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "Hi Ann, your code is 4. Reply STOP to opt out.",
            "Hi Ann, your code is 3. Reply STOP to opt out."
        ]
    );
    assert_eq!(page["page"], 0);
    assert_eq!(page["page_size"], 2);
    assert_eq!(page["start"], 0);
    assert_eq!(page["end"], 1);
    assert_eq!(page["previous_page_uri"], Value::Null);
    let prefix = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json?To=%2B6591110000");
    assert_eq!(
        page["first_page_uri"],
        format!("{prefix}&DateSent%3E={today}&PageSize=2&Page=0")
    );
    assert_eq!(page["uri"], page["first_page_uri"]);

    // Follow next_page_uri to the end.
    let mut all: Vec<String> = bodies.iter().map(|s| s.to_string()).collect();
    let mut next = page["next_page_uri"].as_str().map(str::to_owned);
    let mut pages = 1;
    while let Some(uri) = next {
        assert!(uri.starts_with(&prefix), "{uri}");
        let (status, page) = h.get(&h.url(&uri)).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["page"], pages);
        assert_eq!(page["start"], pages * 2);
        for m in page["messages"].as_array().unwrap() {
            assert_eq!(m["to"], "+6591110000");
            all.push(m["body"].as_str().unwrap().to_owned());
        }
        next = page["next_page_uri"].as_str().map(str::to_owned);
        pages += 1;
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..5)
        .rev()
        .map(|i| format!("Hi Ann, your code is {i}. Reply STOP to opt out."))
        .collect();
    assert_eq!(all, expected);

    // Page=N without a token skips N pages.
    let (_, page) = h
        .get(&format!("{list}?To=%2B6592220000&PageSize=2&Page=2"))
        .await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 1);
    assert_eq!(
        page["messages"][0]["body"],
        "Hi Bob, your code is 0. Reply STOP to opt out."
    );
    assert!(page["previous_page_uri"].is_string());
    assert_eq!(page["next_page_uri"], Value::Null);

    // Nothing sent tomorrow or after; everything sent on or before today.
    let (_, page) = h.get(&format!("{list}?DateSent%3E={tomorrow}")).await;
    assert_eq!(page["messages"], json!([]));
    assert_eq!(page["next_page_uri"], Value::Null);
    let (_, page) = h.get(&format!("{list}?DateSent%3C={today}")).await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 10);
    let (_, page) = h
        .get(&format!("{list}?DateSent={today}&From=%2B15005550006"))
        .await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 10);
    let (_, page) = h.get(&format!("{list}?From=Acme")).await;
    assert_eq!(page["messages"], json!([]));
    let (_, page) = h.get(&format!("{list}?To=%2B6500000000")).await;
    assert_eq!(page["messages"], json!([]));
    let (status, v) = h.get(&format!("{list}?DateSent%3E=yesterday")).await;
    assert_eq!((status, v["status"].clone()), (400, json!(400)));
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn queued_messages_are_in_no_date_sent_window() {
    // As at Twilio: `DateSent` matches `date_sent`, null while a message is queued
    // (or accepted by a Messaging Service, or scheduled).
    let h = Harness::new(SandboxOptions {
        sent_after: Duration::from_secs(3600),
        delivered_after: Duration::from_secs(7200),
        ..SandboxOptions::default()
    })
    .await;
    h.send("+6591110000", "still queued").await;
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let list = h.api("/Messages.json");
    for filter in [
        format!("DateSent%3E={today}"),
        format!("DateSent%3C={today}"),
        format!("DateSent={today}"),
    ] {
        let (status, page) = h.get(&format!("{list}?To=%2B6591110000&{filter}")).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["messages"], json!([]), "{filter}");
    }
    let (_, page) = h.get(&format!("{list}?To=%2B6591110000")).await;
    let msgs = page["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1, "{page}");
    assert_eq!(msgs[0]["status"], "queued");
    assert_eq!(msgs[0]["date_sent"], Value::Null);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn incoming_phone_numbers_filter() {
    let h = Harness::quick().await;
    let list = h.api("/IncomingPhoneNumbers.json");
    for (query, found) in [
        ("?PhoneNumber=%2B15005550006", true),
        ("", true),
        ("?PhoneNumber=5550006", true),
        ("?PhoneNumber=%2B1500555****", true),
        ("?PhoneNumber=%2B6591234567", false),
    ] {
        let (status, v) = h.get(&format!("{list}{query}")).await;
        assert_eq!(status, 200, "{v}");
        let numbers = v["incoming_phone_numbers"].as_array().unwrap();
        assert_eq!(numbers.len(), usize::from(found), "{query}: {v}");
        if found {
            assert_eq!(numbers[0]["phone_number"], FROM_NUMBER);
            assert_eq!(numbers[0]["account_sid"], ACCOUNT_SID);
            assert_eq!(numbers[0]["capabilities"]["sms"], true);
        }
        assert_eq!(v["next_page_uri"], Value::Null);
        assert_eq!(v["page"], 0);
        assert_eq!(v["page_size"], 50);
    }
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn messaging_service_fetch_and_404() {
    let h = Harness::quick().await;
    let (status, v) = h
        .get(&h.url(&format!("/v1/Services/{MESSAGING_SERVICE_SID}")))
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["sid"], MESSAGING_SERVICE_SID);
    assert_eq!(v["account_sid"], ACCOUNT_SID);
    assert_eq!(
        v["url"],
        format!(
            "{}/v1/Services/{MESSAGING_SERVICE_SID}",
            h.sandbox.base_url()
        )
    );
    let other = "/v1/Services/MGffffffffffffffffffffffffffffffff";
    let (status, v) = h.get(&h.url(other)).await;
    assert_eq!(status, 404);
    assert_eq!(v["code"], 20404);
    assert_eq!(v["status"], 404);
    assert_eq!(v["more_info"], "https://www.twilio.com/docs/errors/20404");
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn counts_messages_per_recipient() {
    let h = Harness::quick().await;
    h.send("+6591234567", "one").await;
    h.send("+6591234567", "two").await;
    h.send("+6598765432", "three").await;
    let (status, _) = h
        .create(&[("To", "+15005550004"), ("From", FROM_NUMBER), ("Body", "x")])
        .await;
    assert_eq!(status, 400);
    assert_eq!(h.sandbox.messages_created(), 3);
    assert_eq!(h.sandbox.messages_to("+6591234567"), 2);
    assert_eq!(h.sandbox.messages_to("+6598765432"), 1);
    assert_eq!(h.sandbox.messages_to("+15005550004"), 0);
    assert_eq!(h.sandbox.messages_to("not a number"), 0);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn env_hint_and_base_url() {
    let sandbox = Sandbox::start(0, SandboxOptions::default()).await.unwrap();
    let url = sandbox.base_url();
    assert_eq!(url, format!("http://127.0.0.1:{}", sandbox.addr().port()));
    let hint = sandbox.env_hint();
    for line in [
        format!("export SMSCTL_TWILIO_API_URL={url}"),
        format!("export SMSCTL_TWILIO_MESSAGING_URL={url}"),
        format!("export TWILIO_ACCOUNT_SID={ACCOUNT_SID}"),
        format!("export TWILIO_AUTH_TOKEN={AUTH_TOKEN}"),
        "export TWILIO_PHONE_NUMBER=+15005550006".to_owned(),
    ] {
        assert!(hint.lines().any(|l| l == line), "{hint}");
    }
    let addr = sandbox.addr();
    sandbox.shutdown().await;
    // The port is released.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

/// Informational throughput check (never an assertion on speed):
/// `cargo test --release --lib sandbox::tests::throughput -- --ignored --nocapture`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn throughput() {
    const TOTAL: usize = 20_000;
    const CONCURRENCY: usize = 32;
    let h = std::sync::Arc::new(Harness::quick().await);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..CONCURRENCY {
        let h = std::sync::Arc::clone(&h);
        tasks.push(tokio::spawn(async move {
            let url = h.api("/Messages.json");
            let mut i = worker;
            while i < TOTAL {
                let to = format!("+659{:07}", i);
                let body =
                    format!("Hi customer {i}, your order has shipped. Reply STOP to opt out.");
                let resp = h
                    .http
                    .post(&url)
                    .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
                    .form(&[("To", to.as_str()), ("From", FROM_NUMBER), ("Body", &body)])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(resp.status(), 201);
                resp.bytes().await.unwrap();
                i += CONCURRENCY;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(h.sandbox.messages_created(), TOTAL as u64);
    eprintln!(
        "sandbox throughput: {TOTAL} creates, {CONCURRENCY} in flight, {secs:.2} s, {:.0} req/s",
        TOTAL as f64 / secs
    );
}

/// Informational memory check of the store alone:
/// `cargo test --release --lib sandbox::tests::store_memory -- --ignored --nocapture`
#[test]
#[ignore]
fn store_memory() {
    fn rss_kb() -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    }
    /// Fills a store with 1,000,000 messages whose bodies `body(i)` makes and
    /// prints what that added to the resident set. The store is returned so the
    /// caller keeps it alive: a second fill must not reuse the first one's memory.
    fn measure(what: &str, mut body: impl FnMut(u64) -> String) -> store::Store {
        let before = rss_kb();
        let mut store = store::Store::new(FROM_NUMBER, WHATSAPP_FROM);
        for i in 0..1_000_000u64 {
            store.push(
                1_700_000_000_000 + i as i64,
                6_590_000_000 + i,
                0,
                &body(i),
                1,
                0,
            );
        }
        eprintln!(
            "store: 1,000,000 {what}: {} MB resident",
            (rss_kb() - before) / 1024
        );
        store
    }
    let _templated = measure("templated messages (~100-char bodies)", |i| {
        format!(
            "Hi customer {i}, your order #{} has shipped and will arrive on Tuesday. \
             Reply STOP to opt out.",
            i * 7919 % 100_000
        )
    });
    let mut x = 0x1234_5678_u64;
    let _random = measure("random 160-char bodies", |_| {
        (0..160)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'a' + (x % 26) as u8)
            })
            .collect()
    });
}

#[tokio::test]
async fn a_fault_after_n_creates_and_magic_delivery_outcomes() {
    let h = Harness::new(SandboxOptions {
        sent_after: Duration::ZERO,
        delivered_after: Duration::ZERO,
        fail_after: Some(2),
        fail_code: 21606,
        ..Default::default()
    })
    .await;
    let a = h.send(UNREACHABLE_TO, "one").await;
    let b = h.send(LANDLINE_TO, "two").await;
    let (status, v) = h
        .create(&[
            ("To", "+6591234567"),
            ("From", FROM_NUMBER),
            ("Body", "three"),
        ])
        .await;
    assert_eq!((status, v["code"].as_u64()), (400, Some(21606)), "{v}");
    // Fetches still work (only creates fail), and the magic numbers end undelivered.
    let sid = a["sid"].as_str().unwrap();
    let (status, v) = h.get(&h.api(&format!("/Messages/{sid}.json"))).await;
    assert_eq!(status, 200);
    assert_eq!(
        (v["status"].as_str(), v["error_code"].as_u64()),
        (Some("undelivered"), Some(30003))
    );
    let sid = b["sid"].as_str().unwrap();
    let (_, v) = h.get(&h.api(&format!("/Messages/{sid}.json"))).await;
    assert_eq!(
        (v["status"].as_str(), v["error_code"].as_u64()),
        (Some("undelivered"), Some(30006))
    );
    // Canceling a message that is not scheduled: Twilio's 30409.
    let resp = h
        .http
        .post(h.api(&format!("/Messages/{sid}.json")))
        .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
        .form(&[("Status", "canceled")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["code"].as_u64(), Some(30409), "{v}");
    // Clearing the fault lets creates through again; a 20003 fault stops everything.
    let clear = h
        .http
        .delete(h.url("/sandbox/fault"))
        .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(clear.status().as_u16(), 200);
    h.send("+6591234567", "four").await;
    let arm = h
        .http
        .post(h.url("/sandbox/fault"))
        .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
        .form(&[("After", "0"), ("Code", "20003")])
        .send()
        .await
        .unwrap();
    assert_eq!(arm.status().as_u16(), 200);
    let (status, v) = h.get(&h.api("/Messages.json")).await;
    assert_eq!((status, v["code"].as_u64()), (401, Some(20003)), "{v}");
}
