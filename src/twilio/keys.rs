//! API keys: create a Standard key, delete one (`creds add --mint-api-key`,
//! `creds rotate --new-key`). Twilio lets only the Auth Token manage keys.

use reqwest::Method;

use super::client::Client;
use super::endpoints::join;
use super::error::TwilioError;
use crate::secret::Secret;

/// A key Twilio just created: its SID and its secret (shown by Twilio once).
#[derive(Debug, Clone)]
pub struct NewKey {
    pub sid: String,
    pub friendly_name: Option<String>,
    pub secret: Secret,
}

#[derive(serde::Deserialize)]
struct NewKeyBody {
    sid: Option<String>,
    #[serde(default)]
    friendly_name: Option<String>,
    secret: Option<String>,
}

/// Twilio's FriendlyName holds at most 64 characters.
pub const FRIENDLY_NAME_MAX: usize = 64;

impl Client {
    fn keys_url(&self, tail: &str) -> url::Url {
        join(
            &self.endpoints.api,
            &format!("/2010-04-01/Accounts/{}/Keys{tail}", self.creds.account_sid),
        )
    }

    /// `POST /2010-04-01/Accounts/{AC}/Keys.json` with `FriendlyName`: a new
    /// Standard API key. Not retried after it may have reached Twilio (a
    /// retry could create a second key).
    pub async fn create_key(&self, friendly_name: &str) -> Result<NewKey, TwilioError> {
        let name: String = friendly_name.chars().take(FRIENDLY_NAME_MAX).collect();
        let form =
            serde_urlencoded::to_string([("FriendlyName", name.as_str())]).expect("form encodes");
        let r = async {
            let resp = self
                .execute(Method::POST, self.keys_url(".json"), Some(form), false)
                .await?;
            let body: NewKeyBody = self.decode(resp).await?;
            match (body.sid, body.secret) {
                (Some(sid), Some(secret))
                    if crate::validate::api_key_sid(&sid).is_ok() && !secret.is_empty() =>
                {
                    Ok(NewKey {
                        sid,
                        friendly_name: body.friendly_name,
                        secret: Secret::new(secret),
                    })
                }
                _ => Err(TwilioError::Unexpected {
                    status: 201,
                    detail: "the new API key's answer has no valid sid and secret".into(),
                }),
            }
        }
        .await;
        r.map_err(|e| self.scrub_error(e))
    }

    /// `DELETE /2010-04-01/Accounts/{AC}/Keys/{SK}.json`. `Ok(false)` when
    /// Twilio has no such key (already deleted).
    pub async fn delete_key(&self, sid: &str) -> Result<bool, TwilioError> {
        let r = async {
            let resp = self
                .execute(
                    Method::DELETE,
                    self.keys_url(&format!("/{sid}.json")),
                    None,
                    true,
                )
                .await?;
            if resp.status().is_success() {
                return Ok(true);
            }
            match self.decode::<serde_json::Value>(resp).await {
                Err(e) if e.is_not_found() => Ok(false),
                Err(e) => Err(e),
                Ok(_) => Ok(true),
            }
        }
        .await;
        r.map_err(|e| self.scrub_error(e))
    }
}
