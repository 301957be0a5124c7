//! A `posdiag serve` started from the real binary on a free port of
//! 127.0.0.1 (it prints the address it bound), killed when dropped; an
//! HTTP client that reads any status; and mirror types of the API's
//! session and error, written apart from the library's own.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde::Deserialize;

use super::contract::Diagnosis;

/// A session as `/api/v1/sessions…` returns it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    pub created: u64,
    pub updated: u64,
    pub expires: u64,
    pub finished: bool,
    pub can_go_back: bool,
    pub diagnosis: Diagnosis,
}

/// `{"error": {"kind", "message"}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorOut,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorOut {
    pub kind: String,
    pub message: String,
}

/// A running server.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
    pub database: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: status {}: {}", self.status, self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The error's kind, asserting the status.
    pub fn error(&self, status: u16) -> ErrorOut {
        assert_eq!(self.status, status, "{}", self.body);
        self.json::<ErrorBody>().error
    }
}

impl Server {
    /// Start on a free port with the session database in `dir`.
    pub fn start(dir: &Path, extra: &[&str]) -> Server {
        Server::start_on(dir, "127.0.0.1:0", extra)
    }

    /// Start on `listen` (a port used before, to restart the server).
    pub fn start_on(dir: &Path, listen: &str, extra: &[&str]) -> Server {
        let database = dir.join("serve.sqlite");
        let mut child = Command::new(super::BIN)
            .args(["--lang", "en", "serve", "--listen", listen, "--database"])
            .arg(&database)
            .args(extra)
            .env("POSDIAG_DATA_DIR", dir)
            .env_remove("POSDIAG_LISTEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("posdiag serve starts");
        let stdout = child.stdout.take().expect("a stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("the address line");
        let start = line.find("http://").unwrap_or_else(|| panic!("no address in {line:?}"));
        let url: String =
            line[start..].chars().take_while(|c| !c.is_whitespace()).collect::<String>();
        let url = url.trim_end_matches('/').to_string();
        Server { child, url, database }
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into()
    }

    /// `GET path` with extra headers.
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Server::agent().get(format!("{}{path}", self.url));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        reply(request.call())
    }

    /// `POST path` with a body as it is.
    pub fn post(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Server::agent().post(format!("{}{path}", self.url));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        reply(request.send(body))
    }

    /// `POST` JSON to the API.
    pub fn api(&self, path: &str, body: serde_json::Value) -> Reply {
        self.post(
            &format!("/api/v1{path}"),
            &body.to_string(),
            &[("content-type", "application/json")],
        )
    }

    /// Start a session, asserting it started.
    pub fn start_session(&self, body: serde_json::Value) -> Session {
        let r = self.api("/sessions", body);
        assert_eq!(r.status, 201, "{}", r.body);
        r.json()
    }

    /// Read a session, asserting it is there.
    pub fn read(&self, id: &str) -> Session {
        let r = self.get(&format!("/api/v1/sessions/{id}"), &[]);
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()
    }
}

fn reply(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = r.expect("the server answers");
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().expect("a UTF-8 body");
    Reply { status, body, headers }
}
