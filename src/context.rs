//! Settings resolved from flags, environment and profile: the config dir, the
//! stores, and — in one place — which credentials a command uses.

use std::path::{Path, PathBuf};

use crate::env_vars::{self, var};
use crate::error::{ExitStatus, UserError};
use crate::keychain::Keychain;
use crate::output::{self, Printer};
use crate::phone::Region;
use crate::profile::{AuthKind, Profile, ProfileStore, ProfilesFile, State};
use crate::secret::Secret;
use crate::sender::{Sender, Senders};
use crate::twilio::{Client, Credentials, Endpoints};
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

/// The credential set the environment describes, if `TWILIO_ACCOUNT_SID` is set.
pub fn env_credentials() -> Result<Option<(Credentials, AuthKind, Senders)>, FormatError> {
    let Some(ac) = var(env_vars::TWILIO_ACCOUNT_SID) else {
        return Ok(None);
    };
    let bad = |name: &str, e: FormatError| e.at(name);
    let ac = validate::account_sid(&ac).map_err(|e| bad(env_vars::TWILIO_ACCOUNT_SID, e))?;
    let (username, secret, kind) = match (
        var(env_vars::TWILIO_API_KEY),
        var(env_vars::TWILIO_API_SECRET),
        var(env_vars::TWILIO_AUTH_TOKEN),
    ) {
        (Some(sk), Some(secret), _) => {
            let sk = validate::api_key_sid(&sk).map_err(|e| bad(env_vars::TWILIO_API_KEY, e))?;
            validate::secret(&secret, "API Key Secret")
                .map_err(|e| bad(env_vars::TWILIO_API_SECRET, e))?;
            (sk, secret, AuthKind::ApiKey)
        }
        (Some(_), None, _) => {
            return Err(FormatError(
                "TWILIO_API_KEY is set but TWILIO_API_SECRET is not; set both, or use TWILIO_AUTH_TOKEN".into(),
            ));
        }
        (None, _, Some(token)) => {
            validate::secret(&token, "Auth Token")
                .map_err(|e| bad(env_vars::TWILIO_AUTH_TOKEN, e))?;
            (ac.clone(), token, AuthKind::AuthToken)
        }
        (None, _, None) => {
            return Err(FormatError(
                "TWILIO_ACCOUNT_SID is set but there is no secret: set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET".into(),
            ));
        }
    };
    let senders = [
        var(env_vars::TWILIO_MESSAGING_SERVICE_SID)
            .map(|v| {
                validate::messaging_service_sid(&v)
                    .map_err(|e| bad(env_vars::TWILIO_MESSAGING_SERVICE_SID, e))
                    .map(Sender::MessagingService)
            })
            .transpose()?,
        var(env_vars::TWILIO_PHONE_NUMBER)
            .map(|v| {
                validate::e164(&v, env_vars::TWILIO_PHONE_NUMBER)
                    .map(|n| Sender::Number(n.to_string()))
            })
            .transpose()?,
        var(env_vars::TWILIO_SENDER_ID)
            .map(|v| {
                validate::sender_id(&v)
                    .map_err(|e| bad(env_vars::TWILIO_SENDER_ID, e))
                    .map(Sender::AlphaId)
            })
            .transpose()?,
        var(env_vars::TWILIO_WHATSAPP_FROM)
            .map(|v| {
                validate::whatsapp_from(&v)
                    .map_err(|e| bad(env_vars::TWILIO_WHATSAPP_FROM, e))
                    .map(Sender::WhatsApp)
            })
            .transpose()?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(Some((
        Credentials {
            account_sid: ac,
            username,
            secret: Secret::new(secret),
        },
        kind,
        senders,
    )))
}

impl Context {
    pub fn new(dir: Option<&Path>, json: bool, verbose: u8, profile: Option<String>) -> Self {
        Context {
            config_dir: config_dir(dir),
            printer: Printer { json, verbose },
            profile_flag: profile,
            interactive: output::interactive(),
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

    pub fn endpoints(&self) -> Result<Endpoints, UserError> {
        Endpoints::from_env()
    }

    pub fn client(&self, creds: Credentials) -> anyhow::Result<Client> {
        Ok(Client::new(self.endpoints()?, creds)?)
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

    /// Credentials for sending, in PRODUCT.md's order: `--profile` >
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
        let secret = self.keychain().require(&label)?;
        Ok(Resolved {
            default_region: profile.region()?,
            source: Source::Profile(label),
            creds: profile.credentials(secret),
            senders: profile.senders.clone(),
            profile: Some(profile),
        })
    }
}

/// Refuse to send through a profile whose state forbids it.
pub fn check_can_send(r: &Resolved, force: bool, sender_override: bool) -> Result<(), UserError> {
    let (Source::Profile(label), Some(p)) = (&r.source, &r.profile) else {
        return Ok(());
    };
    match p.state {
        State::Ready | State::Tested => Ok(()),
        State::Unverified if force => Ok(()),
        State::Unverified => Err(UserError::usage(format!(
            "profile {label} is unverified (saved with --no-verify); check it with `smsctl creds verify {label}`, or pass --force to send anyway"
        ))),
        State::Invalid => Err(UserError {
            status: ExitStatus::CredentialsRejected,
            message: format!(
                "Twilio rejected profile {label}'s credentials at the last check; fix them with `smsctl creds rotate {label}`, then `smsctl creds verify {label}`"
            ),
        }),
        State::NoSender if sender_override => Ok(()),
        State::NoSender => Err(UserError::usage(format!(
            "profile {label} has no sender; add one with `smsctl creds edit {label} --messaging-service MG… | --from +E164 | --sender-id NAME`, or pass --from / --messaging-service"
        ))),
    }
}
