//! `smsctl creds …`: add, ls, show, test, rm, verify, import, use, rotate, edit.

mod import;
mod keys;
mod ls;
mod status;
mod test;

pub use keys::KeyError;

use serde::Serialize;

use crate::cli::{AddArgs, AuthKindArg, CredsCommand, EditArgs, RegionArgs, SmsSenderArgs};
use crate::context::{Context, env_credentials};
use crate::env_vars;
use crate::error::{ExitStatus, UserError};
use crate::keychain::{KeychainError, SecretStore};
use crate::output::table;
use crate::profile::{AuthKind, Event, Profile, ProfileError, ProfileStore, ProfilesFile, State};
use crate::prompt;
use crate::secret::Secret;
use crate::sender::{Sender, Senders};
use crate::validate;
use crate::verify::{self, Checked, VerifyError};

pub async fn run(ctx: &Context, cmd: CredsCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        CredsCommand::Add(a) => add(ctx, a).await,
        CredsCommand::Ls { wide } => ls::ls(ctx, wide),
        CredsCommand::Status => status::status(ctx).await,
        CredsCommand::Show { label } => {
            let label = label_or_default(ctx, label)?;
            ls::show(ctx, &label)
        }
        CredsCommand::Test { label, to, sandbox } => {
            test::creds_test(ctx, label, to, sandbox).await
        }
        CredsCommand::Rm { label, yes } => rm(ctx, &label, yes),
        CredsCommand::Verify { label, all } => verify_cmd(ctx, label, all).await,
        CredsCommand::Import {
            file,
            label,
            no_verify,
            default,
        } => import::import(ctx, &file, label, no_verify, default).await,
        CredsCommand::Use { label } => use_(ctx, label),
        CredsCommand::Rename { old, new } => rename(ctx, &old, &new),
        CredsCommand::Rotate {
            label,
            secret_stdin,
            no_verify: _,
            new_key: true,
        } => keys::rotate_new_key(ctx, &label, secret_stdin).await,
        CredsCommand::Rotate {
            label,
            secret_stdin,
            no_verify,
            new_key: false,
        } => rotate(ctx, &label, secret_stdin, no_verify).await,
        CredsCommand::Edit(e) => edit(ctx, e).await,
    }
}

/// The LABEL given, else the profile a command would use: `--profile`,
/// `SMSCTL_PROFILE`, the default.
fn label_or_default(ctx: &Context, label: Option<String>) -> anyhow::Result<String> {
    match label {
        Some(l) => Ok(l),
        None => ctx.selected_label(&ctx.store().load()?),
    }
}

/// Check a profile with Twilio (unless `no_verify`) and stamp its state.
/// A refusal of the credentials is reported without advice to run `creds
/// rotate`, followed by `tail` (what was left as it was).
async fn check_and_stamp(
    ctx: &Context,
    p: &mut Profile,
    secret: &Secret,
    no_verify: bool,
    tail: &str,
) -> anyhow::Result<Vec<String>> {
    if no_verify {
        p.record(Event::SavedUnchecked);
        return Ok(vec![]);
    }
    let client = ctx.profile_client(p, secret.clone())?;
    let Checked {
        state,
        account_type,
        notes,
    } = verify::check(&client, p)
        .await
        .map_err(|e| -> anyhow::Error {
            match keys::rejected(&e, tail) {
                Some(k) => k.into(),
                None => e.into(),
            }
        })?;
    p.record(Event::Checked {
        state,
        account_type,
    });
    Ok(notes)
}

/// The SMS sender the flags name (checked), replacing the profile's.
fn apply_sender_flags(p: &mut Profile, s: &SmsSenderArgs) -> anyhow::Result<bool> {
    let Some(sender) = s.sender()? else {
        return Ok(false);
    };
    p.senders.set_sms(sender);
    Ok(true)
}

