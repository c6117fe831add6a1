//! What a campaign will cost: per-country SMS prices from Twilio's Pricing API v1,
//! cached for a day per account and country, and the estimate (a range: the
//! cheapest to the dearest carrier) that the dry run, the confirmation and
//! `--budget` use. No printing; the command renders [`Estimate`].
//!
//! A price smsctl cannot learn (no credentials, no network and no cached copy,
//! a country Twilio does not price) is *unknown*, with the reason — never guessed.
//! A cached copy older than a day is refreshed; when that fails it is still used,
//! marked stale, rather than thrown away.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::campaign::CountrySegments;
use crate::env_vars;
use crate::private_file::{self, PathError};
use crate::twilio::{Client, MessagingCountry};

/// How long a cached price list is used without asking Twilio again.
pub const CACHE_MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);
/// The longest the price lookup of one run waits for Twilio (every country and
/// retry together): a dry run never hangs on a network that is down.
pub const LOOKUP_DEADLINE: Duration = Duration::from_secs(10);
/// Price lists fetched at once.
const CONCURRENT_FETCHES: usize = 8;

/// An amount of money, exact to 9 decimals (prices are a few decimals of a
/// currency unit; totals are prices × segments).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    nanos: u128,
}

const NANOS: u128 = 1_000_000_000;

/// A decimal amount smsctl does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not an amount: {why} (write it like 0.0079 or 250)")]
pub struct MoneyError {
    input: String,
    why: &'static str,
}

impl Money {
    pub fn times(self, n: u64) -> Money {
        Money {
            nanos: self.nanos.saturating_mul(u128::from(n)),
        }
    }

    pub fn plus(self, other: Money) -> Money {
        Money {
            nanos: self.nanos.saturating_add(other.nanos),
        }
    }

    pub fn as_f64(self) -> f64 {
        self.nanos as f64 / NANOS as f64
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(input: &str) -> Result<Money, MoneyError> {
        let err = |why| MoneyError {
            input: input.to_string(),
            why,
        };
        let s = input.trim();
        let s = s.strip_prefix('+').unwrap_or(s);
        if s.starts_with('-') {
            return Err(err("it is negative"));
        }
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(err("there are no digits"));
        }
        if !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(err("only digits and one decimal point are allowed"));
        }
        if frac.len() > 9 {
            return Err(err("at most 9 decimals"));
        }
        if whole.len() > 20 {
            return Err(err("it is too large"));
        }
        let whole: u128 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| err("it is too large"))?
        };
        let mut f: u128 = 0;
        for (i, d) in frac.bytes().enumerate() {
            f += u128::from(d - b'0') * 10u128.pow(8 - i as u32);
        }
        Ok(Money {
            nanos: whole * NANOS + f,
        })
    }
}

/// At least two decimals, more only as the amount needs them: `0.25`, `0.0079`, `12.00`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.nanos / NANOS;
        let frac = format!("{:09}", self.nanos % NANOS);
        let frac = frac.trim_end_matches('0');
        let frac = format!("{frac:0<2}");
        write!(f, "{whole}.{frac}")
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where a country's price came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceSource {
    /// Fetched from Twilio now.
    Twilio,
    /// A cached copy younger than [`CACHE_MAX_AGE`].
    Cache { age: Duration },
    /// A cached copy older than that, used because refreshing it failed.
    StaleCache { age: Duration, why: String },
    /// `--price-per-segment`.
    Flag,
}

impl PriceSource {
    /// For the JSON: `twilio`, `cache`, `stale-cache`, `flag`.
    pub fn name(&self) -> &'static str {
        match self {
            PriceSource::Twilio => "twilio",
            PriceSource::Cache { .. } => "cache",
            PriceSource::StaleCache { .. } => "stale-cache",
            PriceSource::Flag => "flag",
        }
    }
}

/// The price of one segment to one country, from its cheapest to its dearest
/// carrier (and sender number type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryPrice {
    pub min: Money,
    pub max: Money,
    /// The account's currency (`USD`); `None` with `--price-per-segment`.
    pub unit: Option<String>,
    pub source: PriceSource,
}

