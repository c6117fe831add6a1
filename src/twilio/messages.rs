//! The resources: accounts, messages (list, page, fetch, create), Messaging
//! Services and phone numbers, as methods of [`Client`].

use reqwest::Method;
use url::Url;

use super::client::{Client, MAX_BODY, location};
use super::endpoints::{join, try_join};
use super::error::TwilioError;
use super::types::{Account, IncomingNumberPage, Message, MessagePage, Service};
use crate::sender::Sender;

/// Filters of the Messages list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub to: Option<String>,
    pub from: Option<String>,
    /// `DateSent>=` this day (YYYY-MM-DD, UTC).
    pub date_sent_after: Option<String>,
    pub page_size: Option<u32>,
}

/// A message to create.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub to: String,
    /// `From` (a number, `whatsapp:+…` or an alphanumeric ID), or a Messaging Service.
    pub sender: Sender,
    pub body: String,
}

/// A number as `To` / `From` on a channel: `+E164`, or `whatsapp:+E164`.
pub fn address(number: &str, whatsapp: bool) -> String {
    if whatsapp {
        format!("whatsapp:{number}")
    } else {
        number.to_string()
    }
}

/// The most pages one list follows (Twilio's page size goes up to 1,000).
const MAX_PAGES: usize = 1000;

impl Client {
    fn api(&self, path: &str) -> Url {
        join(&self.endpoints.api, path)
    }

    /// `GET /2010-04-01/Accounts/{AC}.json`: Auth Token check; tells Trial/Full.
    pub async fn fetch_account(&self) -> Result<Account, TwilioError> {
        let url = self.api(&format!(
            "/2010-04-01/Accounts/{}.json",
            self.creds.account_sid
        ));
        self.get_json(url).await
    }

    /// `GET …/Messages.json` with filters (one page).
    pub async fn list_messages(&self, filter: &ListFilter) -> Result<MessagePage, TwilioError> {
        let mut url = self.messages_url.clone();
        {
            let mut q = url.query_pairs_mut();
            if let Some(to) = &filter.to {
                q.append_pair("To", to);
            }
            if let Some(from) = &filter.from {
                q.append_pair("From", from);
            }
            if let Some(d) = &filter.date_sent_after {
                q.append_pair("DateSent>", d);
            }
            if let Some(n) = filter.page_size {
                q.append_pair("PageSize", &n.to_string());
            }
        }
        self.get_json(url).await
    }

    /// Every message matching the filter, following `next_page_uri`.
    pub async fn list_all_messages(
        &self,
        filter: &ListFilter,
    ) -> Result<Vec<Message>, TwilioError> {
        let mut page = self.list_messages(filter).await?;
        let mut all = std::mem::take(&mut page.messages);
        let mut pages = 1;
        while let Some(next) = page.next_page_uri.take() {
            if pages >= MAX_PAGES {
                return Err(TwilioError::Unexpected {
                    status: 200,
                    detail: format!(
                        "the Messages list did not end after {MAX_PAGES} pages; smsctl stopped paging (check SMSCTL_TWILIO_API_URL)"
                    ),
                });
            }
            let url = self.next_page_url(&next).map_err(|e| self.scrub_error(e))?;
            page = self.get_json(url).await?;
            all.append(&mut page.messages);
            pages += 1;
        }
        Ok(all)
    }

    /// The page a `next_page_uri` of a Messages list names.
    pub async fn next_messages_page(
        &self,
        next_page_uri: &str,
    ) -> Result<MessagePage, TwilioError> {
        let url = self
            .next_page_url(next_page_uri)
            .map_err(|e| self.scrub_error(e))?;
        self.get_json(url).await
    }

    /// A `next_page_uri` resolved against the API endpoint; refused (before
    /// any request) unless it is a path there, or a URL of the same scheme,
    /// host and port without user info.
    fn next_page_url(&self, next: &str) -> Result<Url, TwilioError> {
        let base = &self.endpoints.api;
        let refuse = |why: String| TwilioError::Unexpected {
            status: 200,
            detail: format!(
                "Twilio's next_page_uri {:?} {why}; smsctl stopped paging and sent no request for it (check SMSCTL_TWILIO_API_URL)",
                next.chars().take(200).collect::<String>()
            ),
        };
        let url = if next.starts_with('/') && !next.starts_with("//") {
            try_join(base, next).ok_or_else(|| refuse("is not a valid path".into()))?
        } else {
            match Url::parse(next) {
                Ok(u) => u,
                Err(_) => return Err(refuse("is not a path on the API endpoint".into())),
            }
        };
        let same = url.scheme() == base.scheme()
            && url.host_str() == base.host_str()
            && url.port_or_known_default() == base.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none();
        if !same {
            return Err(refuse(format!(
                "leads away from {}://{}",
                base.scheme(),
                base.host_str().unwrap_or("")
            )));
        }
        Ok(url)
    }

    /// `GET /v1/Services/{MG}` on the Messaging API.
    pub async fn fetch_messaging_service(&self, sid: &str) -> Result<Service, TwilioError> {
        let url = join(&self.endpoints.messaging, &format!("/v1/Services/{sid}"));
        self.get_json(url).await
    }

