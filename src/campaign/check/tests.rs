use std::io::Write;

use super::*;
use crate::campaign::journal::SkipReason;

fn run(csv: &str, template: &str, options: &CheckOptions) -> CheckReport {
    let reader =
        RecipientsReader::from_reader(Path::new("recipients.csv"), csv.as_bytes()).unwrap();
    check_reader(reader, &Template::parse(template).unwrap(), options).unwrap()
}

fn messages(r: &CheckReport) -> Vec<&str> {
    r.problems.iter().map(|p| p.message.as_str()).collect()
}

fn sg() -> CheckOptions {
    CheckOptions {
        default_region: Some("SG".parse().unwrap()),
        ..CheckOptions::default()
    }
}

#[test]
fn clean_file() {
    let csv = "\u{feff}Recipient,Name\n+65 9123 4567,Ann\n9123 4568,Bob\n";
    let r = run(csv, "Hi {{name}}", &sg());
    assert_eq!(messages(&r), Vec::<&str>::new());
    assert_eq!((r.rows, r.valid, r.invalid, r.duplicates), (2, 2, 0, 0));
    assert!(!r.is_fatal());
    assert!(r.should_send(0) && r.should_send(1) && !r.should_send(2));
    assert_eq!(r.samples.len(), 2);
    assert_eq!(r.samples[0].to, "+6591234567");
    assert_eq!(r.samples[0].body, "Hi Ann");
    assert_eq!(r.samples[1].line, 3);
    assert_eq!(r.segments.total, 2);
    assert_eq!(r.segments.histogram, BTreeMap::from([(1, 2)]));
    assert_eq!((r.segments.min, r.segments.max), (1, 1));
    assert_eq!(r.columns, ["Recipient", "Name"]);
    assert_eq!(
        r.content_digest(),
        (
            crate::campaign::bits::StableHasher::hash(csv.as_bytes()),
            csv.len() as u64
        )
    );
}

#[test]
fn header_normalisation_in_check() {
    let csv = "\u{feff} RECIPIENT\u{200b} ,\u{2060}First_Name\u{200d} , Code\u{200c}\n+6591234567,Ann,1\n";
    let r = run(
        csv,
        "Hi {{ first_name }} {{CODE}}",
        &CheckOptions::default(),
    );
    assert_eq!(messages(&r), Vec::<&str>::new());
    assert_eq!(r.samples[0].body, "Hi Ann 1");
    let opts = CheckOptions {
        to_column: Some(" Mobile ".into()),
        ..CheckOptions::default()
    };
    let r = run(
        "name,MOBILE\u{feff}\nAnn,+6591234567\n",
        "Hi {{name}}",
        &opts,
    );
    assert_eq!(r.valid, 1);
    assert_eq!(r.to_column, "Mobile");
}

#[test]
fn missing_phone_column() {
    let r = run("name,phone\nAnn,+6591234567\n", "Hi {{name}}", &sg());
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:1: no column \"recipient\"; columns are: name, phone — pass --to-column NAME"
        ]
    );
    assert_eq!(r.problems[0].line, 1);
    assert_eq!(r.problems[0].kind, ProblemKind::MissingPhoneColumn);
    assert!(r.is_fatal());
    assert_eq!(r.valid, 0);
    assert!(!r.should_send(0));
    assert!(r.samples.is_empty());
}

#[test]
fn missing_keyword_column() {
    let r = run(
        "recipient,first name\n+6591234567,Ann\n",
        "Hi {{name}}, {{code}}",
        &sg(),
    );
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:1: keyword {{name}} has no column; columns are: recipient, first name",
            "recipients.csv:1: keyword {{code}} has no column; columns are: recipient, first name",
        ]
    );
    assert!(r.is_fatal());
}

#[test]
fn ambiguous_and_empty_file() {
    let r = run(
        "recipient,Name, name \n+6591234567,a,b\n",
        "{{name}}",
        &sg(),
    );
    assert_eq!(
        messages(&r),
        ["recipients.csv:1: 2 columns are named \"name\" (columns 2 and 3); rename all but one"]
    );
    assert!(r.is_fatal());
    let r = run("", "{{name}}", &sg());
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:1: the file is empty; the first line must be a header row such as recipient,name"
        ]
    );
    assert!(r.is_fatal());
    let r = run("recipient,name\n", "{{name}}", &sg());
    assert_eq!(
        messages(&r),
        ["recipients.csv:1: no recipients: the file has a header and no rows"]
    );
    assert!(r.is_fatal());
}

