use actix_web::{get, middleware::Logger, post, web, App, HttpResponse, HttpServer, Responder};

pub mod api { use super::*; #[get("/orders/{id}")] // expect-pattern: rust_web/api/actix-route-macro
    pub async fn order(path: web::Path<u64>, pool: web::Data<Pool>) -> Result<HttpResponse, ApiError> { // expect-pattern: rust_web/errors/handler-returns-result
        let order = pool.order(path.into_inner()).await?;
        Ok(HttpResponse::Ok().json(order))
    }
}

#[post("/orders")]
async fn create(body: web::Json<NewOrder>, pool: web::Data<Pool>) -> impl Responder { // expect-pattern: rust_web/errors/handler-bare-response
    HttpResponse::Created().json(pool.create(body.into_inner()).await)
}

#[derive(Debug, Clone)]
pub struct Pool;

pub struct NewOrder { #[serde(default)] pub note: String } // expect-no-pattern: rust_web/api/actix-route-macro

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let pool = web::Data::new(Pool);
    HttpServer::new(move || {
        App::new()
            .wrap(Logger::default()) // expect-pattern: rust_web/api/middleware-layer
            .app_data(pool.clone()) // expect-pattern: rust_web/structural/shared-state
            .service(api::order)
            .service(create)
            .route("/ping", web::get().to(|| async { "pong" })) // expect-pattern: rust_web/api/router-route
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
