//! Settings resolved from flags, environment and profile: the config dir, the
//! stores, and — in one place — which credentials a command uses.

use std::path::{Path, PathBuf};

use crate::env_vars::{self, var};
use crate::error::UserError;
use crate::keychain::Keychain;
use crate::output::{self, Printer};
use crate::phone::Region;
use crate::profile::{AuthKind, Profile, ProfileStore, ProfilesFile, State};
use crate::secret::Secret;
use crate::sender::{Sender, Senders};
use crate::twilio::{Client, Credentials, Endpoints, UrlError};
use crate::validate::{self, FormatError};

/// `--config-dir`, else `SMSCTL_CONFIG_DIR`, else the platform's config dir.
pub fn config_dir(flag: Option<&Path>) -> PathBuf {
    flag.map(Path::to_path_buf)
        .or_else(|| var(env_vars::SMSCTL_CONFIG_DIR).map(PathBuf::from))
        .or_else(|| dirs::config_dir().map(|d| d.join("smsctl")))
        .unwrap_or_else(|| PathBuf::from(".smsctl"))
}

#[derive(Debug)]
pub struct Context {
    pub config_dir: PathBuf,
    pub printer: Printer,
    /// `--profile` as given.
    pub profile_flag: Option<String>,
    /// Prompts may be shown (stdin and stderr are terminals).
    pub interactive: bool,
    /// The regional endpoints of profiles [`Context::resolve`] chose, by
    /// username (API Key SID or Account SID): [`Context::client`] sends those
    /// credentials to their profile's region.
    regional: std::sync::Mutex<Vec<(String, Endpoints)>>,
}

/// Where a command's credentials came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Profile(String),
    Env,
    Sandbox,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Profile(l) => write!(f, "profile {l}"),
            Source::Env => f.write_str("environment credentials"),
            Source::Sandbox => f.write_str("the sandbox"),
        }
    }
}

/// A credential set ready to use.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub source: Source,
    pub profile: Option<Profile>,
    pub creds: Credentials,
    pub senders: Senders,
    pub default_region: Option<Region>,
}

/// A credential set as `TWILIO_*` variables describe it (the environment,
/// or a dotenv file for `creds import`), every value checked.
#[derive(Debug)]
pub struct CredentialVars {
    pub account_sid: String,
    pub auth: AuthKind,
    /// The API Key SID, for [`AuthKind::ApiKey`].
    pub api_key_sid: Option<String>,
    pub secret: Secret,
    pub senders: Senders,
}

/// Why `TWILIO_*` variables do not make a credential set.
#[derive(Debug, PartialEq, Eq)]
pub enum VarsError {
    /// This variable's value is malformed (the error never holds a secret).
    Bad(&'static str, FormatError),
    /// `TWILIO_API_KEY` without `TWILIO_API_SECRET`.
    KeyWithoutSecret,
    /// Neither `TWILIO_AUTH_TOKEN` nor `TWILIO_API_KEY` with `TWILIO_API_SECRET`.
    NoSecret,
}

/// Reads a credential set's `TWILIO_*` variables through `get` (which treats
/// an empty value as unset); `None` without `TWILIO_ACCOUNT_SID`. An API key
/// without its secret is refused, unless `token_fallback` lets
/// `TWILIO_AUTH_TOKEN` be used instead (a dotenv file often holds both).
pub fn credential_vars(
    get: impl Fn(&str) -> Option<String>,
    token_fallback: bool,
) -> Result<Option<CredentialVars>, VarsError> {
    use env_vars::*;
    let Some(ac) = get(TWILIO_ACCOUNT_SID) else {
        return Ok(None);
    };
    let check = |name: &'static str, f: fn(&str) -> Result<String, FormatError>| {
        get(name)
            .map(|v| f(&v).map_err(|e| VarsError::Bad(name, e)))
            .transpose()
    };
    let secret = |name: &'static str, v: String, what: &str| -> Result<Secret, VarsError> {
        validate::secret(&v, what).map_err(|e| VarsError::Bad(name, e))?;
        Ok(Secret::new(v))
    };
    let account_sid =
        validate::account_sid(&ac).map_err(|e| VarsError::Bad(TWILIO_ACCOUNT_SID, e))?;
    let (key, key_secret, token) = (
        get(TWILIO_API_KEY),
        get(TWILIO_API_SECRET),
        get(TWILIO_AUTH_TOKEN),
    );
    let (auth, api_key_sid, secret) = match (key, key_secret, token) {
        (Some(sk), Some(s), _) => {
            let sk = validate::api_key_sid(&sk).map_err(|e| VarsError::Bad(TWILIO_API_KEY, e))?;
            let s = secret(TWILIO_API_SECRET, s, "API Key Secret")?;
            (AuthKind::ApiKey, Some(sk), s)
        }
        (Some(_), None, _) if !token_fallback => return Err(VarsError::KeyWithoutSecret),
        (_, _, Some(t)) => {
            let t = secret(TWILIO_AUTH_TOKEN, t, "Auth Token")?;
            (AuthKind::AuthToken, None, t)
        }
        _ => return Err(VarsError::NoSecret),
    };
    let number = |v: &str| {
        v.trim()
            .parse::<crate::phone::E164>()
            .map(|n| n.to_string())
            .map_err(|e| FormatError(e.to_string()))
    };
    let senders = [
        check(
            TWILIO_MESSAGING_SERVICE_SID,
            validate::messaging_service_sid,
        )?
        .map(Sender::MessagingService),
        check(TWILIO_PHONE_NUMBER, number)?.map(Sender::Number),
        check(TWILIO_SENDER_ID, validate::sender_id)?.map(Sender::AlphaId),
        check(TWILIO_WHATSAPP_FROM, validate::whatsapp_from)?.map(Sender::WhatsApp),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(Some(CredentialVars {
        account_sid,
        auth,
        api_key_sid,
        secret,
        senders,
    }))
}

