//! Committed secrets: a pack of pattern families (data: `packs/secrets.toml`) run over the
//! bytes of every text file a scan reads.
//!
//! Each pattern has keywords; one Aho-Corasick pass over a file finds them, and a pattern's
//! regex runs only on the lines (or, in very long lines, the windows) that hold one of its
//! keywords. The regexes are the `regex` crate's, so every match is linear in the text. A
//! match is then weighed: the pattern's entropy gate, placeholders and example values, the
//! words around it, whether the file is a test, and suppression comments on its line.
//!
//! A finding never holds the value: only a masked preview and a fingerprint.
//!
//! ```
//! use drift_analysis::security::secrets::SecretPack;
//!
//! let pack = SecretPack::builtin();
//! let code = b"const token = 'ghp_Z8mQ2vN7xK4pL9rT1wY6sB3dF5hJ0cE2aG7u';\n";
//! let found = pack.scan("src/deploy.js", code);
//! assert_eq!(found[0].provider, "github");
//! assert_eq!(found[0].line, 0);
//! assert!(!found[0].masked.contains("Z8mQ2vN7xK4pL9rT1wY6sB3dF5hJ0cE2aG7u"));
//! ```

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use drift_core::errors::ConfigError;
use drift_core::types::security::{SecretFinding, SecretStatus, Severity};
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{key_line, line_of, pack_error};

/// The pattern families Drift ships.
const BUILTIN: &str = include_str!("packs/secrets.toml");

/// Categories a pattern may have.
pub const CATEGORIES: [&str; 13] = [
    "cloud",
    "vcs",
    "payment",
    "registry",
    "database",
    "private_key",
    "messaging",
    "auth",
    "ai",
    "saas",
    "infrastructure",
    "framework",
    "generic",
];

/// Lines longer than this are searched in windows around each keyword instead of whole.
const LONG_LINE: usize = 4096;

/// Bytes searched on each side of a keyword in a long line.
const WINDOW: usize = 2048;

/// Findings weaker than this are dropped (placeholders are kept, marked as such).
const MIN_CONFIDENCE: f32 = 0.3;

/// Compiled size a pattern's regex may take.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// One pattern family as written in a pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    name: String,
    provider: String,
    category: String,
    severity: String,
    keywords: Vec<String>,
    regex: Spanned<String>,
    prefix: Option<String>,
    min_entropy: Option<f32>,
    cwe: Vec<u32>,
    confidence: f32,
    #[serde(default)]
    file_requires: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pattern: Vec<Spanned<RawPattern>>,
}

/// A compiled pattern family.
#[derive(Debug)]
pub struct Pattern {
    /// Unique id (`aws-access-key-id`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Who issues such secrets.
    pub provider: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// How bad a confident finding is.
    pub severity: Severity,
    regex: Regex,
    /// Literal, non-secret start of every value (kept in masked previews).
    pub prefix: Option<String>,
    /// Shannon entropy a value needs (bits per character).
    pub min_entropy: f32,
    /// CWE ids of a finding.
    pub cwe: Vec<u32>,
    /// Confidence before the value and its context are weighed.
    pub confidence: f32,
    /// Lower-case literals of which the file must hold one (`kind: secret` for a Kubernetes
    /// manifest's data): what a line cannot tell.
    pub file_requires: Vec<String>,
}

impl Pattern {
    fn is_generic(&self) -> bool {
        self.category == "generic"
    }

    /// A PEM block: the match is its header and the secret is the body that follows.
    fn is_pem(&self) -> bool {
        self.id.starts_with("private-key") && self.regex.as_str().contains("BEGIN")
    }
}

/// A set of pattern families, compiled, with the keyword prefilter that picks which run.
#[derive(Debug)]
pub struct SecretPack {
    patterns: Vec<Pattern>,
    keywords: AhoCorasick,
    /// Patterns of each keyword of `keywords`.
    owners: Vec<Vec<u16>>,
}

/// A match that survived its gates, before overlapping ones are resolved.
struct Candidate {
    pattern: u16,
    line: u32,
    start: usize,
    end: usize,
    finding: SecretFinding,
}

