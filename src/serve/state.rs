//! What every request of `posdiag serve` shares: the rules, the session
//! store, how long a session lives, and the priors learned from the
//! outcomes confirmed so far (relearned when a session starts after a
//! confirmation, at most once a second, so a busy server does not relearn
//! on every confirmed fault).

use std::sync::atomic::{AtomicBool, Ordering as Atomic};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

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
    /// An outcome was confirmed since the priors were learned.
    stale: AtomicBool,
    learned_at: Mutex<Instant>,
}

/// Shortest time between two relearnings.
const RELEARN_EVERY: Duration = Duration::from_secs(1);

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
        let app = App {
            rules,
            store,
            ttl,
            lang,
            priors: RwLock::new(Arc::new(Priors::authored())),
            stale: AtomicBool::new(false),
            learned_at: Mutex::new(Instant::now()),
        };
        app.relearn()?;
        Ok(app)
    }

    /// A fault was confirmed: the priors are to be learned again.
    pub fn confirmed(&self) {
        self.stale.store(true, Atomic::SeqCst);
    }

    /// Learn the priors again if a fault was confirmed since, and not
    /// within the last second.
    pub fn refresh(&self) -> Result<(), StoreError> {
        let mut at = self.learned_at.lock().unwrap_or_else(|e| e.into_inner());
        if !self.stale.load(Atomic::SeqCst) || at.elapsed() < RELEARN_EVERY {
            return Ok(());
        }
        self.stale.store(false, Atomic::SeqCst);
        *at = Instant::now();
        drop(at);
        self.relearn()
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
