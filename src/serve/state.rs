//! What every request of `posdiag serve` shares: the rules, the session
//! store, how long a session lives, and the priors learned from the
//! outcomes confirmed so far (relearned when a session starts after a
//! confirmation, at most once a second, so a busy server does not relearn
//! on every confirmed fault). A session keeps the priors it started with:
//! those of earlier sessions are learned again from the outcomes up to
//! theirs, and the last few kept.

use std::sync::atomic::{AtomicBool, Ordering as Atomic};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::store::{Store, StoreError};
use crate::engine::{Facts, Ordering, Priors};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;

/// Priors and the last outcome (row id) they were learned from.
#[derive(Debug)]
pub struct Learned {
    pub upto: i64,
    pub priors: Priors,
}

/// Earlier priors kept, for sessions that started before a relearning.
const KEEP_EARLIER: usize = 8;

pub struct App {
    pub rules: KnowledgeBase,
    pub store: Store,
    /// Seconds a session lives after its last change.
    pub ttl: u64,
    /// The language when a request names none (`--lang`, else the locale).
    pub lang: Lang,
    priors: RwLock<Arc<Learned>>,
    /// Priors of earlier sessions, most recently used last.
    earlier: Mutex<Vec<Arc<Learned>>>,
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
            priors: RwLock::new(Arc::new(Learned { upto: 0, priors: Priors::authored() })),
            earlier: Mutex::new(Vec::new()),
            stale: AtomicBool::new(false),
            learned_at: Mutex::new(Instant::now()),
        };
        app.relearn()?;
        // Nothing was learned before: no session has the placeholder.
        app.earlier.lock().unwrap_or_else(|e| e.into_inner()).clear();
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
        let learned = Arc::new(self.learn(None)?);
        let old = std::mem::replace(
            &mut *self.priors.write().unwrap_or_else(|e| e.into_inner()),
            learned,
        );
        self.keep(old);
        Ok(())
    }

    fn learn(&self, upto: Option<i64>) -> Result<Learned, StoreError> {
        let (history, last) = self.store.history_upto(upto)?;
        Ok(Learned {
            upto: upto.unwrap_or(last),
            priors: crate::history::priors(&self.rules, &history),
        })
    }

    fn keep(&self, learned: Arc<Learned>) {
        let mut earlier = self.earlier.lock().unwrap_or_else(|e| e.into_inner());
        earlier.retain(|l| l.upto != learned.upto);
        earlier.push(learned);
        let over = earlier.len().saturating_sub(KEEP_EARLIER);
        earlier.drain(..over);
    }

    /// The priors new sessions start with.
    pub fn current(&self) -> Arc<Learned> {
        self.priors.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The priors a session started with: learned from the outcomes up to
    /// `upto` (the current ones for `None`, a session stored before
    /// sessions kept theirs).
    pub fn learned_upto(&self, upto: Option<i64>) -> Result<Arc<Learned>, StoreError> {
        let current = self.current();
        let Some(upto) = upto.filter(|&u| u != current.upto) else { return Ok(current) };
        {
            let mut kept = self.earlier.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(at) = kept.iter().position(|l| l.upto == upto) {
                // The most recently used goes last, so it is dropped last.
                let found = kept.remove(at);
                kept.push(found.clone());
                return Ok(found);
            }
        }
        let learned = Arc::new(self.learn(Some(upto))?);
        self.keep(learned.clone());
        Ok(learned)
    }

    /// How a walk with these priors and facts orders its branches.
    pub fn ordering(&self, learned: &Learned, facts: Facts) -> Ordering {
        Ordering { priors: learned.priors.clone(), facts, ..Ordering::default() }
    }
}
