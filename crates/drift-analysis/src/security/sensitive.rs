//! Sensitive fields: which fields of a file's classes, models and schemas hold personal data,
//! credentials, money or health data. The rules are data (`packs/sensitive_fields.toml`).
//!
//! A name is split into lower-case tokens (`dateOfBirth`, `date_of_birth` and `DATE-OF-BIRTH`
//! are all `date of birth`) and matched against rules of whole token sequences, so short
//! keys cannot hit inside longer words (`pan` is not in `company`, `age` not in `page`). The
//! first, most specific rule that matches decides; tokens after the match or before it that
//! say the field describes the data (`password_length`, `is_email`) lower the confidence, and
//! the class's own name (`Patient`, `PaymentCard`) raises it. Matches below 0.3 are dropped.
//!
//! ```
//! use drift_analysis::security::sensitive::SensitiveRules;
//! use drift_core::types::security::Sensitivity;
//!
//! let rules = SensitiveRules::builtin();
//! let found = rules.classify("dateOfBirth", "Patient").unwrap();
//! assert_eq!(found.sensitivity, Sensitivity::Pii);
//! assert!(rules.classify("company", "Account").is_none());
//! assert!(rules.classify("password_min_length", "Settings").is_none());
//! ```

use std::fmt::Write as _;
use std::sync::OnceLock;

use drift_core::errors::ConfigError;
use drift_core::types::parse::ParseResult;
use drift_core::types::security::{SensitiveField, Sensitivity};
use serde::Deserialize;

use super::{line_of, pack_error};

/// The rules Drift ships.
const BUILTIN: &str = include_str!("packs/sensitive_fields.toml");

/// Confidence below which a match is not reported.
const MIN_CONFIDENCE: f32 = 0.3;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    rule: Vec<RawRule>,
    #[serde(default)]
    reducer: Vec<RawReducer>,
    #[serde(default)]
    context: Vec<RawContext>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    category: String,
    specificity: f32,
    #[serde(default)]
    exact: bool,
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReducer {
    factor: f32,
    #[serde(default)]
    last_tokens: Vec<String>,
    #[serde(default)]
    first_tokens: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    category: String,
    boost: f32,
    model_tokens: Vec<String>,
}

#[derive(Debug)]
struct Rule {
    sensitivity: Sensitivity,
    specificity: f32,
    exact: bool,
    /// Each name as tokens, with its written form.
    names: Vec<(Vec<String>, String)>,
}

/// A classification of one name.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// What the field holds.
    pub sensitivity: Sensitivity,
    /// How sure, 0 to 1.
    pub confidence: f32,
    /// The rule's specificity.
    pub specificity: f32,
    /// The rule name that matched.
    pub matched: String,
    /// Why, in words.
    pub reason: String,
}

/// Compiled sensitive-field rules.
#[derive(Debug)]
pub struct SensitiveRules {
    rules: Vec<Rule>,
    /// (factor, tokens that lower a match when they follow it, tokens that do when they lead).
    reducers: Vec<(f32, Vec<String>, Vec<String>)>,
    contexts: Vec<(Sensitivity, f32, Vec<String>)>,
}

/// Splits a name into lower-case tokens at `_`, `-`, `.`, spaces, case changes
/// (`parseHTTPResponse`: parse, http, response) and between letters and digits.
#[must_use]
pub fn tokens(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&previous) = i.checked_sub(1).and_then(|at| chars.get(at)) {
            let next = chars.get(i + 1).copied();
            let boundary = (previous.is_lowercase() && c.is_uppercase())
                || (previous.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase))
                || (previous.is_alphabetic() && c.is_numeric())
                || (previous.is_numeric() && c.is_alphabetic());
            if boundary && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Where `needle` first occurs in `haystack` as a run of whole tokens.
