use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use tower_http::trace::TraceLayer;

use crate::{error::AppError, db::Db, model::{NewUser, User}};

pub fn router(db: Db) -> Router {
    Router::new()
        .route("/users", post(create_user)) // expect-pattern: rust_web/api/router-route
        .route("/users/:id", get(get_user)) // expect-pattern: rust_web/api/router-route
        .route("/health", get(health))
        .layer(TraceLayer::new_for_http()) // expect-pattern: rust_web/api/middleware-layer  expect-no-pattern: rust_web/api/router-route
        .with_state(db) // expect-pattern: rust_web/structural/shared-state
}

#[derive(Deserialize)]
pub struct Paging {
    page: Option<u32>,
}

async fn get_user(State(db): State<Db>, Path(id): Path<u64>) -> Result<Json<User>, AppError> { // expect-pattern: rust_web/api/typed-extractor, rust_web/errors/handler-returns-result  expect-no-pattern: rust_web/errors/handler-bare-response
    let user = db.user(id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(user))
}

async fn create_user(State(db): State<Db>, Json(input): Json<NewUser>) -> impl IntoResponse { // expect-pattern: rust_web/errors/handler-bare-response  expect-no-pattern: rust_web/errors/handler-returns-result
    match db.insert(input).await {
        Ok(user) => (StatusCode::CREATED, Json(user)).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn list_users(State(db): State<Db>, Query(paging): Query<Paging>) -> ApiResult<Vec<User>> { // expect-pattern: rust_web/errors/handler-returns-result
    Ok(Json(db.users(paging.page.unwrap_or(0)).await?))
}

async fn health() -> &'static str { // expect-no-pattern: rust_web/api/typed-extractor, rust_web/errors/handler-bare-response
    "ok"
}
