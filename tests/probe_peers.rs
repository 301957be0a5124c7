//! posdiag against an AT peer nobody on this project wrote: iaxmodem
//! (Debian's software modem, spandsp's V.250 interpreter) on its
//! pseudo-terminal, and ser2net (Debian) in front of it over loopback TCP.
//! iaxmodem runs in private network, mount and PID namespaces (root only):
//! it reads its configuration from a private `/etc/iaxmodem`, needs no IAX
//! server, and everything it starts dies with the namespace at the end of
//! each test, also on a panic.
//!
//! Where the packages (or root) are missing these tests say why and
//! return; under `CI=true` they must run, and fail instead. The exchanges
//! they capture are kept as replay fixtures (`tests/probe_captures.rs`),
//! so every machine still tests the parsing of what iaxmodem says.

mod common;

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::probe_json::Probe;

const BIN: &str = env!("CARGO_BIN_EXE_posdiag");

/// Whether the peers must run (`CI=true`): then a peer that cannot start
/// fails the test.
fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A peer is not available: fail under CI, otherwise say so. `None`.
fn unavailable<T>(why: &str) -> Option<T> {
    assert!(!required(), "CI=true, and the peer cannot start: {why}");
    eprintln!("skipping: {why} (install iaxmodem and ser2net, run as root; see .ci/run)");
    None
}

fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// A process killed (and reaped) when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// iaxmodem in its own namespaces; its pty at `device`.
struct Iaxmodem {
    _guard: Guard,
    dir: tempfile::TempDir,
    device: PathBuf,
}