fn find_run(haystack: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

impl SensitiveRules {
    /// The rules Drift ships, compiled once per process.
    ///
    /// # Panics
    ///
    /// If the built-in rules do not load (a test keeps them loading).
    pub fn builtin() -> &'static Self {
        static RULES: OnceLock<SensitiveRules> = OnceLock::new();
        RULES.get_or_init(|| {
            Self::parse(BUILTIN, "packs/sensitive_fields.toml")
                .expect("the built-in sensitive-field rules load")
        })
    }

    /// Loads rules from `text` (TOML); `origin` names it in errors.
    ///
    /// Errors: `[CONFIG_INVALID]` with the file and line (bad TOML, an unknown category, a
    /// factor or specificity outside 0..1, an empty name).
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let raw: RawRules = toml::from_str(text).map_err(|err| {
            let line = err.span().map(|span| line_of(text, span.start));
            pack_error(origin, line, "rule", err.message().to_owned())
        })?;
        let category = |name: &str| {
            Sensitivity::from_name(name).ok_or_else(|| {
                pack_error(
                    origin,
                    None,
                    "category",
                    format!("`{name}` is not pii, credentials, financial or health"),
                )
            })
        };
        let unit = |key: &str, value: f32| {
            if (0.0..=1.0).contains(&value) {
                Ok(value)
            } else {
                Err(pack_error(
                    origin,
                    None,
                    key,
                    format!("{value} is not between 0 and 1"),
                ))
            }
        };
        let mut rules = Vec::with_capacity(raw.rule.len());
        for rule in raw.rule {
            let mut names = Vec::with_capacity(rule.names.len());
            for name in rule.names {
                let split = tokens(&name);
                if split.is_empty() {
                    return Err(pack_error(
                        origin,
                        None,
                        "names",
                        format!("`{name}` has no letters"),
                    ));
                }
                names.push((split, name));
            }
            rules.push(Rule {
                sensitivity: category(&rule.category)?,
                specificity: unit("specificity", rule.specificity)?,
                exact: rule.exact,
                names,
            });
        }
        // Most specific first: the first rule that matches decides.
        rules.sort_by(|a, b| b.specificity.total_cmp(&a.specificity));
        let reducers = raw
            .reducer
            .into_iter()
            .map(|reducer| {
                Ok((
                    unit("factor", reducer.factor)?,
                    reducer.last_tokens,
                    reducer.first_tokens,
                ))
            })
            .collect::<Result<_, ConfigError>>()?;
        let contexts = raw
            .context
            .into_iter()
            .map(|context| {
                if !(-1.0..=1.0).contains(&context.boost) {
                    return Err(pack_error(
                        origin,
                        None,
                        "boost",
                        format!("{} is not between -1 and 1", context.boost),
                    ));
                }
                Ok((
                    category(&context.category)?,
                    context.boost,
                    context.model_tokens,
                ))
            })
            .collect::<Result<_, ConfigError>>()?;
        Ok(Self {
            rules,
            reducers,
            contexts,
        })
    }

    /// The classification of field `field` of class `model`, or `None` when it holds nothing
    /// sensitive (or too weakly).
    #[must_use]
    pub fn classify(&self, field: &str, model: &str) -> Option<Classification> {
        // `JVM_SIGNATURE_INT`, `MASTER_SECRET_LABEL`: constants name things, they hold no data.
        let constant = field.chars().any(|c| c.is_ascii_alphabetic())
            && field.chars().all(|c| !c.is_lowercase())
            && field.contains('_');
        let name = tokens(field);
        if name.is_empty() || constant {
            return None;
        }
        let (rule, (matched, written), at) = self.rules.iter().find_map(|rule| {
            rule.names.iter().find_map(|entry| {
                let at = if rule.exact {
                    (name == entry.0).then_some(0)
                } else {
                    find_run(&name, &entry.0)
                };
                at.map(|at| (rule, entry, at))
            })
        })?;
        let mut confidence = rule.specificity;
        let mut reason = format!("`{field}` names {written}");
        let after = &name[at + matched.len()..];
        let before = &name[..at];
        let factor = self
            .reducers
            .iter()
            .filter(|(_, last, first)| {
                after.iter().any(|token| last.contains(token))
                    || before.first().is_some_and(|token| first.contains(token))
            })
            .map(|(factor, _, _)| *factor)
            .fold(1.0_f32, f32::min);
        if factor < 1.0 {
            confidence *= factor;
            let _ = write!(
                reason,
                ", but describes it rather than holding it (x{factor})"
            );
        }
        let model_tokens = tokens(model);
        for (_, boost, _) in self.contexts.iter().filter(|(kind, _, words)| {
            *kind == rule.sensitivity && model_tokens.iter().any(|token| words.contains(token))
        }) {
            confidence += boost;
            let _ = write!(reason, ", in `{model}` ({boost:+})");
        }
        let confidence = (confidence.min(0.99) * 100.0).round() / 100.0;
        (confidence >= MIN_CONFIDENCE).then(|| Classification {
            sensitivity: rule.sensitivity,
            confidence,
            specificity: rule.specificity,
            matched: written.clone(),
            reason,
        })
    }

    /// The sensitive fields of every class of `result`, whose text is `source`, in source
    /// order; each with the line that declares it.
    #[must_use]
    pub fn fields_of(&self, result: &ParseResult, source: &[u8]) -> Vec<SensitiveField> {
        let mut found = Vec::new();
        if result.classes.iter().all(|class| class.fields.is_empty()) {
            return found;
        }
        let lines: Vec<&[u8]> = source.split(|&byte| byte == b'\n').collect();
        for class in &result.classes {
            for field in &class.fields {
                let Some(classified) = self.classify(field, &class.name) else {
                    continue;
                };
                let line =
                    declaration_line(&lines, field, class.range.start_line, class.range.end_line);
                found.push(SensitiveField {
                    model: class.qualified_name.clone(),
                    field: field.clone(),
                    sensitivity: classified.sensitivity,
                    line,
                    confidence: classified.confidence,
                    specificity: classified.specificity,
                    matched: classified.matched,
                    reason: classified.reason,
                });
            }
        }
        found.sort_by_key(|field| field.line);
        found
    }
}

/// The first line in `first..=last` (after the class's own line when it has more) where `name`
/// appears as a whole word; `first` when none does.
fn declaration_line(lines: &[&[u8]], name: &str, first: u32, last: u32) -> u32 {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let needle = name.as_bytes();
    let start = first as usize;
    let end = (last as usize).min(lines.len().saturating_sub(1));
    let body = if end > start { start + 1 } else { start };
    (body..=end)
        .chain(std::iter::once(start))
        .find(|&index| {
            let line = lines.get(index).copied().unwrap_or_default();
            line.windows(needle.len()).enumerate().any(|(at, window)| {
                window == needle
                    && (at == 0 || !word(line[at - 1]))
                    && line.get(at + needle.len()).is_none_or(|&next| !word(next))
            })
        })
        .and_then(|index| u32::try_from(index).ok())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests;
