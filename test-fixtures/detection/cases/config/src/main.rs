use std::env;

fn settings() -> Result<(String, String), env::VarError> {
    let url = env::var("DATABASE_URL")?; // expect-pattern: config/env-required  expect-no-pattern: config/env-default
    let level = env::var("LOG_LEVEL").unwrap_or_else(|_| "info".to_string()); // expect-pattern: config/env-default  expect-no-pattern: config/env-required
    Ok((url, level))
}
