mod build;
fn main() { build::run(); }
