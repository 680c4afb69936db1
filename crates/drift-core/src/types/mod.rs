//! Small value types shared by every layer.

pub mod detection;
mod hash;
mod language;
pub mod parse;
pub mod scan;
pub mod security;

pub use hash::{ContentHash, InvalidContentHash};
pub use language::{Language, UnknownLanguage};

/// Hash map with the fast non-cryptographic `FxHash`, for internal tables keyed by trusted data
/// (ids, interned keys). Do not key it by attacker-controlled strings in long-lived maps.
pub type FxHashMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// Hash set counterpart of [`FxHashMap`].
pub type FxHashSet<T> = rustc_hash::FxHashSet<T>;
