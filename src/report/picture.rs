//! The rule graph (or one tree of it) as a picture: Graphviz DOT and
//! Mermaid, drawn through petgraph. Questions are boxes, conclusions are
//! coloured by outcome, other trees' nodes are grey, `otherwise` edges
//! dotted.

use foldhash::{HashMap, HashMapExt as _};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::rules::model::Outcome;
use crate::rules::{NodeBody, NodeId, RuleSet};

/// What a node of a picture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Question,
    /// A conclusion whose remedy ends the matter.
    Resolved,
    /// A conclusion that must be escalated.
    Escalate,
    /// A node of another tree that this tree leads into.
    Elsewhere,
}

#[derive(Debug, Clone)]
pub struct PictureNode {
    pub id: String,
    pub label: String,
    pub shape: Shape,
}

#[derive(Debug, Clone)]
pub struct PictureEdge {
    pub label: String,
    /// `otherwise`: where to go when a remedy did not fix it.
    pub otherwise: bool,
    /// Leads into another tree.
    pub cross_tree: bool,
}

/// The rule graph (or one tree of it) ready to draw.
pub struct Picture {
    graph: DiGraph<PictureNode, PictureEdge>,
}

impl Picture {
    /// Every node of `tree` (all trees when `None`), with the nodes of other
    /// trees it leads into shown as [`Shape::Elsewhere`].
    pub fn new(rules: &RuleSet, tree: Option<&str>, lang: crate::lang::Lang) -> Picture {
        let mut graph = DiGraph::new();
        let mut index: HashMap<NodeId, NodeIndex> = HashMap::new();
        let inside = |id: NodeId| tree.is_none_or(|t| rules.tree_of(id).id == t);
        let label_of = |id: NodeId| -> (String, Shape) {
            match &rules.node(id).body {
                NodeBody::Question(q) => (wrap(q.text.get(lang), 32), Shape::Question),
                NodeBody::Conclusion(c) => (
                    format!("{}\n{}", wrap(c.title.get(lang), 32), c.key),
                    if c.outcome == Outcome::Resolved { Shape::Resolved } else { Shape::Escalate },
                ),
            }
        };
        let mut add = |graph: &mut DiGraph<PictureNode, PictureEdge>, id: NodeId| {
            *index.entry(id).or_insert_with(|| {
                let (label, shape) = label_of(id);
                let shape = if inside(id) { shape } else { Shape::Elsewhere };
                let label = if shape == Shape::Elsewhere {
                    format!("{label}\n({})", rules.node(id).id)
                } else {
                    label
                };
                graph.add_node(PictureNode { id: rules.node(id).id.clone(), label, shape })
            })
        };
        for (id, node) in rules.nodes() {
            if !inside(id) {
                continue;
            }
            let from = add(&mut graph, id);
            let edges: Vec<(NodeId, String, bool)> = match &node.body {
                NodeBody::Question(q) => {
                    q.answers.iter().map(|a| (a.next, wrap(a.label.get(lang), 24), false)).collect()
                }
                NodeBody::Conclusion(c) => c
                    .otherwise
                    .map(|o| (o, lang.t("graph-not-fixed").to_string(), true))
                    .into_iter()
                    .collect(),
            };
            for (to, label, otherwise) in edges {
                let cross_tree = rules.node(to).tree != node.tree;
                let to = add(&mut graph, to);
                graph.add_edge(from, to, PictureEdge { label, otherwise, cross_tree });
            }
        }
        Picture { graph }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Graphviz DOT, through petgraph's writer: questions are blue boxes,
    /// resolved conclusions green, escalations orange, other trees' nodes
    /// grey and dashed; cross-tree edges dashed, `otherwise` edges dotted.
    pub fn to_dot(&self) -> String {
        let edge_attrs = |_, e: petgraph::graph::EdgeReference<'_, PictureEdge>| {
            let w = e.weight();
            let style = if w.otherwise {
                ", style = dotted, color = \"#b45309\""
            } else if w.cross_tree {
                ", style = dashed, color = \"#6b7280\""
            } else {
                ""
            };
            format!("label = \"{}\", fontsize = 9{style}", escape(&w.label))
        };
        let node_attrs = |_, (_, n): (NodeIndex, &PictureNode)| {
            let look = match n.shape {
                Shape::Question => {
                    "shape = box, style = \"rounded,filled\", fillcolor = \"#dbeafe\""
                }
                Shape::Resolved => "shape = box, style = filled, fillcolor = \"#bbf7d0\"",
                Shape::Escalate => "shape = box, style = filled, fillcolor = \"#fed7aa\"",
                Shape::Elsewhere => {
                    "shape = box, style = \"dashed,filled\", fillcolor = \"#f3f4f6\""
                }
            };
            format!("label = \"{}\", {look}, fontsize = 10", escape(&n.label))
        };
        let dot = petgraph::dot::Dot::with_attr_getters(
            &self.graph,
            &[
                petgraph::dot::Config::EdgeNoLabel,
                petgraph::dot::Config::NodeNoLabel,
                petgraph::dot::Config::RankDir(petgraph::dot::RankDir::LR),
            ],
            &edge_attrs,
            &node_attrs,
        );
        format!("{dot:?}")
    }

