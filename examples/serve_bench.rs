//! Load test of `posdiag serve`: many sessions answering at once. Starts
//! the server pinned to one core (`taskset -c 0`), runs CLIENTS client
//! threads that each walk the knowledge base's own cases over the JSON API
//! (start, one answer per question, "not fixed" where the case rejects a
//! remedy, "fixed" at the end), and reports the latency percentiles of
//! the requests and the throughput. Beside it, as the reference, the same
//! walks through `posdiag diagnose --batch` on the same core, in the same
//! run. Prints a Markdown table (the README's).
//!
//! ```text
//! cargo build --release --examples
//! taskset -c 1 target/release/examples/serve_bench target/release/posdiag 64 3000
//! ```

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use posdiag::cases::CaseDef;
use serde_json::{Value, json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(bin), Some(clients), Some(walks)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0),
        args.get(3).and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0),
    ) else {
        eprintln!("usage: serve_bench POSDIAG_BINARY CLIENTS WALKS");
        return ExitCode::from(2);
    };
    let cases = match posdiag::cases::parse_cases(&posdiag::source::embedded_cases()) {
        Ok(c) if !c.is_empty() => c.into_iter().map(|c| c.def).collect::<Vec<_>>(),
        _ => {
            eprintln!("the embedded cases do not parse; run `posdiag test`");
            return ExitCode::from(2);
        }
    };
    let pinned = Command::new("taskset").arg("-V").output().is_ok();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut server, url) = start_server(bin, dir.path(), pinned);

    let started = Instant::now();
    let per_client: Vec<(Vec<Duration>, usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let (cases, url) = (&cases, url.as_str());
                scope.spawn(move || {
                    let agent: ureq::Agent =
                        ureq::Agent::config_builder().http_status_as_error(false).build().into();
                    let mut times = Vec::new();
                    let (mut done, mut errors) = (0, 0);
                    for w in (c..walks).step_by(clients) {
                        let case = &cases[w % cases.len()];
                        match walk(&agent, url, case, &mut times) {
                            Ok(()) => done += 1,
                            Err(e) => {
                                if errors == 0 {
                                    eprintln!("case `{}`: {e}", case.name);
                                }
                                errors += 1;
                            }
                        }
                    }
                    (times, done, errors)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a client thread")).collect()
    });
    let wall = started.elapsed();
    let _ = server.kill();
    let _ = server.wait();

    let mut times: Vec<Duration> = per_client.iter().flat_map(|(t, _, _)| t.clone()).collect();
    let done: usize = per_client.iter().map(|(_, d, _)| d).sum();
    let errors: usize = per_client.iter().map(|(_, _, e)| e).sum();
    times.sort();
    let pct = |p: f64| {
        let i = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1;
        times[i].as_secs_f64() * 1000.0
    };
    let batch = batch_reference(bin, &cases, walks, pinned);
    let core = if pinned { "one core (taskset -c 0)" } else { "unpinned (no taskset)" };
    println!("posdiag serve, {clients} concurrent clients, {walks} walks, server on {core}\n");
    println!("| | walks/s | requests/s | p50 ms | p95 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| `posdiag serve` (HTTP, SQLite) | {:.0} | {:.0} | {:.2} | {:.2} | {:.2} |",
        done as f64 / wall.as_secs_f64(),
        times.len() as f64 / wall.as_secs_f64(),
        pct(0.50),
        pct(0.95),
        pct(0.99)
    );
    println!(
        "| `diagnose --batch` (reference) | {:.0} | – | – | – | – |",
        walks as f64 / batch.as_secs_f64()
    );
    println!("\n{} requests, {done} walks finished, {errors} failed", times.len());
    if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The server on a free port, pinned to core 0 where taskset is.
fn start_server(bin: &str, dir: &std::path::Path, pinned: bool) -> (std::process::Child, String) {
    let mut command = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "0", bin]);
        c
    } else {
        Command::new(bin)
    };
    let mut child = command
        .args(["serve", "--listen", "127.0.0.1:0", "--database"])
        .arg(dir.join("bench.sqlite"))
        .env("POSDIAG_DATA_DIR", dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("posdiag serve starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("a stdout");
    BufReader::new(stdout).read_line(&mut line).expect("the address line");
    let at = line.find("http://").expect("the address");
    let url: String = line[at..].chars().take_while(|c| !c.is_whitespace()).collect();
    (child, url.trim_end_matches('/').to_string())
}

/// One case walked over the API; every request's time is pushed.
fn walk(
    agent: &ureq::Agent,
    url: &str,
    case: &CaseDef,
    times: &mut Vec<Duration>,
) -> Result<(), String> {
    let mut post = |path: &str, body: Value| -> Result<Value, String> {
        let t = Instant::now();
        let mut r = agent
            .post(format!("{url}/api/v1{path}"))
            .header("content-type", "application/json")
            .send(body.to_string())
            .map_err(|e| e.to_string())?;
        let text = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
        times.push(t.elapsed());
        if r.status().as_u16() >= 300 {
            return Err(text);
        }
        serde_json::from_str(&text).map_err(|e| e.to_string())
    };
    let mut start = json!({});
    if let Some(s) = &case.start {
        start["start"] = json!(s);
    }
    if !case.facts.is_empty() {
        start["facts"] = json!(case.facts);
    }
    let mut s = post("/sessions", start)?;
    let id = s["id"].as_str().ok_or("no id")?.to_string();
    let answers: &BTreeMap<String, String> = &case.answers;
    for _ in 0..64 {
        let d = &s["diagnosis"];
        if let Some(node) = d["pending"]["node"].as_str() {
            let value = answers.get(node).map_or("unknown", String::as_str);
            s = post(&format!("/sessions/{id}/answer"), json!({"node": node, "value": value}))?;
        } else if let Some(node) = d["conclusion"]["node"].as_str() {
            if answers.get(node).is_some_and(|v| v == posdiag::engine::NOT_FIXED) {
                s = post(&format!("/sessions/{id}/not-fixed"), json!({}))?;
            } else {
                post(&format!("/sessions/{id}/fixed"), json!({}))?;
                return Ok(());
            }
        } else {
            return Ok(());
        }
    }
    Err("the walk did not end".into())
}

/// The same walks through `diagnose --batch` on the same core: wall time.
fn batch_reference(bin: &str, cases: &[CaseDef], walks: usize, pinned: bool) -> Duration {
    let mut input = Vec::new();
    for case in cases.iter().cycle().take(walks) {
        let _ = writeln!(input, "{}", posdiag::batch::case_line(case));
    }
    let mut command = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "0", bin]);
        c
    } else {
        Command::new(bin)
    };
    let started = Instant::now();
    let mut child = command
        .args(["diagnose", "--no-history", "--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("posdiag diagnose --batch starts");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(&input);
    }
    let _ = child.wait();
    started.elapsed()
}