impl SecretPack {
    /// The pattern families Drift ships, compiled once per process.
    ///
    /// # Panics
    ///
    /// If the built-in pack does not compile (a test keeps it compiling).
    pub fn builtin() -> &'static Self {
        static PACK: OnceLock<SecretPack> = OnceLock::new();
        PACK.get_or_init(|| {
            Self::parse(BUILTIN, "packs/secrets.toml").expect("the built-in secrets pack compiles")
        })
    }

    /// Compiles the pack `text` (TOML, `[[pattern]]` tables); `origin` names it in errors.
    ///
    /// Errors: `[CONFIG_INVALID]` with the file, the line and what is wrong (bad TOML, an
    /// unknown key, a regex that does not compile or lacks its `secret` group, a keyword
    /// shorter than 3 characters, a duplicate id, an unknown severity or category).
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let raw: RawPack = toml::from_str(text).map_err(|err| {
            let line = err.span().map(|span| line_of(text, span.start));
            pack_error(origin, line, "pattern", err.message().to_owned())
        })?;
        let mut patterns = Vec::with_capacity(raw.pattern.len());
        let mut words: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<u16>> = Vec::new();
        for spanned in raw.pattern {
            let span = spanned.span();
            let raw = spanned.into_inner();
            let invalid = |key: &str, reason: String| {
                pack_error(origin, Some(key_line(text, span.clone(), key)), key, reason)
            };
            let index = u16::try_from(patterns.len())
                .map_err(|_| invalid("pattern", "a pack holds at most 65535 patterns".into()))?;
            if patterns.iter().any(|other: &Pattern| other.id == raw.id) {
                return Err(invalid("id", format!("`{}` is used twice", raw.id)));
            }
            let severity = Severity::from_name(&raw.severity).ok_or_else(|| {
                invalid(
                    "severity",
                    format!(
                        "`{}` is not critical, high, medium, low or info",
                        raw.severity
                    ),
                )
            })?;
            if !CATEGORIES.contains(&raw.category.as_str()) {
                return Err(invalid(
                    "category",
                    format!("`{}` is not one of {}", raw.category, CATEGORIES.join(", ")),
                ));
            }
            if !(0.0..=1.0).contains(&raw.confidence) {
                return Err(invalid("confidence", "must be between 0 and 1".into()));
            }
            if raw.keywords.is_empty() {
                return Err(invalid("keywords", "at least one keyword is needed".into()));
            }
            if let Some(short) = raw.keywords.iter().find(|word| word.len() < 3) {
                return Err(invalid(
                    "keywords",
                    format!("`{short}` is shorter than 3 characters"),
                ));
            }
            let regex_line = line_of(text, raw.regex.span().start);
            let source = raw.regex.into_inner();
            let regex = RegexBuilder::new(&source)
                .size_limit(REGEX_SIZE_LIMIT)
                .unicode(false)
                .build()
                .map_err(|err| pack_error(origin, Some(regex_line), "regex", err.to_string()))?;
            if regex.capture_names().flatten().all(|name| name != "secret") {
                return Err(pack_error(
                    origin,
                    Some(regex_line),
                    "regex",
                    "the value must be the named group `secret`: (?P<secret>...)".into(),
                ));
            }
            for word in raw.keywords {
                let word = word.to_ascii_lowercase();
                if let Some(at) = words.iter().position(|known| *known == word) {
                    owners[at].push(index);
                } else {
                    words.push(word);
                    owners.push(vec![index]);
                }
            }
            patterns.push(Pattern {
                id: raw.id,
                name: raw.name,
                provider: raw.provider,
                category: raw.category,
                severity,
                regex,
                prefix: raw.prefix,
                min_entropy: raw.min_entropy.unwrap_or(0.0),
                cwe: raw.cwe,
                confidence: raw.confidence,
                file_requires: raw
                    .file_requires
                    .into_iter()
                    .map(|word| word.to_ascii_lowercase())
                    .collect(),
            });
        }
        let keywords = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .map_err(|err| pack_error(origin, None, "keywords", err.to_string()))?;
        Ok(Self {
            patterns,
            keywords,
            owners,
        })
    }

    /// The pattern families, in pack order.
    #[must_use]
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The secrets in the file at `path` whose content is `bytes`, in source order. Binary
    /// content (a NUL byte) has none. Linear in the file's size for every pattern that runs.
    #[must_use]
    pub fn scan(&self, path: &str, bytes: &[u8]) -> Vec<SecretFinding> {
        if bytes.contains(&0) {
            return Vec::new();
        }
        let mut lines = None;
        let spans = self.candidate_spans(bytes, &mut lines);
        let Some(lines) = lines else {
            return Vec::new();
        };
        let test_file = is_test_path(path);
        let mut candidates: Vec<Candidate> = Vec::new();
        // Per pattern with a file requirement: whether the file meets it (checked once).
        let mut meets: Vec<Option<bool>> = vec![None; self.patterns.len()];
        for (pattern, start, end) in spans {
            let rule = &self.patterns[usize::from(pattern)];
            if !rule.file_requires.is_empty()
                && !*meets[usize::from(pattern)].get_or_insert_with(|| {
                    rule.file_requires
                        .iter()
                        .any(|word| contains_ignoring_case(bytes, word.as_bytes()))
                })
            {
                continue;
            }
            let haystack = &bytes[start..end];
            let mut at = 0;
            // Each search starts where the last value ended, not where its match did: the
            // boundary character after one token may be the one before the next (`A,B`).
            while at < haystack.len() {
                let Some(captures) = rule.regex.captures_at(haystack, at) else {
                    break;
                };
                let whole = captures.get(0).map_or(at..at, |m| m.range());
                let Some(secret) = captures.name("secret") else {
                    at = whole.end.max(at + 1);
                    continue;
                };
                at = if secret.end() > at {
                    secret.end()
                } else {
                    whole.end.max(at + 1)
                };
                let (from, to) = (start + secret.start(), start + secret.end());
                if from == to {
                    continue;
                }
                let line = lines.line_of(from);
                if let Some(finding) =
                    Self::weigh(rule, bytes, &lines, line, from, to, path, test_file)
                {
                    candidates.push(Candidate {
                        pattern,
                        line,
                        start: from,
                        end: to,
                        finding,
                    });
                }
            }
        }
        resolve_overlaps(candidates, &self.patterns)
    }

    /// `(pattern, start, end)` byte spans to run each pattern on: the lines holding one of its
    /// keywords, or windows around the keyword in long lines; each span once per pattern.
    /// `lines` is filled at the first keyword (a file without one is never indexed).
    fn candidate_spans(
        &self,
        bytes: &[u8],
        lines: &mut Option<LineIndex>,
    ) -> Vec<(u16, usize, usize)> {
        let mut spans: Vec<(u16, usize, usize)> = Vec::new();
        // The last span given to each pattern: later keyword hits inside it add nothing.
        let mut last: Vec<(usize, usize)> = vec![(usize::MAX, 0); self.patterns.len()];
        for hit in self.keywords.find_overlapping_iter(bytes) {
            let index = lines.get_or_insert_with(|| LineIndex::new(bytes));
            let (line_start, line_end) = index.bounds(index.line_of(hit.start()), bytes);
            let (start, end) = if line_end - line_start <= LONG_LINE {
                (line_start, line_end)
            } else {
                (
                    hit.start().saturating_sub(WINDOW).max(line_start),
                    (hit.end() + WINDOW).min(line_end),
                )
            };
            for &pattern in &self.owners[hit.pattern().as_usize()] {
                let slot = &mut last[usize::from(pattern)];
                if slot.0 != usize::MAX && start >= slot.0 && end <= slot.1 {
                    continue;
                }
                if slot.0 != usize::MAX && start <= slot.1 && slot.0 <= start {
                    // Overlaps the previous window of a long line: extend it.
                    if let Some(previous) = spans
                        .iter_mut()
                        .rev()
                        .find(|span| span.0 == pattern && span.1 == slot.0)
                    {
                        previous.2 = end;
                        *slot = (slot.0, end);
                        continue;
                    }
                }
                *slot = (start, end);
                spans.push((pattern, start, end));
            }
        }
        spans
    }

    /// The finding for a match of `rule` at `from..to` (line `line`), or `None` when it is
    /// not a secret (below the entropy gate, a reference, too weak).
    #[expect(
        clippy::too_many_arguments,
        reason = "one match and everything it is weighed by"
    )]
    fn weigh(
        rule: &Pattern,
        bytes: &[u8],
        lines: &LineIndex,
        line: u32,
        from: usize,
        to: usize,
        path: &str,
        test_file: bool,
    ) -> Option<SecretFinding> {
        let value = String::from_utf8_lossy(&bytes[from..to]);
        let (value_for_hash, masked, entropy) = if rule.is_pem() {
            let body = pem_body(bytes, to)?;
            let header = value.trim_matches('-').trim().to_owned();
            (
                String::from_utf8_lossy(body).into_owned(),
                format!("{header} ****"),
                shannon(body),
            )
        } else {
            let entropy = shannon(value.as_bytes());
            if entropy < rule.min_entropy {
                return None;
            }
            if rule.is_generic() && !plausible_generic(&value) {
                return None;
            }
            (
                value.to_string(),
                mask(&value, rule.prefix.as_deref()),
                entropy,
            )
        };
        let (line_start, line_end) = lines.bounds(line, bytes);
        let text = &bytes[line_start..line_end];
        let previous = (line > 0).then(|| {
            let (start, end) = lines.bounds(line - 1, bytes);
            &bytes[start..end]
        });
        let status = if is_suppressed(text, previous) {
            SecretStatus::Suppressed
        } else if !rule.is_pem()
            && (is_placeholder(&value, rule.prefix.as_deref()) || names_example_domain(text))
        {
            SecretStatus::Placeholder
        } else {
            SecretStatus::Open
        };
        let mut confidence = rule.confidence;
        if rule
            .prefix
            .as_deref()
            .is_some_and(|prefix| value.starts_with(prefix))
        {
            confidence += 0.05;
        }
        if entropy > 4.5 {
            confidence += 0.05;
        } else if entropy < 3.0 && rule.prefix.is_none() && !rule.is_pem() {
            confidence -= 0.1;
        }
        if to - from > 30 {
            confidence += 0.03;
        }
        let around = [&text[..from - line_start], &text[to - line_start..]];
        if around.iter().any(|part| has_example_words(part)) {
            confidence -= 0.15;
        }
        if test_file {
            confidence -= 0.2;
        }
        // A generic assignment in a comment of source code is mostly documentation
        // (`#   uri.password = "x"`); in a config file it is often a live value commented out.
        if rule.is_generic() && is_source_code(path) && is_comment(text) {
            confidence -= 0.3;
        }
        let confidence = match status {
            SecretStatus::Placeholder => 0.05,
            _ => confidence.clamp(0.0, 0.99),
        };
        if status == SecretStatus::Open && confidence < MIN_CONFIDENCE {
            return None;
        }
        let severity = if confidence < 0.5 {
            rule.severity.lowered()
        } else {
            rule.severity
        };
        let column = u32::try_from(from - line_start).unwrap_or(u32::MAX);
        let end_column = u32::try_from(to - line_start).unwrap_or(u32::MAX);
        Some(SecretFinding {
            pattern: rule.id.clone(),
            provider: rule.provider.clone(),
            category: rule.category.clone(),
            severity,
            status,
            line,
            column,
            end_column,
            masked,
            fingerprint: fingerprint(&rule.id, path, &value_for_hash),
            entropy: (entropy * 100.0).round() / 100.0,
            confidence: (confidence * 100.0).round() / 100.0,
            cwe: rule.cwe.clone(),
        })
    }
}