#[test]
fn wrong_number_of_fields() {
    let csv = "recipient,name\n+6591234567,Ann\n+6591234568,Lee, Bob\n+6591234569\n,\n";
    let r = run(csv, "Hi {{name}}", &sg());
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:3: 3 fields, but the header has 2; a value containing a comma must be in double quotes",
            "recipients.csv:4: 1 field, but the header has 2; a value containing a comma must be in double quotes",
            "recipients.csv:5: the row is empty",
        ]
    );
    assert_eq!(
        r.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        [3, 4, 5]
    );
    assert_eq!((r.rows, r.valid, r.invalid), (4, 1, 3));
    assert_eq!(r.invalid_rows().collect::<Vec<_>>(), [1, 2, 3]);
    assert!(!r.is_fatal());
}

#[test]
fn invalid_numbers_use_the_phone_message() {
    let csv =
        "recipient,name\n12345,Ann\n,Bob\n+65 9123 4567,Cy\n91234568,Di\nwhatsapp:+6591234569,Ed\n";
    let r = run(csv, "Hi {{name}}", &CheckOptions::default());
    let expect = |line: u64, input: &str| {
        format!(
            "recipients.csv:{line}: {}",
            crate::phone::parse_number(input, None).unwrap_err()
        )
    };
    assert_eq!(
        messages(&r),
        [
            expect(2, "12345"),
            expect(3, ""),
            expect(5, "91234568"),
            expect(6, "whatsapp:+6591234569"),
        ]
    );
    assert_eq!(
        r.problems[1].message,
        "recipients.csv:3: the phone number is empty"
    );
    assert!(
        r.problems
            .iter()
            .all(|p| p.kind == ProblemKind::InvalidNumber)
    );
    assert_eq!((r.rows, r.valid, r.invalid), (5, 1, 4));
    // with a default region the local number is fine
    let r = run(csv, "Hi {{name}}", &sg());
    assert_eq!(r.invalid, 3);
}

#[test]
fn empty_and_too_long_bodies() {
    let long = "x".repeat(1601);
    let csv =
        format!("recipient,name,code\n+6591234567,,\n+6591234568,\"{long}\",1\n+6591234569, ,1\n");
    let allow_empty = CheckOptions {
        allow_empty: true,
        ..sg()
    };
    let r = run(&csv, "{{name}}{{code}}", &allow_empty);
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:2: the message body is empty (empty: {{name}}, {{code}})",
            "recipients.csv:3: the message body is 1602 characters; Twilio accepts at most 1,600",
        ]
    );
    assert_eq!(r.problems[0].kind, ProblemKind::EmptyBody);
    assert_eq!(r.problems[1].kind, ProblemKind::BodyTooLong);
    assert_eq!(r.valid, 1);
    // without --allow-empty, an empty (or blank) value is the row's problem
    let r = run(&csv, "{{name}}{{code}}", &sg());
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:2: {{name}} is empty (--allow-empty sends it anyway)",
            "recipients.csv:2: {{code}} is empty (--allow-empty sends it anyway)",
            "recipients.csv:3: the message body is 1602 characters; Twilio accepts at most 1,600",
            "recipients.csv:4: {{name}} is empty (--allow-empty sends it anyway)",
        ]
    );
    assert_eq!(r.problems[0].kind, ProblemKind::EmptyValue);
    assert_eq!((r.valid, r.invalid), (0, 3));
    // a row can have several problems, all reported
    let r = run("recipient,name\n123,\n", "{{name}}", &sg());
    assert_eq!(r.problems.len(), 2);
    assert_eq!(r.invalid, 1);
}

#[test]
fn invalid_utf8() {
    let mut csv = b"recipient,name\n+6591234567,".to_vec();
    csv.extend_from_slice(b"Ren\xe9\n");
    let reader = RecipientsReader::from_reader(Path::new("r.csv"), &csv[..]).unwrap();
    let r = check_reader(
        reader,
        &Template::parse("Hi {{name}}").unwrap(),
        &CheckOptions::default(),
    )
    .unwrap();
    assert_eq!(
        messages(&r),
        [
            "r.csv:2: column \"name\" is not valid UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in Excel)"
        ]
    );
}

