mod files;
mod store;

use std::collections::HashMap;

use axum::extract::{Path, Query};

async fn search(Query(params): Query<HashMap<String, String>>) -> String {
    let term = params.get("q").cloned().unwrap_or_default();
    store::find_notes(&term)
}

async fn by_id(Path(id): Path<String>) -> String {
    let id: i64 = id.parse().unwrap_or(0);
    store::find_notes(&id.to_string())
}

async fn attachment(Path(name): Path<String>) -> Vec<u8> {
    files::read_attachment(&name)
}

async fn logo() -> Vec<u8> {
    files::read_attachment("logo.png")
}

fn main() {}
