//! The other resources smsctl reads: the Account, IncomingPhoneNumbers and the Messaging
//! Service.

use std::borrow::Cow;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;
use url::form_urlencoded;

use super::{
    ACCOUNT_SID, API_PREFIX, AUTH_TOKEN, FROM_NUMBER, MESSAGING_SERVICE_SID, PHONE_NUMBER_SID,
    Paging, Rfc2822, SERVICES_PREFIX, Shared, json_response, push_param,
};

/// A Unix-millisecond time shown as ISO 8601 (`2015-07-30T20:12:31Z`), as the Messaging
/// API does.
fn iso8601(ms: i64) -> String {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or_default();
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `GET /2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json`.
pub(super) fn list_phone_numbers(st: &Shared, query: &str) -> Response {
    let mut filter: Option<Cow<'_, str>> = None;
    let mut paging = Paging::new();
    let mut filters = format!("{API_PREFIX}{ACCOUNT_SID}/IncomingPhoneNumbers.json");
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k == "PhoneNumber" {
            push_param(&mut filters, "PhoneNumber", &v);
            filter = Some(v);
        } else {
            // Bad paging values are ignored: this list has one page at most.
            let _ = paging.apply(&k, v);
        }
    }
    let page = paging.page;
    let matches = filter
        .as_deref()
        .is_none_or(|f| phone_filter_matches(f.trim(), FROM_NUMBER));
    let numbers = if matches && page == 0 {
        vec![phone_number_json(st)]
    } else {
        Vec::new()
    };
    let uri = |page: usize| paging.uri(&filters, page, None);
    let (start, end) = paging.start_end(numbers.len());
    let body = json!({
        "end": end,
        "first_page_uri": uri(0),
        "incoming_phone_numbers": numbers,
        "next_page_uri": null,
        "page": page,
        "page_size": paging.size,
        "previous_page_uri": if page > 0 { Some(uri(page - 1)) } else { None },
        "start": start,
        "uri": uri(page),
    });
    json_response(StatusCode::OK, &body)
}

/// Twilio's `PhoneNumber` filter: a (partial) number where `*` matches any digit.
fn phone_filter_matches(filter: &str, number: &str) -> bool {
    let f = filter.as_bytes();
    let n = number.as_bytes();
    if f.is_empty() {
        return true;
    }
    if f.len() > n.len() {
        return false;
    }
    (0..=n.len() - f.len()).any(|at| {
        f.iter()
            .zip(&n[at..])
            .all(|(&a, &b)| a == b || (a == b'*' && b.is_ascii_digit()))
    })
}

fn phone_number_json(st: &Shared) -> serde_json::Value {
    let created = Rfc2822(st.started_ms);
    json!({
        "account_sid": ACCOUNT_SID,
        "address_requirements": "none",
        "address_sid": null,
        "api_version": "2010-04-01",
        "beta": false,
        "capabilities": { "voice": true, "sms": true, "mms": true, "fax": false },
        "date_created": created,
        "date_updated": created,
        "emergency_status": "Inactive",
        "emergency_address_sid": null,
        "emergency_address_status": "unregistered",
        "friendly_name": "(500) 555-0006",
        "identity_sid": null,
        "origin": "twilio",
        "phone_number": FROM_NUMBER,
        "sid": PHONE_NUMBER_SID,
        "sms_application_sid": "",
        "sms_fallback_method": "POST",
        "sms_fallback_url": "",
        "sms_method": "POST",
        "sms_url": "",
        "status_callback": "",
        "status_callback_method": "POST",
        "trunk_sid": null,
        "uri": format!("{API_PREFIX}{ACCOUNT_SID}/IncomingPhoneNumbers/{PHONE_NUMBER_SID}.json"),
        "voice_application_sid": "",
        "voice_caller_id_lookup": false,
        "voice_fallback_method": "POST",
        "voice_fallback_url": null,
        "voice_method": "POST",
        "voice_url": null,
        "bundle_sid": null,
        "voice_receive_mode": "voice",
        "status": "in-use",
        "type": "local",
    })
}

pub(super) fn account_json(st: &Shared) -> serde_json::Value {
    let created = Rfc2822(st.started_ms);
    let sub = |name: &str| format!("{API_PREFIX}{ACCOUNT_SID}/{name}.json");
    json!({
        "auth_token": AUTH_TOKEN,
        "date_created": created,
        "date_updated": created,
        "friendly_name": "smsctl sandbox",
        "owner_account_sid": ACCOUNT_SID,
        "sid": ACCOUNT_SID,
        "status": "active",
        "subresource_uris": {
            "available_phone_numbers": sub("AvailablePhoneNumbers"),
            "calls": sub("Calls"),
            "conferences": sub("Conferences"),
            "incoming_phone_numbers": sub("IncomingPhoneNumbers"),
            "notifications": sub("Notifications"),
            "outgoing_caller_ids": sub("OutgoingCallerIds"),
            "recordings": sub("Recordings"),
            "transcriptions": sub("Transcriptions"),
            "addresses": sub("Addresses"),
            "signing_keys": sub("SigningKeys"),
            "connect_apps": sub("ConnectApps"),
            "sip": sub("SIP"),
            "authorized_connect_apps": sub("AuthorizedConnectApps"),
            "usage": sub("Usage"),
            "keys": sub("Keys"),
            "applications": sub("Applications"),
            "short_codes": sub("SMS/ShortCodes"),
            "queues": sub("Queues"),
            "messages": sub("Messages"),
            "balance": sub("Balance"),
        },
        "type": "Full",
        "uri": format!("{API_PREFIX}{ACCOUNT_SID}.json"),
    })
}

pub(super) fn service_json(st: &Shared) -> serde_json::Value {
    let created = iso8601(st.started_ms);
    let url = format!("{}{SERVICES_PREFIX}{MESSAGING_SERVICE_SID}", st.base_url);
    let link = |name: &str| format!("{url}/{name}");
    json!({
        "account_sid": ACCOUNT_SID,
        "sid": MESSAGING_SERVICE_SID,
        "date_created": created,
        "date_updated": created,
        "friendly_name": "smsctl sandbox",
        "inbound_request_url": null,
        "inbound_method": "POST",
        "fallback_url": null,
        "fallback_method": "POST",
        "status_callback": null,
        "sticky_sender": true,
        "mms_converter": true,
        "smart_encoding": true,
        "fallback_to_long_code": true,
        "area_code_geomatch": true,
        "validity_period": 36000,
        "scan_message_content": "inherit",
        "synchronous_validation": true,
        "usecase": "notifications",
        "us_app_to_person_registered": false,
        "use_inbound_webhook_on_number": false,
        "links": {
            "phone_numbers": link("PhoneNumbers"),
            "short_codes": link("ShortCodes"),
            "alpha_senders": link("AlphaSenders"),
            "messages": link("Messages"),
            "us_app_to_person": link("Compliance/Usa2p"),
            "us_app_to_person_usecases": link("Compliance/Usa2p/Usecases"),
            "channel_senders": link("ChannelSenders"),
            "destination_alpha_senders": link("DestinationAlphaSenders"),
        },
        "url": url,
    })
}
