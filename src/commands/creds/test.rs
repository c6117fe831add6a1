//! `smsctl creds test`: a real SMS to the user's own number.

use crate::cli::{Channel, SmsSenderArgs};
use crate::context::{Context, Source};
use crate::error::{ExitStatus, UserError};
use crate::phone;
use crate::profile::{Event, ProfilesFile};
use crate::prompt;
use crate::sending::{build_message, parse_to, sending_client};
use crate::twilio::{Message, TwilioError};
use crate::validate;

/// `smsctl creds test [LABEL] [--to]`: a real SMS to the user's own number.
pub(super) async fn creds_test(
    ctx: &Context,
    label: Option<String>,
    to: Option<String>,
    sandbox: bool,
) -> anyhow::Result<ExitStatus> {
    if sandbox {
        let to = to.ok_or_else(|| UserError::missing("the number to send the test to", "--to"))?;
        let to = parse_to(&to, Channel::Sms, None)?;
        let (_sb, client, r) = sending_client(ctx, true, false, &SmsSenderArgs::default()).await?;
        let body = "smsctl test message from profile sandbox".to_string();
        let msg = build_message(&r.senders, None, Channel::Sms, &to, body, &r.source)?;
        let m = client.create_message(&msg).await?;
        print_test(ctx, &m, None);
        return Ok(ExitStatus::Success);
    }
    let store = ctx.store();
    let file = store.load()?;
    let label = match label {
        Some(l) => l,
        None => ctx.selected_label(&file)?,
    };
    let profile = file.get(&label)?.clone();
    let region = profile.region()?;
    let mut save_to = None;
    let to = match (to, &profile.test_to) {
        (Some(t), _) => parse_to(&t, Channel::Sms, region)?,
        (None, Some(t)) => parse_to(t, Channel::Sms, region)?,
        (None, None) => {
            let n = prompt::text(
                ctx.interactive,
                "Your own mobile number for the test (E.164)",
                "--to",
                |s| {
                    phone::parse_number(s, region).map_err(|e| validate::FormatError(e.to_string()))
                },
            )?;
            if prompt::confirm(
                true,
                &format!("Save {n} as the test number of {label}?"),
                "saving the test number",
            )? {
                save_to = Some(n.to_string());
            }
            n
        }
    };
    let body = format!("smsctl test message from profile {label}");
    let source = Source::Profile(label.clone());
    // `creds test` takes no sender flags: its advice names only `creds edit`.
    let msg = build_message(&profile.senders, None, Channel::Sms, &to, body, &source).map_err(
        |e| -> anyhow::Error {
            match e {
                crate::sending::SenderError::NoSender { .. } => UserError::usage(format!(
                    "profile {label} has no SMS sender: add one with `smsctl creds edit {label} --messaging-service MG… | --from +E164 | --sender-id NAME`, then run `smsctl creds test {label}` again"
                ))
                .into(),
                e => e.into(),
            }
        },
    )?;
    let secret = ctx.keychain().require(&label)?;
    let client = ctx.profile_client(&profile, secret)?;
    let record = |event: Event, test_to: Option<String>| {
        store.update(|f: &mut ProfilesFile| -> anyhow::Result<()> {
            let p = f.get_mut(&label)?;
            p.record(event);
            if let Some(t) = test_to {
                p.test_to = Some(t);
            }
            Ok(())
        })
    };
    match client.create_message(&msg).await {
        Ok(m) => {
            record(Event::TestSent, save_to)?;
            print_test(ctx, &m, Some(&label));
            Ok(ExitStatus::Success)
        }
        Err(e @ TwilioError::Api { .. }) if e.is_auth() => {
            record(Event::Rejected, None)?;
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// `label` is None for a sandbox rehearsal.
fn print_test(ctx: &Context, m: &Message, label: Option<&str>) {
    if ctx.printer.json {
        ctx.printer.json(m);
    } else {
        ctx.printer.out(format!("{}\t{}", m.sid, m.status));
        let to = m.to.as_deref().unwrap_or("the test number");
        match label {
            None => ctx.printer.status(format!(
                "test message accepted by the sandbox for {to} (a rehearsal: no profile changed)"
            )),
            Some(label) => ctx.printer.status(format!(
                "test message accepted by Twilio for {to} (profile {label}: tested)"
            )),
        }
    }
}
