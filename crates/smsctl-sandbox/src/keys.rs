//! API keys: `POST /2010-04-01/Accounts/{AC}/Keys.json` creates a Standard key (its
//! secret in the answer, once), `DELETE …/Keys/{SK}.json` deletes one, `GET` fetches
//! one. As at Twilio, only the Auth Token may manage keys (a key gets 401 / 20003).
//! A created key authenticates until it is deleted; [`API_KEY_SID`] is there from the
//! start and may be deleted like any other. [`SandboxOptions::fail_key_delete`]
//! makes every DELETE fail (500), to rehearse a rotation whose last step fails.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;
use url::form_urlencoded;

use super::{
    ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID, API_PREFIX, Auth, MAX_FORM_BYTES, Rfc2822, Shared,
    json_response, now_ms,
};
use crate::rules::ApiError;

/// One key: its secret, name and creation time.
#[derive(Debug, Clone)]
struct Key {
    secret: String,
    friendly_name: String,
    created_ms: i64,
}

/// The account's keys.
#[derive(Debug)]
pub(super) struct Keys {
    keys: BTreeMap<String, Key>,
}

impl Keys {
    pub fn new() -> Keys {
        let mut keys = BTreeMap::new();
        keys.insert(
            API_KEY_SID.to_string(),
            Key {
                secret: API_KEY_SECRET.to_string(),
                friendly_name: "smsctl sandbox".to_string(),
                created_ms: now_ms(),
            },
        );
        Keys { keys }
    }

    /// Whether `sid` is a key of the account with this secret.
    pub fn accepts(&self, sid: &str, secret: &str) -> bool {
        self.keys.get(sid).is_some_and(|k| k.secret == secret)
    }
}

fn random_hex(n: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    (0..n)
        .map(|_| HEX[usize::from(rand::random::<u8>() & 0xf)] as char)
        .collect()
}

fn random_secret() -> String {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..32)
        .map(|_| ALNUM[usize::from(rand::random::<u8>()) % ALNUM.len()] as char)
        .collect()
}

fn key_json(sid: &str, k: &Key, secret: bool) -> serde_json::Value {
    let mut v = json!({
        "sid": sid,
        "friendly_name": k.friendly_name,
        "date_created": Rfc2822(k.created_ms),
        "date_updated": Rfc2822(k.created_ms),
    });
    if secret {
        v["secret"] = json!(k.secret);
    }
    v
}

/// Only the Auth Token may create, fetch or delete keys.
fn require_token(auth: Auth) -> Result<(), ApiError> {
    match auth {
        Auth::AuthToken => Ok(()),
        Auth::ApiKey => Err(ApiError::authenticate()),
    }
}

/// `POST …/Keys.json` (`FriendlyName`, at most 64 characters): 201 with the secret.
pub(super) async fn create_key(
    st: &Shared,
    auth: Auth,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    require_token(auth)?;
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ApiError::new(400, 20001, "Request body too large or unreadable"))?;
    let mut name = String::new();
    for (k, v) in form_urlencoded::parse(&bytes) {
        if k == "FriendlyName" {
            name = v.into_owned();
        }
    }
    if name.chars().count() > 64 {
        return Err(ApiError::new(
            400,
            20001,
            "FriendlyName must be at most 64 characters",
        ));
    }
    let sid = format!("SK{}", random_hex(32));
    let key = Key {
        secret: random_secret(),
        friendly_name: name,
        created_ms: now_ms(),
    };
    let body = key_json(&sid, &key, true);
    st.keys().keys.insert(sid.clone(), key);
    if st.log {
        eprintln!("sandbox: created API key {sid}");
    }
    Ok(json_response(StatusCode::CREATED, &body))
}

