//! The Message update: `POST /2010-04-01/Accounts/{AC}/Messages/{SM}.json`
//! with `Status=canceled` cancels a scheduled message (its status becomes
//! `canceled`); a message that is not scheduled (any more) is refused with
//! Twilio's 30409, "This message cannot be canceled"
//! (<https://www.twilio.com/docs/api/errors/30409>).

use axum::response::Response;
use url::form_urlencoded;

use super::rules::ApiError;
use super::store::{F_CANCELED, F_SCHEDULED};
use super::{MAX_FORM_BYTES, Shared};

pub(super) async fn update_message(
    st: &Shared,
    sid: &str,
    path: &str,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ApiError::new(400, 20001, "Request body too large or unreadable"))?;
    let index = st
        .sids
        .decode(sid)
        .ok_or_else(|| ApiError::not_found(path))?;
    let mut status = None;
    for (k, v) in form_urlencoded::parse(&bytes) {
        if k == "Status" {
            status = Some(v.into_owned());
        }
    }
    if status.as_deref() != Some("canceled") {
        return Err(ApiError::new(
            400,
            20001,
            "Invalid Status: a message can only be updated to canceled",
        ));
    }
    {
        let mut store = st.store();
        let flags = store
            .flags(index)
            .ok_or_else(|| ApiError::not_found(path))?;
        if flags & F_SCHEDULED == 0 || flags & F_CANCELED != 0 {
            if st.log {
                eprintln!("sandbox: cannot cancel {sid}: not scheduled");
            }
            return Err(ApiError::new(400, 30409, "This message cannot be canceled"));
        }
        store.set_flags(index, flags | F_CANCELED);
    }
    if st.log {
        eprintln!("sandbox: canceled {sid}");
    }
    super::messages::fetch_message(st, sid).ok_or_else(|| ApiError::not_found(path))
}
