//! A synthetic knowledge base of any size, shaped like the real one, for
//! benchmarks and limit tests (`examples/generate_rules.rs` writes it to a
//! folder). Each tree is a binary decision tree of questions whose leaves
//! are conclusions chained by `otherwise`; a triage root offers every tree.
//! Every node has both languages, priors and costs, so the checker does all
//! its work on it, and the set is clean: `posdiag check` finds no problem.

use std::fmt::Write as _;

/// Nodes per tree file, as authored trees are a few hundred nodes each.
pub const NODES_PER_TREE: usize = 1001;

/// Rule files (name, YAML text) of a knowledge base of about `nodes` nodes
/// (at least one tree of three nodes plus the triage root).
pub fn generate(nodes: usize) -> Vec<(String, String)> {
    generate_as(nodes, Format::Yaml)
}

/// The same knowledge base as JSON files (`*.json`), one node a line.
pub fn generate_json(nodes: usize) -> Vec<(String, String)> {
    generate_as(nodes, Format::Json)
}

#[derive(Clone, Copy)]
enum Format {
    Yaml,
    Json,
}

fn generate_as(nodes: usize, format: Format) -> Vec<(String, String)> {
    let trees = nodes.saturating_sub(1).div_ceil(NODES_PER_TREE).max(1);
    let mut left = nodes.saturating_sub(1).max(3);
    let mut files = Vec::with_capacity(trees + 1);
    let mut entries = Vec::with_capacity(trees);
    for t in 0..trees {
        // An odd count, so every question has two answers.
        let mut n = left.div_ceil(trees - t).clamp(3, NODES_PER_TREE);
        if n.is_multiple_of(2) {
            n -= 1;
        }
        left = left.saturating_sub(n);
        let id = format!("t{t:05}");
        files.push(match format {
            Format::Yaml => (format!("{id}.yaml"), tree(&id, n)),
            Format::Json => (format!("{id}.json"), super::synth_json::tree(&id, n)),
        });
        entries.push(id);
    }
    files.push(match format {
        Format::Yaml => ("triage.yaml".to_string(), triage(&entries)),
        Format::Json => ("triage.json".to_string(), super::synth_json::triage(&entries)),
    });
    files
}

fn triage(trees: &[String]) -> String {
    let mut y = String::from(
        "tree: triage\nroot: true\ntitle: {zh: 分诊, en: Triage}\nentry: triage.start\nnodes:\n",
    );
    y.push_str("  - id: triage.start\n    kind: question\n");
    y.push_str("    text: {zh: 哪一部分出了问题？, en: Which part of the terminal is at fault?}\n");
    y.push_str("    why: {zh: 先确定故障范围。, en: To narrow the fault down to one tree.}\n");
    y.push_str("    answers:\n");
    let prior = 1.0 / trees.len() as f64;
    for t in trees {
        let _ = write!(
            y,
            "      - value: {t}\n        label: {{zh: 部件 {t}, en: Part {t}}}\n        prior: {prior:.6}\n        next: {t}.n0\n"
        );
    }
    y
}

/// One tree of `n` nodes (odd): node `i` asks and leads to `2i+1` and
/// `2i+2`; the second half are conclusions.
fn tree(id: &str, n: usize) -> String {
    let questions = n / 2;
    let mut y = String::with_capacity(n * 420);
    let _ = write!(
        y,
        "tree: {id}\ntitle: {{zh: 生成的树 {id}, en: Generated tree {id}}}\n\
         description: {{zh: 用于基准测试, en: For benchmarks}}\nentry: {id}.n0\nnodes:\n"
    );
    for i in 0..questions {
        let (a, b) = (2 * i + 1, 2 * i + 2);
        let _ = write!(
            y,
            "  - id: {id}.n{i}
    kind: question
    text: {{zh: 第 {i} 步：终端的指示灯亮着吗？, en: \"Step {i}: is the terminal's light on?\"}}
    why: {{zh: 指示灯说明这一部分是否通电。, en: The light tells whether this part has power.}}
    answers:
      - value: lit
        label: {{zh: 亮着, en: It is lit}}
        prior: 0.6
        cost: {{minutes: 2}}
        next: {id}.n{a}
      - value: dark
        label: {{zh: 不亮, en: It is dark}}
        prior: 0.4
        cost: {{minutes: 5, technician: {tech}}}
        next: {id}.n{b}
",
            tech = i % 7 == 0,
        );
    }
    for i in questions..n {
        let key = format!("{}_N{i}", id.to_ascii_uppercase());
        let _ = write!(
            y,
            "  - id: {id}.n{i}
    kind: conclusion
    key: {key}
    title: {{zh: 第 {i} 号故障, en: Fault number {i}}}
    remedy:
      - {{zh: 关机，重新插好电源线后开机。, en: \"Switch off, reseat the power cable, switch on.\"}}
      - {{zh: 再做一笔测试交易。, en: Make a test transaction.}}
    actor: {actor}
",
            actor = ["merchant", "technician", "acquirer"][i % 3],
        );
        if i + 1 < n {
            let _ = writeln!(y, "    outcome: resolved\n    otherwise: {id}.n{}", i + 1);
        } else {
            y.push_str(
                "    outcome: escalate\n    escalate: {zh: 告诉服务商试过的步骤。, en: Tell the provider what was tried.}\n",
            );
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn load(nodes: usize) -> crate::rules::Loaded {
        let files: Vec<SourceFile> =
            generate(nodes).into_iter().map(|(n, t)| SourceFile::new(n, t)).collect();
        crate::rules::load(&files, &[])
    }

    #[test]
    fn a_generated_set_is_clean_and_about_the_size_asked() {
        for nodes in [10, 1000, 3000] {
            let loaded = load(nodes);
            assert!(loaded.problems.is_empty(), "{nodes}: {:?}", &loaded.problems[..1]);
            let rules = loaded.rules.expect("rules");
            let count = rules.nodes().count();
            assert!(count.abs_diff(nodes) <= nodes / 100 + 4, "{nodes} asked, {count} made");
        }
    }
}