#[test]
fn duplicates() {
    let csv = "recipient,name\n+6591234567,Ann\n+6591234568,Bob\n+65 9123 4567,Ann again\n\"multi\nline\",x\n91234568,Bob again\n+6591234568,Bob 3\n";
    let r = run(csv, "Hi {{name}}", &sg());
    assert_eq!(
        messages(&r),
        [
            "recipients.csv:4: duplicate recipient +6591234567, first on line 2; it is sent once (--allow-duplicates sends to every row)",
            "recipients.csv:5: \"multi\\nline\" is not a phone number",
            "recipients.csv:7: duplicate recipient +6591234568, first on line 3; it is sent once (--allow-duplicates sends to every row)",
            "recipients.csv:8: duplicate recipient +6591234568, first on line 3; it is sent once (--allow-duplicates sends to every row)",
        ]
    );
    assert_eq!((r.rows, r.valid, r.invalid, r.duplicates), (6, 2, 1, 3));
    assert_eq!(
        (0..6).filter(|&i| r.should_send(i)).collect::<Vec<_>>(),
        [0, 1]
    );
    assert!(r.is_duplicate(2) && r.is_duplicate(4) && r.is_duplicate(5));
    assert_eq!(r.first_occurrence(5), Some(1));
    assert_eq!(r.line_of(4), 7);
    assert_eq!(r.segments.messages, 2);
    assert_eq!(r.problems_by_kind[&ProblemKind::Duplicate], 3);

    let opts = CheckOptions {
        allow_duplicates: true,
        ..sg()
    };
    let r = run(csv, "Hi {{name}}", &opts);
    assert_eq!((r.valid, r.duplicates), (5, 0));
    assert_eq!(r.segments.messages, 5);
}

#[test]
fn duplicate_of_an_invalid_row_is_sent() {
    // the first row with the number has an empty body: the second one is the one sent
    let r = run(
        "recipient,name\n+6591234567,\n+6591234567,Ann\n",
        "{{name}}",
        &sg(),
    );
    assert_eq!((r.valid, r.invalid, r.duplicates), (1, 1, 0));
    assert!(r.should_send(1));
}

#[test]
fn problems_are_capped_but_counted() {
    let mut csv = String::from("recipient,name\n");
    for i in 0..5000 {
        csv.push_str(&format!("bad{i},x\n"));
    }
    let opts = CheckOptions {
        max_problems: 100,
        threads: 3,
        ..sg()
    };
    let r = run(&csv, "{{name}}", &opts);
    assert_eq!(r.problems.len(), 100);
    assert_eq!(r.problems_total, 5000);
    assert_eq!(r.invalid, 5000);
    assert_eq!(
        r.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        (2..102).collect::<Vec<u64>>(),
        "the first problems by line"
    );
}

