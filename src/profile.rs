//! Profile metadata: `profiles.toml` in the config dir. Never holds a secret.
//!
//! Reads take no lock (writes are atomic renames, so a reader sees the old or
//! the new file, never half of one). Every change goes through
//! [`ProfileStore::update`] (or [`ProfileStore::lock`]): exclusive lock on `.profiles.lock`, re-read,
//! change, write a temp file (0600) in the same directory, fsync, rename,
//! fsync the directory. Twenty concurrent `creds add` therefore lose nothing,
//! and a file that does not parse is reported and never overwritten. Keys this
//! version does not know are kept (`extra`). A secret being stored is marked
//! first ([`ProfileStore::mark_pending`]), so a crash between the keychain and
//! the file write leaves a mark, never an unmarked orphan secret.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::private_file::{self, PathError, open_private, sync_dir};
use crate::sender::{Sender, Senders};

pub const FILE_NAME: &str = "profiles.toml";
const LOCK_NAME: &str = ".profiles.lock";
/// `.pending-secret.LABEL`: a secret for LABEL is being stored (see
/// [`ProfileStore::mark_pending`]).
const PENDING_PREFIX: &str = ".pending-secret.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKind {
    ApiKey,
    AuthToken,
}

impl AuthKind {
    /// What the secret is called for this kind of auth.
    pub fn secret_name(self) -> &'static str {
        match self {
            AuthKind::ApiKey => "API Key Secret",
            AuthKind::AuthToken => "Auth Token",
        }
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthKind::ApiKey => "api-key",
            AuthKind::AuthToken => "auth-token",
        })
    }
}

/// A profile's state: the table under README.md's "Profiles".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Unverified,
    Invalid,
    NoSender,
    Ready,
    Tested,
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            State::Unverified => "unverified",
            State::Invalid => "invalid",
            State::NoSender => "no-sender",
            State::Ready => "ready",
            State::Tested => "tested",
        })
    }
}

/// What happened to a profile, for [`Profile::record`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Saved without a check (`--no-verify` on `creds add`, `import`, `rotate`).
    SavedUnchecked,
    /// New credentials passed the full check (`creds add`, `import`,
    /// `rotate`); `state` is `Ready` or `NoSender`.
    Checked {
        state: State,
        account_type: Option<String>,
    },
    /// `creds verify` passed: as [`Event::Checked`], but a tested profile
    /// stays tested while it is ready.
    Reverified {
        state: State,
        account_type: Option<String>,
    },
    /// A new sender passed its check (`creds edit`).
    SenderChecked { state: State },
    /// A new sender was saved without a check (`creds edit --no-verify`).
    SenderUnchecked,
    /// Twilio rejected the credentials (`creds verify`, `creds test`).
    Rejected,
    /// The sender did not pass the check (`creds verify`).
    SenderRefused,
    /// Twilio accepted a test message (`creds test`).
    TestSent,
}

