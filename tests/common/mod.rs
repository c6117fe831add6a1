//! One isolated world per test: a temp config dir and HOME, a keychain service
//! name of its own, no TWILIO_* / SMSCTL_* leaking in from outside, and an
//! optional httpmock server standing in for Twilio.
//!
//! Tests that store secrets call [`require_keychain`] first: they run against a
//! real, private Secret Service started by `scripts/test` (`scripts/with-keychain`)
//! and read it back with an independent reader (`secret-tool`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use httpmock::MockServer;
use tempfile::TempDir;

/// The smsctl binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_smsctl");

/// Valid-looking fixtures. Secrets are distinctive so a leak check is meaningful.
pub const AC: &str = "AC0123456789abcdef0123456789abcdef";
pub const AC2: &str = "ACfedcba9876543210fedcba9876543210";
pub const SK: &str = "SK00112233445566778899aabbccddeeff";
pub const MG: &str = "MG0123456789abcdef0123456789abcdef";
pub const MG2: &str = "MGaaaabbbbccccddddeeeeffff00001111";
/// An Auth Token: 32 letters and digits.
pub const TOKEN: &str = "s3cr3tT0kenXYZq8w7e6r5t4y3u2i1o0";
/// Another Auth Token (the rotated one).
pub const NEW_TOKEN: &str = "r0tat3dT0kenQWErty9Uio8Pas7Dfg6h";
/// An API Key Secret: 32 letters and digits.
pub const API_SECRET: &str = "ap1K3ySecr3tZZZmn4bv5cx6zl7kj8hg";
/// A phone number of the account (valid US number).
pub const FROM: &str = "+14155552671";
/// The user's own mobile (valid Singapore mobile).
pub const TEST_TO: &str = "+6591234567";
pub const WHATSAPP: &str = "whatsapp:+14155238886";

/// What `require_keychain` says when there is no private Secret Service.
pub const NEED_KEYCHAIN: &str =
    "these tests need a private Secret Service: run scripts/test (it starts one)";

/// Panic (never skip) unless `scripts/with-keychain` started a private Secret Service.
pub fn require_keychain() {
    if std::env::var("SMSCTL_TEST_KEYCHAIN").as_deref() != Ok("1") {
        panic!("{NEED_KEYCHAIN}");
    }
}

fn keychain_available() -> bool {
    std::env::var("SMSCTL_TEST_KEYCHAIN").as_deref() == Ok("1")
}

/// HTTP Basic credentials as Twilio expects them: `Basic base64(user:secret)`.
pub fn basic_auth(user: &str, secret: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{secret}").as_bytes()))
}

/// Standard base64 with padding (no dependency needed for this).
pub fn base64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Twilio's error body for a code.
pub fn twilio_error(code: i64, status: u16, message: &str) -> serde_json::Value {
    serde_json::json!({
        "code": code,
        "message": message,
        "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
        "status": status,
    })
}

