pub fn run() { compile(); }
fn compile() {}