fn region(v: &str) -> Result<String, crate::phone::PhoneError> {
    v.parse::<crate::phone::Region>()
        .map(|r| r.code().to_string())
}

fn print_notes(ctx: &Context, notes: &[String]) {
    for n in notes {
        ctx.printer.status(format!("note: {n}"));
    }
}

fn say_saved(ctx: &Context, label: &str, p: &Profile, notes: &[String]) {
    print_notes(ctx, notes);
    let how = match p.state {
        State::Unverified => {
            "saved without checking (state: unverified; check it later with `smsctl creds verify`)"
                .to_string()
        }
        State::NoSender => format!(
            "checked with Twilio and saved (state: no-sender; add a sender with `smsctl creds edit {label} --messaging-service MG… | --from +E164 | --sender-id NAME`)"
        ),
        s => format!("checked with Twilio and saved (state: {s})"),
    };
    ctx.printer.status(format!("profile {label}: {how}"));
}

/// The region and edge flags, checked, onto the profile.
fn apply_region_flags(p: &mut Profile, r: &RegionArgs) -> anyhow::Result<()> {
    if let Some(v) = &r.region {
        p.region = Some(validate::twilio_region(v).map_err(|e| e.at("--region"))?);
    }
    if let Some(v) = &r.edge {
        p.edge = Some(validate::twilio_edge(v).map_err(|e| e.at("--edge"))?);
    }
    Ok(())
}

/// A number for `--test-to`: E.164, or local to `region`.
fn test_number(v: &str, region: Option<&str>) -> anyhow::Result<String> {
    let region = region.map(str::parse::<crate::phone::Region>).transpose()?;
    crate::phone::parse_number(v, region)
        .map(|n| n.to_string())
        .map_err(|e| validate::FormatError(format!("--test-to: {e}")).into())
}