/// The credential set the environment describes, if `TWILIO_ACCOUNT_SID` is set.
pub fn env_credentials() -> Result<Option<(Credentials, AuthKind, Senders)>, FormatError> {
    let vars = credential_vars(var, false).map_err(|e| match e {
        VarsError::Bad(name, e) => e.at(name),
        VarsError::KeyWithoutSecret => FormatError(
            "TWILIO_API_KEY is set but TWILIO_API_SECRET is not; set both, or use TWILIO_AUTH_TOKEN".into(),
        ),
        VarsError::NoSecret => FormatError(
            "TWILIO_ACCOUNT_SID is set but there is no secret: set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET".into(),
        ),
    })?;
    Ok(vars.map(|v| {
        let username = v.api_key_sid.unwrap_or_else(|| v.account_sid.clone());
        let creds = Credentials {
            account_sid: v.account_sid,
            username,
            secret: v.secret,
        };
        (creds, v.auth, v.senders)
    }))
}

impl Context {
    pub fn new(dir: Option<&Path>, json: bool, verbose: u8, profile: Option<String>) -> Self {
        Context {
            config_dir: config_dir(dir),
            printer: Printer { json, verbose },
            profile_flag: profile,
            interactive: output::interactive(),
            regional: Default::default(),
        }
    }

    /// The profiles file. The first call warns (once per command) when the
    /// config dir or the file can be read by other users.
    pub fn store(&self) -> ProfileStore {
        static CHECKED: std::sync::Once = std::sync::Once::new();
        let store = ProfileStore::new(&self.config_dir);
        CHECKED.call_once(|| {
            for w in store.loose_permissions() {
                self.printer.warn(w);
            }
        });
        store
    }

    pub fn keychain(&self) -> Keychain {
        Keychain::from_env()
    }

    pub fn endpoints(&self) -> Result<Endpoints, UrlError> {
        Endpoints::from_env()
    }

