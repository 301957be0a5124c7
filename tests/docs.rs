//! Documentation that runs as printed: every command shown in README.md,
//! docs/*.md and rules/README.md runs here, read from the Markdown itself,
//! and what the page shows it printing is what it prints (`…` marks elided
//! output). See tests/docs/markdown.rs for the forms understood and
//! tests/docs/shell.rs for how the commands run; commands that build the
//! project or need hardware set up elsewhere are listed, not run.

#[path = "docs/markdown.rs"]
mod markdown;
#[path = "docs/shell.rs"]
mod shell;

use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_posdiag");

/// Run every command `page` shows, in order, in one sandbox; fail with
/// every difference at once.
fn check_page(page: &str) {
    let text = std::fs::read_to_string(Path::new(REPO).join(page)).expect("the page");
    let shown = markdown::commands(&text);
    assert!(!shown.is_empty(), "{page} shows no commands");
    let mut sandbox = shell::Sandbox::new(Path::new(REPO), Path::new(BIN));
    for s in &shown {
        sandbox.run(page, s);
    }
    sandbox.stop_sim(page);
    println!("{page}: {} command(s) run, {} not run", sandbox.ran, sandbox.skipped.len());
    for s in &sandbox.skipped {
        println!("  not run: {s}");
    }
    assert!(
        sandbox.failures.is_empty(),
        "{} of {page}'s commands do not run as printed:\n\n{}",
        sandbox.failures.len(),
        sandbox.failures.join("\n\n")
    );
}

#[test]
fn readme() {
    check_page("README.md");
}

#[test]
fn rules_readme() {
    check_page("rules/README.md");
}

#[test]
fn technician_guide() {
    check_page("docs/technician.md");
}

#[test]
fn fuzzing_guide() {
    check_page("docs/fuzzing.md");
}

/// Every page of docs/ is checked by a test above, or shows no command.
#[test]
fn every_page_is_checked() {
    let checked = ["technician.md", "fuzzing.md"];
    for entry in std::fs::read_dir(Path::new(REPO).join("docs")).expect("docs/") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if path.extension().is_some_and(|e| e == "md") && !checked.contains(&name.as_str()) {
            let text = std::fs::read_to_string(&path).expect("the page");
            let shown = markdown::commands(&text);
            assert!(
                shown.is_empty(),
                "docs/{name} shows commands but no test runs them: {shown:?}"
            );
        }
    }
}

/// The worked example of rules/README.md is examples/rules/printer.yaml
/// (which the page runs `check` on), but for the `root: true` it needs to
/// stand alone.
#[test]
fn the_worked_rules_example_is_the_checked_file() {
    let page = std::fs::read_to_string(Path::new(REPO).join("rules/README.md")).expect("page");
    let block: String = page
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the first YAML block")
        .replace("# root: true  ", "root: true    ");
    let file = std::fs::read_to_string(Path::new(REPO).join("examples/rules/printer.yaml"))
        .expect("the example");
    assert_eq!(
        block, file,
        "rules/README.md's worked example and examples/rules/printer.yaml differ"
    );
}

/// The sample vendor overlay the README uses loads with the rules.
#[test]
fn the_sample_overlay_passes_check() {
    let run = std::process::Command::new(BIN)
        .args(["--codes", "examples/vendor.yaml", "check"])
        .current_dir(REPO)
        .env_remove("POSDIAG_LANG")
        .output()
        .expect("posdiag");
    let out = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&run.stderr));
    assert!(out.contains("acme"), "{out}");
}