async fn add(ctx: &Context, a: AddArgs) -> anyhow::Result<ExitStatus> {
    let i = ctx.interactive;
    let label = match &a.label {
        Some(l) => validate::label(l)?,
        None => prompt::text(i, "Profile label", "a LABEL argument", validate::label)?,
    };
    // Refuse a taken label before asking for anything else.
    if ctx.store().load()?.profiles.contains_key(&label) {
        return Err(ProfileError::Exists { label }.into());
    }
    // TWILIO_* variables: said when used; at a terminal, asked first.
    let env_ac = env_vars::var(env_vars::TWILIO_ACCOUNT_SID);
    let use_env = match (&env_ac, &a.account_sid) {
        (Some(ac), None) if i => prompt::ask(
            &format!(
                "TWILIO_ACCOUNT_SID={ac} is set: use the TWILIO_* credentials of the environment?"
            ),
            true,
        )?,
        _ => true,
    };
    let env = |name: &str| if use_env { env_vars::var(name) } else { None };
    let mut from_env: Vec<&str> = Vec::new();
    let account_sid = match (a.account_sid.clone(), env(env_vars::TWILIO_ACCOUNT_SID)) {
        (Some(v), _) => validate::account_sid(&v).map_err(|e| e.at("--account-sid"))?,
        (None, Some(v)) => {
            from_env.push(env_vars::TWILIO_ACCOUNT_SID);
            validate::account_sid(&v).map_err(|e| e.at(env_vars::TWILIO_ACCOUNT_SID))?
        }
        (None, None) => prompt::text(
            i,
            "Account SID (AC…)",
            "--account-sid",
            validate::account_sid,
        )?,
    };
    let api_key_env = env(env_vars::TWILIO_API_KEY).filter(|_| !a.mint_api_key);
    let auth = match (&a.auth_kind, &a.api_key, &api_key_env) {
        (_, _, _) if a.mint_api_key => AuthKind::AuthToken,
        (Some(AuthKindArg::AuthToken), Some(_), _) => {
            return Err(UserError::usage(
                "--api-key goes with --auth-kind api-key, not auth-token",
            )
            .into());
        }
        (Some(AuthKindArg::AuthToken), _, _) => AuthKind::AuthToken,
        (Some(AuthKindArg::ApiKey), _, _) | (None, Some(_), _) | (None, None, Some(_)) => {
            AuthKind::ApiKey
        }
        (None, None, None) => prompt::auth_kind(i)?,
    };
    if a.mint_api_key && a.auth_kind == Some(AuthKindArg::ApiKey) {
        return Err(UserError::usage(
            "--mint-api-key creates the key with the Auth Token: drop --auth-kind api-key",
        )
        .into());
    }
    let api_key_sid = match auth {
        AuthKind::AuthToken => None,
        AuthKind::ApiKey => Some(
            match a
                .api_key
                .clone()
                .map(|v| (v, "--api-key"))
                .or(api_key_env.map(|v| (v, env_vars::TWILIO_API_KEY)))
            {
                Some((v, src)) => {
                    if src == env_vars::TWILIO_API_KEY {
                        from_env.push(src);
                    }
                    validate::api_key_sid(&v).map_err(|e| e.at(src))?
                }
                None => prompt::text(i, "API Key SID (SK…)", "--api-key", validate::api_key_sid)?,
            },
        ),
    };
    let mut p = Profile::new(account_sid, auth, api_key_sid, Senders::default());
    let flagged = apply_sender_flags(&mut p, &a.sender)?;
    if let Some(w) = &a.whatsapp_from {
        p.senders
            .insert(Sender::WhatsApp(validate::whatsapp_from(w)?));
    }
    if !flagged && a.whatsapp_from.is_none() {
        // The environment's sender, as environment credentials would send.
        for (name, make) in [
            (
                env_vars::TWILIO_MESSAGING_SERVICE_SID,
                (|v: &str| validate::messaging_service_sid(v).map(Sender::MessagingService))
                    as fn(&str) -> Result<Sender, validate::FormatError>,
            ),
            (env_vars::TWILIO_PHONE_NUMBER, |v| {
                validate::e164(v, env_vars::TWILIO_PHONE_NUMBER)
                    .map(|n| Sender::Number(n.to_string()))
            }),
            (env_vars::TWILIO_SENDER_ID, |v| {
                validate::sender_id(v).map(Sender::AlphaId)
            }),
            (env_vars::TWILIO_WHATSAPP_FROM, |v| {
                validate::whatsapp_from(v).map(Sender::WhatsApp)
            }),
        ] {
            if let Some(v) = env(name) {
                p.senders.insert(make(&v).map_err(|e| e.at(name))?);
                from_env.push(name);
            }
        }
        if p.senders.is_empty() && i {
            prompt_sender(&mut p)?;
        }
    }
    if let Some(r) = &a.default_region {
        p.default_region = Some(region(r)?);
    }
    apply_region_flags(&mut p, &a.twilio_region)?;
    p.test_to = match &a.test_to {
        Some(t) => Some(test_number(t, p.default_region.as_deref())?),
        None if i => {
            let region = p.region()?;
            prompt::optional(
                "Your own mobile for test messages (E.164, empty to skip)",
                |s| {
                    crate::phone::parse_number(s, region)
                        .map(|n| n.to_string())
                        .map_err(|e| validate::FormatError(e.to_string()))
                },
            )?
        }
        None => None,
    };
    let env_secret = match auth {
        AuthKind::ApiKey => env_vars::TWILIO_API_SECRET,
        AuthKind::AuthToken => env_vars::TWILIO_AUTH_TOKEN,
    };
    let env_secret_set = use_env && !a.secret_stdin && env_vars::var(env_secret).is_some();
    if env_secret_set {
        from_env.push(env_secret);
    }
    // Named in the error without a terminal, even when unset.
    let env_secret_name = use_env.then_some(env_secret);
    if !from_env.is_empty() {
        ctx.printer.status(format!(
            "using {} from the environment",
            from_env.join(", ")
        ));
    }
    let typed = i && !a.secret_stdin && !env_secret_set;
    let mut secret = prompt::secret(i, auth, a.secret_stdin, env_secret_name)?;
    // At a terminal, offer to keep only an API key when an Auth Token was typed.
    let mint = a.mint_api_key
        || (typed
            && auth == AuthKind::AuthToken
            && !a.no_verify
            && a.auth_kind.is_none()
            && prompt::ask(
                "Create an API key for smsctl and store only its secret, not the Auth Token (recommended)?",
                true,
            )?);
    if a.no_verify {
        p.record(Event::SavedUnchecked);
        save_new(ctx, &label, p.clone(), &secret, a.default)?;
        say_saved(ctx, &label, &p, &[]);
        return Ok(ExitStatus::Success);
    }
    // The checks; at a terminal a failing field is asked again, with the reason.
    let checked = loop {
        let client = ctx.profile_client(&p, secret.clone())?;
        match verify::check(&client, &p).await {
            Ok(c) => break c,
            Err(VerifyError::Credentials(t)) if typed => {
                ctx.printer
                    .status(format!("✗ {}", t.without_rotate_advice()));
                ctx.printer.status(format!(
                    "Type the {} of {} again (Ctrl-C to stop; nothing is saved yet)",
                    auth.secret_name(),
                    p.account_sid
                ));
                secret = prompt::secret(true, auth, false, None)?;
            }
            Err(VerifyError::Sender(m)) if i => {
                ctx.printer.status(format!("✗ {m}"));
                ctx.printer
                    .status("Choose the sender again (nothing is saved yet)");
                p.senders = Senders::default();
                prompt_sender(&mut p)?;
            }
            Err(e) => {
                return Err(match keys::rejected(&e, "nothing was saved") {
                    Some(k) => k.into(),
                    None => e.into(),
                });
            }
        }
    };
    let (p, secret, checked) = if mint {
        let token_client = ctx.profile_client(&p, secret.clone())?;
        let (keyed, key_secret, key_checked) = keys::mint(ctx, &token_client, &label, &p).await?;
        ctx.printer.status(format!(
            "created API key {} (\"{}\"); only its secret is stored, not the Auth Token",
            keyed.api_key_sid.as_deref().unwrap_or(""),
            keys::friendly_name(&label)
        ));
        let mut c = key_checked;
        c.account_type = checked.account_type.clone().or(c.account_type);
        (keyed, key_secret, c)
    } else {
        (p, secret, checked)
    };
    let mut p = p;
    p.record(Event::Checked {
        state: checked.state,
        account_type: checked.account_type,
    });
    save_new(ctx, &label, p.clone(), &secret, a.default)?;
    say_saved(ctx, &label, &p, &checked.notes);
    Ok(ExitStatus::Success)
}

