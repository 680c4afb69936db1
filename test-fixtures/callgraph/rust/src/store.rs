use crate::util::normalize;

pub struct Store {
    items: Vec<String>,
}

impl Store {
    pub fn new() -> Self {
        Self { items: Vec::new() }
    }

    pub fn add(&mut self, name: &str) {
        self.items.push(normalize(name));
        self.touch();
    }

    pub fn count(&self) -> usize {
        self.items.len()
    }

    fn touch(&self) {}
}

pub trait Named {
    fn name(&self) -> String;

    fn greeting(&self) -> String {
        format!("hello {}", self.name())
    }
}

impl Named for Store {
    fn name(&self) -> String {
        "store".to_owned()
    }
}