/// Keeps, of matches that overlap on a line, the most confident (a specific pattern before a
/// generic one on ties); the rest in source order.
fn resolve_overlaps(mut candidates: Vec<Candidate>, patterns: &[Pattern]) -> Vec<SecretFinding> {
    candidates.sort_by(|a, b| {
        b.finding
            .confidence
            .total_cmp(&a.finding.confidence)
            .then_with(|| {
                let generic = |c: &Candidate| patterns[usize::from(c.pattern)].is_generic();
                generic(a).cmp(&generic(b))
            })
            .then(a.start.cmp(&b.start))
            .then(a.pattern.cmp(&b.pattern))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        let overlaps = kept.iter().any(|other| {
            other.line == candidate.line
                && other.start < candidate.end
                && candidate.start < other.end
        });
        if !overlaps {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|candidate| (candidate.start, candidate.pattern));
    kept.into_iter()
        .map(|candidate| candidate.finding)
        .collect()
}

/// Line starts of a text, for turning offsets into lines.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, byte)| **byte == b'\n')
                .map(|(at, _)| at + 1),
        );
        Self(starts)
    }

    fn line_of(&self, offset: usize) -> u32 {
        let line = self.0.partition_point(|&start| start <= offset) - 1;
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    /// The line's bytes, without its `\n` (or `\r\n`).
    fn bounds(&self, line: u32, bytes: &[u8]) -> (usize, usize) {
        let line = line as usize;
        let start = self.0[line];
        let mut end = self.0.get(line + 1).map_or(bytes.len(), |next| next - 1);
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }
}

