//! `smsctl creds import FILE`: a profile from a dotenv file's TWILIO_* variables.

use std::path::Path;

use anyhow::Context as _;

use super::{check_and_stamp, save_new, say_saved};
use crate::context::{Context, CredentialVars, VarsError, credential_vars};
use crate::error::{ExitStatus, UserError};
use crate::profile::{Profile, ProfileError};
use crate::prompt;
use crate::validate;

/// A dotenv file's variables, with the line each came from.
fn parse_dotenv(path: &Path) -> anyhow::Result<Vec<(String, String, usize)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))
        .map_err(|e| UserError::usage(format!("{e:#}")))?;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            return Err(UserError::usage(format!(
                "{}:{}: expected NAME=value",
                path.display(),
                i + 1
            ))
            .into());
        };
        let v = v.trim();
        let v = match v.chars().next() {
            // A quoted value ends at its closing quote; anything after it
            // (a ` # comment`) is not part of it.
            Some(q @ ('"' | '\'')) => match v[1..].find(q) {
                Some(end) => &v[1..1 + end],
                None => {
                    return Err(UserError::usage(format!(
                        "{}:{}: {} has an opening {q} without a closing one",
                        path.display(),
                        i + 1,
                        k.trim()
                    ))
                    .into());
                }
            },
            _ => v.split(" #").next().unwrap_or(v).trim_end(),
        };
        out.push((k.trim().to_string(), v.to_string(), i + 1));
    }
    Ok(out)
}

pub(super) async fn import(
    ctx: &Context,
    path: &Path,
    label: Option<String>,
    no_verify: bool,
    make_default: bool,
) -> anyhow::Result<ExitStatus> {
    let vars = parse_dotenv(path)?;
    let get = |name: &str| {
        vars.iter()
            .rev()
            .find(|(k, v, _)| k == name && !v.is_empty())
    };
    let vars = credential_vars(|name| get(name).map(|(_, v, _)| v.clone()), true).map_err(|e| {
        UserError::usage(match e {
            VarsError::Bad(name, e) => {
                let line = get(name).map(|(_, _, l)| *l).unwrap_or(0);
                // The message names the variable and the problem, never a secret's value.
                format!("{}:{line}: {name}: {e}", path.display())
            }
            VarsError::KeyWithoutSecret | VarsError::NoSecret => format!(
                "{}: no secret; the file needs TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET",
                path.display()
            ),
        })
    })?;
    let Some(CredentialVars {
        account_sid,
        auth,
        api_key_sid,
        secret,
        senders,
    }) = vars
    else {
        return Err(UserError::usage(format!(
            "{}: no TWILIO_ACCOUNT_SID; the file needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET)",
            path.display()
        ))
        .into());
    };
    let mut p = Profile::new(account_sid, auth, api_key_sid, senders);
    let label = match label {
        Some(l) => validate::label(&l)?,
        None => prompt::text(ctx.interactive, "Profile label", "--label", validate::label)?,
    };
    if ctx.store().load()?.profiles.contains_key(&label) {
        return Err(ProfileError::Exists { label }.into());
    }
    let notes = check_and_stamp(ctx, &mut p, &secret, no_verify, "nothing was saved").await?;
    save_new(ctx, &label, p.clone(), &secret, make_default)?;
    say_saved(ctx, &label, &p, &notes);
    ctx.printer.warn(format!(
        "{} still holds the {} in plain text; now that it is in the keychain, delete it from that file",
        path.display(),
        auth.secret_name()
    ));
    Ok(ExitStatus::Success)
}