impl Iaxmodem {
    fn start() -> Option<Iaxmodem> {
        if !installed("iaxmodem") || !installed("unshare") {
            return unavailable("iaxmodem or unshare is not installed");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let (etc, dev) = (dir.path().join("etc"), dir.path().join("dev"));
        std::fs::create_dir_all(&etc).expect("etc");
        std::fs::create_dir_all(&dev).expect("dev");
        let device = dev.join("ttyIAX0");
        let config = format!(
            "device {}\nowner root:root\nmode 660\nport 4570\nrefresh 0\nserver 127.0.0.1\npeername posdiag\nsecret posdiag\ncidname posdiag\ncidnumber 0000\ncodec slinear\n",
            device.display()
        );
        std::fs::write(etc.join("ttyIAX0"), config).expect("config");
        // The shell stays the namespace's first process (iaxmodem drops to
        // `uucp`, which clears a parent-death signal): killing `unshare`
        // kills the shell, and with it the whole PID namespace.
        let script = format!(
            "(ip link set lo up || true) && mkdir -p /etc/iaxmodem && mount --bind '{}' /etc/iaxmodem && {{ iaxmodem ttyIAX0 & wait; }}",
            etc.display()
        );
        let log = std::fs::File::create(dir.path().join("iaxmodem.log")).expect("log");
        let child = Command::new("unshare")
            .args(["-n", "-m", "-p", "--fork", "--kill-child", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn();
        let mut guard = match child {
            Ok(child) => Guard(child),
            Err(e) => return unavailable(&format!("cannot run unshare: {e}")),
        };
        let started = Instant::now();
        while !device.exists() {
            // Not root, no namespaces: unshare ends at once.
            let ended = guard.0.try_wait().ok().flatten();
            if ended.is_some() || started.elapsed() > Duration::from_secs(10) {
                let log = std::fs::read_to_string(dir.path().join("iaxmodem.log"));
                return unavailable(&format!(
                    "iaxmodem opened no pty (root is needed for its namespaces): {}",
                    log.unwrap_or_default().trim()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Iaxmodem { _guard: guard, dir, device })
    }

    fn url(&self) -> String {
        self.device.display().to_string()
    }

    /// Send bytes straight to the modem, as another program would.
    fn send_raw(&self, bytes: &[u8]) {
        let mut port = serialport::new(self.url(), 9600)
            .timeout(Duration::from_millis(300))
            .open()
            .expect("open the modem's pty");
        port.write_all(bytes).expect("write");
        let mut buf = [0u8; 256];
        let _ = port.read(&mut buf);
    }

    /// Send command lines straight to the modem, as another program would.
    fn send(&self, commands: &[&str]) {
        let mut port = serialport::new(self.url(), 9600)
            .timeout(Duration::from_millis(300))
            .open()
            .expect("open the modem's pty");
        for command in commands {
            port.write_all(format!("{command}\r").as_bytes()).expect("write");
            let mut buf = [0u8; 256];
            // Whatever it answers (nothing at all in ATQ1).
            let _ = port.read(&mut buf);
        }
    }
}

/// ser2net in front of a pty (the modem's, or a simulated terminal's), on
/// a free loopback port; its configuration and pid file in `dir`.
struct Ser2net {
    _guard: Guard,
    url: String,
}

impl Ser2net {
    fn start(dir: &Path, device: &str) -> Option<Ser2net> {
        if !installed("ser2net") {
            return unavailable("ser2net is not installed");
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let config = dir.join("ser2net.yaml");
        std::fs::write(
            &config,
            format!(
                "connection: &modem\n  accepter: tcp,127.0.0.1,{port}\n  connector: serialdev,{device},9600n81,local\n"
            ),
        )
        .expect("config");
        let child = Command::new("ser2net")
            .args(["-n", "-d", "-u", "-P"])
            .arg(dir.join("ser2net.pid"))
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let guard = match child {
            Ok(child) => Guard(child),
            Err(e) => return unavailable(&format!("cannot run ser2net: {e}")),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(10) {
                return unavailable("ser2net did not listen within 10 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Let ser2net see that probe connection close before the real one.
        std::thread::sleep(Duration::from_millis(200));
        Some(Ser2net { _guard: guard, url: format!("tcp://127.0.0.1:{port}") })
    }
}

fn posdiag(args: &[&str]) -> Output {
    assert_cmd::Command::new(BIN)
        .args(["--lang", "en"])
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .expect("run posdiag")
}

/// `probe URL --format json` and more; exit 0 required. Also the time.
/// Recorded in `dir` as `capture`.txt (kept as a fixture, see
/// [`keep_capture`]).
fn probe(dir: &Path, capture: &str, url: &str, extra: &[&str]) -> (Probe, Duration) {
    let record = dir.join(format!("{capture}.txt"));
    let record_text = record.display().to_string();
    let mut args = vec!["probe", url, "--format", "json", "--record", &record_text];
    args.extend_from_slice(extra);
    let started = Instant::now();
    let out = posdiag(&args);
    let took = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "probe {url} {extra:?}: {err}");
    let live: Probe = serde_json::from_slice(&out.stdout).expect("probe JSON");
    // The record gives the same facts offline.
    let out = posdiag(&["probe", "--replay", &record_text, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let replayed: Probe = serde_json::from_slice(&out.stdout).expect("replay JSON");
    assert_eq!(replayed.facts, live.facts);
    assert_eq!(replayed.unsupported, live.unsupported);
    assert_eq!(replayed.absent, live.absent);
    keep_capture(&record, capture);
    (live, took)
}

/// What iaxmodem is: a modem that answers AT (no ECR), with the facts it
/// can give and every reply it gave listed, none lost.
#[track_caller]
fn is_iaxmodem(r: &Probe) {
    assert_eq!(r.protocols, ["at"], "{r:#?}");
    assert_eq!(r.absent.len(), 1, "{r:#?}");
    assert_eq!(r.absent[0].protocol, "ecr");
    assert_eq!(r.fact("modem.manufacturer"), Some("spandsp"));
    assert_eq!(r.evidence("modem.attach"), Some("AT+CGATT? → +CGATT:0"));
    assert_eq!(r.fact("modem.operator"), Some("none"));
    // One stored value, no <stat>: no registration state is made up.
    assert_eq!(r.fact("modem.registration"), None);
    assert_eq!(r.fact("modem.sim"), None);
    let listed = |command: &str, kind: &str| {
        r.unsupported.iter().any(|u| u.command == command && u.kind == kind)
    };
    assert!(listed("AT+CPIN?", "not_understood"), "{:#?}", r.unsupported);
    assert!(listed("AT+CGREG?", "not_understood"), "{:#?}", r.unsupported);
    assert!(listed("AT+CEREG?", "not_understood"), "{:#?}", r.unsupported);
    assert!(listed("AT+CSQ", "refused"), "{:#?}", r.unsupported);
    assert!(r.unsupported.iter().all(|u| u.kind != "silent"), "{:#?}", r.unsupported);
}

#[test]
fn iaxmodem_default_mode_over_its_pty() {
    let Some(modem) = Iaxmodem::start() else { return };
    let dir = modem.dir.path();
    let (auto, auto_took) = probe(dir, "iaxmodem-auto", &modem.url(), &[]);
    is_iaxmodem(&auto);
    // Only the ECR status request waits its deadline.
    assert!(auto_took < Duration::from_secs(4), "auto took {auto_took:?}");
    modem.send(&["ATZ"]);
    let (at, at_took) = probe(dir, "iaxmodem-at", &modem.url(), &["--protocol", "at"]);
    assert_eq!(at.facts, auto.facts);
    assert!(at_took < Duration::from_secs(2), "at took {at_took:?}");
    // An ECR frame left unended on the line (another program's, or an
    // `--protocol ecr` run): the next probe's setup is not glued to it.
    modem.send_raw(&[0x02, 0x00, 0x02, b'S', b'T', 0x03, 0x06]);
    let (after_frame, _) = probe(dir, "iaxmodem-after-frame", &modem.url(), &["--protocol", "at"]);
    assert_eq!(after_frame.facts, auto.facts);
    eprintln!("iaxmodem: auto {auto_took:?}, at {at_took:?}");
}

#[test]
fn iaxmodem_in_numeric_and_quiet_modes() {
    let Some(modem) = Iaxmodem::start() else { return };
    for (mode, capture) in [("ATV0", "iaxmodem-v0"), ("ATQ1", "iaxmodem-q1")] {
        modem.send(&["ATZ", mode]);
        let (r, _) = probe(modem.dir.path(), capture, &modem.url(), &[]);
        is_iaxmodem(&r);
    }
}

#[test]
fn iaxmodem_through_ser2net() {
    let Some(modem) = Iaxmodem::start() else { return };
    let Some(server) = Ser2net::start(modem.dir.path(), &modem.url()) else { return };
    let (r, took) = probe(modem.dir.path(), "iaxmodem-ser2net", &server.url, &[]);
    is_iaxmodem(&r);
    assert_eq!(r.device, server.url);
    eprintln!("iaxmodem through ser2net: auto {took:?}");
}

#[test]
fn iaxmodem_diagnose_prints_its_json() {
    let Some(modem) = Iaxmodem::start() else { return };
    let out = posdiag(&[
        "diagnose",
        "--port",
        &modem.url(),
        "--format",
        "json",
        "--answer",
        "triage.start=no_connection",
        "--answer",
        "connection.start=all_firm",
        "--answer",
        "connection.link_type=mobile",
    ]);
    let d: common::contract::Diagnosis = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    // The SIM state was not understood, so the walk asks for it.
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(d.status, common::contract::Status::NeedsInput);
    assert_eq!(d.pending.as_ref().map(|p| p.node.as_str()), Some("connection.sim"));
    assert!(d.facts.iter().any(|f| f.name == "modem.manufacturer" && f.value == "spandsp"));
}

/// With `POSDIAG_CAPTURE_DIR` set, keep a record as a replay fixture.
/// A ZVT terminal on a serial line, behind ser2net: the probe speaks
/// serial blocks through a TCP port (`--zvt-framing blocks`), and the
/// record of it replays as blocks. The terminal is posdiag's simulated one
/// on a pty; ser2net, which carries every byte between them, is not ours.
#[test]
fn a_zvt_terminal_through_ser2net() {
    if !installed("ser2net") {
        unavailable::<()>("ser2net is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture =
        format!("{}/fixtures/terminals/zvt_printer_not_ready.yaml", env!("CARGO_MANIFEST_DIR"));
    let sim = common::probe_sim::Sim::spawn(&[&fixture, "--protocol", "zvt"]);
    let device = sim.url.clone();
    assert!(device.starts_with("/dev/"), "the simulator printed `{device}`");
    let Some(server) = Ser2net::start(dir.path(), &device) else { return };
    let record = dir.path().join("zvt-ser2net.txt").display().to_string();
    let out = posdiag(&[
        "probe",
        &server.url,
        "--protocol",
        "zvt",
        "--zvt-framing",
        "blocks",
        "--format",
        "json",
        "--record",
        &record,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let live: Probe = serde_json::from_slice(&out.stdout).expect("probe JSON");
    assert_eq!(live.protocols, ["zvt"], "{live:#?}");
    assert_eq!(live.fact("zvt.status"), Some("CC"), "{live:#?}");
    assert_eq!(live.fact("printer.state"), Some("not_ready"), "{live:#?}");
    let text = std::fs::read_to_string(&record).expect("the record");
    assert!(text.contains("10 02 06 00"), "blocks went through ser2net:\n{text}");
    // The record says it was blocks over TCP, and replays as such.
    let out = posdiag(&["probe", "--replay", &record, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let replayed: Probe = serde_json::from_slice(&out.stdout).expect("replay JSON");
    assert_eq!(replayed.facts, live.facts);
    // Bare APDUs to the same port reach a terminal that waits for blocks:
    // it answers nothing the probe can read, and the probe says so.
    let out = posdiag(&["probe", &server.url, "--protocol", "zvt", "--timeout-ms", "300"]);
    assert_ne!(out.status.code(), Some(0));
}

fn keep_capture(record: &Path, name: &str) {
    if let Some(dir) = std::env::var_os("POSDIAG_CAPTURE_DIR") {
        let to = Path::new(&dir).join(format!("{name}.txt"));
        std::fs::copy(record, &to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    }
}
