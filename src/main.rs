use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use smsctl::cli::Cli;
use smsctl::error::exit_status;

fn main() -> ExitCode {
    // Before any secret is in memory: no core dump will ever hold one.
    smsctl::secret::forbid_dumps();
    // `COMPLETE=bash smsctl …` answers dynamic completion requests and exits.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    match smsctl::run(Cli::parse()) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(exit_status(&err).code())
        }
    }
}
