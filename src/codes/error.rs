//! Why a typed code cannot be looked up. An unknown code is not an error
//! (it is reported as unknown and walked generically); an empty, overlong or
//! ambiguous one is, because the person must type it again.

/// Longest code accepted, in characters.
pub const MAX_CODE_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "no code given; type the code or message as the screen shows it, e.g. `51`, `A0` or `请签到`"
    )]
    Empty,
    #[error(
        "`{shown}…` is {chars} characters long and no screen message; a code has at most {MAX_CODE_CHARS} characters"
    )]
    TooLong { shown: String, chars: usize },
    #[error(
        "code `{typed}` could be {}; type it in full",
        candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" or ")
    )]
    Ambiguous { typed: String, candidates: Vec<String> },
}