/// Twilio's 20003 body.
pub fn error_20003() -> serde_json::Value {
    twilio_error(20003, 401, "Authenticate")
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A test's own world. Build with [`TestEnv::new`] or [`TestEnv::with_twilio`],
/// add variables with [`TestEnv::env`], then run commands with [`TestEnv::cmd`].
pub struct TestEnv {
    root: TempDir,
    /// The config dir (`SMSCTL_CONFIG_DIR`); not created until smsctl creates it.
    pub config_dir: PathBuf,
    pub home: PathBuf,
    /// This test's keychain service name.
    pub service: String,
    server: Option<MockServer>,
    extra: Vec<(String, String)>,
}

impl TestEnv {
    /// A world without a Twilio stand-in: both endpoints point at a closed loopback port.
    pub fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("smsctl-test.")
            .tempdir()
            .expect("temp dir");
        let home = root.path().join("home");
        std::fs::create_dir(&home).expect("home dir");
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .subsec_nanos();
        TestEnv {
            config_dir: root.path().join("config"),
            home,
            service: format!("smsctl-test-{}-{n}-{nanos}", std::process::id()),
            root,
            server: None,
            extra: Vec::new(),
        }
    }

    /// A world whose Twilio endpoints (REST and Messaging API) are an httpmock server.
    pub fn with_twilio() -> Self {
        let mut env = TestEnv::new();
        env.server = Some(MockServer::start());
        env
    }

    /// The Twilio stand-in (panics when the world has none).
    pub fn server(&self) -> &MockServer {
        self.server
            .as_ref()
            .expect("this TestEnv was built without a Twilio mock: use TestEnv::with_twilio()")
    }

    /// A variable set on every command of this world.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.extra.push((key.into(), value.into()));
        self
    }

    /// A scratch directory inside this world (for dotenv files and the like).
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// The cache dir (`SMSCTL_CACHE_DIR`); not created until smsctl creates it.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.path().join("cache")
    }

    pub fn toml_path(&self) -> PathBuf {
        self.config_dir.join("profiles.toml")
    }

    /// The profiles.toml text, or "" when there is none.
    pub fn toml(&self) -> String {
        std::fs::read_to_string(self.toml_path()).unwrap_or_default()
    }

    /// Write profiles.toml directly (for tests that need no keychain), private
    /// (0700 dir, 0600 file) as smsctl writes it.
    pub fn write_toml(&self, text: &str) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(&self.config_dir).expect("config dir");
        std::fs::set_permissions(&self.config_dir, std::fs::Permissions::from_mode(0o700))
            .expect("chmod config dir");
        std::fs::write(self.toml_path(), text).expect("write profiles.toml");
        std::fs::set_permissions(self.toml_path(), std::fs::Permissions::from_mode(0o600))
            .expect("chmod profiles.toml");
    }

    fn apply(&self, cmd: &mut std::process::Command) {
        for (k, _) in std::env::vars_os()
            .filter_map(|(k, v)| k.into_string().ok().map(|k| (k, v)))
            .filter(|(k, _)| k.starts_with("TWILIO_") || k.starts_with("SMSCTL_"))
        {
            cmd.env_remove(k);
        }
        // Dynamic completion must only be triggered on purpose.
        cmd.env_remove("COMPLETE");
        // Tables fit COLUMNS when it is set: only the tests that mean it set it.
        cmd.env_remove("COLUMNS");
        cmd.env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("SMSCTL_CONFIG_DIR", &self.config_dir)
            .env("SMSCTL_KEYCHAIN_SERVICE", &self.service)
            .env("SMSCTL_KEYCHAIN_TIMEOUT", "5")
            .env("SMSCTL_RETRY_BASE_MS", "5")
            .env("SMSCTL_HTTP_TIMEOUT", "10")
            .env("NO_COLOR", "1");
        match &self.server {
            Some(s) => cmd
                .env("SMSCTL_TWILIO_API_URL", s.base_url())
                .env("SMSCTL_TWILIO_MESSAGING_URL", s.base_url())
                .env("SMSCTL_TWILIO_PRICING_URL", s.base_url())
                .env("SMSCTL_TWILIO_CONTENT_URL", s.base_url()),
            // Never the real Twilio: loopback port 1 refuses at once.
            None => cmd
                .env("SMSCTL_TWILIO_API_URL", "http://127.0.0.1:1")
                .env("SMSCTL_TWILIO_MESSAGING_URL", "http://127.0.0.1:1")
                .env("SMSCTL_TWILIO_PRICING_URL", "http://127.0.0.1:1")
                .env("SMSCTL_TWILIO_CONTENT_URL", "http://127.0.0.1:1"),
        };
        // The price lists' cache: this world's own.
        cmd.env("SMSCTL_CACHE_DIR", self.cache_dir())
            .env("XDG_CACHE_HOME", self.home.join(".cache"));
        for (k, v) in &self.extra {
            cmd.env(k, v);
        }
    }

    /// The smsctl binary in this world; stdin is empty (never a terminal).
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut std_cmd = self.std_cmd();
        std_cmd.stdin(Stdio::null());
        let mut cmd = assert_cmd::Command::from_std(std_cmd);
        cmd.write_stdin("").timeout(Duration::from_secs(60));
        cmd
    }

    /// The same as a plain `std::process::Command` (to spawn many at once).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(BIN);
        self.apply(&mut cmd);
        cmd.stdin(Stdio::null());
        cmd
    }

    /// The secret stored for `label`, read by an independent reader (`secret-tool`).
    pub fn secret_tool_lookup(&self, label: &str) -> Option<String> {
        require_keychain();
        let out = std::process::Command::new("secret-tool")
            .args(["lookup", "service", &self.service, "username", label])
            .stdin(Stdio::null())
            .output()
            .expect("run secret-tool (libsecret-tools)");
        // secret-tool exits 1 with no output when nothing matches.
        let s = String::from_utf8(out.stdout).expect("utf-8 secret");
        if out.status.success() && !s.is_empty() {
            Some(s)
        } else {
            None
        }
    }

    /// Remove `label`'s keychain entry behind smsctl's back.
    pub fn secret_tool_clear(&self, label: &str) {
        require_keychain();
        let st = std::process::Command::new("secret-tool")
            .args(["clear", "service", &self.service, "username", label])
            .stdin(Stdio::null())
            .status()
            .expect("run secret-tool");
        assert!(st.success(), "secret-tool clear failed");
    }

    /// Store a secret behind smsctl's back.
    pub fn secret_tool_store(&self, label: &str, secret: &str) {
        require_keychain();
        let mut child = std::process::Command::new("secret-tool")
            .args([
                "store",
                "--label",
                label,
                "service",
                &self.service,
                "username",
                label,
            ])
            .stdin(Stdio::piped())
            .spawn()
            .expect("run secret-tool");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(secret.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "secret-tool store failed");
    }

    /// Points `DBUS_SESSION_BUS_ADDRESS` at a socket of this world that accepts
    /// connections and never answers. The listener is non-blocking, so a test
    /// can `accept()` on it to see whether anything connected.
    pub fn with_silent_bus(self) -> (Self, std::os::unix::net::UnixListener) {
        let sock = self.path("bus.sock");
        let bus = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        bus.set_nonblocking(true).unwrap();
        let env = self.env(
            "DBUS_SESSION_BUS_ADDRESS",
            &format!("unix:path={}", sock.display()),
        );
        (env, bus)
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        TestEnv::new()
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        // Leave nothing behind in the (private) keychain.
        if keychain_available() {
            let _ = std::process::Command::new("secret-tool")
                .args(["clear", "service", &self.service])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// A finished command: exit code and both streams.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout and stderr together, for "appears nowhere" checks.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// Every `error:` line of stderr.
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect()
    }

    /// The one `error:` line (panics unless there is exactly one).
    pub fn error_line(&self) -> &str {
        let lines = self.error_lines();
        assert_eq!(lines.len(), 1, "expected exactly one error line: {self:?}");
        lines[0]
    }
}

