pub fn normalize(name: &str) -> String {
    name.trim().to_lowercase()
}

pub fn format_count(count: usize) -> String {
    format!("{count} items")
}

fn unused() -> u8 {
    0
}
