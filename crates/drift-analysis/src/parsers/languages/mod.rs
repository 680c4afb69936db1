//! The languages Drift parses: one file each, registered in [`ALL`] with one line.

#![allow(
    clippy::needless_raw_string_hashes,
    reason = "every query is written as r#\"...\"# so that quoted tokens can be added without changing the delimiters"
)]

mod csharp;
mod ecmascript;
mod go;
mod java;
mod javascript;
mod kotlin;
mod php;
mod python;
mod ruby;
mod rust;
mod typescript;

use drift_core::Language;

use super::spec::LanguageSpec;

/// Every supported language, in [`Language::ALL`] order.
pub static ALL: [&LanguageSpec; 10] = [
    &typescript::SPEC,
    &javascript::SPEC,
    &python::SPEC,
    &java::SPEC,
    &csharp::SPEC,
    &go::SPEC,
    &rust::SPEC,
    &ruby::SPEC,
    &php::SPEC,
    &kotlin::SPEC,
];

/// The spec of `language`.
#[must_use]
pub fn spec(language: Language) -> Option<&'static LanguageSpec> {
    ALL.iter().copied().find(|spec| spec.language == language)
}
