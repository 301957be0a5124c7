//! In-process benchmarks of posdiag's hot paths (`cargo bench`): loading
//! and checking the embedded rules, loading generated rule sets of 1k, 10k
//! and 100k nodes, and batch diagnosis. `scripts/bench.py` measures the
//! same targets from outside (whole processes, peak memory, the probe) and
//! prints each figure beside its target.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use posdiag::batch::{Batch, case_line};
use posdiag::engine::{Answers, Facts, Ordering};
use posdiag::lang::Lang;
use posdiag::rules::synth;
use posdiag::source::{self, SourceFile};

fn embedded(c: &mut Criterion) {
    let (trees, tables) = (source::embedded_rules(), source::embedded_codes());
    c.bench_function("load and check the embedded rules", |b| {
        b.iter(|| {
            let loaded = posdiag::kb::load(black_box(&trees), &tables, &[]);
            assert!(loaded.kb.is_some());
            loaded
        })
    });
}

fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("load and check a generated rule set");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for nodes in [1_000, 10_000, 100_000] {
        let files: Vec<SourceFile> =
            synth::generate(nodes).into_iter().map(|(n, t)| SourceFile::new(n, t)).collect();
        group.throughput(Throughput::Elements(nodes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &files, |b, files| {
            b.iter(|| {
                let loaded = posdiag::rules::load(black_box(files), &[]);
                assert!(loaded.problems.is_empty());
                loaded
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let loaded = posdiag::kb::load(&source::embedded_rules(), &source::embedded_codes(), &[]);
    let rules = loaded.kb.expect("the embedded rules are clean");
    let cases = posdiag::cases::parse_cases(&source::embedded_cases()).expect("cases");
    let mut input = String::new();
    for case in &cases {
        input.push_str(&case_line(&case.def));
        input.push('\n');
    }
    let batch = Batch {
        rules: &rules,
        ordering: Ordering::default(),
        answers: Answers::new(),
        facts: Facts::new(),
        start: rules.root(),
        lang: Lang::En,
        stream: false,
    };
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.bench_function("diagnose the knowledge base's cases", |b| {
        let mut out = Vec::with_capacity(4 << 20);
        b.iter(|| {
            out.clear();
            let summary = batch.run(&mut input.as_bytes(), &mut out).expect("in memory");
            assert_eq!(summary.errors, 0);
            summary
        })
    });
    group.finish();
}

criterion_group!(benches, embedded, generated, batch);
criterion_main!(benches);
