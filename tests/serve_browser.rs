//! The page of `posdiag serve` in a real browser: Debian's chromium driven
//! through chromedriver (WebDriver, the fantoccini crate), headless, on a
//! phone-sized window (390×844). Whole walks in Chinese (from the
//! browser's `Accept-Language`) and English (by the page's switch), with
//! "don't know", "back", "not fixed", "fixed", and a restart of the server
//! mid-walk. No script runs on the page: every move is a form.
//!
//! Where chromium or chromedriver is missing these tests say why and
//! return; under `CI=true` they must run (`.ci/run` installs `chromium
//! chromium-driver`), and fail instead.

mod common;

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::serve::Server;
use fantoccini::{Client, ClientBuilder, Locator};

/// The answers of the `announced maintenance` case, and the next one after
/// its remedy fails (fixtures/cases/bank.yaml).
const MAINTENANCE: &[(&str, &str)] = &[
    ("triage.start", "cannot_swipe"),
    ("triage.cannot_swipe", "no_card_works"),
    ("triage.no_card_works", "bank_refuses"),
    ("bank.start", "general_failure"),
    ("bank.scope", "everything_fails"),
    ("bank.announcement", "maintenance_announced"),
    ("bank.policy_change", "policy_changed"),
];

/// The page's words at the end of a walk (i18n/zh.ftl).
const ZH_FINISHED: &str = "好的，诊断结束。";

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn find_program(names: &[&str]) -> Option<std::path::PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// A process killed (and reaped) when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// chromedriver on a free port and a headless chromium session, or why not.
struct Browser {
    client: Client,
    _driver: Killed,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start(accept_language: &str) -> Option<Browser> {
        let (Some(chromium), Some(driver)) =
            (find_program(&["chromium", "chromium-browser"]), find_program(&["chromedriver"]))
        else {
            let why = "chromium or chromedriver is not installed";
            assert!(!required(), "CI=true, and {why}");
            eprintln!("skipping: {why} (apt-get install chromium chromium-driver; see .ci/run)");
            return None;
        };
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Killed(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let options = serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=390,844",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": { "intl.accept_languages": accept_language },
        });
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        // A loaded machine can make chromium miss chromedriver's start-up
        // deadline; a new session is asked for up to three times.
        let mut tries = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if tries < 2 => {
                    tries += 1;
                    eprintln!("chromium did not start ({e}); trying again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("no chromium session after three tries: {e}"),
            }
        };
        client.set_window_size(390, 844).await.expect("a phone-sized window");
        Some(Browser { client, _driver: driver, _profile: profile })
    }

    /// Click what `css` finds and wait for the next page: every button
    /// and link of the page leads to one.
    async fn click(&self, css: &str) {
        let button = self.client.wait().for_element(Locator::Css(css)).await;
        let button = button.unwrap_or_else(|e| panic!("no `{css}`: {e}"));
        let page = self.client.find(Locator::Css("html")).await.unwrap();
        button.click().await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        // The old page's element goes stale once the new page replaced it.
        while page.attr("lang").await.is_ok() {
            assert!(Instant::now() < deadline, "no new page after clicking `{css}`");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The open question's node on this page, if a question is shown.
    async fn node(&self) -> Option<String> {
        let found = self.client.find_all(Locator::Css("form.answers input[name=node]")).await;
        match found.ok()?.first() {
            Some(input) => input.attr("value").await.ok().flatten(),
            None => None,
        }
    }

    async fn text(&self, css: &str) -> String {
        let element = self.client.wait().for_element(Locator::Css(css)).await.unwrap();
        element.text().await.unwrap()
    }

    async fn lang(&self) -> String {
        let html = self.client.find(Locator::Css("html")).await.unwrap();
        html.attr("lang").await.unwrap().unwrap_or_default()
    }

    /// Answer from `answers` until no question is open.
    async fn answer_until_conclusion(&self, answers: &BTreeMap<&str, &str>) {
        for _ in 0..20 {
            let Some(node) = self.node().await else { return };
            let value =
                answers.get(node.as_str()).unwrap_or_else(|| panic!("no answer for {node}"));
            self.click(&format!("form.answers button[value=\"{value}\"]")).await;
        }
        panic!("no conclusion after 20 answers");
    }
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn answers() -> BTreeMap<&'static str, &'static str> {
    MAINTENANCE.iter().copied().collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_walk_in_chinese_with_dont_know_back_and_not_fixed() {
    let Some(browser) = Browser::start("zh-CN,zh").await else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let c = &browser.client;
    c.goto(&format!("{}/", server.url)).await.unwrap();
    assert_eq!(browser.lang().await, "zh", "from Accept-Language");
    assert!(has_han(&browser.text("h1").await));
    browser.click("form[action=\"/start\"] button").await;
    assert_eq!(browser.node().await.as_deref(), Some("triage.start"));
    assert!(has_han(&browser.text("h1").await), "the question in Chinese");
    // "Why" opens in place, without script.
    let why = c.find(Locator::Css("details.why p")).await.unwrap();
    assert_eq!(why.text().await.unwrap(), "", "closed at first");
    c.find(Locator::Css("details.why summary")).await.unwrap().click().await.unwrap();
    assert!(has_han(&why.text().await.unwrap()), "the reason in Chinese");
    browser.click("form.answers button[value=\"cannot_swipe\"]").await;
    assert_eq!(browser.node().await.as_deref(), Some("triage.cannot_swipe"));
    // Don't know, then back to the same question.
    browser.click("form[action$=\"/unknown\"] button").await;
    assert_ne!(browser.node().await.as_deref(), Some("triage.cannot_swipe"));
    browser.click("form[action$=\"/back\"] button").await;
    assert_eq!(browser.node().await.as_deref(), Some("triage.cannot_swipe"));

    browser.answer_until_conclusion(&answers()).await;
    let first = browser.text("h1").await;
    assert!(has_han(&first), "{first}");
    assert!(!browser.text("ol.remedy li").await.is_empty(), "remedy steps");
    assert!(has_han(&browser.text("p.actor").await), "who acts");
    browser.click("form[action$=\"/not-fixed\"] button").await;
    assert_eq!(browser.node().await.as_deref(), Some("bank.policy_change"), "the next candidate");
    browser.answer_until_conclusion(&answers()).await;
    assert_ne!(browser.text("h1").await, first);
    browser.click("form[action$=\"/fixed\"] button").await;
    assert_eq!(browser.text("h1").await, ZH_FINISHED, "finished");
    c.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_walk_in_english_survives_a_restart_of_the_server() {
    let Some(browser) = Browser::start("zh-CN,zh").await else { return };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let server = Server::start_on(dir.path(), &listen, &[]);
    let c = &browser.client;
    c.goto(&format!("{}/", server.url)).await.unwrap();
    browser.click("header a.lang").await;
    assert_eq!(browser.lang().await, "en", "switched by the page's link");
    browser.click("form[action=\"/start\"] button").await;
    browser.click("form.answers button[value=\"cannot_swipe\"]").await;
    browser.click("form.answers button[value=\"no_card_works\"]").await;
    let before = browser.node().await;
    let url = c.current_url().await.unwrap();

    drop(server);
    let server = Server::start_on(dir.path(), &listen, &[]);
    c.goto(url.as_str()).await.unwrap();
    assert_eq!(browser.node().await, before, "the same question after the restart");
    assert_eq!(browser.lang().await, "en");
    browser.answer_until_conclusion(&answers()).await;
    let actor = browser.text("p.actor").await;
    assert!(actor.starts_with("Who acts:"), "{actor}");
    // The hand-off sheet and the path are there without any script.
    let path = browser.text("details.path summary").await;
    assert_eq!(path, "How we got here:");
    browser.click("form[action$=\"/fixed\"] button").await;
    assert_eq!(browser.text("h1").await, "Good. Diagnosis finished.");
    drop(server);
    c.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_from_the_screen_starts_the_walk_on_a_phone_sized_window() {
    let Some(browser) = Browser::start("en-US,en").await else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let c = &browser.client;
    c.goto(&format!("{}/", server.url)).await.unwrap();
    let field = c.find(Locator::Css("input#code")).await.unwrap();
    field.send_keys("51").await.unwrap();
    browser.click("form.code button").await;
    let meaning = browser.text("section.code pre").await;
    assert!(meaning.contains("51"), "{meaning}");
    browser.click("form[action=\"/start\"] button").await;
    assert!(browser.text("section.code pre").await.contains("51"), "the code heads the walk");
    let width: i64 = c
        .find(Locator::Css("button"))
        .await
        .unwrap()
        .rectangle()
        .await
        .map(|(_, _, w, _)| w as i64)
        .unwrap();
    assert!(width >= 300, "buttons span a phone's width ({width}px)");
    assert!(Path::new(&server.database).exists());
    c.clone().close().await.unwrap();
}