fn prompt_sender(p: &mut Profile) -> anyhow::Result<()> {
    let items = [
        "Messaging Service (MG…) — recommended",
        "Phone number of the account (+E.164)",
        "Alphanumeric sender ID",
        "WhatsApp sender (whatsapp:+E.164)",
        "None for now",
    ];
    match prompt::select("Send from", &items, 0)? {
        0 => p.senders.insert(Sender::MessagingService(prompt::text(
            true,
            "Messaging Service SID (MG…)",
            "--messaging-service",
            validate::messaging_service_sid,
        )?)),
        1 => p.senders.insert(Sender::Number(prompt::text(
            true,
            "Phone number (E.164)",
            "--from",
            |s| validate::e164(s, "--from").map(|n| n.to_string()),
        )?)),
        2 => p.senders.insert(Sender::AlphaId(prompt::text(
            true,
            "Sender ID",
            "--sender-id",
            validate::sender_id,
        )?)),
        3 => p.senders.insert(Sender::WhatsApp(prompt::text(
            true,
            "WhatsApp sender",
            "--whatsapp-from",
            validate::whatsapp_from,
        )?)),
        _ => {}
    }
    Ok(())
}

/// Store a new profile, all under the file lock: a pending mark for the label
/// is written (durably), then the secret goes to the keychain, then the
/// profile, then the mark is cleared. A crash (kill -9) between the keychain
/// and the profile write leaves the mark, so a secret without a profile is
/// always marked; this run first removes the secrets of marks left by earlier
/// runs (their writers are gone, or they would hold the lock). A taken label
/// saves nothing.
fn save_new(
    ctx: &Context,
    label: &str,
    p: Profile,
    secret: &Secret,
    make_default: bool,
) -> anyhow::Result<()> {
    let keychain = ctx.keychain();
    let store = ctx.store();
    let mut locked = store.lock()?;
    remove_orphans(ctx, &store, &locked.file, &keychain)?;
    if locked.file.profiles.contains_key(label) {
        return Err(ProfileError::Exists {
            label: label.into(),
        }
        .into());
    }
    store.mark_pending(label)?;
    if let Err(e) = keychain.set(label, secret) {
        // A keychain that did not answer may still store it: keep the mark.
        if !matches!(e, KeychainError::Timeout { .. }) {
            let _ = store.clear_pending(label);
        }
        return Err(e.into());
    }
    let f = &mut locked.file;
    f.profiles.insert(label.to_string(), p);
    if make_default || f.default.is_none() {
        f.default = Some(label.to_string());
    }
    locked.save()?;
    store.clear_pending(label)?;
    Ok(())
}