/// Runs `cmd` to the end (it must exit, not be killed).
pub fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().expect("run smsctl");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `smsctl <args>` in `env`, with `stdin` (empty when None).
pub fn smsctl(env: &TestEnv, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = env.cmd();
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    run(&mut cmd)
}

/// One HTTP/1.1 request read off a socket by the hand-rolled test servers.
pub struct Request {
    pub method: String,
    pub target: String,
    /// The request line and headers, as text.
    pub head: String,
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

/// Reads the next request (head, then Content-Length bytes of body) from
/// `stream`, keeping what follows it in `buf` for the next call (keep-alive).
/// `None` when the peer closes or the read fails.
pub fn read_request(stream: &mut impl std::io::Read, buf: &mut Vec<u8>) -> Option<Request> {
    let mut chunk = [0u8; 8192];
    let mut fill = |buf: &mut Vec<u8>| match stream.read(&mut chunk) {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            true
        }
    };
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if !fill(buf) {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut first = head.lines().next().unwrap_or("").split(' ');
    let mut req = Request {
        method: first.next().unwrap_or("").to_string(),
        target: first.next().unwrap_or("").to_string(),
        head,
        body: Vec::new(),
    };
    let len: usize = req
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        if !fill(buf) {
            return None;
        }
    }
    req.body = buf[head_end..head_end + len].to_vec();
    buf.drain(..head_end + len);
    Some(req)
}

#[test]
fn fixtures_are_well_formed() {
    for s in [TOKEN, NEW_TOKEN, API_SECRET] {
        assert_eq!(s.len(), 32, "{s}");
        assert!(s.bytes().all(|b| b.is_ascii_alphanumeric()), "{s}");
    }
    for (sid, p) in [(AC, "AC"), (AC2, "AC"), (SK, "SK"), (MG, "MG"), (MG2, "MG")] {
        assert!(sid.starts_with(p));
        assert_eq!(sid.len(), 34);
        assert!(sid[2..].bytes().all(|b| b.is_ascii_hexdigit()));
    }
    assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
    assert_eq!(base64(b"ab"), "YWI=");
    assert_eq!(base64(b"a"), "YQ==");
}
