// expect-pattern: documentation/doc-comment
/// Parses a config file.
///
/// Returns the parsed value.
pub fn parse(text: &str) -> Config { // expect-no-pattern: documentation/doc-comment
    Config::from(text)
}

// expect-pattern: documentation/deprecated-marker
#[deprecated(since = "2.0.0", note = "use parse")]
pub fn parse_old(text: &str) -> Config {
    parse(text)
}
