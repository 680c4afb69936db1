use std::fs;

pub fn load(path: &str) -> std::io::Result<String> {
    let text = fs::read_to_string(path)?; // expect-pattern: errors/rust-question-mark
    Ok(text)
}

pub fn load_or_panic(path: &str) -> String {
    fs::read_to_string(path).unwrap() // expect-pattern: errors/rust-unwrap  expect-no-pattern: errors/rust-question-mark
}

pub fn parse_port(text: &str) -> Result<u16, std::num::ParseIntError> {
    text.trim().parse::<u16>() // expect-no-pattern: errors/rust-unwrap, errors/rust-question-mark
}
