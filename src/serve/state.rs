//! What every request of `posdiag serve` shares: the rules, the session
//! store, how long a session lives, and the priors learned from the
//! outcomes confirmed so far (relearned after each confirmation).

use std::sync::{Arc, RwLock};

use super::store::{Store, StoreError};
use crate::engine::{Facts, Ordering, Priors};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;

pub struct App {
    pub rules: KnowledgeBase,
    pub store: Store,
    /// Seconds a session lives after its last change.
    pub ttl: u64,
    /// The language when a request names none (`--lang`, else the locale).
    pub lang: Lang,
    priors: RwLock<Arc<Priors>>,
}

/// The state as handlers hold it.
pub type Shared = Arc<App>;

impl App {
    /// The state for `rules` and `store`, with the priors learned from the
    /// store's outcomes.
    pub fn new(
        rules: KnowledgeBase,
        store: Store,
        ttl: u64,
        lang: Lang,
    ) -> Result<App, StoreError> {
        let app =
            App { rules, store, ttl, lang, priors: RwLock::new(Arc::new(Priors::authored())) };
        app.relearn()?;
        Ok(app)
    }

    /// Learn the priors again from every confirmed outcome.
    pub fn relearn(&self) -> Result<(), StoreError> {
        let history = self.store.history()?;
        let priors = crate::history::priors(&self.rules, &history);
        *self.priors.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(priors);
        Ok(())
    }

    /// How a walk with these facts orders its branches.
    pub fn ordering(&self, facts: Facts) -> Ordering {
        let priors = self.priors.read().unwrap_or_else(|e| e.into_inner()).clone();
        Ordering { priors: (*priors).clone(), facts, ..Ordering::default() }
    }
}
