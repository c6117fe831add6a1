//! The campaign's cost estimate: `--price-per-segment`, else Twilio's Pricing API
//! (through the cache) with the credentials the run uses — the sandbox's with
//! `--sandbox` — and what it prints (a table per country).

use serde::Serialize;

use crate::campaign::CheckReport;
use crate::cli::CampaignRunArgs;
use crate::context::Context;
use crate::output::table;
use crate::phone::Region;
use crate::pricing::{self, Estimate, Money, PriceCache, PriceSource, Total};
use crate::twilio::Client;

use super::render::thousands;

/// The estimate of the campaign `report` describes: every country at
/// `--price-per-segment`, else priced from the cache of `account` or through
/// the client `client` makes (only called when a price must be fetched).
pub(super) async fn estimate(
    ctx: &Context,
    a: &CampaignRunArgs,
    report: &CheckReport,
    account: Option<&str>,
    client: impl FnOnce() -> Result<Client, String>,
) -> Estimate {
    let by = &report.segments.by_country;
    if let Some(p) = a.price_per_segment {
        return Estimate::flat(by, p);
    }
    if by.is_empty() {
        return Estimate::default();
    }
    let countries: Vec<&'static str> = by.keys().copied().collect();
    let cache = account.map(|ac| PriceCache::new(&pricing::cache_dir(), ac));
    let (prices, warnings) = pricing::look_up(&countries, cache.as_ref(), client).await;
    for w in warnings {
        ctx.printer.warn(w);
    }
    Estimate::new(by, &prices)
}

/// The dry run's estimate, with whatever credentials can be had without sending:
/// the sandbox's (`--sandbox`), else those a real run would use; without any,
/// only cached prices are known.
pub(super) async fn dry_run_estimate(
    ctx: &Context,
    a: &CampaignRunArgs,
    report: &CheckReport,
) -> Estimate {
    if a.price_per_segment.is_some() || report.segments.by_country.is_empty() {
        return estimate(ctx, a, report, None, || Err(String::new())).await;
    }
    if a.sandbox {
        let sb = match crate::sending::sending_client(ctx, true, false, &a.sender).await {
            Ok((sb, client, _)) => Some((sb, client)),
            Err(e) => {
                ctx.printer.warn(format!("no price lookup: {e:#}"));
                None
            }
        };
        let ac = smsctl_sandbox::ACCOUNT_SID;
        let est = match &sb {
            Some((_, client)) => estimate(ctx, a, report, Some(ac), || Ok(client.clone())).await,
            None => {
                estimate(ctx, a, report, Some(ac), || {
                    Err("the sandbox did not start".into())
                })
                .await
            }
        };
        drop(sb);
        return est;
    }
    let account = ctx.account_sid().ok().map(|(ac, _)| ac);
    estimate(ctx, a, report, account.as_deref(), || {
        ctx.resolve()
            .and_then(|r| ctx.client(r.creds))
            .map_err(|e| format!("no credentials to ask Twilio's Pricing API with ({e:#})"))
    })
    .await
}

/// `0.0079–0.0083`, or `0.05` when both ends are the same.
fn range(min: Money, max: Money) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    }
}

/// The country column: `SG Singapore`; `(no country)` for `""`.
fn country_label(iso: &str) -> String {
    if iso.is_empty() {
        return "(no country)".into();
    }
    match iso.parse::<Region>() {
        Ok(r) => format!("{iso} {}", r.name()),
        Err(_) => iso.to_string(),
    }
}

/// The "estimated cost" cell of the dry run's summary.
pub(super) fn total_cell(est: &Estimate) -> String {
    match est.total() {
        Total::Known { min, max, unit } => match unit {
            Some(u) => format!("{} {u}", range(min, max)),
            None => range(min, max),
        },
        Total::Unknown(c) => format!(
            "unknown: no price for {} (see below)",
            pricing::countries_list(&c)
        ),
        Total::MixedCurrencies(u) => format!("in several currencies ({})", u.join(", ")),
    }
}