/// Removes the keychain secrets that interrupted `creds add` runs left without
/// a profile (see [`save_new`]), and their marks. Call under the lock.
fn remove_orphans(
    ctx: &Context,
    store: &ProfileStore,
    file: &ProfilesFile,
    keychain: &impl SecretStore,
) -> anyhow::Result<()> {
    for label in store.pending() {
        // A mark next to a profile is not an orphan: the secret is the profile's.
        if !file.profiles.contains_key(&label) && keychain.delete(&label)? {
            ctx.printer.warn(format!(
                "removed the keychain secret of {label}: an interrupted `smsctl creds add {label}` left it without a profile"
            ));
        }
        store.clear_pending(&label)?;
    }
    Ok(())
}

/// Labels whose `creds add` was interrupted: the keychain may hold a secret for
/// them with no profile. Read under the lock, taken without waiting: while a
/// `creds add` holds it, its own mark is not an orphan (nothing is reported).
fn orphan_labels(ctx: &Context) -> Vec<String> {
    let store = ctx.store();
    if store.pending().is_empty() {
        return Vec::new();
    }
    let Some(_lock) = store.try_lock_now() else {
        return Vec::new();
    };
    let Ok(file) = store.load() else {
        return Vec::new();
    };
    store
        .pending()
        .into_iter()
        .filter(|l| !file.profiles.contains_key(l))
        .collect()
}

fn rm(ctx: &Context, label: &str, yes: bool) -> anyhow::Result<ExitStatus> {
    let file = ctx.store().load()?;
    if !file.profiles.contains_key(label) && ctx.store().pending().iter().any(|l| l == label) {
        return rm_orphan(ctx, label);
    }
    let p = file.get(label)?;
    if !yes {
        let q = format!(
            "Delete profile {label} ({})? This cannot be undone.",
            p.account_sid
        );
        if !prompt::confirm(ctx.interactive, &q, &format!("deleting profile {label}"))? {
            // Answering No is not a failure.
            ctx.printer.status("nothing deleted");
            return Ok(ExitStatus::Success);
        }
    }
    let keychain = ctx.keychain();
    let had_secret = ctx
        .store()
        .update(|f: &mut ProfilesFile| -> anyhow::Result<bool> {
            f.get(label)?;
            // The keychain first: if it cannot be reached, the metadata stays, so
            // no secret is left behind without a profile pointing at it.
            let had = keychain.delete(label)?;
            f.profiles.remove(label);
            if f.default.as_deref() == Some(label) {
                f.default = None;
            }
            Ok(had)
        })?;
    if !had_secret {
        ctx.printer.warn(format!(
            "the keychain had no secret for {label} (already removed); the profile is removed"
        ));
    }
    ctx.printer.status(format!("profile {label} deleted"));
    Ok(ExitStatus::Success)
}