impl CountryPrice {
    /// The range of one country's Twilio price list; `Err` (why) when it has none.
    pub fn from_twilio(
        iso: &str,
        c: &MessagingCountry,
        source: PriceSource,
    ) -> Result<Self, String> {
        let prices: Vec<Money> = c
            .outbound_sms_prices
            .iter()
            .flat_map(|carrier| &carrier.prices)
            .filter_map(|p| p.price_text()?.parse().ok())
            .collect();
        let (Some(min), Some(max)) = (prices.iter().min(), prices.iter().max()) else {
            return Err(format!(
                "Twilio's Pricing API lists no outbound SMS price for {iso}"
            ));
        };
        Ok(CountryPrice {
            min: *min,
            max: *max,
            unit: c.price_unit.as_ref().map(|u| u.trim().to_uppercase()),
            source,
        })
    }
}

/// A country's price, or why it is unknown.
pub type Priced = Result<CountryPrice, String>;

/// smsctl's cache directory: `SMSCTL_CACHE_DIR`, else the platform's
/// (`~/.cache/smsctl` on Linux).
pub fn cache_dir() -> PathBuf {
    env_vars::var(env_vars::SMSCTL_CACHE_DIR)
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("smsctl")))
        .unwrap_or_else(|| PathBuf::from(".smsctl-cache"))
}

/// The price lists of one account: `pricing/AC…/{ISO}.json` in the cache dir,
/// each Twilio's answer as it came; its age is the file's modification time.
#[derive(Debug, Clone)]
pub struct PriceCache {
    dir: PathBuf,
}

/// A cached price list and how old it is.
#[derive(Debug, Clone)]
pub struct Cached {
    pub country: MessagingCountry,
    pub age: Duration,
}

impl PriceCache {
    pub fn new(cache_root: &Path, account_sid: &str) -> Self {
        PriceCache {
            dir: cache_root.join("pricing").join(account_sid),
        }
    }

    pub fn path(&self, iso: &str) -> PathBuf {
        self.dir.join(format!("{iso}.json"))
    }

    /// The cached list of `iso`, if there is one that parses. A file dated in
    /// the future (a clock set back) counts as old.
    pub fn read(&self, iso: &str) -> Option<Cached> {
        let path = self.path(iso);
        let text = std::fs::read_to_string(&path).ok()?;
        let country: MessagingCountry = serde_json::from_str(&text).ok()?;
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        let age = SystemTime::now()
            .duration_since(modified)
            .unwrap_or(Duration::MAX);
        Some(Cached { country, age })
    }

    /// Stores `iso`'s list (atomically, 0600, under the directory's lock).
    pub fn write(&self, iso: &str, country: &MessagingCountry) -> Result<(), PathError> {
        private_file::ensure_private_dir(&self.dir)?;
        let _lock = private_file::lock_exclusive(&self.dir.join(".lock"))?;
        let bytes = serde_json::to_vec_pretty(country).unwrap_or_default();
        private_file::write_atomic(&self.dir, &self.path(iso), &format!(".{iso}."), &bytes)
    }
}

