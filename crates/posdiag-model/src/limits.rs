//! The YAML limits every rule, code, case and answer file is parsed under:
//! generous enough for generated rule sets of 100k nodes, small enough that
//! an alias bomb or runaway nesting stops early. posdiag's `build.rs`
//! parses the embedded rules under the same limits.

/// serde-saphyr options with posdiag's budget.
pub fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: 8_000_000,
            max_events: 16_000_000,
            max_depth: 64,
            max_aliases: 10_000,
            max_anchors: 10_000,
            // Events replayed through aliases: a few reused blocks are
            // fine, an alias bomb stops here in milliseconds.
            max_recorded_anchor_events: 100_000,
        },
    }
}