/// `creds rm LABEL` for a label an interrupted `creds add` left: its secret
/// (if the keychain has one) and the marker go; there is no profile to confirm.
fn rm_orphan(ctx: &Context, label: &str) -> anyhow::Result<ExitStatus> {
    let keychain = ctx.keychain();
    let store = ctx.store();
    let locked = store.lock()?;
    if locked.file.profiles.contains_key(label) {
        return Err(UserError::failed(format!(
            "profile {label} was just added by another smsctl; run the command again to delete it"
        ))
        .into());
    }
    let had = keychain.delete(label)?;
    store.clear_pending(label)?;
    drop(locked);
    ctx.printer.status(if had {
        format!("removed the keychain secret of {label} (it had no profile)")
    } else {
        format!("the keychain had no secret for {label}; nothing is left of it")
    });
    Ok(ExitStatus::Success)
}

fn use_(ctx: &Context, label: Option<String>) -> anyhow::Result<ExitStatus> {
    let label = match label {
        Some(l) => l,
        None => {
            let file = ctx.store().load()?;
            if !ctx.interactive {
                return Err(UserError::missing(
                    "the profile to make the default",
                    "a LABEL argument (`smsctl creds use LABEL`)",
                )
                .into());
            }
            let labels: Vec<&String> = file.profiles.keys().collect();
            if labels.is_empty() {
                return Err(UserError::usage(
                    "there are no profiles yet: add one with `smsctl creds add`",
                )
                .into());
            }
            let items: Vec<String> = file
                .profiles
                .iter()
                .map(|(l, p)| {
                    let mark = if file.default.as_deref() == Some(l) {
                        " (default)"
                    } else {
                        ""
                    };
                    format!("{l}  {} {}{mark}", p.account_sid, p.state)
                })
                .collect();
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            let at = file
                .default
                .as_ref()
                .and_then(|d| labels.iter().position(|l| *l == d))
                .unwrap_or(0);
            labels[prompt::select("Default profile", &items, at)?].clone()
        }
    };
    let label = label.as_str();
    ctx.store()
        .update(|f: &mut ProfilesFile| -> anyhow::Result<()> {
            f.get(label)?;
            f.default = Some(label.to_string());
            Ok(())
        })?;
    ctx.printer
        .status(format!("profile {label} is now the default"));
    Ok(ExitStatus::Success)
}

/// `creds rename OLD NEW`, crash-safe: the secret is copied to NEW (marked
/// pending, so a crash leaves no unmarked orphan), then the profile is
/// written under NEW, then OLD's entry is deleted (marked pending too, so one
/// left by a crash is cleaned up by the next `creds add` like any orphan).
fn rename(ctx: &Context, old: &str, new: &str) -> anyhow::Result<ExitStatus> {
    let new = validate::label(new)?;
    let keychain = ctx.keychain();
    let store = ctx.store();
    let mut locked = store.lock()?;
    locked.file.get(old)?;
    if old == new {
        return Err(UserError::usage(format!("profile {old} already has that name")).into());
    }
    if locked.file.profiles.contains_key(&new) {
        return Err(ProfileError::Exists { label: new }.into());
    }
    let secret = keychain.get(old)?;
    if let Some(s) = &secret {
        store.mark_pending(&new)?;
        if let Err(e) = keychain.set(&new, s) {
            if !matches!(e, KeychainError::Timeout { .. }) {
                let _ = store.clear_pending(&new);
            }
            return Err(e.into());
        }
        store.mark_pending(old)?;
    }
    let f = &mut locked.file;
    let p = f.profiles.remove(old).expect("checked above");
    f.profiles.insert(new.clone(), p);
    if f.default.as_deref() == Some(old) {
        f.default = Some(new.clone());
    }
    if let Err(e) = locked.save() {
        if secret.is_some() {
            let _ = keychain.delete(&new);
            let _ = store.clear_pending(&new);
            let _ = store.clear_pending(old);
        }
        return Err(e.into());
    }
    store.clear_pending(&new)?;
    if secret.is_some() {
        keychain.delete(old)?;
        store.clear_pending(old)?;
    } else {
        ctx.printer.warn(format!(
            "the keychain had no secret for {old}; store one with `smsctl creds rotate {new}`"
        ));
    }
    drop(locked);
    ctx.printer.status(format!(
        "profile {old} is now {new} (its keychain entry moved with it)"
    ));
    Ok(ExitStatus::Success)
}

