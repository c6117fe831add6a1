//! `smsctl optouts ls | add | rm | import | export`: the account's opt-out list
//! ([`crate::optouts`]).

use std::io::Write;

use serde::Serialize;

use crate::cli::{OptoutsAccount, OptoutsCommand, OptoutsImportArgs, OptoutsNumbers};
use crate::context::Context;
use crate::error::{ExitStatus, UserError};
use crate::optouts::{OptOutError, OptOutStore, Source};
use crate::output::{Cell, Col, Fit, Grid, Layout, timestamp};
use crate::phone::{self, E164};
use crate::sending::region_flag;

pub async fn run(ctx: &Context, c: OptoutsCommand) -> anyhow::Result<ExitStatus> {
    match c {
        OptoutsCommand::Ls(a) => ls(ctx, &a.account, a.wide),
        OptoutsCommand::Add(a) => add(ctx, &a),
        OptoutsCommand::Rm(a) => rm(ctx, &a),
        OptoutsCommand::Import(a) => import(ctx, &a),
        OptoutsCommand::Export { output, account } => export(ctx, output.as_deref(), &account),
    }
}

/// The list of the account the sending commands would use (or the sandbox's).
fn store(ctx: &Context, a: &OptoutsAccount) -> anyhow::Result<OptOutStore> {
    let ac = if a.sandbox {
        smsctl_sandbox::ACCOUNT_SID.to_string()
    } else {
        ctx.account_sid()?.0
    };
    Ok(ctx.optouts(&ac))
}

/// Numbers accepted on top of valid ones: the sandbox's test numbers with `--sandbox`.
fn extra_numbers(a: &OptoutsAccount) -> &'static [&'static str] {
    if a.sandbox {
        smsctl_sandbox::TEST_NUMBERS
    } else {
        &[]
    }
}

/// Parses every argument first: one bad number and nothing is changed.
fn parse_numbers(a: &OptoutsNumbers) -> anyhow::Result<Vec<E164>> {
    let region = region_flag(a.default_region.as_deref())?;
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for n in &a.numbers {
        match phone::parse_number_accepting(n, region, extra_numbers(&a.account)) {
            Ok(n) => out.push(n),
            Err(e) => bad.push(format!("{n}: {e}")),
        }
    }
    if !bad.is_empty() {
        return Err(UserError::usage(format!("{}; nothing was changed", bad.join("; "))).into());
    }
    Ok(out)
}

#[derive(Serialize)]
struct Row<'a> {
    number: &'a str,
    added: String,
    source: &'a str,
}

fn rows(list: &crate::optouts::OptOutList) -> Vec<Row<'_>> {
    list.numbers
        .iter()
        .map(|(n, e)| Row {
            number: n,
            added: e.added.to_string(),
            source: &e.source,
        })
        .collect()
}

fn ls(ctx: &Context, a: &OptoutsAccount, wide: bool) -> anyhow::Result<ExitStatus> {
    let store = store(ctx, a)?;
    let list = store.load()?;
    if ctx.printer.json {
        ctx.printer.json(&rows(&list));
        return Ok(ExitStatus::Success);
    }
    if list.is_empty() {
        ctx.printer.status(format!(
            "the opt-out list of {} is empty",
            store.account_sid()
        ));
        return Ok(ExitStatus::Success);
    }
    // Narrow: ADDED shows the date only; a number is never cut, SOURCE wraps.
    let mut g = Grid::new(&[
        Col::new("NUMBER").whole(),
        Col::new("ADDED"),
        Col::new("SOURCE"),
    ])
    .fit(&[Fit::Shorten(1)]);
    for (n, e) in &list.numbers {
        g.row(vec![
            Cell::new(n.as_str()),
            Cell::new(timestamp(e.added)).short(e.added.strftime("%Y-%m-%d").to_string()),
            Cell::new(e.source.as_str()),
        ]);
    }
    ctx.printer.out(g.render(Layout::detect(wide)));
    ctx.printer.status(format!(
        "{} opted-out number{} for {}",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        store.account_sid()
    ));
    Ok(ExitStatus::Success)
}

fn add(ctx: &Context, a: &OptoutsNumbers) -> anyhow::Result<ExitStatus> {
    let numbers = parse_numbers(a)?;
    let store = store(ctx, &a.account)?;
    let added = store.add(&numbers, &Source::Manual)?;
    ctx.printer.status(format!(
        "added {added} number{} to the opt-out list of {} ({} already listed)",
        if added == 1 { "" } else { "s" },
        store.account_sid(),
        numbers.len() - added
    ));
    Ok(ExitStatus::Success)
}

fn rm(ctx: &Context, a: &OptoutsNumbers) -> anyhow::Result<ExitStatus> {
    let numbers = parse_numbers(a)?;
    let store = store(ctx, &a.account)?;
    let removed = store.remove(&numbers)?;
    for (n, was) in numbers.iter().zip(&removed) {
        if !was {
            ctx.printer.warn(format!("{n} was not on the list"));
        }
    }
    let count = removed.iter().filter(|r| **r).count();
    ctx.printer.status(format!(
        "removed {count} number{} from the opt-out list of {}",
        if count == 1 { "" } else { "s" },
        store.account_sid()
    ));
    Ok(ExitStatus::Success)
}

fn import(ctx: &Context, a: &OptoutsImportArgs) -> anyhow::Result<ExitStatus> {
    let region = region_flag(a.default_region.as_deref())?;
    let (numbers, problems) =
        crate::optouts::read_csv_numbers(&a.file, &a.to_column, region, extra_numbers(&a.account))
            .map_err(|e| match e {
                OptOutError::Io { path, source } => {
                    anyhow::Error::new(UserError::usage(format!("{}: {source}", path.display())))
                }
                e => e.into(),
            })?;
    for p in &problems {
        ctx.printer.status(p);
    }
    if !problems.is_empty() && !a.skip_invalid {
        return Err(UserError::usage(format!(
            "{} rows are not numbers (listed above); fix them, or pass --skip-invalid to import the others; nothing was imported",
            problems.len()
        ))
        .into());
    }
    let store = store(ctx, &a.account)?;
    let added = store.add(&numbers, &Source::Import)?;
    ctx.printer.status(format!(
        "imported {added} number{} into the opt-out list of {} ({} already listed{})",
        if added == 1 { "" } else { "s" },
        store.account_sid(),
        numbers.len() - added,
        if problems.is_empty() {
            String::new()
        } else {
            format!(", {} invalid rows skipped", problems.len())
        }
    ));
    Ok(ExitStatus::Success)
}

fn export(
    ctx: &Context,
    output: Option<&std::path::Path>,
    a: &OptoutsAccount,
) -> anyhow::Result<ExitStatus> {
    let store = store(ctx, a)?;
    let list = store.load()?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["number", "added", "source"])?;
    for r in rows(&list) {
        w.write_record([r.number, &r.added, r.source])?;
    }
    let bytes = w.into_inner()?;
    match output {
        None => {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(&bytes);
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => std::path::Path::new("."),
            };
            crate::private_file::write_atomic(dir, path, ".optouts-export.", &bytes)
                .map_err(|(p, e)| UserError::failed(format!("{}: {e}", p.display())))?;
            ctx.printer.status(format!(
                "wrote {} numbers to {}",
                list.len(),
                path.display()
            ));
        }
    }
    Ok(ExitStatus::Success)
}