    /// A client for `creds`: to the region of the profile they were resolved
    /// from ([`Context::resolve`]), else to [`Context::endpoints`].
    pub fn client(&self, creds: Credentials) -> anyhow::Result<Client> {
        let regional = self
            .regional
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(user, _)| *user == creds.username)
            .map(|(_, e)| e.clone());
        let endpoints = match regional {
            Some(e) => e,
            None => self.endpoints()?,
        };
        Ok(Client::new(endpoints, creds)?)
    }

    /// A client for a profile's credentials, to the profile's region.
    pub fn profile_client(&self, p: &Profile, secret: Secret) -> anyhow::Result<Client> {
        Ok(Client::new(p.endpoints()?, p.credentials(secret))?)
    }

    /// The profile label a command without an explicit LABEL acts on:
    /// `--profile`, then `SMSCTL_PROFILE`, then the default of `file`.
    pub fn selected_label(&self, file: &ProfilesFile) -> Result<String, anyhow::Error> {
        if let Some(l) = &self.profile_flag {
            return Ok(l.clone());
        }
        if let Some(l) = var(env_vars::SMSCTL_PROFILE) {
            return Ok(l);
        }
        file.default.clone().ok_or_else(|| {
            UserError::usage(
                "no profile given and no default profile: pass a LABEL or --profile, or run `smsctl creds use LABEL`",
            )
            .into()
        })
    }

    /// The Account SID [`Context::resolve`] would send through, found without
    /// reading a secret from the keychain (a dry run needs none): `--profile` >
    /// environment credentials > `SMSCTL_PROFILE` > the default profile.
    pub fn account_sid(&self) -> anyhow::Result<(String, Source)> {
        if self.profile_flag.is_none()
            && let Some((creds, _, _)) = env_credentials()?
        {
            return Ok((creds.account_sid, Source::Env));
        }
        let file = self.store().load()?;
        let label = self
            .profile_flag
            .clone()
            .or_else(|| var(env_vars::SMSCTL_PROFILE))
            .or_else(|| file.default.clone())
            .ok_or_else(|| {
                UserError::usage(
                    "no account: pass --profile LABEL, make a profile the default with `smsctl creds use LABEL`, set TWILIO_ACCOUNT_SID with its secret, or pass --sandbox",
                )
            })?;
        let ac = file.get(&label)?.account_sid.clone();
        Ok((ac, Source::Profile(label)))
    }

    /// The opt-out list of `account_sid`.
    pub fn optouts(&self, account_sid: &str) -> crate::optouts::OptOutStore {
        crate::optouts::OptOutStore::new(&self.config_dir, account_sid)
    }

    /// Credentials for sending, in this order (as README.md says): `--profile` >
    /// environment credentials > `SMSCTL_PROFILE` > the default profile.
    pub fn resolve(&self) -> anyhow::Result<Resolved> {
        // Read the environment only when it may be used: a named profile wins
        // even over incomplete TWILIO_* variables (a CI fork without secrets).
        let env = match &self.profile_flag {
            Some(_) => None,
            None => env_credentials()?,
        };
        let label = match (&self.profile_flag, env) {
            (Some(l), _) => {
                if var(env_vars::TWILIO_ACCOUNT_SID).is_some() {
                    self.printer.status(format!(
                        "using profile {l}: --profile wins over the TWILIO_* credentials in the environment"
                    ));
                }
                Some(l.clone())
            }
            (None, Some((creds, _kind, senders))) => {
                if let Some(p) = var(env_vars::SMSCTL_PROFILE) {
                    self.printer.status(format!(
                        "using the TWILIO_* credentials in the environment: they win over SMSCTL_PROFILE={p}"
                    ));
                }
                return Ok(Resolved {
                    source: Source::Env,
                    profile: None,
                    creds,
                    senders,
                    default_region: None,
                });
            }
            (None, None) => var(env_vars::SMSCTL_PROFILE),
        };
        let file = self.store().load()?;
        let label = label.or_else(|| file.default.clone()).ok_or_else(|| {
            UserError::usage(
                "no credentials: pass --profile LABEL, make a profile the default with `smsctl creds use LABEL`, or set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET)",
            )
        })?;
        let profile = file.get(&label)?.clone();
        if profile.pending_api_key_sid.is_some() {
            self.printer.warn(format!(
                "a `smsctl creds rotate {label} --new-key` was interrupted; run `smsctl creds verify {label}` to finish it"
            ));
        }
        let secret = self.keychain().require(&label)?;
        if profile.region.is_some() || profile.edge.is_some() {
            self.regional
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((profile.username().to_string(), profile.endpoints()?));
        }
        Ok(Resolved {
            default_region: profile.region()?,
            source: Source::Profile(label),
            creds: profile.credentials(secret),
            senders: profile.senders.clone(),
            profile: Some(profile),
        })
    }
}

/// Why a profile's state does not allow sending through it.
#[derive(Debug, thiserror::Error)]
pub enum CannotSend {
    #[error(
        "profile {label} is unverified (saved with --no-verify); check it with `smsctl creds verify {label}`, or pass --force to send anyway"
    )]
    Unverified { label: String },
    #[error(
        "Twilio rejected profile {label}'s credentials at the last check; fix them with `smsctl creds rotate {label}`, then `smsctl creds verify {label}`"
    )]
    Invalid { label: String },
    #[error(
        "profile {label} has no sender; add one with `smsctl creds edit {label} --messaging-service MG… | --from +E164 | --sender-id NAME`, or pass --from / --messaging-service"
    )]
    NoSender { label: String },
}

/// Refuse to send through a profile whose state forbids it.
pub fn check_can_send(r: &Resolved, force: bool, sender_override: bool) -> Result<(), CannotSend> {
    let (Source::Profile(label), Some(p)) = (&r.source, &r.profile) else {
        return Ok(());
    };
    let label = label.clone();
    match p.state {
        State::Ready | State::Tested => Ok(()),
        State::Unverified if force => Ok(()),
        State::Unverified => Err(CannotSend::Unverified { label }),
        State::Invalid => Err(CannotSend::Invalid { label }),
        State::NoSender if sender_override => Ok(()),
        State::NoSender => Err(CannotSend::NoSender { label }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_vars_read_one_way_for_the_environment_and_a_file() {
        let ac = format!("AC{}", "a".repeat(32));
        let sk = format!("SK{}", "b".repeat(32));
        let token = "c".repeat(32);
        let vars = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            }
        };
        assert!(credential_vars(vars(&[]), false).unwrap().is_none());
        let key_and_token = vars(&[
            (env_vars::TWILIO_ACCOUNT_SID, &ac),
            (env_vars::TWILIO_API_KEY, &sk),
            (env_vars::TWILIO_AUTH_TOKEN, &token),
            (env_vars::TWILIO_PHONE_NUMBER, "+15005550006"),
        ]);
        assert_eq!(
            credential_vars(&key_and_token, false).unwrap_err(),
            VarsError::KeyWithoutSecret
        );
        let v = credential_vars(&key_and_token, true).unwrap().unwrap();
        assert_eq!((v.auth, v.api_key_sid), (AuthKind::AuthToken, None));
        assert_eq!(v.senders.number(), Some("+15005550006"));
        let bad = vars(&[(env_vars::TWILIO_ACCOUNT_SID, "AC1")]);
        assert!(matches!(
            credential_vars(bad, true),
            Err(VarsError::Bad(env_vars::TWILIO_ACCOUNT_SID, _))
        ));
    }
}
