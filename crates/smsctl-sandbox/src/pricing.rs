//! Twilio's Pricing API v1 as the sandbox serves it: `GET /v1/Messaging/Countries/{ISO}`
//! for a few countries, two carriers each at different prices, in USD; Twilio's 404
//! (20404) for any other country.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::json_response;
use super::rules::ApiError;

/// The path prefix of the resource.
pub(super) const COUNTRIES_PREFIX: &str = "/v1/Messaging/Countries/";

/// One carrier of a country: (name, MCC, MNC, price per segment in USD).
pub type Carrier = (&'static str, &'static str, &'static str, &'static str);

/// (ISO, name, its two carriers): the countries the sandbox prices.
pub const PRICED_COUNTRIES: &[(&str, &str, [Carrier; 2])] = &[
    (
        "DE",
        "Germany",
        [
            ("Telekom", "262", "01", "0.0780"),
            ("Vodafone", "262", "02", "0.0850"),
        ],
    ),
    (
        "GB",
        "United Kingdom",
        [
            ("EE", "234", "30", "0.0400"),
            ("Vodafone", "234", "15", "0.0420"),
        ],
    ),
    (
        "GG",
        "Guernsey",
        [
            ("Sure", "234", "55", "0.0550"),
            ("JT", "234", "50", "0.0600"),
        ],
    ),
    (
        "SG",
        "Singapore",
        [
            ("Singtel", "525", "01", "0.0450"),
            ("StarHub", "525", "05", "0.0480"),
        ],
    ),
    (
        "US",
        "United States",
        [
            ("Verizon", "311", "480", "0.0079"),
            ("AT&T", "310", "410", "0.0083"),
        ],
    ),
];

/// `GET /v1/Messaging/Countries/{ISO}` (`iso` is what follows the prefix).
pub(super) fn messaging_country(
    base_url: &str,
    method: &Method,
    iso: &str,
) -> Result<Response, ApiError> {
    if method != Method::GET {
        return Err(ApiError::method_not_allowed());
    }
    let upper = iso.to_ascii_uppercase();
    let Some((code, name, carriers)) = PRICED_COUNTRIES.iter().find(|c| c.0 == upper) else {
        return Err(ApiError::not_found(&format!("/Messaging/Countries/{iso}")));
    };
    let outbound: Vec<_> = carriers
        .iter()
        .map(|(carrier, mcc, mnc, price)| {
            json!({
                "carrier": carrier,
                "mcc": mcc,
                "mnc": mnc,
                "prices": [{
                    "number_type": "mobile",
                    "base_price": price,
                    "current_price": price,
                }],
            })
        })
        .collect();
    let body = json!({
        "country": name,
        "iso_country": code,
        "outbound_sms_prices": outbound,
        "inbound_sms_prices": [{
            "number_type": "mobile",
            "base_price": "0.0079",
            "current_price": "0.0079",
        }],
        "price_unit": "USD",
        "url": format!("{base_url}{COUNTRIES_PREFIX}{code}"),
    });
    Ok(json_response(StatusCode::OK, &body))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::{ACCOUNT_SID, AUTH_TOKEN, Sandbox, SandboxOptions};

    async fn get(sb: &Sandbox, path: &str, auth: bool) -> (u16, Value) {
        let mut req = reqwest::Client::new().get(format!("{}{path}", sb.base_url()));
        if auth {
            req = req.basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN));
        }
        let resp = req.send().await.unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    }

    #[tokio::test]
    async fn prices_a_few_countries_with_two_carriers_each_and_404s_the_rest() {
        let sb = Sandbox::start(0, SandboxOptions::default()).await.unwrap();
        let (status, v) = get(&sb, "/v1/Messaging/Countries/SG", true).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["iso_country"], "SG");
        assert_eq!(v["country"], "Singapore");
        assert_eq!(v["price_unit"], "USD");
        let carriers = v["outbound_sms_prices"].as_array().unwrap();
        assert_eq!(carriers.len(), 2, "{v}");
        let prices: Vec<&str> = carriers
            .iter()
            .map(|c| c["prices"][0]["current_price"].as_str().unwrap())
            .collect();
        assert_eq!(prices, ["0.0450", "0.0480"]);
        assert_eq!(
            v["url"],
            format!("{}/v1/Messaging/Countries/SG", sb.base_url())
        );
        for iso in ["US", "GB", "GG", "DE", "de"] {
            let (status, v) = get(&sb, &format!("/v1/Messaging/Countries/{iso}"), true).await;
            assert_eq!(status, 200, "{iso}: {v}");
            let c = v["outbound_sms_prices"].as_array().unwrap();
            assert_ne!(
                c[0]["prices"][0]["current_price"], c[1]["prices"][0]["current_price"],
                "{iso}: two carriers at different prices"
            );
        }
        let (status, v) = get(&sb, "/v1/Messaging/Countries/FR", true).await;
        assert_eq!(status, 404);
        assert_eq!(v["code"], 20404);
        assert_eq!(v["status"], 404);
        assert_eq!(
            v["message"],
            "The requested resource /Messaging/Countries/FR was not found"
        );
        let (status, v) = get(&sb, "/v1/Messaging/Countries/SG", false).await;
        assert_eq!((status, &v["code"]), (401, &Value::from(20003)));
        assert!(sb.env_hint().contains("SMSCTL_TWILIO_PRICING_URL="));
    }
}
