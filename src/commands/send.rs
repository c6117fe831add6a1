//! `smsctl send`: one message.

use std::io::{IsTerminal, Read};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::cli::{Channel, SendArgs};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::message_options;
use crate::phone;
use crate::sender::Sender;
use crate::sending::{
    build_message, fetch_content, message_options, parse_to, region_flag, require_schedulable,
    sending_client,
};
use crate::sms::{self, Segments};
use crate::twilio::{Client, Message, docs_url, explain};

fn read_body(a: &SendArgs) -> anyhow::Result<String> {
    let body = if let Some(b) = &a.body {
        b.clone()
    } else if let Some(f) = &a.body_file {
        std::fs::read_to_string(f)
            .map_err(|e| UserError::usage(format!("--body-file {}: {e}", f.display())))?
    } else if !std::io::stdin().is_terminal() {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the message body from standard input")?;
        s
    } else {
        return Err(UserError::usage(
            "no message body: pass --body TEXT or --body-file FILE, or pipe it on standard input",
        )
        .into());
    };
    // A file or pipe usually ends with one newline that is not part of the message.
    let body = body.strip_suffix('\n').unwrap_or(&body);
    let body = body.strip_suffix('\r').unwrap_or(body);
    Ok(body.to_string())
}

pub async fn run(ctx: &Context, a: SendArgs) -> anyhow::Result<ExitStatus> {
    // Everything about the input is checked before credentials are touched.
    let options = message_options(&a.message, &a.content_var)?;
    let content_vars = message_options::content_vars(&a.content_var, "VALUE")?;
    let media_only = a.body.is_none() && a.body_file.is_none() && !options.media_urls.is_empty();
    let body = if options.content_sid.is_some() || media_only {
        String::new()
    } else {
        read_body(&a)?
    };
    let seg = if body.is_empty() && (options.content_sid.is_some() || media_only) {
        sms::analyze("")
    } else {
        sms::check_body(&body)?
    };
    if let Some(at) = options.send_at {
        message_options::check_window(at, jiff::Timestamp::now(), Duration::ZERO, 1)?;
    }
    let region_flag = region_flag(a.default_region.as_deref())?;
    let (_sandbox, client, resolved) = sending_client(ctx, a.sandbox, a.force, &a.sender).await?;
    let region = region_flag.or(resolved.default_region);
    let to = parse_to(&a.to, a.channel, region)?;
    let optouts = ctx.optouts(&resolved.creds.account_sid);
    optouts.refuse_listed(&to, a.sandbox)?;
    let mut msg = build_message(
        &resolved.senders,
        a.sender.message_sender()?,
        a.channel,
        &to,
        body,
        &resolved.source,
    )?;
    require_schedulable(&options, &msg.sender, a.sandbox)?;
    if let Some(sid) = &options.content_sid {
        let content = fetch_content(&client, sid).await?;
        message_options::check_mapping(&content, &content_vars, "VALUE")?;
        msg.content_variables = Some(message_options::variables_json(
            content_vars.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ));
        ctx.printer.verbose(format!(
            "template {sid}{}: {}",
            content
                .friendly_name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default(),
            message_options::render_content(content.body().unwrap_or(""), &content_vars)
        ));
    }
    if let Some(at) = options.send_at {
        // Again, just before the request: the template fetch took time.
        message_options::check_window(at, jiff::Timestamp::now(), Duration::ZERO, 1)?;
    }
    for line in message_options::describe(&options) {
        ctx.printer.verbose(line);
    }
    msg.options = std::sync::Arc::new(options);
    if a.channel == Channel::Sms
        && matches!(msg.sender, Sender::AlphaId(_))
        && !phone::alpha_sender_supported(&to)
    {
        ctx.printer.warn(format!(
            "alphanumeric sender IDs are not supported towards {} (+{}): carriers there will reject or rewrite the sender; use a phone number or a Messaging Service",
            to.region().unwrap_or_else(|| "this country".into()),
            to.country_code()
        ));
    }
    if msg.body.is_empty() {
        // A template or media only: Twilio counts what it sends.
    } else if seg.segments > 1 {
        ctx.printer
            .status(format!("note: this message is {}", seg.describe()));
    } else {
        ctx.printer.verbose(format!("message: {}", seg.describe()));
    }
    ctx.printer
        .verbose(format!("sending to {} through {}", msg.to, resolved.source));
    let sent = match client.create_message(&msg).await {
        Ok(m) => m,
        Err(e) => {
            if e.code() == Some(i64::from(crate::optouts::OPTED_OUT_CODE)) {
                // The recipient replied STOP: never try them again.
                match optouts.add(std::slice::from_ref(&to), &crate::optouts::Source::Send) {
                    Ok(_) => ctx.printer.status(format!(
                        "{to} has opted out (Twilio error 21610): added to the opt-out list of {}",
                        optouts.account_sid()
                    )),
                    Err(le) => ctx.printer.warn(format!(
                        "{to} has opted out, but it could not be added to the opt-out list: {le}"
                    )),
                }
            }
            return Err(e.into());
        }
    };
    let final_msg = if a.wait {
        // The message exists now: whatever happens while polling, name it.
        Some(
            wait_final(ctx, &client, &sent.sid, Duration::from_secs(a.wait_timeout))
                .await
                .with_context(|| {
                    format!(
                        "message {} was accepted by Twilio (status {}), but its final status could not be fetched; do not send it again",
                        sent.sid, sent.status
                    )
                })?,
        )
    } else {
        None
    };
    if let Some(at) = msg.options.send_at {
        ctx.printer.status(format!(
            "scheduled: Twilio sends it at {} (a STOP before then does not cancel it)",
            message_options::describe_send_at(at)
        ));
    }
    report(ctx, &sent, final_msg.as_ref(), &seg)
}

fn report(
    ctx: &Context,
    sent: &Message,
    final_msg: Option<&Message>,
    seg: &Segments,
) -> anyhow::Result<ExitStatus> {
    let shown = final_msg.unwrap_or(sent);
    if ctx.printer.json {
        let mut v = shown.to_json();
        v["smsctl"] = serde_json::json!({ "segments": seg });
        ctx.printer.json(&v);
    } else {
        ctx.printer.out(format!("{}\t{}", shown.sid, shown.status));
    }
    let Some(m) = final_msg else {
        return Ok(ExitStatus::Success);
    };
    match m.status.as_str() {
        "delivered" | "read" => Ok(ExitStatus::Success),
        "undelivered" | "failed" | "canceled" => {
            let detail = match m.error_code {
                Some(code) => format!(
                    ": {} (Twilio error {code}; {})",
                    explain(code).unwrap_or(m.error_message.as_deref().unwrap_or("no detail")),
                    docs_url(code)
                ),
                None => String::new(),
            };
            Err(UserError::failed(format!("message {} was {}{detail}", m.sid, m.status)).into())
        }
        other => Err(UserError::failed(format!(
            "message {} is still {other} after the --wait-timeout; check later with the Twilio Console",
            m.sid
        ))
        .into()),
    }
}

/// Poll until a final status, with backoff, for at most `limit`.
async fn wait_final(
    ctx: &Context,
    client: &Client,
    sid: &str,
    limit: Duration,
) -> anyhow::Result<Message> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(500);
    loop {
        tokio::time::sleep(delay.min(limit.saturating_sub(start.elapsed()))).await;
        let m = client.fetch_message(sid).await?;
        ctx.printer.verbose(format!("{sid}: {}", m.status));
        if m.is_final() || start.elapsed() >= limit {
            return Ok(m);
        }
        delay = (delay.mul_f64(1.5)).min(Duration::from_secs(10));
    }
}
