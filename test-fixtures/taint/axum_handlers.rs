use std::collections::HashMap;
use std::process::Command;

use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect};
use sqlx::PgPool;

pub async fn search(State(pool): State<PgPool>, Query(params): Query<HashMap<String, String>>) -> String {
    let term = params.get("q").cloned().unwrap_or_default();
    let sql = format!("SELECT id FROM items WHERE name = '{term}'");
    let rows = sqlx::query(&sql).fetch_all(&pool).await; // drift-expect: flow sql_query
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn search_safe(State(pool): State<PgPool>, Query(params): Query<HashMap<String, String>>) -> String {
    let term = params.get("q").cloned().unwrap_or_default();
    let rows = sqlx::query("SELECT id FROM items WHERE name = $1").bind(term).fetch_all(&pool).await;
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn by_id(State(pool): State<PgPool>, Path(id): Path<String>) -> String {
    let id = id.parse::<i64>().unwrap_or(0);
    let rows = sqlx::query(&format!("SELECT name FROM items WHERE id = {id}")).fetch_all(&pool).await;
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn convert(Query(params): Query<HashMap<String, String>>) -> String {
    let format = params.get("format").cloned().unwrap_or_default();
    let output = Command::new("sh").arg("-c").arg(format!("convert in.png out.{format}")).output(); // drift-expect: flow os_command
    format!("{:?}", output.map(|o| o.status))
}

pub async fn uptime() -> String {
    let output = Command::new("uptime").output();
    format!("{:?}", output.map(|o| o.status))
}

pub async fn download(Path(name): Path<String>) -> Vec<u8> {
    std::fs::read(format!("/srv/files/{name}")).unwrap_or_default() // drift-expect: flow file_path
}

pub async fn download_safe(Path(name): Path<String>) -> Vec<u8> {
    let file = std::path::Path::new(&name).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    std::fs::read(format!("/srv/files/{file}")).unwrap_or_default()
}

pub async fn greet(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let who = params.get("who").cloned().unwrap_or_default();
    Html(format!("<p>Hello {who}</p>")) // drift-expect: flow html_output
}

pub async fn greet_safe(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let who = html_escape::encode_text(&params.get("who").cloned().unwrap_or_default()).into_owned();
    Html(format!("<p>Hello {who}</p>"))
}

pub async fn next(Query(params): Query<HashMap<String, String>>) -> Redirect {
    let target = params.get("next").cloned().unwrap_or_default();
    Redirect::to(&target) // drift-expect: flow http_redirect
}

pub async fn home() -> Redirect {
    let target = String::from("/");
    Redirect::to(&target)
}
