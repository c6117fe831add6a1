//! API keys minted with the Auth Token: `creds add --mint-api-key` and
//! `creds rotate LABEL --new-key`. The Auth Token is used for the few requests
//! that need it and never stored.

use std::time::Duration;

use crate::context::Context;
use crate::error::ExitStatus;
use crate::keychain::SecretStore;
use crate::profile::{AuthKind, Event, Profile};
use crate::prompt;
use crate::secret::Secret;
use crate::twilio::{Client, NewKey, TwilioError};
use crate::verify::{self, Checked, VerifyError};

/// What minting or rotating a key could not do.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Twilio refused the credentials (exit 3); the text gives no advice to
    /// run `creds rotate` (the profile does not exist yet, or this is rotate).
    #[error("{0}")]
    Rejected(String),
    /// A step failed; the text says what is left and how to finish (exit 1).
    #[error("{0}")]
    Failed(String),
}

/// The text of a credentials error without the `creds rotate` advice.
pub(super) fn rejected(e: &VerifyError, tail: &str) -> Option<KeyError> {
    match e {
        VerifyError::Credentials(t) if tail.is_empty() => {
            Some(KeyError::Rejected(t.without_rotate_advice()))
        }
        VerifyError::Credentials(t) => Some(KeyError::Rejected(format!(
            "{}; {tail}",
            t.without_rotate_advice()
        ))),
        _ => None,
    }
}

/// This machine's name, for the key's FriendlyName.
fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most buf.len() bytes into our buffer.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
            if !name.is_empty() {
                return name;
            }
        }
    }
    "this machine".to_string()
}

/// `smsctl LABEL on HOST`, at most Twilio's 64 characters.
pub(super) fn friendly_name(label: &str) -> String {
    format!("smsctl {label} on {}", host_name())
        .chars()
        .take(crate::twilio::FRIENDLY_NAME_MAX)
        .collect()
}

/// How to delete a key by hand, for messages.
fn delete_hint(account_sid: &str, sk: &str) -> String {
    format!(
        "delete it in the Twilio Console (Account > API keys & tokens), or with `curl -X DELETE -u {account_sid} https://api.twilio.com/2010-04-01/Accounts/{account_sid}/Keys/{sk}.json` (curl asks for the Auth Token)"
    )
}

/// Checks a new key, trying again a few times when Twilio does not accept it
/// yet (a key can take a moment to be usable everywhere).
async fn check_new_key(
    ctx: &Context,
    p: &Profile,
    secret: &Secret,
) -> Result<Checked, anyhow::Error> {
    let client = ctx.profile_client(p, secret.clone())?;
    let base = crate::env_vars::var(crate::env_vars::SMSCTL_RETRY_BASE_MS)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(500);
    let mut attempt = 0u32;
    loop {
        match verify::check(&client, p).await {
            Err(VerifyError::Credentials(_)) if attempt < 3 => {
                tokio::time::sleep(Duration::from_millis(base << attempt)).await;
                attempt += 1;
            }
            r => {
                return r.map_err(|e| match rejected(&e, "") {
                    Some(k) => k.into(),
                    None => e.into(),
                });
            }
        }
    }
}

/// Mints a key with `token_client` (Auth Token credentials already checked),
/// checks it as profile `p` would use it, and returns the API-key profile and
/// the key's secret. A key that fails its check is deleted at Twilio; the
/// error says so (or names the key left behind).
pub(super) async fn mint(
    ctx: &Context,
    token_client: &Client,
    label: &str,
    p: &Profile,
) -> anyhow::Result<(Profile, Secret, Checked)> {
    let NewKey { sid, secret, .. } = token_client
        .create_key(&friendly_name(label))
        .await
        .map_err(|e| mint_failed(e, "nothing was saved"))?;
    let mut keyed = p.clone();
    keyed.auth = AuthKind::ApiKey;
    keyed.api_key_sid = Some(sid.clone());
    match check_new_key(ctx, &keyed, &secret).await {
        Ok(checked) => Ok((keyed, secret, checked)),
        Err(e) => {
            let what = match token_client.delete_key(&sid).await {
                Ok(_) => format!(
                    "the new API key {sid} did not pass the check, so it was deleted at Twilio and nothing was saved"
                ),
                Err(d) => format!(
                    "the new API key {sid} did not pass the check and nothing was saved, but deleting the key at Twilio failed too ({}): {}",
                    d.without_rotate_advice(),
                    delete_hint(&p.account_sid, &sid)
                ),
            };
            Err(e.context(what))
        }
    }
}

