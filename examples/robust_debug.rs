use posdiag::engine::{Ordering, Position, Source, Walk};
use posdiag::robustness::{Choice, first_paths};
fn main() {
    use posdiag::rules::source;
    let loaded = posdiag::codes::load(&source::embedded_rules(), &source::embedded_codes(), &[]);
    let rules = loaded.rules.as_ref().unwrap();
    let paths = first_paths(rules);
    let want = std::env::args().nth(1);
    let mut n = 0;
    for (target, path) in &paths {
        let qs: Vec<_> = path.iter().filter(|p| rules.question(p.node).is_some()).map(|p| p.node).collect();
        for &u in &qs {
            let mut walk = Walk::with_ordering(rules, rules.root(), Ordering::default());
            let mut log = Vec::new();
            let mut shown = 0;
            let mut ok = false;
            while shown < 20 {
                match walk.position() {
                    Position::Question(q) => {
                        let k = path.iter().find(|p| p.node == q && q != u);
                        let r = match k.map(|p| &p.choice) {
                            Some(Choice::Value(v)) => { log.push(format!("{}={}", rules.node(q).id, v)); walk.answer(q, v, Source::Interactive) }
                            Some(Choice::Code(c)) => { log.push(format!("{}=#{}", rules.node(q).id, c)); walk.answer_input(q, c, Source::Interactive) }
                            _ => { log.push(format!("{}=?", rules.node(q).id)); walk.answer_unknown(q, Source::Interactive) }
                        };
                        if let Err(e) = r { log.push(format!("ERR {e}")); break; }
                    }
                    Position::Conclusion(c) => { shown += 1; log.push(format!("[{}]", rules.node(c).id)); if c == *target { ok = true; break; } walk.reject(); }
                    Position::Exhausted => { log.push("EXHAUSTED".into()); break; }
                }
            }
            let inside = rules.node(u).tree != rules.node(rules.root()).tree;
            let own = path.iter().filter(|p| p.choice == Choice::NotFixed).count();
            if (shown > 3 + own || !ok) && want.as_deref().is_none_or(|w| rules.node(*target).id.contains(w)) {
                n += 1;
                println!("{} {} unknown@{} shown={shown} ok={ok}\n   {}", if inside {"IN"} else {"TRI"}, rules.node(*target).id, rules.node(u).id, log.join(" "));
            }
        }
    }
    println!("{n}");
}
