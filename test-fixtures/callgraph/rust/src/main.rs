mod store;
mod util;

use store::{Named, Store};

fn main() {
    let mut store = Store::new();
    store.add("drift");
    println!("{} {}", report(&store), store.greeting());
}

fn report(store: &Store) -> String {
    let labels: Vec<String> = ["a"].into_iter().map(util::normalize).collect();
    util::format_count(store.count() + labels.len())
}
