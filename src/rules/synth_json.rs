//! The synthetic knowledge base of [`super::synth`] written as JSON, one
//! node a line: the same trees, texts, priors and costs as its YAML.

use serde_json::{Value, json};

/// The triage root offering every tree.
pub(super) fn triage(trees: &[String]) -> String {
    let prior = format!("{:.6}", 1.0 / trees.len() as f64).parse::<f64>().unwrap_or(0.0);
    let answers: Vec<Value> = trees
        .iter()
        .map(|t| {
            json!({"value": t, "label": {"zh": format!("部件 {t}"), "en": format!("Part {t}")},
                   "prior": prior, "next": format!("{t}.n0")})
        })
        .collect();
    let start = json!({
        "id": "triage.start", "kind": "question",
        "text": {"zh": "哪一部分出了问题？", "en": "Which part of the terminal is at fault?"},
        "why": {"zh": "先确定故障范围。", "en": "To narrow the fault down to one tree."},
        "answers": answers,
    });
    file(
        json!({"tree": "triage", "root": true, "title": {"zh": "分诊", "en": "Triage"},
               "entry": "triage.start"}),
        std::iter::once(start),
    )
}

/// One tree of `n` nodes (odd), shaped as [`super::synth`]'s.
pub(super) fn tree(id: &str, n: usize) -> String {
    let questions = n / 2;
    let question = |i: usize| {
        json!({
            "id": format!("{id}.n{i}"), "kind": "question",
            "text": {"zh": format!("第 {i} 步：终端的指示灯亮着吗？"),
                     "en": format!("Step {i}: is the terminal's light on?")},
            "why": {"zh": "指示灯说明这一部分是否通电。",
                    "en": "The light tells whether this part has power."},
            "answers": [
                {"value": "lit", "label": {"zh": "亮着", "en": "It is lit"}, "prior": 0.6,
                 "cost": {"minutes": 2.0}, "next": format!("{id}.n{}", 2 * i + 1)},
                {"value": "dark", "label": {"zh": "不亮", "en": "It is dark"}, "prior": 0.4,
                 "cost": {"minutes": 5.0, "technician": i.is_multiple_of(7)},
                 "next": format!("{id}.n{}", 2 * i + 2)},
            ],
        })
    };
    let conclusion = |i: usize| {
        let actor = ["merchant", "technician", "acquirer"][i % 3];
        let mut c = json!({
            "id": format!("{id}.n{i}"), "kind": "conclusion",
            "key": format!("{}_N{i}", id.to_ascii_uppercase()),
            "title": {"zh": format!("第 {i} 号故障"), "en": format!("Fault number {i}")},
            "remedy": [
                {"zh": "关机，重新插好电源线后开机。", "en": "Switch off, reseat the power cable, switch on."},
                {"zh": "再做一笔测试交易。", "en": "Make a test transaction."},
            ],
            "actor": actor,
        });
        if i + 1 < n {
            c["outcome"] = json!("resolved");
            c["otherwise"] = json!(format!("{id}.n{}", i + 1));
        } else {
            c["outcome"] = json!("escalate");
            c["escalate"] =
                json!({"zh": "告诉服务商试过的步骤。", "en": "Tell the provider what was tried."});
        }
        c
    };
    file(
        json!({"tree": id, "title": {"zh": format!("生成的树 {id}"), "en": format!("Generated tree {id}")},
               "description": {"zh": "用于基准测试", "en": "For benchmarks"},
               "entry": format!("{id}.n0")}),
        (0..questions).map(question).chain((questions..n).map(conclusion)),
    )
}

/// A tree's header fields, then its nodes one a line.
fn file(header: Value, nodes: impl Iterator<Item = Value>) -> String {
    let mut out = header.to_string();
    out.pop(); // the closing brace
    out.push_str(",\"nodes\":[\n");
    for (i, node) in nodes.enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&node.to_string());
    }
    out.push_str("\n]}\n");
    out
}