/// The base64 body after a PEM header ending at `header_end`, on the next lines or (as `\n`
/// escapes) in the same string; `None` when there is none (a header named in code or docs).
fn pem_body(bytes: &[u8], header_end: usize) -> Option<&[u8]> {
    let rest = &bytes[header_end..bytes.len().min(header_end + 8192)];
    let skip = rest
        .iter()
        .position(|&byte| {
            !matches!(
                byte,
                b'\r' | b'\n' | b'\\' | b'n' | b' ' | b'"' | b'\'' | b'+'
            )
        })
        .unwrap_or(rest.len());
    let body = &rest[skip..];
    let end = body
        .windows(5)
        .position(|window| window == b"-----")
        .unwrap_or(body.len());
    let body = &body[..end];
    let base64 = body
        .iter()
        .filter(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'='))
        .count();
    let headers = body.starts_with(b"Proc-Type:") || body.starts_with(b"Comment:");
    (base64 >= 40 || headers).then_some(body)
}

/// Whether `haystack` holds `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
}

/// Shannon entropy of `bytes`, in bits per byte.
#[must_use]
pub fn shannon(bytes: &[u8]) -> f32 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0_u32; 256];
    for &byte in bytes {
        counts[usize::from(byte)] += 1;
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "file lengths are far below 2^24"
    )]
    let total = bytes.len() as f32;
    counts
        .iter()
        .filter(|&&count| count > 0)
        .map(|&count| {
            #[expect(clippy::cast_precision_loss, reason = "counts are below the total")]
            let share = count as f32 / total;
            -share * share.log2()
        })
        .sum()
}