async fn rotate(
    ctx: &Context,
    label: &str,
    secret_stdin: bool,
    no_verify: bool,
) -> anyhow::Result<ExitStatus> {
    let mut p = ctx.store().load()?.get(label)?.clone();
    let secret = prompt::secret(ctx.interactive, p.auth, secret_stdin, None)?;
    let notes = check_and_stamp(
        ctx,
        &mut p,
        &secret,
        no_verify,
        &format!("the stored secret of {label} is unchanged"),
    )
    .await?;
    let keychain = ctx.keychain();
    ctx.store()
        .update(|f: &mut ProfilesFile| -> anyhow::Result<()> {
            let cur = f.get_mut(label)?;
            keychain.set(label, &secret)?;
            cur.copy_check(&p);
            Ok(())
        })?;
    print_notes(ctx, &notes);
    ctx.printer.status(format!(
        "profile {label}: new {} stored (state: {})",
        p.auth.secret_name(),
        p.state
    ));
    Ok(ExitStatus::Success)
}

async fn edit(ctx: &Context, e: EditArgs) -> anyhow::Result<ExitStatus> {
    let label = label_or_default(ctx, e.label.clone())?;
    let label = label.as_str();
    let before = ctx.store().load()?.get(label)?.clone();
    let mut p = before.clone();
    let mut sender_changed = apply_sender_flags(&mut p, &e.sender)?;
    if e.clear_sender {
        p.senders.clear_sms();
        sender_changed = true;
    }
    if let Some(w) = &e.whatsapp_from {
        p.senders
            .insert(Sender::WhatsApp(validate::whatsapp_from(w)?));
        sender_changed = true;
    }
    if let Some(r) = &e.default_region {
        p.default_region = Some(region(r)?);
    }
    if let Some(t) = &e.test_to {
        // A local number is read in the profile's region.
        p.test_to = Some(test_number(t, p.default_region.as_deref())?);
    }
    apply_region_flags(&mut p, &e.twilio_region)?;
    let moved = p.region != before.region || p.edge != before.edge;
    if p == before {
        return Err(UserError::usage(
            "nothing to change: pass --messaging-service, --from, --sender-id, --whatsapp-from, --clear-sender, --test-to, --default-region, --region or --edge",
        )
        .into());
    }
    if moved && !e.no_verify && !matches!(before.state, State::Unverified | State::Invalid) {
        // Another region is another API host: check the credentials there.
        let secret = ctx.keychain().require(label)?;
        let client = ctx.profile_client(&p, secret)?;
        let c = verify::check(&client, &p).await?;
        p.record(Event::Reverified {
            state: c.state,
            account_type: c.account_type,
        });
        sender_changed = false;
        print_notes(ctx, &c.notes);
    }
    let mut notes = Vec::new();
    if sender_changed {
        if e.no_verify {
            p.record(Event::SenderUnchecked);
        } else if matches!(before.state, State::Unverified | State::Invalid) {
            // Credentials never confirmed: the new sender is saved, the state stays.
        } else {
            let secret = ctx.keychain().require(label)?;
            let client = ctx.profile_client(&p, secret)?;
            let checked = verify::check_senders(&client, &p).await?;
            p.record(Event::SenderChecked {
                state: checked.state,
            });
            notes = checked.notes;
        }
    }
    ctx.store()
        .update(|f: &mut ProfilesFile| -> anyhow::Result<()> {
            *f.get_mut(label)? = p.clone();
            Ok(())
        })?;
    print_notes(ctx, &notes);
    ctx.printer
        .status(format!("profile {label} updated (state: {})", p.state));
    Ok(ExitStatus::Success)
}

