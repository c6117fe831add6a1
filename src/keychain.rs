//! Where secrets live: the OS keychain behind a small trait.
//!
//! Every keychain call runs on its own thread and is bounded by a timeout
//! (`SMSCTL_KEYCHAIN_TIMEOUT`, default 5 s): a D-Bus peer that accepts but never
//! answers would otherwise hang the CLI forever. A thread that timed out is
//! abandoned (it is not a tokio blocking task, so runtime shutdown does not
//! wait for it) and the process exits normally.
//!
//! There is no plaintext fallback: if no keychain can be reached, the command
//! fails and says that environment credentials work without one.

use std::sync::{Arc, OnceLock, mpsc};
use std::time::Duration;

use crate::env_vars;
use crate::secret::Secret;

pub trait SecretStore {
    /// The secret saved under `label`; `Ok(None)` when there is none.
    fn get(&self, label: &str) -> Result<Option<Secret>, KeychainError>;
    fn set(&self, label: &str, secret: &Secret) -> Result<(), KeychainError>;
    /// Delete; `Ok(false)` when there was nothing to delete.
    fn delete(&self, label: &str) -> Result<bool, KeychainError>;
}

#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    #[error(
        "cannot reach {keychain}: {cause}; without a keychain, use environment credentials (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET)"
    )]
    Unavailable {
        keychain: &'static str,
        cause: String,
    },
    #[error(
        "{keychain} did not answer within {secs} s (is the keyring daemon frozen or waiting for an unlock prompt?); without a keychain, use environment credentials (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET)"
    )]
    Timeout { keychain: &'static str, secs: u64 },
    #[error("{keychain} refused access: {cause} (unlock your keyring and try again)")]
    Locked {
        keychain: &'static str,
        cause: String,
    },
    #[error("{keychain}: {cause}")]
    Other {
        keychain: &'static str,
        cause: String,
    },
    /// The keychain answered, and has no secret for this profile.
    #[error(
        "the keychain has no secret for profile {label} (service {service}); store one with `smsctl creds rotate {label}`"
    )]
    Missing { label: String, service: String },
}

#[cfg(target_os = "linux")]
pub const KEYCHAIN_NAME: &str = "the Secret Service keychain (GNOME Keyring or KWallet over D-Bus)";
#[cfg(target_os = "macos")]
pub const KEYCHAIN_NAME: &str = "the macOS Keychain";
#[cfg(target_os = "windows")]
pub const KEYCHAIN_NAME: &str = "Windows Credential Manager";
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub const KEYCHAIN_NAME: &str = "the OS keychain";

type Store = Arc<keyring_core::CredentialStore>;

fn make_store() -> keyring_core::Result<Store> {
    #[cfg(target_os = "linux")]
    {
        Ok(zbus_secret_service_keyring_store::Store::new()?)
    }
    #[cfg(target_os = "macos")]
    {
        Ok(apple_native_keyring_store::keychain::Store::new()?)
    }
    #[cfg(target_os = "windows")]
    {
        Ok(windows_native_keyring_store::Store::new()?)
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        Err(keyring_core::Error::NotSupportedByStore(
            "no keychain is supported on this platform".into(),
        ))
    }
}

/// One store per process, made on first use (on a worker thread, under the timeout).
fn store() -> keyring_core::Result<Store> {
    static STORE: OnceLock<Store> = OnceLock::new();
    if let Some(s) = STORE.get() {
        return Ok(s.clone());
    }
    let s = make_store()?;
    Ok(STORE.get_or_init(|| s).clone())
}

/// Turn a keyring error into one sentence. Never formats the error's payload
/// with `Debug`: `BadEncoding` and `BadDataFormat` carry the secret's bytes.
fn describe(e: keyring_core::Error) -> KeychainError {
    use keyring_core::Error as E;
    let keychain = KEYCHAIN_NAME;
    match e {
        E::PlatformFailure(p) => KeychainError::Unavailable {
            keychain,
            cause: cause_chain(&*p),
        },
        E::NoDefaultStore => KeychainError::Unavailable {
            keychain,
            cause: "no keychain store is available".into(),
        },
        E::NoStorageAccess(p) => KeychainError::Locked {
            keychain,
            cause: cause_chain(&*p),
        },
        E::BadEncoding(_) | E::BadDataFormat(..) => KeychainError::Other {
            keychain,
            cause: "the stored secret is not in the expected format; rotate it with `smsctl creds rotate`".into(),
        },
        E::Ambiguous(_) => KeychainError::Other {
            keychain,
            cause: "more than one keychain entry matches this profile; remove the extra entries with your keychain's own tool".into(),
        },
        E::NotSupportedByStore(m) => KeychainError::Unavailable { keychain, cause: m },
        other => KeychainError::Other {
            keychain,
            cause: other.to_string(),
        },
    }
}

fn cause_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() && cfg!(target_os = "linux") {
        s.push_str(" (DBUS_SESSION_BUS_ADDRESS is not set: no D-Bus session)");
    }
    s
}

/// The OS keychain, entries named (service, label).
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
    timeout: Duration,
}

impl Keychain {
    /// Service name from `SMSCTL_KEYCHAIN_SERVICE` (tests use their own), else `smsctl`.
    pub fn from_env() -> Self {
        let service = env_vars::var(env_vars::SMSCTL_KEYCHAIN_SERVICE)
            .unwrap_or_else(|| env_vars::DEFAULT_KEYCHAIN_SERVICE.to_string());
        Keychain {
            service,
            timeout: env_vars::secs(env_vars::SMSCTL_KEYCHAIN_TIMEOUT)
                .unwrap_or(Duration::from_secs(5)),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// The error for a profile whose secret is not in this keychain.
    pub fn missing(&self, label: &str) -> KeychainError {
        KeychainError::Missing {
            label: label.to_string(),
            service: self.service.clone(),
        }
    }

    /// The secret of profile `label`, which must be there.
    pub fn require(&self, label: &str) -> Result<Secret, KeychainError> {
        self.get(label)?.ok_or_else(|| self.missing(label))
    }

    /// Run `op` on a worker thread, giving up after the timeout.
    fn call<T: Send + 'static>(
        &self,
        label: &str,
        op: impl FnOnce(keyring_core::Entry) -> keyring_core::Result<T> + Send + 'static,
    ) -> Result<T, KeychainError> {
        let (tx, rx) = mpsc::sync_channel(1);
        let service = self.service.clone();
        let label = label.to_string();
        std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                let r = store()
                    .and_then(|s| keyring_core::Entry::new_in_store(&s, &service, &label))
                    .and_then(op);
                let _ = tx.send(r);
            })
            .map_err(|e| KeychainError::Other {
                keychain: KEYCHAIN_NAME,
                cause: e.to_string(),
            })?;
        match rx.recv_timeout(self.timeout) {
            Ok(r) => r.map_err(describe),
            Err(_) => Err(KeychainError::Timeout {
                keychain: KEYCHAIN_NAME,
                secs: self.timeout.as_secs_f64().ceil() as u64,
            }),
        }
    }
}

impl SecretStore for Keychain {
    fn get(&self, label: &str) -> Result<Option<Secret>, KeychainError> {
        self.call(label, |e| match e.get_password() {
            Ok(p) => Ok(Some(Secret::new(p))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn set(&self, label: &str, secret: &Secret) -> Result<(), KeychainError> {
        let s = secret.clone();
        self.call(label, move |e| e.set_password(s.expose()))
    }

    fn delete(&self, label: &str) -> Result<bool, KeychainError> {
        self.call(label, |e| match e.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(e),
        })
    }
}