    /// A Mermaid flowchart, for Markdown viewers that draw it.
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        let mid = |i: NodeIndex| format!("n{}", i.index());
        for i in self.graph.node_indices() {
            let n = &self.graph[i];
            let label = mermaid_text(&n.label);
            let (open, close, class) = match n.shape {
                Shape::Question => ("(\"", "\")", "question"),
                Shape::Resolved => ("[\"", "\"]", "resolved"),
                Shape::Escalate => ("[\"", "\"]", "escalate"),
                Shape::Elsewhere => ("[/\"", "\"/]", "elsewhere"),
            };
            out.push_str(&format!("  {}{open}{label}{close}:::{class}\n", mid(i)));
        }
        for e in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else { continue };
            let w = &self.graph[e];
            let arrow = if w.otherwise || w.cross_tree { "-.->" } else { "-->" };
            out.push_str(&format!(
                "  {} {arrow}|\"{}\"| {}\n",
                mid(a),
                mermaid_text(&w.label),
                mid(b)
            ));
        }
        out.push_str(
            "  classDef question fill:#dbeafe,stroke:#1e40af\n  classDef resolved fill:#bbf7d0,stroke:#166534\n  \
             classDef escalate fill:#fed7aa,stroke:#9a3412\n  classDef elsewhere fill:#f3f4f6,stroke:#6b7280,stroke-dasharray: 4\n",
        );
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;").replace('\n', "<br/>")
}

/// Break text into lines of about `width` columns, measured by display
/// width (a Chinese character takes two columns), at spaces where there
/// are any and between characters where there are none.
fn wrap(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    let mut out = String::new();
    let mut line = 0;
    for word in s.split_inclusive(' ') {
        let n = unicode_width::UnicodeWidthStr::width(word.trim_end());
        if line > 0 && line + n > width {
            out.push('\n');
            line = 0;
        }
        if n > width {
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                // Closing punctuation never starts a line (？ stays after 吗).
                if line > 0 && line + w > width && !"，。、；：？！）」』》〉”’,.;:?!)".contains(c)
                {
                    out.push('\n');
                    line = 0;
                }
                out.push(c);
                line += w;
            }
        } else {
            out.push_str(word);
            line += n + usize::from(word.ends_with(' '));
        }
    }
    out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use unicode_width::UnicodeWidthStr as _;

    #[test]
    fn chinese_wraps_by_display_width() {
        let text = "打开纸仓盖，装入新纸卷，热敏面朝向打印头，然后合上盖子打印测试单。";
        let wrapped = wrap(text, 24);
        assert!(wrapped.lines().count() >= 3, "{wrapped}");
        for line in wrapped.lines() {
            // A closing mark may hang past the width by its own two columns.
            assert!(line.width() <= 26, "{line:?} is {} columns", line.width());
            assert!(!line.starts_with(['，', '。']), "{line:?}");
        }
        assert_eq!(wrapped.replace('\n', ""), text);
        let wrapped = wrap("打开纸仓盖看一下：里面还有打印纸？", 32);
        assert_eq!(wrapped, "打开纸仓盖看一下：里面还有打印纸？");
    }

    #[test]
    fn latin_wraps_at_spaces() {
        let wrapped = wrap("Is there paper in the printer and is the cover closed?", 20);
        for line in wrapped.lines() {
            assert!(line.width() <= 20, "{line:?}");
        }
        assert_eq!(
            wrapped.replace('\n', " "),
            "Is there paper in the printer and is the cover closed?"
        );
    }
}