#[derive(Serialize)]
struct VerifyRow {
    label: String,
    ok: bool,
    state: String,
    message: String,
}

async fn verify_cmd(ctx: &Context, label: Option<String>, all: bool) -> anyhow::Result<ExitStatus> {
    let file = ctx.store().load()?;
    let labels: Vec<String> = if all {
        file.profiles.keys().cloned().collect()
    } else {
        let l = match label {
            Some(l) => l,
            None => ctx.selected_label(&file)?,
        };
        file.get(&l)?;
        vec![l]
    };
    if labels.is_empty() {
        ctx.printer.status("no profiles to verify");
        return Ok(ExitStatus::Success);
    }
    let keychain = ctx.keychain();
    let mut rows = Vec::new();
    let mut worst = ExitStatus::Success;
    for label in labels {
        let mut p = file.get(&label)?.clone();
        let result: anyhow::Result<Vec<String>> = async {
            let secret = keychain.require(&label)?;
            if let Some(note) = keys::settle_pending(ctx, &label, &mut p, &secret).await {
                ctx.printer.warn(note);
            }
            let client = ctx.profile_client(&p, secret)?;
            match verify::check(&client, &p).await {
                Ok(c) => {
                    p.record(Event::Reverified {
                        state: c.state,
                        account_type: c.account_type,
                    });
                    Ok(c.notes)
                }
                Err(VerifyError::Credentials(t)) => {
                    p.record(Event::Rejected);
                    Err(t.into())
                }
                Err(VerifyError::Sender(m)) => {
                    p.record(Event::SenderRefused);
                    Err(UserError::failed(m).into())
                }
                Err(e) => Err(e.into()),
            }
        }
        .await;
        let state = p.state;
        ctx.store()
            .update(|f: &mut ProfilesFile| -> anyhow::Result<()> {
                if let Ok(cur) = f.get_mut(&label) {
                    cur.copy_check(&p);
                }
                Ok(())
            })?;
        match result {
            Ok(notes) => rows.push(VerifyRow {
                label,
                ok: true,
                state: state.to_string(),
                message: if notes.is_empty() {
                    "ok".into()
                } else {
                    notes.join("; ")
                },
            }),
            Err(e) => {
                let status = crate::error::exit_status(&e);
                worst = match (worst, status) {
                    (ExitStatus::CredentialsRejected, _) | (_, ExitStatus::CredentialsRejected) => {
                        ExitStatus::CredentialsRejected
                    }
                    _ => ExitStatus::Failure,
                };
                rows.push(VerifyRow {
                    label,
                    ok: false,
                    state: state.to_string(),
                    message: format!("{e:#}"),
                });
            }
        }
    }
    if ctx.printer.json {
        ctx.printer.json(&rows);
    } else {
        let mut t = table(&["LABEL", "RESULT", "STATE", "DETAIL"]);
        for r in &rows {
            t.add_row(vec![
                r.label.clone(),
                if r.ok { "ok" } else { "FAILED" }.into(),
                r.state.clone(),
                r.message.clone(),
            ]);
        }
        ctx.printer.out(t.to_string());
    }
    Ok(worst)
}