/// The prices of `countries` (ISO codes; `""` is a number of no country): from
/// the cache when fresh, else from Twilio through the client `client` gives
/// (called once, only when a price must be fetched; `Err` says why there is
/// none), else a stale cached copy, else unknown with the reason. Also returns
/// warnings (a cache that could not be written).
pub async fn look_up(
    countries: &[&'static str],
    cache: Option<&PriceCache>,
    client: impl FnOnce() -> Result<Client, String>,
) -> (BTreeMap<&'static str, Priced>, Vec<String>) {
    let mut out: BTreeMap<&'static str, Priced> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut stale: BTreeMap<&'static str, Cached> = BTreeMap::new();
    let mut to_fetch = Vec::new();
    for &iso in countries {
        if iso.is_empty() {
            out.insert(
                iso,
                Err("numbers of no country (such as +800) have no price".into()),
            );
            continue;
        }
        match cache.and_then(|c| c.read(iso)) {
            Some(c) if c.age <= CACHE_MAX_AGE => {
                let source = PriceSource::Cache { age: c.age };
                out.insert(iso, CountryPrice::from_twilio(iso, &c.country, source));
            }
            Some(c) => {
                stale.insert(iso, c);
                to_fetch.push(iso);
            }
            None => to_fetch.push(iso),
        }
    }
    if to_fetch.is_empty() {
        return (out, warnings);
    }
    let client = match client() {
        Ok(c) => c,
        Err(why) => {
            for iso in to_fetch {
                out.insert(iso, from_stale(iso, stale.remove(iso), why.clone()));
            }
            return (out, warnings);
        }
    };
    let fetched = fetch_all(&client, &to_fetch).await;
    for (iso, result) in fetched {
        match result {
            Ok(country) => {
                if let Some(cache) = cache
                    && let Err((path, e)) = cache.write(iso, &country)
                {
                    warnings.push(format!(
                        "cannot cache the price list of {iso} in {}: {e}",
                        path.display()
                    ));
                }
                out.insert(
                    iso,
                    CountryPrice::from_twilio(iso, &country, PriceSource::Twilio),
                );
            }
            Err(why) => {
                out.insert(iso, from_stale(iso, stale.remove(iso), why));
            }
        }
    }
    (out, warnings)
}

fn from_stale(iso: &str, stale: Option<Cached>, why: String) -> Priced {
    match stale {
        Some(c) => {
            let source = PriceSource::StaleCache { age: c.age, why };
            CountryPrice::from_twilio(iso, &c.country, source)
        }
        None => Err(why),
    }
}

/// Fetches the lists of `countries`, a few at a time, within [`LOOKUP_DEADLINE`].
async fn fetch_all(
    client: &Client,
    countries: &[&'static str],
) -> Vec<(&'static str, Result<MessagingCountry, String>)> {
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(CONCURRENT_FETCHES));
    let mut tasks = tokio::task::JoinSet::new();
    for &iso in countries {
        let (client, gate) = (client.clone(), gate.clone());
        tasks.spawn(async move {
            let _permit = gate.acquire_owned().await;
            let r = client.fetch_messaging_prices(iso).await.map_err(|e| {
                if e.is_not_found() {
                    format!("Twilio's Pricing API has no messaging prices for {iso}")
                } else {
                    format!("the Pricing API could not be asked: {e}")
                }
            });
            (iso, r)
        });
    }
    let mut done: BTreeMap<&'static str, Result<MessagingCountry, String>> = BTreeMap::new();
    let deadline = tokio::time::sleep(LOOKUP_DEADLINE);
    tokio::pin!(deadline);
    while !tasks.is_empty() {
        tokio::select! {
            next = tasks.join_next() => if let Some(Ok((iso, r))) = next {
                done.insert(iso, r);
            },
            _ = &mut deadline => break,
        }
    }
    tasks.abort_all();
    let host = client.pricing_host();
    countries
        .iter()
        .map(|&iso| {
            let r = done.remove(iso).unwrap_or_else(|| {
                Err(format!(
                    "no answer from {host} within {} s",
                    LOOKUP_DEADLINE.as_secs()
                ))
            });
            (iso, r)
        })
        .collect()
}

/// One country of the estimate.
#[derive(Debug, Clone)]
pub struct CountryLine {
    /// ISO code; `""` for numbers of no country.
    pub country: &'static str,
    pub messages: u64,
    pub segments: u64,
    pub price: Priced,
}

impl CountryLine {
    /// The country's total, cheapest to dearest.
    pub fn total(&self) -> Option<(Money, Money)> {
        let p = self.price.as_ref().ok()?;
        Some((p.min.times(self.segments), p.max.times(self.segments)))
    }
}

/// The cost of a campaign, per country.
#[derive(Debug, Clone, Default)]
pub struct Estimate {
    pub lines: Vec<CountryLine>,
}

/// The estimate's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Total {
    /// Every country priced, in one currency (`None`: `--price-per-segment`).
    Known {
        min: Money,
        max: Money,
        unit: Option<String>,
    },
    /// These countries' prices are unknown.
    Unknown(Vec<&'static str>),
    /// The countries are priced in different currencies (no sum is meaningful).
    MixedCurrencies(Vec<String>),
}

/// Why `--budget` refuses a campaign (exit 2: nothing was sent).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    #[error(
        "the estimate is {min}–{max}{unit}, above --budget {budget}{unit}: nothing was sent (send fewer messages or shorter ones, or raise --budget; Twilio's MaxPrice is obsolete since 2024-06-03, so smsctl enforces the budget)",
        unit = unit_suffix(.unit)
    )]
    Exceeded {
        min: Money,
        max: Money,
        budget: Money,
        unit: Option<String>,
    },
    #[error(
        "the price of {} is unknown, so --budget {budget} cannot be checked: nothing was sent (pass --price-per-segment PRICE to estimate with a price of your own, or run again when Twilio's Pricing API can be reached)",
        countries_list(.countries)
    )]
    Unknown {
        countries: Vec<&'static str>,
        budget: Money,
    },
    #[error(
        "the countries are priced in different currencies ({}), so --budget cannot be checked: nothing was sent (pass --price-per-segment PRICE)",
        .0.join(", ")
    )]
    MixedCurrencies(Vec<String>),
}

