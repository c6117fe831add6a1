use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use smsctl::cli::Cli;
use smsctl::error::exit_status;

fn main() -> ExitCode {
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