/// The value masked: `prefix` kept, then stars, then the last four characters when at least 16
/// follow the prefix; a shorter value is starred whole.
#[must_use]
pub fn mask(value: &str, prefix: Option<&str>) -> String {
    let (public, rest) = match prefix {
        Some(prefix) if value.starts_with(prefix) => value.split_at(prefix.len()),
        _ => ("", value),
    };
    let chars: Vec<char> = rest.chars().collect();
    if chars.len() >= 16 {
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{public}********{tail}")
    } else {
        format!("{public}********")
    }
}

/// `xxh3-64` of pattern, path and value, in hex.
fn fingerprint(pattern: &str, path: &str, value: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in [pattern, path, value] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    format!("{:016x}", hasher.digest())
}

/// Comments that mark a line's secret as known: Drift's own and the usual scanners'.
fn is_suppressed(line: &[u8], previous: Option<&[u8]>) -> bool {
    const SAME_LINE: [&str; 5] = [
        "drift-ignore",
        "gitleaks:allow",
        "pragma: allowlist secret",
        "nosec",
        "trufflehog:ignore",
    ];
    const LINE_BEFORE: [&str; 2] = [
        "drift-ignore-next-line",
        "pragma: allowlist nextline secret",
    ];
    let has = |text: &[u8], marker: &str| contains_ignoring_case(text, marker.as_bytes());
    SAME_LINE.iter().any(|marker| has(line, marker))
        || previous.is_some_and(|text| LINE_BEFORE.iter().any(|marker| has(text, marker)))
}

/// Words near a value that say it is an example.
fn has_example_words(text: &[u8]) -> bool {
    const WORDS: [&str; 7] = [
        "example",
        "sample",
        "dummy",
        "fake",
        "mock",
        "placeholder",
        "lorem",
    ];
    WORDS
        .iter()
        .any(|word| contains_ignoring_case(text, word.as_bytes()))
}

