//! The cost estimate of `campaign run` (issue 12, cost): Twilio's Pricing API v1
//! against httpmock (the request's path and auth, the table's figures), the
//! per-account cache (reused within a day, refetched when stale, used offline),
//! unknown prices, `--budget` (refused before any request to Messages), and the
//! same against the sandbox end to end.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use httpmock::Method::{GET, POST};
use httpmock::Mock;
use serde_json::{Value, json};

use crate::common::{AC, FROM, Run, TOKEN, TestEnv, basic_auth, run, twilio_error};

/// Seven recipients in four countries: SG ×3 (one of them two segments), US ×2,
/// GB ×1, FR ×1.
const MIXED: &str = "recipient,name\n\
    +6591234567,Ann\n\
    +6591234568,LONGNAME\n\
    +6591234569,Cy\n\
    +12127363100,Dan\n\
    +12127363101,Eve\n\
    +447400123456,Fay\n\
    +33612345678,Gus\n";

/// [`MIXED`] without the French recipient.
fn mixed_without_fr() -> String {
    mixed().replace("+33612345678,Gus\n", "")
}

fn mixed() -> String {
    // "Hi " + 160 letters: 163 GSM-7 characters, two segments.
    MIXED.replace("LONGNAME", &"a".repeat(160))
}

/// Twilio's `messaging_country-instance`, one price per carrier.
fn price_list(iso: &str, name: &str, carriers: &[(&str, &str)]) -> Value {
    let outbound: Vec<Value> = carriers
        .iter()
        .map(|(carrier, price)| {
            json!({
                "carrier": carrier, "mcc": "001", "mnc": "01",
                "prices": [{"number_type": "mobile", "base_price": price, "current_price": price}]
            })
        })
        .collect();
    json!({
        "country": name,
        "iso_country": iso,
        "outbound_sms_prices": outbound,
        "inbound_sms_prices": [],
        "price_unit": "USD",
        "url": format!("https://pricing.twilio.com/v1/Messaging/Countries/{iso}"),
    })
}

/// The Pricing API of `env`'s mock for SG, US and GB (with Basic auth), 404 for FR.
struct Prices<'a> {
    sg: Mock<'a>,
    us: Mock<'a>,
    gb: Mock<'a>,
    fr: Mock<'a>,
}

fn mock_prices(env: &TestEnv) -> Prices<'_> {
    let auth = basic_auth(AC, TOKEN);
    let list = |iso: &'static str, body: Value| {
        let auth = auth.clone();
        env.server().mock(move |when, then| {
            when.method(GET)
                .path(format!("/v1/Messaging/Countries/{iso}"))
                .header("authorization", auth);
            then.status(200).json_body(body);
        })
    };
    Prices {
        sg: list(
            "SG",
            price_list(
                "SG",
                "Singapore",
                &[("Singtel", "0.0450"), ("StarHub", "0.0480")],
            ),
        ),
        us: list(
            "US",
            price_list(
                "US",
                "United States",
                &[("Verizon", "0.0079"), ("AT&T", "0.0083")],
            ),
        ),
        gb: list(
            "GB",
            price_list("GB", "United Kingdom", &[("EE", "0.0400")]),
        ),
        fr: env.server().mock(|when, then| {
            when.method(GET).path("/v1/Messaging/Countries/FR");
            then.status(404).json_body(twilio_error(
                20404,
                404,
                "The requested resource /Messaging/Countries/FR was not found",
            ));
        }),
    }
}

/// Any POST to Messages: 201 queued (counted to prove none was made).
fn create_ok(env: &TestEnv) -> Mock<'_> {
    env.server().mock(|when, then| {
        when.method(POST)
            .path(format!("/2010-04-01/Accounts/{AC}/Messages.json"));
        then.status(201).json_body(json!({
            "sid": "SM0123456789abcdef0123456789abcdef", "account_sid": AC,
            "status": "queued", "to": "+6591234567", "from": FROM, "body": "hi",
            "num_segments": "1", "date_created": "Mon, 01 Jan 2024 00:00:00 +0000",
        }));
    })
}

/// A world with env credentials and a mock Twilio, and a campaign dir holding `csv`.
fn world(csv: &str) -> (TestEnv, PathBuf) {
    let env = TestEnv::with_twilio()
        .env("TWILIO_ACCOUNT_SID", AC)
        .env("TWILIO_AUTH_TOKEN", TOKEN)
        .env("TWILIO_PHONE_NUMBER", FROM);
    let dir = env.path("camp");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("r.csv"), csv).unwrap();
    (env, dir)
}