/// One credential set's metadata. The secret is in the keychain under the label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub account_sid: String,
    pub auth: AuthKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_sid: Option<String>,
    /// A key `creds rotate --new-key` was storing when it was interrupted: the
    /// keychain may hold its secret instead of `api_key_sid`'s (`creds verify`
    /// settles which, see `commands::creds::keys`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_api_key_sid: Option<String>,
    /// On disk: `messaging_service_sid`, `from`, `sender_id`, `whatsapp_from`.
    /// (Before `extra`, so these keys are not taken for unknown ones.)
    #[serde(flatten)]
    pub senders: Senders,
    /// The user's own mobile, where `creds test` sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_to: Option<String>,
    /// ISO region for local numbers (`SG`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_region: Option<String>,
    /// Twilio processing region (`ie1`): requests go to `api.{edge}.{region}.twilio.com`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Twilio edge location (`dublin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edge: Option<String>,
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<jiff::Timestamp>,
    /// `Trial` or `Full`, when the last check could tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    /// Keys this version does not know (written by a newer smsctl or by hand):
    /// kept as they are on every rewrite.
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl Profile {
    /// A new profile: `Unverified` until a check says otherwise ([`Profile::record`]).
    pub fn new(
        account_sid: String,
        auth: AuthKind,
        api_key_sid: Option<String>,
        senders: Senders,
    ) -> Self {
        Profile {
            account_sid,
            auth,
            api_key_sid,
            pending_api_key_sid: None,
            senders,
            test_to: None,
            default_region: None,
            region: None,
            edge: None,
            state: State::Unverified,
            verified_at: None,
            account_type: None,
            extra: toml::Table::new(),
        }
    }

    /// The user name for HTTP Basic auth: the API Key SID, or the Account SID.
    pub fn username(&self) -> &str {
        match (&self.auth, &self.api_key_sid) {
            (AuthKind::ApiKey, Some(sk)) => sk,
            _ => &self.account_sid,
        }
    }

    /// The credentials to call Twilio with, given the secret from the keychain.
    pub fn credentials(&self, secret: crate::secret::Secret) -> crate::twilio::Credentials {
        crate::twilio::Credentials {
            account_sid: self.account_sid.clone(),
            username: self.username().to_string(),
            secret,
        }
    }

    /// The one place that says which state follows which event, and stamps
    /// when the profile was last checked. (A new profile starts `Unverified`.)
    pub fn record(&mut self, event: Event) {
        let now = Some(jiff::Timestamp::now());
        match event {
            Event::SavedUnchecked => {
                self.state = State::Unverified;
                self.verified_at = None;
            }
            Event::Checked {
                state,
                account_type,
            } => {
                self.state = state;
                self.account_type = account_type.or(self.account_type.take());
                self.verified_at = now;
            }
            Event::Reverified {
                state,
                account_type,
            } => {
                let tested = self.state == State::Tested && state == State::Ready;
                self.record(Event::Checked {
                    state: if tested { State::Tested } else { state },
                    account_type,
                });
            }
            Event::SenderChecked { state } => {
                self.state = state;
                self.verified_at = now;
            }
            Event::SenderUnchecked => self.state = State::Unverified,
            Event::Rejected => {
                self.state = State::Invalid;
                self.verified_at = now;
            }
            Event::SenderRefused => {
                self.state = State::NoSender;
                self.verified_at = now;
            }
            Event::TestSent => {
                self.state = State::Tested;
                self.verified_at = now;
            }
        }
    }

    /// Takes over what a check found about `checked`: state, when, account type.
    /// (Used under the file lock, so the rest of the stored profile is kept.)
    pub fn copy_check(&mut self, checked: &Profile) {
        self.state = checked.state;
        self.verified_at = checked.verified_at;
        self.account_type = checked.account_type.clone();
    }

    /// The profile's `default_region` for local numbers, if it has one.
    pub fn region(&self) -> Result<Option<crate::phone::Region>, crate::phone::PhoneError> {
        self.default_region.as_deref().map(str::parse).transpose()
    }

    /// Where this profile's requests go: Twilio's regional hosts when the
    /// profile has a region or an edge (`api.{edge}.{region}.twilio.com`),
    /// unless `SMSCTL_TWILIO_API_URL` / `SMSCTL_TWILIO_MESSAGING_URL`
    /// override them (rehearsals, tests).
    pub fn endpoints(&self) -> Result<crate::twilio::Endpoints, crate::twilio::UrlError> {
        crate::twilio::Endpoints::for_region(self.region.as_deref(), self.edge.as_deref())
    }

    pub fn has_sender(&self) -> bool {
        !self.senders.is_empty()
    }

    /// Check every field's format (a hand-edited file may hold anything).
    fn validate(&self) -> Result<(), String> {
        use crate::validate as v;
        v::account_sid(&self.account_sid).map_err(|e| e.0)?;
        match (self.auth, &self.api_key_sid) {
            (AuthKind::ApiKey, None) => {
                return Err("auth is api-key but api_key_sid is missing".into());
            }
            (_, Some(sk)) => {
                v::api_key_sid(sk).map_err(|e| e.0)?;
            }
            _ => {}
        }
        if let Some(sk) = &self.pending_api_key_sid {
            v::api_key_sid(sk).map_err(|e| e.0)?;
        }
        for s in self.senders.iter() {
            match s {
                Sender::MessagingService(mg) => {
                    v::messaging_service_sid(mg).map_err(|e| e.0)?;
                }
                // Syntax only here: the full check ran when the value was entered.
                Sender::Number(n) => v::e164_syntax(n, "from").map_err(|e| e.0)?,
                Sender::AlphaId(s) => {
                    v::sender_id(s).map_err(|e| e.0)?;
                }
                Sender::WhatsApp(w) => {
                    let n = w.strip_prefix("whatsapp:").ok_or_else(|| {
                        format!("whatsapp_from {w:?} must be written whatsapp:+<number>")
                    })?;
                    v::e164_syntax(n, "whatsapp_from").map_err(|e| e.0)?;
                }
            }
        }
        if let Some(n) = &self.test_to {
            v::e164_syntax(n, "test_to").map_err(|e| e.0)?;
        }
        if let Some(r) = &self.default_region
            && !(r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(format!(
                "default_region {r:?} is not a two-letter region code such as SG"
            ));
        }
        if let Some(r) = &self.region {
            v::twilio_region(r).map_err(|e| e.0)?;
        }
        if let Some(e) = &self.edge {
            v::twilio_edge(e).map_err(|e| e.0)?;
        }
        Ok(())
    }
}

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfilesFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// Top-level keys this version does not know: kept on every rewrite.
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl ProfilesFile {
    pub fn get(&self, label: &str) -> Result<&Profile, ProfileError> {
        self.profiles
            .get(label)
            .ok_or_else(|| self.not_found(label))
    }

    pub fn get_mut(&mut self, label: &str) -> Result<&mut Profile, ProfileError> {
        if !self.profiles.contains_key(label) {
            return Err(self.not_found(label));
        }
        Ok(self.profiles.get_mut(label).expect("checked above"))
    }

    fn not_found(&self, label: &str) -> ProfileError {
        ProfileError::NotFound {
            label: label.to_string(),
            available: self.profiles.keys().cloned().collect(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("{path}:{line}:{column}: cannot read the profiles file: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: profile {label:?}: {message}")]
    Invalid {
        path: PathBuf,
        label: String,
        message: String,
    },
    #[error("no profile named {label:?}{}", available_list(.available))]
    NotFound {
        label: String,
        available: Vec<String>,
    },
    #[error(
        "a profile named {label:?} already exists; pick another label, or use `smsctl creds rotate {label}` / `smsctl creds edit {label}`"
    )]
    Exists { label: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn available_list(labels: &[String]) -> String {
    if labels.is_empty() {
        "; there are no profiles yet (add one with `smsctl creds add`)".to_string()
    } else {
        format!("; profiles: {}", labels.join(", "))
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ProfileError + '_ {
    move |source| ProfileError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The profiles file in one config dir.
#[derive(Debug, Clone)]
pub struct ProfileStore {
    dir: PathBuf,
    path: PathBuf,
}

impl ProfileStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        let path = dir.join(FILE_NAME);
        ProfileStore { dir, path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current contents; a missing file is an empty one.
    pub fn load(&self) -> Result<ProfilesFile, ProfileError> {
        let text = match private_file::read_if_exists(&self.path) {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(ProfilesFile::default()),
            Err(e) => return Err(io_err(&self.path)(e)),
        };
        self.parse(&text)
    }

    fn parse(&self, text: &str) -> Result<ProfilesFile, ProfileError> {
        let file: ProfilesFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ProfileError::Parse {
                path: self.path.clone(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        for (label, p) in &file.profiles {
            crate::validate::label(label)
                .map_err(|e| e.0)
                .and_then(|_| p.validate())
                .map_err(|message| ProfileError::Invalid {
                    path: self.path.clone(),
                    label: label.clone(),
                    message,
                })?;
        }
        Ok(file)
    }

    /// Change the file under an exclusive lock: re-read, apply `f`, write
    /// atomically. If `f` fails, nothing is written.
    pub fn update<R, E>(&self, f: impl FnOnce(&mut ProfilesFile) -> Result<R, E>) -> Result<R, E>
    where
        E: From<ProfileError>,
    {
        let mut locked = self.lock()?;
        let out = f(&mut locked.file)?;
        locked.save()?;
        Ok(out)
    }

    /// Takes the exclusive lock and reads the file, for a change made in
    /// several durable steps ([`Locked::save`]) under one lock.
    pub fn lock(&self) -> Result<Locked<'_>, ProfileError> {
        self.ensure_dir()?;
        let lock = private_file::lock_exclusive(&self.dir.join(LOCK_NAME)).map_err(path_err)?;
        let file = self.load()?;
        Ok(Locked {
            store: self,
            _lock: lock,
            saved: file.clone(),
            file,
        })
    }

    /// Marks (durably, before the keychain is written) that a secret for
    /// `label` is being stored: `.pending-secret.LABEL` in the config dir. The
    /// mark goes ([`ProfileStore::clear_pending`]) once the profile is written,
    /// so one left behind by a crash marks a secret that may have no profile.
    /// Call under the lock.
    pub fn mark_pending(&self, label: &str) -> Result<(), ProfileError> {
        let path = self.dir.join(format!("{PENDING_PREFIX}{label}"));
        let f = open_private(&path).map_err(io_err(&path))?;
        f.sync_all().map_err(io_err(&path))?;
        sync_dir(&self.dir);
        Ok(())
    }

    pub fn clear_pending(&self, label: &str) -> Result<(), ProfileError> {
        let path = self.dir.join(format!("{PENDING_PREFIX}{label}"));
        match fs::remove_file(&path) {
            Ok(()) => {
                sync_dir(&self.dir);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    /// The labels marked by [`ProfileStore::mark_pending`], sorted.
    pub fn pending(&self) -> Vec<String> {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<String> = dir
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_prefix(PENDING_PREFIX).map(str::to_string))
            .filter(|l| crate::validate::label(l).is_ok())
            .collect();
        out.sort();
        out
    }

    /// The lock if it is free right now, without waiting (`None` while another
    /// smsctl changes the file, or if there is no lock file to take).
    pub fn try_lock_now(&self) -> Option<fs::File> {
        let f = fs::File::open(self.dir.join(LOCK_NAME)).ok()?;
        f.try_lock().ok()?;
        Some(f)
    }

    /// Warnings for a config dir or profiles file that other users can reach
    /// (group or other permission bits), each naming the `chmod` that fixes it.
    pub fn loose_permissions(&self) -> Vec<String> {
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut out = Vec::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| {
                fs::metadata(p)
                    .ok()
                    .map(|m| m.permissions().mode() & 0o7777)
            };
            if let Some(m) = mode(&self.dir).filter(|m| m & 0o077 != 0) {
                out.push(format!(
                    "the config dir {} is accessible to other users (mode {m:04o}); fix it with `chmod 700 {}`",
                    self.dir.display(),
                    shell_quote(&self.dir)
                ));
            }
            if let Some(m) = mode(&self.path).filter(|m| m & 0o077 != 0) {
                out.push(format!(
                    "{} is accessible to other users (mode {m:04o}); fix it with `chmod 600 {}`",
                    self.path.display(),
                    shell_quote(&self.path)
                ));
            }
        }
        out
    }

    fn ensure_dir(&self) -> Result<(), ProfileError> {
        private_file::ensure_private_dir(&self.dir).map_err(path_err)
    }

    fn write(&self, file: &ProfilesFile) -> Result<(), ProfileError> {
        let mut text = String::from(
            "# smsctl profiles: metadata only. Secrets are in the OS keychain, never here.\n",
        );
        text.push_str(&toml::to_string_pretty(file).expect("profiles serialize"));
        private_file::write_atomic(&self.dir, &self.path, ".profiles.", text.as_bytes())
            .map_err(path_err)
    }
}

fn path_err((path, source): PathError) -> ProfileError {
    ProfileError::Io { path, source }
}

/// The profiles file, read under the exclusive lock (held until dropped).
pub struct Locked<'a> {
    store: &'a ProfileStore,
    _lock: fs::File,
    saved: ProfilesFile,
    /// The contents; change them, then [`Locked::save`].
    pub file: ProfilesFile,
}

impl Locked<'_> {
    /// Writes the file now if it changed (atomic rename, synced), keeping the lock.
    pub fn save(&mut self) -> Result<(), ProfileError> {
        if self.file != self.saved {
            self.store.write(&self.file)?;
            self.saved = self.file.clone();
        }
        Ok(())
    }
}

/// A path as it can be pasted into a shell.
#[cfg(unix)]
fn shell_quote(p: &Path) -> String {
    let s = p.display().to_string();
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+,:@%".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            account_sid: format!("AC{}", "a".repeat(32)),
            auth: AuthKind::AuthToken,
            api_key_sid: None,
            pending_api_key_sid: None,
            senders: [Sender::Number("+15005550006".into())]
                .into_iter()
                .collect(),
            test_to: None,
            default_region: None,
            region: None,
            edge: None,
            state: State::Ready,
            verified_at: None,
            account_type: None,
            extra: toml::Table::new(),
        }
    }

    #[test]
    fn unknown_keys_survive_a_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        let ac = format!("AC{}", "a".repeat(32));
        fs::write(
            store.path(),
            format!(
                "default = \"a\"\nfuture_top = 7\nwhen = 2025-06-01T09:00:00Z\n\n[settings]\ncolour = \"auto\"\n\n\
                 [profiles.a]\naccount_sid = \"{ac}\"\nauth = \"auth-token\"\nstate = \"ready\"\n\
                 nickname = \"work\"\nlimits = {{ daily = 500 }}\ntags = [\"x\", \"y\"]\n"
            ),
        )
        .unwrap();
        store
            .update(|f| {
                f.default = None;
                f.profiles.get_mut("a").unwrap().test_to = Some("+6591234567".into());
                Ok::<_, ProfileError>(())
            })
            .unwrap();
        let text = fs::read_to_string(store.path()).unwrap();
        let v: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(v["future_top"].as_integer(), Some(7), "{text}");
        assert!(v["when"].as_datetime().is_some(), "{text}");
        assert_eq!(v["settings"]["colour"].as_str(), Some("auto"), "{text}");
        let a = &v["profiles"]["a"];
        assert_eq!(a["nickname"].as_str(), Some("work"), "{text}");
        assert_eq!(a["limits"]["daily"].as_integer(), Some(500), "{text}");
        assert_eq!(a["tags"].as_array().map(Vec::len), Some(2), "{text}");
        assert_eq!(a["test_to"].as_str(), Some("+6591234567"), "{text}");
        assert!(v.get("default").is_none(), "{text}");
        let f = store.load().unwrap();
        assert_eq!(f.profiles["a"].extra.len(), 3);
    }

    #[test]
    fn senders_keep_their_keys_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        let ac = format!("AC{}", "a".repeat(32));
        let mg = format!("MG{}", "b".repeat(32));
        let text = format!(
            "[profiles.a]\naccount_sid = \"{ac}\"\nauth = \"auth-token\"\n\
             messaging_service_sid = \"{mg}\"\nfrom = \"+15005550006\"\nsender_id = \"GovTech\"\n\
             whatsapp_from = \"whatsapp:+14155238886\"\nstate = \"ready\"\nnickname = \"work\"\n"
        );
        fs::write(store.path(), &text).unwrap();
        let f = store.load().unwrap();
        let a = &f.profiles["a"];
        assert_eq!(a.senders.iter().count(), 4);
        assert_eq!(a.senders.messaging_service(), Some(mg.as_str()));
        assert_eq!(a.senders.whatsapp(), Some("whatsapp:+14155238886"));
        assert_eq!(a.extra.len(), 1, "{:?}", a.extra);
        store.update(|_| Ok::<_, ProfileError>(())).unwrap();
        let written = fs::read_to_string(store.path()).unwrap();
        let before: toml::Table = toml::from_str(&text).unwrap();
        let after: toml::Table = toml::from_str(&written).unwrap();
        assert_eq!(before, after, "{written}");
        let keys: Vec<&str> = written
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .collect();
        assert_eq!(
            keys,
            [
                "account_sid",
                "auth",
                "messaging_service_sid",
                "from",
                "sender_id",
                "whatsapp_from",
                "state",
                "nickname"
            ]
        );
    }

    #[test]
    fn state_follows_each_event() {
        let after = |start: State, event: Event| {
            let mut p = profile();
            p.state = start;
            p.record(event);
            p.state
        };
        let ready = || Event::Reverified {
            state: State::Ready,
            account_type: None,
        };
        assert_eq!(after(State::Tested, ready()), State::Tested);
        assert_eq!(after(State::Invalid, ready()), State::Ready);
        let checked = Event::Checked {
            state: State::Ready,
            account_type: None,
        };
        assert_eq!(after(State::Tested, checked), State::Ready);
        assert_eq!(after(State::Ready, Event::Rejected), State::Invalid);
        assert_eq!(after(State::Ready, Event::SenderRefused), State::NoSender);
        assert_eq!(after(State::Ready, Event::TestSent), State::Tested);
        assert_eq!(
            after(State::Tested, Event::SenderUnchecked),
            State::Unverified
        );
        let mut p = profile();
        p.verified_at = Some(jiff::Timestamp::now());
        p.record(Event::SavedUnchecked);
        assert_eq!((p.state, p.verified_at), (State::Unverified, None));
    }

    #[test]
    fn round_trip_and_mode() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path().join("cfg"));
        assert_eq!(store.load().unwrap(), ProfilesFile::default());
        store
            .update(|f| {
                f.profiles.insert("a".into(), profile());
                Ok::<_, ProfileError>(())
            })
            .unwrap();
        let f = store.load().unwrap();
        assert_eq!(f.profiles["a"], profile());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let m = fs::metadata(store.path()).unwrap().permissions().mode();
            assert_eq!(m & 0o777, 0o600);
            let m = fs::metadata(dir.path().join("cfg"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(m & 0o777, 0o700);
        }
    }

    #[test]
    fn parse_error_has_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        fs::write(store.path(), "default = \"a\"\n[profiles.a\nx=1\n").unwrap();
        let e = store.load().unwrap_err().to_string();
        assert!(e.contains("profiles.toml:2:"), "{e}");
    }

    #[test]
    fn failed_update_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        let r: Result<(), ProfileError> = store.update(|f| {
            f.profiles.insert("a".into(), profile());
            Err(ProfileError::Exists { label: "a".into() })
        });
        assert!(r.is_err());
        assert!(!store.path().exists());
    }
}