fn unit_suffix(unit: &Option<String>) -> String {
    unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
}

/// `SG, US` (and `numbers of no country` for `""`).
pub fn countries_list(countries: &[&str]) -> String {
    countries
        .iter()
        .map(|c| {
            if c.is_empty() {
                "numbers of no country"
            } else {
                c
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Estimate {
    /// The lines of `by_country` (from the check) priced by `prices`.
    pub fn new(
        by_country: &BTreeMap<&'static str, CountrySegments>,
        prices: &BTreeMap<&'static str, Priced>,
    ) -> Estimate {
        let lines = by_country
            .iter()
            .map(|(&country, c)| CountryLine {
                country,
                messages: c.messages,
                segments: c.segments,
                price: prices
                    .get(country)
                    .cloned()
                    .unwrap_or_else(|| Err("not looked up".into())),
            })
            .collect();
        Estimate { lines }
    }

    /// Every country at `price` (`--price-per-segment`).
    pub fn flat(by_country: &BTreeMap<&'static str, CountrySegments>, price: Money) -> Estimate {
        let p = CountryPrice {
            min: price,
            max: price,
            unit: None,
            source: PriceSource::Flag,
        };
        let prices = by_country.keys().map(|&c| (c, Ok(p.clone()))).collect();
        Estimate::new(by_country, &prices)
    }

    pub fn total(&self) -> Total {
        let unknown: Vec<&'static str> = self
            .lines
            .iter()
            .filter(|l| l.price.is_err())
            .map(|l| l.country)
            .collect();
        if !unknown.is_empty() {
            return Total::Unknown(unknown);
        }
        let mut units: Vec<String> = self
            .lines
            .iter()
            .filter_map(|l| l.price.as_ref().ok()?.unit.clone())
            .collect();
        units.sort();
        units.dedup();
        if units.len() > 1 {
            return Total::MixedCurrencies(units);
        }
        let (min, max) = self
            .lines
            .iter()
            .filter_map(CountryLine::total)
            .fold((Money::default(), Money::default()), |(a, b), (x, y)| {
                (a.plus(x), b.plus(y))
            });
        Total::Known {
            min,
            max,
            unit: units.pop(),
        }
    }

    /// `--budget`: the upper bound must not exceed it; an unknown price refuses.
    pub fn check_budget(&self, budget: Money) -> Result<(), BudgetError> {
        match self.total() {
            Total::Known { min, max, unit } if max > budget => Err(BudgetError::Exceeded {
                min,
                max,
                budget,
                unit,
            }),
            Total::Known { .. } => Ok(()),
            Total::Unknown(countries) => Err(BudgetError::Unknown { countries, budget }),
            Total::MixedCurrencies(u) => Err(BudgetError::MixedCurrencies(u)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn money_is_exact_and_shown_with_the_decimals_it_needs() {
        assert_eq!(m("0.0079").to_string(), "0.0079");
        assert_eq!(m("0.05").times(5).to_string(), "0.25");
        assert_eq!(m("12").to_string(), "12.00");
        assert_eq!(m(".5").to_string(), "0.50");
        assert_eq!(m("0.0079").times(3).to_string(), "0.0237");
        assert_eq!(m("0.1").plus(m("0.2")), m("0.3"));
        assert!(m("0.0083") > m("0.0079"));
        for bad in ["", "-1", "1,5", "abc", "0.0000000001", "1.2.3", "."] {
            assert!(bad.parse::<Money>().is_err(), "{bad:?}");
        }
        let e = "-1".parse::<Money>().unwrap_err().to_string();
        assert!(e.contains("\"-1\"") && e.contains("negative"), "{e}");
    }

    fn country(json: serde_json::Value) -> MessagingCountry {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_country_is_priced_from_its_cheapest_to_its_dearest_carrier() {
        let c = country(serde_json::json!({
            "country": "United States", "iso_country": "US", "price_unit": "usd",
            "outbound_sms_prices": [
                {"carrier": "att", "mcc": "310", "mnc": "410", "prices": [
                    {"number_type": "local", "base_price": "0.0090", "current_price": "0.0083"},
                    {"number_type": "tollfree", "base_price": "0.0085", "current_price": "0.0085"}]},
                {"carrier": "verizon", "prices": [
                    {"number_type": "local", "base_price": "0.0079"}]},
                {"carrier": "broken", "prices": [{"number_type": "local", "current_price": "n/a"}]}
            ]
        }));
        let p = CountryPrice::from_twilio("US", &c, PriceSource::Twilio).unwrap();
        assert_eq!((p.min, p.max), (m("0.0079"), m("0.0085")));
        assert_eq!(p.unit.as_deref(), Some("USD"));
        let none = country(serde_json::json!({"iso_country": "XX", "outbound_sms_prices": []}));
        let e = CountryPrice::from_twilio("XX", &none, PriceSource::Twilio).unwrap_err();
        assert!(e.contains("no outbound SMS price for XX"), "{e}");
    }

    #[test]
    fn the_budget_is_checked_against_the_upper_bound_and_refuses_unknown_prices() {
        let mut by = BTreeMap::new();
        by.insert(
            "SG",
            CountrySegments {
                messages: 2,
                segments: 3,
            },
        );
        by.insert(
            "US",
            CountrySegments {
                messages: 1,
                segments: 2,
            },
        );
        let price = |min: &str, max: &str| {
            Ok(CountryPrice {
                min: m(min),
                max: m(max),
                unit: Some("USD".into()),
                source: PriceSource::Twilio,
            })
        };
        let mut prices = BTreeMap::new();
        prices.insert("SG", price("0.04", "0.05"));
        prices.insert("US", price("0.0079", "0.0083"));
        let est = Estimate::new(&by, &prices);
        // 3 × 0.04 + 2 × 0.0079 = 0.1358; 3 × 0.05 + 2 × 0.0083 = 0.1666.
        assert_eq!(
            est.total(),
            Total::Known {
                min: m("0.1358"),
                max: m("0.1666"),
                unit: Some("USD".into())
            }
        );
        assert!(est.check_budget(m("0.1666")).is_ok());
        let e = est.check_budget(m("0.15")).unwrap_err();
        assert!(matches!(e, BudgetError::Exceeded { .. }), "{e}");
        assert!(e.to_string().contains("0.1358–0.1666 USD"), "{e}");
        prices.insert("US", Err("offline".into()));
        let e = Estimate::new(&by, &prices)
            .check_budget(m("100"))
            .unwrap_err();
        assert!(e.to_string().contains("price of US is unknown"), "{e}");
        assert!(e.to_string().contains("--price-per-segment"), "{e}");
        let flat = Estimate::flat(&by, m("0.05"));
        assert_eq!(
            flat.total(),
            Total::Known {
                min: m("0.25"),
                max: m("0.25"),
                unit: None
            }
        );
    }
}