#[test]
fn segments_and_samples_over_many_batches() {
    let mut csv = String::from("recipient,name\n");
    let n = 5000u32;
    for i in 0..n {
        // every 10th row is UCS-2 and two segments long
        let name = if i % 10 == 0 {
            "é".repeat(5) + &"ж".repeat(70)
        } else {
            format!("n{i}")
        };
        csv.push_str(&format!("+65 9{:07},{name}\n", 1_000_000 + i));
    }
    for threads in [1, 2, 4] {
        let opts = CheckOptions { threads, ..sg() };
        let r = run(&csv, "Hi {{name}}", &opts);
        assert_eq!(r.valid, u64::from(n));
        assert_eq!(r.segments.histogram, BTreeMap::from([(1, 4500), (2, 500)]));
        assert_eq!(r.segments.total, 5500);
        assert_eq!((r.segments.gsm7, r.segments.ucs2), (4500, 500));
        assert_eq!(
            r.samples.iter().map(|s| s.line).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        assert_eq!(r.samples[1].body, "Hi n1");
    }
}

#[test]
fn campaign_rows_send_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recipients.csv");
    std::fs::write(
        &path,
        "recipient,name\n+6591234567,Ann\nxx,Bob\n+6591234567,Ann 2\n+6591234568,Cy\n",
    )
    .unwrap();
    let t = Template::parse("Hi {{name}}").unwrap();
    let opts = sg();
    let report = check(&path, &t, &opts).unwrap();
    assert_eq!((report.valid, report.invalid, report.duplicates), (2, 1, 1));
    let mut rows = CampaignRows::open(&path, &t, &opts, &report).unwrap();
    let mut got = Vec::new();
    while let Some(r) = rows.next_row(|row| row != 3).unwrap() {
        let rr = r.row_ref();
        let what = match r.action {
            RowAction::Send {
                to, body, segments, ..
            } => {
                format!("send {to} {body:?} {}", segments.segments)
            }
            RowAction::Skip {
                reason, message, ..
            } => format!("skip {reason:?} {message}"),
        };
        got.push((rr.row, rr.line, rr.to, what));
    }
    let file = path.display().to_string();
    assert_eq!(
        got,
        [
            (
                0,
                2,
                "+6591234567".into(),
                "send +6591234567 \"Hi Ann\" 1".into()
            ),
            (
                1,
                3,
                "xx".into(),
                format!("skip Invalid {file}:3: \"xx\" is not a phone number")
            ),
            (
                2,
                4,
                "+6591234567".into(),
                format!(
                    "skip Duplicate {file}:4: duplicate recipient +6591234567, first on line 2; it is sent once (--allow-duplicates sends to every row)"
                )
            ),
        ]
    );

    // a fatal report sends nothing
    let fatal = check(&path, &Template::parse("{{nope}}").unwrap(), &opts).unwrap();
    assert!(fatal.is_fatal());
    let mut rows = CampaignRows::open(&path, &t, &opts, &fatal).unwrap();
    let r = rows.next_row(|_| true).unwrap().unwrap();
    assert!(
        matches!(&r.action, RowAction::Skip { reason: SkipReason::Invalid, message, .. }
            if message.ends_with("keyword {{nope}} has no column; columns are: recipient, name")),
        "{r:?}"
    );

    // the file changed after the check
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    f.write_all(b"+6591234569,Di\n").unwrap();
    drop(f);
    let mut rows = CampaignRows::open(&path, &t, &opts, &report).unwrap();
    let mut handed_out = 0;
    let err = loop {
        match rows.next_row(|_| true) {
            Ok(Some(_)) => handed_out += 1,
            Ok(None) => panic!("change not detected"),
            Err(e) => break e,
        }
    };
    // The added row is in the first chunk: no row of it is handed out.
    assert!(
        matches!(err, CheckError::ChangedAt { line: 2, .. }),
        "{err}"
    );
    assert_eq!(handed_out, 0);
}

#[test]
fn the_send_pass_refuses_a_changed_chunk_before_handing_out_any_of_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    let rows = 3 * CHUNK_ROWS + 10;
    let mut text = String::from("recipient,name\n");
    for i in 0..rows {
        text.push_str(&format!("+659{:07},P{i}\n", 1_000_000 + i));
    }
    std::fs::write(&path, &text).unwrap();
    let t = Template::parse("Hi {{name}}").unwrap();
    let opts = CheckOptions::default();
    let report = check(&path, &t, &opts).unwrap();
    assert_eq!(report.valid, rows as u64);
    // Same length, one name changed in the third chunk.
    let edited_row = 2 * CHUNK_ROWS + 5;
    let text = text.replace(&format!(",P{edited_row}\n"), &format!(",Q{edited_row}\n"));
    std::fs::write(&path, &text).unwrap();
    let mut pass = CampaignRows::open(&path, &t, &opts, &report).unwrap();
    let mut handed_out = 0;
    let err = loop {
        match pass.next_row(|_| true) {
            Ok(Some(_)) => handed_out += 1,
            Ok(None) => panic!("change not detected"),
            Err(e) => break e,
        }
    };
    assert_eq!(
        handed_out,
        2 * CHUNK_ROWS,
        "rows of the changed chunk were handed out"
    );
    let first_line = (2 * CHUNK_ROWS + 2) as u64;
    assert!(
        matches!(err, CheckError::ChangedAt { line, .. } if line == first_line),
        "{err}"
    );
}

#[test]
fn missing_file_is_an_error() {
    let err = check(
        Path::new("/nonexistent/recipients.csv"),
        &Template::parse("x").unwrap(),
        &CheckOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("/nonexistent/recipients.csv: "));
}

/// Peak resident memory of this process, in KiB (Linux).
fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn write_recipients(path: &Path, rows: u32) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "recipient,name,code").unwrap();
    for i in 0..rows {
        // unique Singapore mobiles in a few written forms, one duplicate in 1,000
        let n = 90_000_000 + if i % 1000 == 999 { i - 1 } else { i };
        match i % 3 {
            0 => writeln!(w, "+65{n},Name {i},{}", i % 9973),
            1 => writeln!(
                w,
                "+65 {} {:04},Name {i},{}",
                n / 10_000,
                n % 10_000,
                i % 9973
            ),
            _ => writeln!(w, "{n},Name {i},{}", i % 9973),
        }
        .unwrap();
    }
}

