//! Twilio's Pricing API v1, the one resource smsctl reads: what an outbound SMS to
//! one country costs (`GET https://pricing.twilio.com/v1/Messaging/Countries/{ISO}`).

use serde::{Deserialize, Serialize};

use super::client::Client;
use super::endpoints::join;
use super::error::TwilioError;

/// `pricing.v1.messaging.messaging_country-instance` (twilio_pricing_v1.json), the
/// parts smsctl reads; the rest is kept (`extra`) so a cached copy is Twilio's answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MessagingCountry {
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub iso_country: Option<String>,
    /// One entry per carrier (MCC/MNC) of the country.
    #[serde(default)]
    pub outbound_sms_prices: Vec<OutboundSmsPrice>,
    /// The account's currency (`USD`, `EUR`…).
    #[serde(default)]
    pub price_unit: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboundSmsPrice {
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub mcc: Option<String>,
    #[serde(default)]
    pub mnc: Option<String>,
    /// The price per sender number type (local, mobile, shortcode, tollfree…).
    #[serde(default)]
    pub prices: Vec<NumberTypePrice>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberTypePrice {
    #[serde(default)]
    pub number_type: Option<String>,
    /// A decimal: a string in Twilio's answers (`overrideType: string`), a number
    /// accepted too.
    #[serde(default)]
    pub base_price: Option<serde_json::Value>,
    #[serde(default)]
    pub current_price: Option<serde_json::Value>,
}

impl NumberTypePrice {
    /// The price paid now (`current_price`, discounts included), else `base_price`,
    /// as the decimal text Twilio sent.
    pub fn price_text(&self) -> Option<String> {
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        self.current_price
            .as_ref()
            .and_then(text)
            .or_else(|| self.base_price.as_ref().and_then(text))
    }
}

impl Client {
    /// `GET /v1/Messaging/Countries/{ISO}` of the Pricing API, with the same
    /// credentials, retry policy, body cap and scrubbing as every request.
    pub async fn fetch_messaging_prices(
        &self,
        iso_country: &str,
    ) -> Result<MessagingCountry, TwilioError> {
        let url = join(
            &self.endpoints.pricing,
            &format!("/v1/Messaging/Countries/{iso_country}"),
        );
        self.get_json(url).await
    }

    /// The Pricing API's host (for messages about it).
    pub fn pricing_host(&self) -> String {
        self.endpoints.pricing.host_str().unwrap_or("").to_string()
    }
}
