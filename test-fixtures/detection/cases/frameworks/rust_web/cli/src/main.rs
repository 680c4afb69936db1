// Not a web app: a CLI with look-alike names.
use std::path::Path;
use std::sync::mpsc;

mod routes { #[get("/not-actix")] fn index() {} } // expect-no-pattern: rust_web/api/actix-route-macro

fn open(path: &Path, state: State) -> Result<String, std::io::Error> { // expect-no-pattern: rust_web/api/typed-extractor, rust_web/errors/handler-returns-result
    let (tx, rx) = mpsc::channel::<u8>();
    drop(tx);
    let _ = rx.recv().ok();
    let route = planner.route("/a", "/b"); // expect-no-pattern: rust_web/api/router-route
    let layered = cake.layer(3); // expect-no-pattern: rust_web/api/middleware-layer
    let settings = config.with_state(state); // expect-no-pattern: rust_web/structural/shared-state
    std::fs::read_to_string(path)
}
