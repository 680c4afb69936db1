use log::info;

pub fn start(port: u16) {
    info!("listening on {}", port); // expect-pattern: logging/logger-call  expect-no-pattern: logging/print-output
    println!("ready on {}", port); // expect-pattern: logging/print-output  expect-no-pattern: logging/logger-call
    tracing::warn!("slow start"); // expect-no-pattern: logging/print-output
}
