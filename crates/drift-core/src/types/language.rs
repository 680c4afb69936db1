use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A source language Drift can parse.
///
/// The serialized form and [`Language::name`] are lower-case identifiers (`"typescript"`,
/// `"csharp"`); they are stored in the database and sent to JavaScript, so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// `.ts .tsx .mts .cts`
    TypeScript,
    /// `.js .jsx .mjs .cjs`
    JavaScript,
    /// `.py .pyi`
    Python,
    /// `.java`
    Java,
    /// `.cs`
    CSharp,
    /// `.go`
    Go,
    /// `.rs`
    Rust,
    /// `.rb`
    Ruby,
    /// `.php`
    Php,
    /// `.kt .kts`
    Kotlin,
}

impl Language {
    /// Every language, in declaration order.
    pub const ALL: [Language; 10] = [
        Language::TypeScript,
        Language::JavaScript,
        Language::Python,
        Language::Java,
        Language::CSharp,
        Language::Go,
        Language::Rust,
        Language::Ruby,
        Language::Php,
        Language::Kotlin,
    ];

    /// The language for a file extension, with or without the leading dot, ignoring ASCII case
    /// (`Main.JAVA` is Java on case-insensitive file systems). Unknown extensions give `None`.
    #[must_use]
    pub fn from_extension(extension: &str) -> Option<Language> {
        let extension = extension.strip_prefix('.').unwrap_or(extension);
        Self::ALL.into_iter().find(|language| {
            language
                .extensions()
                .iter()
                .any(|known| known.eq_ignore_ascii_case(extension))
        })
    }

    /// The language of a file, from its extension.
    #[must_use]
    pub fn from_path(path: impl AsRef<Path>) -> Option<Language> {
        path.as_ref()
            .extension()?
            .to_str()
            .and_then(Self::from_extension)
    }

    /// The extensions (without the dot) that map to this language.
    #[must_use]
    pub const fn extensions(self) -> &'static [&'static str] {
        match self {
            Language::TypeScript => &["ts", "tsx", "mts", "cts"],
            Language::JavaScript => &["js", "jsx", "mjs", "cjs"],
            Language::Python => &["py", "pyi"],
            Language::Java => &["java"],
            Language::CSharp => &["cs"],
            Language::Go => &["go"],
            Language::Rust => &["rs"],
            Language::Ruby => &["rb"],
            Language::Php => &["php"],
            Language::Kotlin => &["kt", "kts"],
        }
    }

    /// The stable lower-case identifier, identical to the serialized form.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Language::TypeScript => "typescript",
            Language::JavaScript => "javascript",
            Language::Python => "python",
            Language::Java => "java",
            Language::CSharp => "csharp",
            Language::Go => "go",
            Language::Rust => "rust",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Kotlin => "kotlin",
        }
    }

    /// The name people write, e.g. `"C#"`; this is also the `Display` form.
    #[must_use]
    pub const fn display_name(self) -> &'static str {
        match self {
            Language::TypeScript => "TypeScript",
            Language::JavaScript => "JavaScript",
            Language::Python => "Python",
            Language::Java => "Java",
            Language::CSharp => "C#",
            Language::Go => "Go",
            Language::Rust => "Rust",
            Language::Ruby => "Ruby",
            Language::Php => "PHP",
            Language::Kotlin => "Kotlin",
        }
    }

    /// `"TypeScript, JavaScript, ..., Kotlin"`, for messages.
    #[must_use]
    pub fn supported_list() -> String {
        Self::ALL.map(Language::display_name).join(", ")
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// A language name that [`Language::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown language `{0}`; expected one of typescript, javascript, python, java, csharp, go, rust, ruby, php, kotlin"
)]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts [`Language::name`] and [`Language::display_name`] in any ASCII case, plus the
    /// common short forms `ts`, `js`, `py`, `cs`, `rs`, `rb` and `kt`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        Self::ALL
            .into_iter()
            .find(|language| {
                trimmed.eq_ignore_ascii_case(language.name())
                    || trimmed.eq_ignore_ascii_case(language.display_name())
            })
            .or_else(|| match trimmed.to_ascii_lowercase().as_str() {
                "ts" => Some(Language::TypeScript),
                "js" => Some(Language::JavaScript),
                "py" => Some(Language::Python),
                "cs" | "c-sharp" => Some(Language::CSharp),
                "rs" => Some(Language::Rust),
                "rb" => Some(Language::Ruby),
                "kt" => Some(Language::Kotlin),
                "golang" => Some(Language::Go),
                _ => None,
            })
            .ok_or_else(|| UnknownLanguage(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_extension_maps_to_its_language() {
        let table = [
            ("ts", Language::TypeScript),
            ("tsx", Language::TypeScript),
            ("mts", Language::TypeScript),
            ("cts", Language::TypeScript),
            ("js", Language::JavaScript),
            ("jsx", Language::JavaScript),
            ("mjs", Language::JavaScript),
            ("cjs", Language::JavaScript),
            ("py", Language::Python),
            ("pyi", Language::Python),
            ("java", Language::Java),
            ("cs", Language::CSharp),
            ("go", Language::Go),
            ("rs", Language::Rust),
            ("rb", Language::Ruby),
            ("php", Language::Php),
            ("kt", Language::Kotlin),
            ("kts", Language::Kotlin),
        ];
        for (extension, language) in table {
            assert_eq!(
                Language::from_extension(extension),
                Some(language),
                "{extension}"
            );
            assert_eq!(
                Language::from_extension(&format!(".{extension}")),
                Some(language)
            );
        }
        let total: usize = Language::ALL.iter().map(|l| l.extensions().len()).sum();
        assert_eq!(
            total,
            table.len(),
            "extensions() lists something the table does not"
        );
    }

    #[test]
    fn unknown_extensions_are_none() {
        for extension in [
            "", ".", "c", "cpp", "h", "tsx2", "json", "md", "d.ts.bak", "..ts", "é",
        ] {
            assert_eq!(Language::from_extension(extension), None, "{extension:?}");
        }
    }

    #[test]
    fn extension_case_is_ignored() {
        assert_eq!(Language::from_extension("TSX"), Some(Language::TypeScript));
        assert_eq!(Language::from_path("src/Main.JAVA"), Some(Language::Java));
    }

    #[test]
    fn from_path_uses_the_last_extension() {
        assert_eq!(
            Language::from_path("types/index.d.ts"),
            Some(Language::TypeScript)
        );
        assert_eq!(
            Language::from_path("a/b.min.js"),
            Some(Language::JavaScript)
        );
        assert_eq!(Language::from_path("Makefile"), None);
        assert_eq!(Language::from_path(".gitignore"), None);
        assert_eq!(Language::from_path("dir.rs/README"), None);
    }

    #[test]
    fn names_round_trip_through_serde_and_from_str() {
        for language in Language::ALL {
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.name()));
            let back: Language = serde_json::from_str(&json).unwrap();
            assert_eq!(back, language);
            assert_eq!(language.name().parse::<Language>(), Ok(language));
            assert_eq!(
                language.display_name().to_uppercase().parse::<Language>(),
                Ok(language)
            );
        }
        assert_eq!("C#".parse::<Language>(), Ok(Language::CSharp));
        assert_eq!(" ts ".parse::<Language>(), Ok(Language::TypeScript));
        assert_eq!(
            "cobol".parse::<Language>(),
            Err(UnknownLanguage("cobol".into()))
        );
    }

    #[test]
    fn names_are_unique() {
        let names: std::collections::HashSet<_> = Language::ALL.iter().map(|l| l.name()).collect();
        assert_eq!(names.len(), Language::ALL.len());
    }
}