fn mint_failed(e: TwilioError, tail: &str) -> anyhow::Error {
    if e.is_auth() {
        KeyError::Rejected(format!("{}; {tail}", e.without_rotate_advice())).into()
    } else {
        anyhow::Error::new(e).context(format!("Twilio did not create an API key; {tail}"))
    }
}

/// `smsctl creds rotate LABEL --new-key`: the Auth Token (asked once), a new
/// key, its check, the keychain and the profile, then the old key deleted.
/// Every failure before the profile is written leaves it as it was (a new
/// key is deleted again); a failure to delete the old key is reported with
/// how to delete it, while the profile already works with the new one.
pub(super) async fn rotate_new_key(
    ctx: &Context,
    label: &str,
    secret_stdin: bool,
) -> anyhow::Result<ExitStatus> {
    let before = ctx.store().load()?.get(label)?.clone();
    let token = prompt::secret(ctx.interactive, AuthKind::AuthToken, secret_stdin, None)?;
    let mut tok = before.clone();
    tok.auth = AuthKind::AuthToken;
    tok.api_key_sid = None;
    let token_client = ctx.profile_client(&tok, token)?;
    let unchanged = match &before.api_key_sid {
        Some(sk) => format!("nothing changed: profile {label} still uses API key {sk}"),
        None => format!("nothing changed: profile {label} still uses its Auth Token"),
    };
    // The Auth Token first: a wrong one must not mint anything.
    let account = token_client
        .fetch_account()
        .await
        .map_err(|e| mint_failed(e, &unchanged))?;
    let (keyed, secret, checked) = mint(ctx, &token_client, label, &before)
        .await
        .map_err(|e| e.context(unchanged.clone()))?;
    let new_sk = keyed.api_key_sid.clone().expect("minted");
    let undo = |why: String| {
        let token_client = token_client.clone();
        let new_sk = new_sk.clone();
        let account_sid = before.account_sid.clone();
        let unchanged = unchanged.clone();
        async move {
            let cleanup = match token_client.delete_key(&new_sk).await {
                Ok(_) => format!("the new key {new_sk} was deleted at Twilio"),
                Err(e) => format!(
                    "the new key {new_sk} could not be deleted at Twilio ({}): {}",
                    e.without_rotate_advice(),
                    delete_hint(&account_sid, &new_sk)
                ),
            };
            KeyError::Failed(format!("{why}; {cleanup}; {unchanged}"))
        }
    };
    // Store: keychain, then the profile; a failure of either puts back what was.
    let keychain = ctx.keychain();
    let store = ctx.store();
    let mut locked = store.lock()?;
    let Ok(cur) = locked.file.get_mut(label) else {
        drop(locked);
        return Err(undo(format!("profile {label} was removed meanwhile"))
            .await
            .into());
    };
    let old_secret = match keychain.get(label) {
        Ok(s) => s,
        Err(e) => {
            drop(locked);
            return Err(undo(format!("cannot read the keychain: {e}")).await.into());
        }
    };
    // Marked first: if smsctl dies between the keychain and the profile
    // write, `creds verify` finds which key the keychain's secret opens.
    cur.pending_api_key_sid = Some(new_sk.clone());
    if let Err(e) = locked.save() {
        drop(locked);
        return Err(undo(format!("cannot write the profile: {e}")).await.into());
    }
    if let Err(e) = keychain.set(label, &secret) {
        if let Ok(cur) = locked.file.get_mut(label) {
            cur.pending_api_key_sid = None;
        }
        let _ = locked.save();
        drop(locked);
        return Err(
            undo(format!("cannot store the new key in the keychain: {e}"))
                .await
                .into(),
        );
    }
    let cur = locked.file.get_mut(label).expect("checked above");
    cur.auth = AuthKind::ApiKey;
    cur.api_key_sid = Some(new_sk.clone());
    cur.pending_api_key_sid = None;
    cur.record(Event::Checked {
        state: checked.state,
        account_type: account.kind.clone(),
    });
    if let Err(e) = locked.save() {
        let restored = match &old_secret {
            Some(old) => keychain.set(label, old).is_ok(),
            None => keychain.delete(label).is_ok(),
        };
        drop(locked);
        let why = if restored {
            format!("cannot write the profile ({e}); the old secret is back in the keychain")
        } else {
            format!(
                "cannot write the profile ({e}) nor put the old secret back in the keychain: run `smsctl creds rotate {label} --new-key` again"
            )
        };
        return Err(undo(why).await.into());
    }
    let state = cur_state(&locked.file, label);
    drop(locked);
    for n in &checked.notes {
        ctx.printer.status(format!("note: {n}"));
    }
    ctx.printer.status(format!(
        "profile {label}: new API key {new_sk} checked and stored (state: {state})"
    ));
    // Only now, with the profile working on the new key, the old one goes.
    let Some(old_sk) = before.api_key_sid.filter(|sk| *sk != new_sk) else {
        ctx.printer.status(format!(
            "profile {label} no longer stores the Auth Token, only the new key's secret (the Auth Token itself stays valid at Twilio)"
        ));
        return Ok(ExitStatus::Success);
    };
    match token_client.delete_key(&old_sk).await {
        Ok(true) => {
            ctx.printer
                .status(format!("old API key {old_sk} deleted at Twilio"));
            Ok(ExitStatus::Success)
        }
        Ok(false) => {
            ctx.printer.status(format!(
                "old API key {old_sk} was already gone at Twilio"
            ));
            Ok(ExitStatus::Success)
        }
        Err(e) => Err(KeyError::Failed(format!(
            "profile {label} now uses the new key {new_sk} and works, but the old API key {old_sk} could not be deleted at Twilio ({}) and still opens the account: {}",
            e.without_rotate_advice(),
            delete_hint(&before.account_sid, &old_sk)
        ))
        .into()),
    }
}

