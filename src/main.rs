use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use smsctl::cli::{Cli, Command};
use smsctl::error::{error_json, exit_status};

fn main() -> ExitCode {
    // Before any secret is in memory: no core dump will ever hold one.
    smsctl::secret::forbid_dumps();
    // `COMPLETE=bash smsctl …` answers dynamic completion requests and exits.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if e.use_stderr() && json_errors_wanted() {
                // clap's own text, without its usage and help lines.
                let text = e.render().to_string();
                let message = text
                    .lines()
                    .map(str::trim)
                    .take_while(|l| !l.starts_with("Usage:"))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                let message = message.strip_prefix("error: ").unwrap_or(&message);
                println!("{:#}", usage_error_json(message, e.exit_code()));
            }
            e.exit()
        }
    };
    let json_errors = cli.json && matches!(cli.command, Command::Send(_));
    match smsctl::run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            eprintln!("error: {err:#}");
            // `send --json`: stdout holds one JSON document, the error when
            // nothing else was printed.
            if json_errors && !smsctl::output::stdout_used() {
                println!("{:#}", error_json(&err));
            }
            ExitCode::from(exit_status(&err).code())
        }
    }
}

/// `smsctl … send … --json` whose arguments did not parse.
fn json_errors_wanted() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().any(|a| a == "--json") && args.iter().any(|a| a == "send")
}

fn usage_error_json(message: &str, exit_code: i32) -> serde_json::Value {
    serde_json::json!({
        "error": {
            "message": message,
            "exit_code": exit_code,
            "twilio_code": null,
            "more_info": null,
        }
    })
}
