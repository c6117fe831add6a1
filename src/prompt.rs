//! Prompts (dialoguer, on stderr) — and the rule that without a terminal a
//! missing value is an error naming the flag, never a prompt.

use std::io::Read;

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Password, Select};

use crate::error::UserError;
use crate::profile::AuthKind;
use crate::secret::Secret;
use crate::validate::{self, FormatError};

fn theme() -> ColorfulTheme {
    ColorfulTheme::default()
}

fn io(e: dialoguer::Error) -> anyhow::Error {
    anyhow::anyhow!("cannot read from the terminal: {e}")
}

/// Ask for a value, re-prompting while `check` rejects it.
pub fn text<T>(
    interactive: bool,
    prompt: &str,
    flag: &str,
    check: impl Fn(&str) -> Result<T, FormatError>,
) -> anyhow::Result<T> {
    if !interactive {
        return Err(UserError::missing(prompt, flag).into());
    }
    let s: String = Input::with_theme(&theme())
        .with_prompt(prompt)
        .validate_with(|s: &String| check(s).map(|_| ()).map_err(|e| e.0))
        .interact_text()
        .map_err(io)?;
    Ok(check(&s)?)
}

/// An optional value: empty input means none.
pub fn optional<T>(
    prompt: &str,
    check: impl Fn(&str) -> Result<T, FormatError>,
) -> anyhow::Result<Option<T>> {
    let s: String = Input::with_theme(&theme())
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(|s: &String| {
            if s.trim().is_empty() {
                Ok(())
            } else {
                check(s).map(|_| ()).map_err(|e| e.0)
            }
        })
        .interact_text()
        .map_err(io)?;
    if s.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(check(&s)?))
    }
}

pub fn select(prompt: &str, items: &[&str], default: usize) -> anyhow::Result<usize> {
    Select::with_theme(&theme())
        .with_prompt(prompt)
        .items(items)
        .default(default)
        .interact()
        .map_err(io)
}

/// Yes/no, default No. Without a terminal: refuse, naming `--yes`.
pub fn confirm(interactive: bool, prompt: &str, what: &str) -> anyhow::Result<bool> {
    if !interactive {
        return Err(UserError::usage(format!(
            "{what} needs confirmation and there is no terminal to ask on; pass --yes"
        ))
        .into());
    }
    Confirm::with_theme(&theme())
        .with_prompt(prompt)
        .default(false)
        .interact()
        .map_err(io)
}

/// Where a secret may come from, in order: `--secret-stdin`, the environment
/// variable for this kind of auth, a hidden prompt.
pub fn secret(
    interactive: bool,
    kind: AuthKind,
    from_stdin: bool,
    env_var: Option<&str>,
) -> anyhow::Result<Secret> {
    let what = kind.secret_name();
    if from_stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| anyhow::anyhow!("cannot read the {what} from standard input: {e}"))?;
        let s = Secret::new(s.trim().to_string());
        if s.expose().is_empty() {
            return Err(UserError::usage(format!(
                "--secret-stdin: standard input is empty; pipe the {what} in, e.g. `printf %s \"$TOKEN\" | smsctl creds add … --secret-stdin`"
            ))
            .into());
        }
        validate::secret(s.expose(), what)
            .map_err(|e| UserError::usage(format!("--secret-stdin: {e}")))?;
        return Ok(s);
    }
    if let Some(name) = env_var
        && let Some(v) = crate::env_vars::var(name)
    {
        validate::secret(&v, what).map_err(|e| UserError::usage(format!("{name}: {e}")))?;
        return Ok(Secret::new(v));
    }
    if !interactive {
        let env_hint = env_var.map(|n| format!(" or set {n}")).unwrap_or_default();
        return Err(UserError::usage(format!(
            "the {what} is missing and there is no terminal to ask on; pass --secret-stdin{env_hint} (a secret is never accepted as a flag value)"
        ))
        .into());
    }
    let s = Password::with_theme(&theme())
        .with_prompt(format!("{what} (hidden)"))
        .validate_with(|s: &String| validate::secret(s.trim(), what).map_err(|e| e.0))
        .interact()
        .map_err(io)?;
    Ok(Secret::new(s.trim().to_string()))
}

pub fn auth_kind(interactive: bool) -> anyhow::Result<AuthKind> {
    if !interactive {
        return Ok(AuthKind::AuthToken);
    }
    let i = select(
        "Authenticate with",
        &[
            "API key (SK… and its secret) — recommended",
            "Auth Token (the account's master secret)",
        ],
        0,
    )?;
    Ok(if i == 0 {
        AuthKind::ApiKey
    } else {
        AuthKind::AuthToken
    })
}

/// Yes/no at a terminal with the given default (the caller checked that
/// there is one).
pub fn ask(prompt: &str, default: bool) -> anyhow::Result<bool> {
    Confirm::with_theme(&theme())
        .with_prompt(prompt)
        .default(default)
        .interact()
        .map_err(io)
}
