/// Parses a config file. expect-pattern: documentation/doc-comment
///
/// Returns the parsed value. expect-no-pattern: documentation/doc-comment
pub fn parse(text: &str) -> Config { // expect-no-pattern: documentation/doc-comment
    Config::from(text)
}

#[deprecated(since = "2.0.0", note = "use parse")] // expect-pattern: documentation/deprecated-marker
pub fn parse_old(text: &str) -> Config {
    parse(text)
}