/// Settles a rotation that was interrupted between the keychain and the
/// profile write (`pending_api_key_sid` set): the keychain's secret opens
/// either the profile's key or the pending one. Whichever Twilio accepts is
/// kept; the mark goes. Returns what happened, for the user.
pub(super) async fn settle_pending(
    ctx: &Context,
    label: &str,
    p: &mut Profile,
    secret: &Secret,
) -> Option<String> {
    let pending = p.pending_api_key_sid.clone()?;
    let works = |sk: String| {
        let mut q = p.clone();
        q.auth = AuthKind::ApiKey;
        q.api_key_sid = Some(sk);
        async move {
            let client = ctx.profile_client(&q, secret.clone()).ok()?;
            match verify::check(&client, &q).await {
                Err(VerifyError::Credentials(_)) => Some(false),
                Err(VerifyError::Sender(_)) | Ok(_) => Some(true),
                Err(_) => None,
            }
        }
    };
    let current = p.api_key_sid.clone().filter(|_| p.auth == AuthKind::ApiKey);
    let adopt = match current.clone() {
        Some(sk) => match works(sk).await? {
            true => false,
            false => works(pending.clone()).await?,
        },
        None => works(pending.clone()).await?,
    };
    let r = ctx
        .store()
        .update(|f| -> Result<(), crate::profile::ProfileError> {
            let cur = f.get_mut(label)?;
            if adopt {
                cur.auth = AuthKind::ApiKey;
                cur.api_key_sid = Some(pending.clone());
            }
            cur.pending_api_key_sid = None;
            Ok(())
        });
    if r.is_err() {
        return None;
    }
    p.pending_api_key_sid = None;
    if adopt {
        p.auth = AuthKind::ApiKey;
        p.api_key_sid = Some(pending.clone());
        Some(format!(
            "finished an interrupted `creds rotate {label} --new-key`: the profile now uses API key {pending}{}",
            current
                .map(|old| format!(
                    "; the old key {old} may still exist at Twilio: {}",
                    delete_hint(&p.account_sid, &old)
                ))
                .unwrap_or_default()
        ))
    } else {
        Some(format!(
            "an interrupted `creds rotate {label} --new-key` had not stored its key {pending}; the profile keeps its key, and {pending} may still exist at Twilio: {}",
            delete_hint(&p.account_sid, &pending)
        ))
    }
}

fn cur_state(f: &crate::profile::ProfilesFile, label: &str) -> String {
    f.get(label)
        .map(|p| p.state.to_string())
        .unwrap_or_default()
}
