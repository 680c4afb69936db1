mod store;
mod util;

use store::{Named, Store};

fn main() {
    let mut store = Store::new();
    store.add("drift");
    println!("{} {}", report(&store), store.greeting());
}

fn report(store: &Store) -> String {
    util::format_count(store.count())
}