    /// Whether the account owns this phone number (IncomingPhoneNumbers list).
    pub async fn owns_number(&self, e164: &str) -> Result<bool, TwilioError> {
        let mut url = self.api(&format!(
            "/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json",
            self.creds.account_sid
        ));
        url.query_pairs_mut().append_pair("PhoneNumber", e164);
        let page: IncomingNumberPage = self.get_json(url).await?;
        Ok(page
            .incoming_phone_numbers
            .iter()
            .any(|n| n.phone_number == e164))
    }

    pub async fn fetch_message(&self, sid: &str) -> Result<Message, TwilioError> {
        let url = self.api(&format!(
            "/2010-04-01/Accounts/{}/Messages/{sid}.json",
            self.creds.account_sid
        ));
        self.get_json(url).await
    }

    /// `POST …/Messages/{SM}.json` with `Status=canceled`: cancels a scheduled
    /// message (Twilio answers 30409 when it is no longer scheduled). Retried
    /// like a GET: canceling twice cancels once.
    pub async fn cancel_message(&self, sid: &str) -> Result<Message, TwilioError> {
        let url = self.api(&format!(
            "/2010-04-01/Accounts/{}/Messages/{sid}.json",
            self.creds.account_sid
        ));
        let body = serde_urlencoded::to_string([("Status", "canceled")]).expect("form encodes");
        let r = async {
            let resp = self.execute(Method::POST, url, Some(body), true).await?;
            self.decode(resp).await
        }
        .await;
        r.map_err(|e| self.scrub_error(e))
    }

    /// `POST …/Messages.json`. Retried only when Twilio said it did not take
    /// the request (429, 503) or the connection failed before it was sent;
    /// a timeout after sending or a 5xx becomes [`TwilioError::OutcomeUnknown`].
    pub async fn create_message(&self, m: &NewMessage) -> Result<Message, TwilioError> {
        let url = self.messages_url.clone();
        let form: Vec<(&str, &str)> = vec![("To", &m.to), ("Body", &m.body), m.sender.form_field()];
        let body = serde_urlencoded::to_string(&form).expect("form encodes");
        let started = jiff::Timestamp::now();
        let r = self.create(m, url, body, started).await;
        r.map_err(|e| self.scrub_error(e))
    }

    async fn create(
        &self,
        m: &NewMessage,
        url: Url,
        body: String,
        started: jiff::Timestamp,
    ) -> Result<Message, TwilioError> {
        let unknown = |cause: String| TwilioError::OutcomeUnknown {
            to: m.to.clone(),
            at: started.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
            cause,
        };
        let resp = self
            .execute(Method::POST, url, Some(body), false)
            .await
            .map_err(|e| match e {
                TwilioError::Timeout { secs, .. } => unknown(format!("timed out after {secs} s")),
                e @ TwilioError::Http { .. } => unknown(format!("failed after it was sent ({e})")),
                other => other,
            })?;
        let status = resp.status();
        if status.is_server_error() {
            let detail = match self.read_body(resp).await {
                Ok(Ok(b) | Err(b)) => String::from_utf8_lossy(&b).into_owned(),
                Err(_) => String::new(),
            };
            return Err(unknown(format!(
                "got HTTP {} from Twilio{}",
                status.as_u16(),
                short_detail(&detail)
            )));
        }
        if status.is_redirection() {
            // Not followed: what the redirect points at never saw the request.
            return Err(unknown(format!(
                "was answered with a redirect (HTTP {}{}), which smsctl does not follow",
                status.as_u16(),
                location(&resp)
            )));
        }
        if status.is_success() {
            // A 2xx on a create means created, whatever the body says.
            let accepted = |why: String| {
                unknown(format!(
                    "was accepted (HTTP {}), so Twilio most likely created the message, but its answer could not be read ({why})",
                    status.as_u16()
                ))
            };
            return match self.read_body(resp).await {
                Ok(Ok(bytes)) => serde_json::from_slice(&bytes)
                    .map_err(|e| accepted(format!("it is not the expected JSON: {e}"))),
                Ok(Err(_)) => Err(accepted(format!(
                    "it is larger than {} MiB",
                    MAX_BODY / (1024 * 1024)
                ))),
                Err(e) => Err(accepted(e.to_string())),
            };
        }
        self.decode(resp).await
    }
}

fn short_detail(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        String::new()
    } else {
        format!(": {}", s.chars().take(200).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use crate::twilio::client::tests::client;

    #[test]
    fn next_page_uris_stay_on_the_endpoint() {
        let c = client("http://127.0.0.1:4000");
        let ok = c
            .next_page_url("/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA")
            .unwrap();
        assert_eq!(
            ok.as_str(),
            "http://127.0.0.1:4000/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA"
        );
        assert!(c.next_page_url("http://127.0.0.1:4000/x").is_ok());
        for bad in [
            "evil",
            "",
            "@127.0.0.1:4001/x",
            "@evil.example/x",
            "//evil.example/x",
            "http://127.0.0.1:4001/x",
            "https://127.0.0.1:4000/x",
            "http://user@127.0.0.1:4000/x",
            "http://evil.example/x",
        ] {
            let e = c.next_page_url(bad).expect_err(bad);
            assert!(e.to_string().contains("next_page_uri"), "{bad}: {e}");
        }
        // A base with a path prefix keeps it, and a hostile URI still cannot leave.
        let c = client("http://127.0.0.1:4000/twilio/");
        assert_eq!(
            c.next_page_url("/a?b=1").unwrap().as_str(),
            "http://127.0.0.1:4000/twilio/a?b=1"
        );
        assert!(c.next_page_url("@127.0.0.1:4001/x").is_err());
    }
}