/// `cargo test --release --lib campaign::check::tests::bench_check_million -- --ignored --nocapture`
#[test]
#[ignore = "benchmark: run in --release"]
fn bench_check_million() {
    let dir = tempfile::tempdir().unwrap();
    let t = Template::parse("Hi {{name}}, your code is {{code}}. Reply STOP to opt out.").unwrap();
    let mut opts = sg();
    if std::env::var_os("BENCH_ALLOW_DUPLICATES").is_some() {
        opts.allow_duplicates = true;
    }
    let mut results = Vec::new();
    // BENCH_ROWS=1000000 measures one size in a fresh process
    let sizes: Vec<u32> = std::env::var("BENCH_ROWS")
        .map(|v| v.split(',').map(|n| n.trim().parse().unwrap()).collect())
        .unwrap_or_else(|_| vec![100_000, 1_000_000]);
    for rows in sizes {
        let path = dir.path().join(format!("r{rows}.csv"));
        write_recipients(&path, rows);
        let size = std::fs::metadata(&path).unwrap().len();
        let start = std::time::Instant::now();
        let r = check(&path, &t, &opts).unwrap();
        let took = start.elapsed();
        let hwm = vm_hwm_kib();
        assert_eq!(r.rows, u64::from(rows));
        assert_eq!(r.invalid, 0, "{:?}", r.problems.first());
        if !opts.allow_duplicates {
            assert_eq!(r.duplicates, u64::from(rows / 1000));
        }
        eprintln!(
            "check {rows} rows ({:.1} MB): {:.3} s, {:.2} µs/row; peak RSS so far {:.1} MiB; report keeps {} KiB",
            size as f64 / 1e6,
            took.as_secs_f64(),
            took.as_secs_f64() * 1e6 / f64::from(rows),
            hwm as f64 / 1024.0,
            r.heap_bytes() / 1024
        );
        results.push((rows, hwm));
        std::fs::remove_file(&path).unwrap();
    }
    if results.len() < 2 {
        return;
    }
    let (a, b) = (results[0], results[1]);
    eprintln!(
        "peak RSS growth 100k → 1M: {:.1} bytes per recipient",
        (b.1 as f64 - a.1 as f64) * 1024.0 / f64::from(b.0 - a.0)
    );
}

#[test]
fn extra_numbers_pass_only_when_given() {
    let csv = "recipient,name\n+1 555 123 4567,Ann\n";
    let r = run(csv, "Hi {{name}}", &CheckOptions::default());
    assert_eq!((r.valid, r.invalid), (0, 1));
    let opts = CheckOptions {
        extra_numbers: &["+15551234567"],
        ..CheckOptions::default()
    };
    let r = run(csv, "Hi {{name}}", &opts);
    assert_eq!((r.valid, r.invalid), (1, 0));
}

#[test]
fn opted_out_numbers_are_counted_not_sent_and_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recipients.csv");
    std::fs::write(
        &path,
        "recipient,name\n+6591234567,Ann\n+6591234568,Bob\n+6591234567,Ann 2\n+6591234569,Cy\n",
    )
    .unwrap();
    let t = Template::parse("Hi {{name}}").unwrap();
    let listed: crate::phone::E164 = "+6591234567".parse().unwrap();
    let opts = CheckOptions {
        opted_out: Arc::new(HashSet::from([listed.as_u64()])),
        ..sg()
    };
    let report = check(&path, &t, &opts).unwrap();
    assert_eq!(
        (
            report.valid,
            report.invalid,
            report.duplicates,
            report.opted_out
        ),
        (2, 0, 0, 2)
    );
    assert_eq!(report.segments.messages, 2);
    assert!(report.is_opted_out(0) && report.is_opted_out(2) && !report.should_send(0));
    assert!(report.samples.iter().all(|s| s.to != listed.as_str()));
    let mut rows = CampaignRows::open(&path, &t, &opts, &report).unwrap();
    let mut skipped = Vec::new();
    while let Some(r) = rows.next_row(|_| true).unwrap() {
        if let RowAction::Skip {
            reason, message, ..
        } = r.action
        {
            assert_eq!(reason, SkipReason::OptedOut);
            skipped.push(message);
        }
    }
    let file = path.display().to_string();
    assert_eq!(
        skipped,
        [2, 4].map(|l| format!(
            "{file}:{l}: +6591234567 is on the opt-out list; not sent (`smsctl optouts rm +6591234567` if they opted in again)"
        ))
    );
}