/// The per-country table and its notes (unknown and stale prices), as lines.
pub(super) fn cost_lines(est: &Estimate) -> Vec<String> {
    let mut t = table(&[
        "COUNTRY",
        "RECIPIENTS",
        "SEGMENTS",
        "PRICE/SEGMENT",
        "TOTAL",
        "CURRENCY",
    ]);
    let mut notes = Vec::new();
    let (mut recipients, mut segments) = (0u64, 0u64);
    for l in &est.lines {
        recipients += l.messages;
        segments += l.segments;
        let (price, total, unit) = match (&l.price, l.total()) {
            (Ok(p), Some((min, max))) => (
                range(p.min, p.max),
                range(min, max),
                p.unit.clone().unwrap_or_default(),
            ),
            _ => ("unknown".into(), "unknown".into(), String::new()),
        };
        match &l.price {
            Err(why) => notes.push(format!(
                "price unknown for {}: {why}",
                pricing::countries_list(&[l.country])
            )),
            Ok(p) => {
                if let PriceSource::StaleCache { age, why } = &p.source {
                    notes.push(format!(
                        "{}: Twilio's price list from {} ago (cached; refreshing it failed: {why})",
                        l.country,
                        age_text(*age)
                    ));
                }
            }
        }
        t.add_row(vec![
            country_label(l.country),
            thousands(l.messages),
            thousands(l.segments),
            price,
            total,
            unit,
        ]);
    }
    let (total, unit) = match est.total() {
        Total::Known { min, max, unit } => (range(min, max), unit.unwrap_or_default()),
        Total::Unknown(_) => ("unknown".into(), String::new()),
        Total::MixedCurrencies(_) => ("(several currencies)".into(), String::new()),
    };
    t.add_row(vec![
        "total".to_string(),
        thousands(recipients),
        thousands(segments),
        String::new(),
        total,
        unit,
    ]);
    let mut lines = vec![t.to_string()];
    let flat = est
        .lines
        .iter()
        .any(|l| matches!(&l.price, Ok(p) if p.source == PriceSource::Flag));
    lines.push(if flat {
        "price per segment: --price-per-segment".to_string()
    } else {
        "price per segment: Twilio's Pricing API, cheapest to dearest carrier (cached for a day)"
            .to_string()
    });
    lines.extend(notes);
    lines
}

/// `5 h`, `3 days`.
fn age_text(age: std::time::Duration) -> String {
    let h = age.as_secs() / 3600;
    if h < 48 {
        format!("{h} h")
    } else {
        format!("{} days", h / 24)
    }
}

/// The estimate in the dry run's `--json`.
#[derive(Serialize)]
pub(super) struct CostJson {
    countries: Vec<CountryJson>,
    /// Every country priced: the total's range and currency.
    total_min: Option<Money>,
    total_max: Option<Money>,
    currency: Option<String>,
    /// Countries whose price is unknown.
    unknown: Vec<&'static str>,
}

#[derive(Serialize)]
struct CountryJson {
    country: &'static str,
    recipients: u64,
    segments: u64,
    price_min: Option<Money>,
    price_max: Option<Money>,
    total_min: Option<Money>,
    total_max: Option<Money>,
    currency: Option<String>,
    source: Option<&'static str>,
    unknown_reason: Option<String>,
}

impl CostJson {
    pub(super) fn new(est: &Estimate) -> CostJson {
        let countries = est
            .lines
            .iter()
            .map(|l| {
                let p = l.price.as_ref().ok();
                let t = l.total();
                CountryJson {
                    country: l.country,
                    recipients: l.messages,
                    segments: l.segments,
                    price_min: p.map(|p| p.min),
                    price_max: p.map(|p| p.max),
                    total_min: t.map(|t| t.0),
                    total_max: t.map(|t| t.1),
                    currency: p.and_then(|p| p.unit.clone()),
                    source: p.map(|p| p.source.name()),
                    unknown_reason: l.price.as_ref().err().cloned(),
                }
            })
            .collect();
        let (total_min, total_max, currency, unknown) = match est.total() {
            Total::Known { min, max, unit } => (Some(min), Some(max), unit, Vec::new()),
            Total::Unknown(u) => (None, None, None, u),
            Total::MixedCurrencies(_) => (None, None, None, Vec::new()),
        };
        CostJson {
            countries,
            total_min,
            total_max,
            currency,
            unknown,
        }
    }

    /// The upper bound, for the old `estimated_cost` field.
    pub(super) fn upper(est: &Estimate) -> Option<f64> {
        match est.total() {
            Total::Known { max, .. } => Some(max.as_f64()),
            _ => None,
        }
    }
}
