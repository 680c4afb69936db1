use actix_web::{test, App};

#[actix_web::test]
async fn missing_order_is_404() {
    let app = test::init_service(App::new().service(shop::order)).await; // expect-pattern: rust_web/testing/service-test
    let req = test::TestRequest::get().uri("/orders/999").to_request(); // expect-no-pattern: rust_web/testing/service-test
    let resp = test::call_service(&app, req).await;
    assert_eq!(resp.status(), 404);
}