/// `GET …/Keys/{SK}.json` (no secret) and `DELETE …/Keys/{SK}.json` (204).
pub(super) fn key(st: &Shared, auth: Auth, delete: bool, sid: &str) -> Result<Response, ApiError> {
    require_token(auth)?;
    let path = format!("{API_PREFIX}{ACCOUNT_SID}/Keys/{sid}.json");
    let mut keys = st.keys();
    if !keys.keys.contains_key(sid) {
        return Err(ApiError::not_found(&path));
    }
    if !delete {
        let k = &keys.keys[sid];
        return Ok(json_response(StatusCode::OK, &key_json(sid, k, false)));
    }
    if st.fail_key_delete {
        return Err(ApiError::new(
            500,
            20500,
            "Internal Server Error (sandbox fault: key deletion fails)",
        ));
    }
    keys.keys.remove(sid);
    drop(keys);
    if st.log {
        eprintln!("sandbox: deleted API key {sid}");
    }
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::{ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID, AUTH_TOKEN, Sandbox, SandboxOptions};

    struct H {
        sb: Sandbox,
        http: reqwest::Client,
    }

    impl H {
        async fn new(opts: SandboxOptions) -> H {
            H {
                sb: Sandbox::start(0, opts).await.unwrap(),
                http: reqwest::Client::new(),
            }
        }

        fn url(&self, tail: &str) -> String {
            format!(
                "{}/2010-04-01/Accounts/{ACCOUNT_SID}{tail}",
                self.sb.base_url()
            )
        }

        async fn call(
            &self,
            method: reqwest::Method,
            tail: &str,
            user: &str,
            pass: &str,
        ) -> (u16, Value) {
            let resp = self
                .http
                .request(method, self.url(tail))
                .basic_auth(user, Some(pass))
                .form(&[("FriendlyName", "smsctl test on host")])
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let text = resp.text().await.unwrap();
            (status, serde_json::from_str(&text).unwrap_or(Value::Null))
        }
    }

    #[tokio::test]
    async fn keys_are_created_and_deleted_with_the_auth_token_only() {
        use reqwest::Method;
        let h = H::new(SandboxOptions::default()).await;
        // A key may not create keys.
        let (st, v) = h
            .call(Method::POST, "/Keys.json", API_KEY_SID, API_KEY_SECRET)
            .await;
        assert_eq!((st, v["code"].as_i64()), (401, Some(20003)), "{v}");
        let (st, v) = h
            .call(Method::POST, "/Keys.json", ACCOUNT_SID, AUTH_TOKEN)
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(v["friendly_name"], "smsctl test on host");
        let sk = v["sid"].as_str().unwrap().to_string();
        let secret = v["secret"].as_str().unwrap().to_string();
        assert!(sk.starts_with("SK") && sk.len() == 34, "{sk}");
        assert_eq!(secret.len(), 32);
        // The new key opens the account; it may not delete keys.
        let (st, _) = h
            .call(Method::GET, "/Messages.json?PageSize=1", &sk, &secret)
            .await;
        assert_eq!(st, 200);
        let (st, _) = h
            .call(Method::DELETE, &format!("/Keys/{sk}.json"), &sk, &secret)
            .await;
        assert_eq!(st, 401);
        // Fetched without its secret.
        let (st, v) = h
            .call(
                Method::GET,
                &format!("/Keys/{sk}.json"),
                ACCOUNT_SID,
                AUTH_TOKEN,
            )
            .await;
        assert_eq!(st, 200);
        assert!(v.get("secret").is_none(), "{v}");
        let (st, _) = h
            .call(
                Method::DELETE,
                &format!("/Keys/{sk}.json"),
                ACCOUNT_SID,
                AUTH_TOKEN,
            )
            .await;
        assert_eq!(st, 204);
        // Deleted: refused, and gone.
        let (st, _) = h
            .call(Method::GET, "/Messages.json?PageSize=1", &sk, &secret)
            .await;
        assert_eq!(st, 401);
        let (st, v) = h
            .call(
                Method::DELETE,
                &format!("/Keys/{sk}.json"),
                ACCOUNT_SID,
                AUTH_TOKEN,
            )
            .await;
        assert_eq!((st, v["code"].as_i64()), (404, Some(20404)));
    }

    #[tokio::test]
    async fn the_delete_fault_fails_every_delete_and_keeps_the_key() {
        use reqwest::Method;
        let h = H::new(SandboxOptions {
            fail_key_delete: true,
            ..SandboxOptions::default()
        })
        .await;
        let path = format!("/Keys/{API_KEY_SID}.json");
        let (st, _) = h.call(Method::DELETE, &path, ACCOUNT_SID, AUTH_TOKEN).await;
        assert_eq!(st, 500);
        let (st, _) = h
            .call(
                Method::GET,
                "/Messages.json?PageSize=1",
                API_KEY_SID,
                API_KEY_SECRET,
            )
            .await;
        assert_eq!(st, 200);
    }
}