/// `campaign run --recipients r.csv --body "Hi {{name}}" EXTRA…` in `dir`.
fn campaign(env: &TestEnv, dir: &Path, vars: &[(&str, &str)], extra: &[&str]) -> Run {
    let mut cmd = env.cmd();
    cmd.current_dir(dir).args([
        "campaign",
        "run",
        "--recipients",
        "r.csv",
        "--body",
        "Hi {{name}}",
    ]);
    cmd.args(extra);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    run(&mut cmd)
}

/// The stdout line starting with `label`, whitespace collapsed.
fn line(r: &Run, label: &str) -> String {
    r.stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no line {label:?}:\n{}\n{}", r.stdout, r.stderr))
}

fn cache_file(env: &TestEnv, iso: &str) -> PathBuf {
    env.cache_dir()
        .join("pricing")
        .join(AC)
        .join(format!("{iso}.json"))
}

/// Makes a cached price list look `age` old.
fn age_cache(path: &Path, age: Duration) {
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn a_dry_run_prices_each_country_from_the_pricing_api_and_shows_exact_figures() {
    let (env, dir) = world(&mixed());
    let p = mock_prices(&env);
    let r = campaign(&env, &dir, &[], &["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    // One GET per country, with the account's Basic auth (the mocks match on it).
    p.sg.assert_calls(1);
    p.us.assert_calls(1);
    p.gb.assert_calls(1);
    p.fr.assert_calls(1);
    assert_eq!(line(&r, "FR"), "FR France 1 1 unknown unknown");
    assert_eq!(line(&r, "GB"), "GB United Kingdom 1 1 0.04 0.04 USD");
    // 4 segments × 0.045 = 0.18, × 0.048 = 0.192.
    assert_eq!(
        line(&r, "SG"),
        "SG Singapore 3 4 0.045–0.048 0.18–0.192 USD"
    );
    assert_eq!(
        line(&r, "US"),
        "US United States 2 2 0.0079–0.0083 0.0158–0.0166 USD"
    );
    assert_eq!(line(&r, "total"), "total 7 8 unknown");
    assert_eq!(
        line(&r, "price unknown for FR"),
        "price unknown for FR: Twilio's Pricing API has no messaging prices for FR"
    );
    assert_eq!(
        line(&r, "estimated cost"),
        "estimated cost unknown: no price for FR (see below)"
    );

    // Without the unpriced country: a total range. --json says the same exactly.
    std::fs::write(dir.join("r.csv"), mixed_without_fr()).unwrap();
    let r = campaign(&env, &dir, &[], &["--dry-run", "--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let cost = &v["cost"];
    assert_eq!(cost["total_min"], "0.2358", "{cost}");
    assert_eq!(cost["total_max"], "0.2486", "{cost}");
    assert_eq!(cost["currency"], "USD");
    let sg = &cost["countries"].as_array().unwrap()[1];
    assert_eq!(sg["country"], "SG");
    assert_eq!((&sg["recipients"], &sg["segments"]), (&json!(3), &json!(4)));
    assert_eq!(
        (&sg["price_min"], &sg["price_max"]),
        (&json!("0.045"), &json!("0.048"))
    );
    // The second run read the cache.
    assert_eq!(sg["source"], "cache");
    assert!((v["estimated_cost"].as_f64().unwrap() - 0.2486).abs() < 1e-9);
    p.sg.assert_calls(1);
}

#[test]
fn price_lists_are_cached_for_a_day_and_refetched_when_stale() {
    let (env, dir) = world("recipient,name\n+6591234567,Ann\n");
    let p = mock_prices(&env);
    for _ in 0..2 {
        let r = campaign(&env, &dir, &[], &["--dry-run"]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(
            line(&r, "SG"),
            "SG Singapore 1 1 0.045–0.048 0.045–0.048 USD"
        );
    }
    p.sg.assert_calls(1);
    let cached = cache_file(&env, "SG");
    let text = std::fs::read_to_string(&cached).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["iso_country"], "SG",
        "the cache holds Twilio's answer: {text}"
    );
    assert!(!text.contains(TOKEN));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&cached).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");

    // 23 hours old: still used.
    age_cache(&cached, Duration::from_secs(23 * 3600));
    assert_eq!(campaign(&env, &dir, &[], &["--dry-run"]).code, 0);
    p.sg.assert_calls(1);
    // 25 hours old: asked again, and the cache is fresh again after it.
    age_cache(&cached, Duration::from_secs(25 * 3600));
    assert_eq!(campaign(&env, &dir, &[], &["--dry-run"]).code, 0);
    p.sg.assert_calls(2);
    assert_eq!(campaign(&env, &dir, &[], &["--dry-run"]).code, 0);
    p.sg.assert_calls(2);
}

#[test]
fn offline_the_cache_still_prices_and_an_uncached_country_is_unknown_with_the_reason() {
    let (env, dir) = world("recipient,name\n+6591234567,Ann\n");
    let p = mock_prices(&env);
    assert_eq!(campaign(&env, &dir, &[], &["--dry-run"]).code, 0);
    p.sg.assert_calls(1);
    let offline = [("SMSCTL_TWILIO_PRICING_URL", "http://127.0.0.1:1")];

    // A fresh cache: no request needed.
    let r = campaign(&env, &dir, &offline, &["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        line(&r, "SG"),
        "SG Singapore 1 1 0.045–0.048 0.045–0.048 USD"
    );

    // A stale cache that cannot be refreshed: used, and said so.
    age_cache(&cache_file(&env, "SG"), Duration::from_secs(3 * 24 * 3600));
    let r = campaign(&env, &dir, &offline, &["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        line(&r, "SG"),
        "SG Singapore 1 1 0.045–0.048 0.045–0.048 USD"
    );
    let note = line(&r, "SG:");
    assert!(
        note.starts_with("SG: Twilio's price list from 3 days ago (cached; refreshing it failed: ")
            && note.contains("127.0.0.1"),
        "{note}"
    );

    // A country never cached: unknown, with why; the dry run still succeeds.
    std::fs::write(dir.join("r.csv"), "recipient,name\n+4915112345678,Ann\n").unwrap();
    let r = campaign(&env, &dir, &offline, &["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(line(&r, "DE"), "DE Germany 1 1 unknown unknown");
    let why = line(&r, "price unknown for DE");
    assert!(
        why.starts_with(
            "price unknown for DE: the Pricing API could not be asked: cannot connect to 127.0.0.1"
        ),
        "{why}"
    );

    // No credentials at all and no cache: unknown, and why.
    let bare = TestEnv::new();
    let bare_dir = bare.path("camp");
    std::fs::create_dir_all(&bare_dir).unwrap();
    std::fs::write(bare_dir.join("r.csv"), "recipient,name\n+6591234567,Ann\n").unwrap();
    let r = campaign(&bare, &bare_dir, &[], &["--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    let why = line(&r, "price unknown for SG");
    assert!(
        why.starts_with("price unknown for SG: no credentials to ask Twilio's Pricing API with"),
        "{why}"
    );
}

#[test]
fn price_per_segment_replaces_the_pricing_api() {
    let (env, dir) = world(&mixed());
    let p = mock_prices(&env);
    let r = campaign(
        &env,
        &dir,
        &[],
        &[
            "--dry-run",
            "--price-per-segment",
            "0.05",
            "--budget",
            "0.40",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    for m in [&p.sg, &p.us, &p.gb, &p.fr] {
        m.assert_calls(0);
    }
    assert_eq!(line(&r, "SG"), "SG Singapore 3 4 0.05 0.20");
    assert_eq!(line(&r, "total"), "total 7 8 0.40");
    assert_eq!(line(&r, "estimated cost"), "estimated cost 0.40");
    assert!(r.stderr.contains("within --budget 0.40"), "{r:?}");
    let r = campaign(&env, &dir, &[], &["--dry-run", "--price-per-segment", "x"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("\"x\" is not an amount"), "{r:?}");
}

#[test]
fn a_budget_below_the_estimate_refuses_before_any_request_to_messages() {
    let (env, dir) = world(&mixed_without_fr());
    let _p = mock_prices(&env);
    let create = create_ok(&env);
    // The upper bound is 0.2486 USD.
    let r = campaign(&env, &dir, &[], &["--yes", "--budget", "0.24"]);
    assert_eq!(r.code, 2, "{r:?}");
    create.assert_calls(0);
    assert_eq!(
        r.error_line(),
        "error: the estimate is 0.2358–0.2486 USD, above --budget 0.24 USD: nothing was sent (send fewer messages or shorter ones, or raise --budget; Twilio's MaxPrice is obsolete since 2024-06-03, so smsctl enforces the budget)"
    );
    assert!(
        !dir.join("r.csv.smsctl-journal").exists(),
        "a journal was started"
    );
    // The dry run says the same, with the same exit code.
    let r = campaign(&env, &dir, &[], &["--dry-run", "--budget", "0.24"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.error_line().contains("above --budget 0.24 USD"), "{r:?}");
    create.assert_calls(0);

    // At or above the upper bound: the run proceeds and sends each recipient once.
    let r = campaign(&env, &dir, &[], &["--yes", "--budget", "0.2486"]);
    assert_eq!(r.code, 0, "{r:?}");
    create.assert_calls(6);
    assert!(r.stderr.contains("within --budget 0.2486"), "{r:?}");
}

#[test]
fn a_budget_with_a_country_of_unknown_price_refuses_and_names_it() {
    let (env, dir) = world(&mixed());
    let _p = mock_prices(&env);
    let create = create_ok(&env);
    let r = campaign(&env, &dir, &[], &["--yes", "--budget", "1000"]);
    assert_eq!(r.code, 2, "{r:?}");
    create.assert_calls(0);
    let e = r.error_line();
    assert!(
        e.contains(
            "the price of FR is unknown, so --budget 1000.00 cannot be checked: nothing was sent"
        ) && e.contains("--price-per-segment"),
        "{e}"
    );
    // The table shown with the refusal names the reason.
    assert!(
        r.stderr
            .contains("price unknown for FR: Twilio's Pricing API has no messaging prices for FR"),
        "{r:?}"
    );
}

/// The README's rehearsal: a priced dry run and a budgeted run, all in the sandbox.
#[test]
fn a_priced_dry_run_and_a_budget_rehearse_against_the_sandbox() {
    let env = TestEnv::new();
    let dir = env.path("camp");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("r.csv"),
        "recipient,name\n+6591234567,Ann\n+6591234568,Ben\n+447400123456,Cat\n+4915112345678,Dan\n+12127363100,Eve\n",
    )
    .unwrap();
    let r = campaign(&env, &dir, &[], &["--sandbox", "--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(line(&r, "DE"), "DE Germany 1 1 0.078–0.085 0.078–0.085 USD");
    assert_eq!(
        line(&r, "GB"),
        "GB United Kingdom 1 1 0.04–0.042 0.04–0.042 USD"
    );
    assert_eq!(
        line(&r, "SG"),
        "SG Singapore 2 2 0.045–0.048 0.09–0.096 USD"
    );
    assert_eq!(
        line(&r, "US"),
        "US United States 1 1 0.0079–0.0083 0.0079–0.0083 USD"
    );
    assert_eq!(line(&r, "total"), "total 5 5 0.2159–0.2313 USD");

    let r = campaign(&env, &dir, &[], &["--sandbox", "--yes", "--budget", "0.20"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.error_line().contains("above --budget 0.20 USD"), "{r:?}");
    assert!(!dir.join("r.sandbox.csv.smsctl-journal").exists());

    let r = campaign(&env, &dir, &[], &["--sandbox", "--yes", "--budget", "0.25"]);
    assert_eq!(r.code, 0, "{r:?}");
    let report = std::fs::read_to_string(dir.join("r.sandbox.report.csv")).unwrap();
    assert_eq!(
        report.matches(",sent,").count() + report.matches(",delivered,").count(),
        5,
        "{report}"
    );
}

#[test]
fn duplicates_and_opted_out_numbers_are_not_counted_in_their_country() {
    let (env, dir) = world(
        "recipient,name\n+6591234567,Ann\n+6591234567,Ann again\n+6591234568,Stop\n+12127363100,Dan\n",
    );
    let mut cmd = env.cmd();
    cmd.args(["optouts", "add", "+6591234568"]);
    assert_eq!(run(&mut cmd).code, 0);
    let r = campaign(
        &env,
        &dir,
        &[],
        &["--dry-run", "--price-per-segment", "0.01"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(line(&r, "SG"), "SG Singapore 1 1 0.01 0.01");
    assert_eq!(line(&r, "US"), "US United States 1 1 0.01 0.01");
    assert_eq!(line(&r, "total"), "total 2 2 0.02");
}