/// Values that stand in for a secret: placeholders, templates, examples, repeated or
/// sequential characters, the name of the thing itself.
fn is_placeholder(value: &str, prefix: Option<&str>) -> bool {
    const MARKERS: [&str; 22] = [
        "example",
        "your_",
        "your-",
        "yourkey",
        "xxxx",
        "changeme",
        "change_me",
        "placeholder",
        "dummy",
        "sample",
        "redacted",
        "<your",
        "<insert",
        "<replace",
        "${",
        "{{",
        "%s",
        "%(",
        "****",
        "...",
        "\u{2026}",
        "<secret",
    ];
    const WORDS: [&str; 14] = [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "null",
        "none",
        "undefined",
        "changeit",
        "default",
        "admin",
        "example",
        "test",
    ];
    const RUNS: [&str; 4] = ["123456789", "abcdefghij", "0000000", "987654321"];
    let lower = value.to_ascii_lowercase();
    let body = match prefix {
        Some(prefix) if value.starts_with(prefix) => &lower[prefix.len()..],
        _ => lower.as_str(),
    };
    // `password123`, `secret!`, `admin2024`: a word and some digits or punctuation.
    let word = body
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .trim_end_matches(|c: char| c.is_ascii_digit() || !c.is_ascii_alphanumeric());
    let bracketed = (lower.starts_with('<') && lower.ends_with('>'))
        || (lower.starts_with('[') && lower.ends_with(']'));
    if MARKERS.iter().any(|marker| lower.contains(marker))
        || RUNS.iter().any(|run| body.contains(run))
        || WORDS.contains(&word)
        || bracketed
    {
        return true;
    }
    let mut distinct: Vec<char> = body.chars().filter(char::is_ascii_alphanumeric).collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() <= 3
}

/// Lines that use the domains reserved for documentation (`user:pass@example.com`).
fn names_example_domain(line: &[u8]) -> bool {
    ["example.com", "example.org", "example.net"]
        .iter()
        .any(|domain| contains_ignoring_case(line, domain.as_bytes()))
}

/// Source code, by extension (not configuration, where commented-out values are often live).
fn is_source_code(path: &str) -> bool {
    const EXTENSIONS: [&str; 22] = [
        "rb", "py", "js", "mjs", "cjs", "jsx", "ts", "tsx", "java", "go", "rs", "php", "cs", "kt",
        "kts", "c", "h", "cc", "cpp", "hpp", "swift", "scala",
    ];
    path.rsplit_once('.')
        .is_some_and(|(_, extension)| EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()))
}

/// A line that is a comment in most languages and config formats.
fn is_comment(line: &[u8]) -> bool {
    let text = line.trim_ascii_start();
    ["#", "//", "/*", "*", "<!--", "--", ";", "%", "'"]
        .iter()
        .any(|marker| text.starts_with(marker.as_bytes()))
}

/// A dotted, dashed or snake-case name made of words (`support.function.C99.c`,
/// `markup.heading.1`, `ec2_metadata_credentials_json`): a scope, key or variable name.
fn is_name_path(value: &str) -> bool {
    let segments: Vec<&str> = value
        .split(['.', '_', '-'])
        .filter(|s| !s.is_empty())
        .collect();
    let word = |segment: &&str| {
        let letters = segment.trim_end_matches(|c: char| c.is_ascii_digit());
        let digits = segment.len() - letters.len();
        letters.chars().all(|c| c.is_ascii_alphabetic()) && digits <= 2
    };
    segments.len() >= 2 && segments.iter().all(word)
}

/// Whether a generic assignment's value can be a secret rather than a reference, a sentence,
/// a path or a word.
fn plausible_generic(value: &str) -> bool {
    const REFERENCES: [&str; 9] = [
        "$",
        "env.",
        "env[",
        "process.env",
        "os.environ",
        "getenv",
        "environ",
        "@",
        "%",
    ];
    let lower = value.to_ascii_lowercase();
    if value.chars().any(char::is_whitespace)
        || is_name_path(value)
        || REFERENCES
            .iter()
            .any(|reference| lower.starts_with(reference))
        || lower.starts_with("http")
        || lower.starts_with('/')
        || lower.starts_with("./")
    {
        return false;
    }
    // An identifier or dotted name (`user.password`, `PASSWORD_FIELD`) names a secret.
    let identifier = value
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '.' | '-'));
    !identifier || value.len() >= 24
}

/// Test, fixture and example paths: secrets there are usually fakes.
fn is_test_path(path: &str) -> bool {
    const DIRS: [&str; 12] = [
        "test",
        "tests",
        "__tests__",
        "spec",
        "specs",
        "fixture",
        "fixtures",
        "testdata",
        "example",
        "examples",
        "mocks",
        "__mocks__",
    ];
    let lower = path.to_ascii_lowercase();
    let mut segments = lower.split('/');
    let name = segments.next_back().unwrap_or_default();
    lower
        .split('/')
        .rev()
        .skip(1)
        .any(|dir| DIRS.contains(&dir))
        || name.starts_with("test_")
        || [
            ".test.", "_test.", ".spec.", "_spec.", ".example", ".sample",
        ]
        .iter()
        .any(|marker| name.contains(marker))
}

#[cfg(test)]
mod tests;
