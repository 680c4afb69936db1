//! Intentionally broken Rust: unclosed brace, missing paren, stray tokens.

use std::collections::VecDeque;

#[derive(Debug, Default)]
pub struct Scheduler {
    jobs: VecDeque<String>,
}

impl Scheduler {
    pub fn push(&mut self, job: &str) {
        self.jobs.push_back(job.to_string());
    }

    // ERROR: missing closing paren
    pub fn next(&mut self) -> Option<String> {
        if self.jobs.is_empty( {
            return None;
        }
        self.jobs.pop_front()
    }

    // ERROR: stray tokens in the signature
    pub fn len(&self) -> usize $$ {
        self.jobs.len()
    }

    // ERROR: match arm never closed, impl never closed
    pub fn describe(&self) -> &'static str {
        match self.jobs.len() {
            0 => "idle",
            1..=3 => "busy",
            _ => {
                "overloaded"
    }

pub fn fine() -> u32 {
    42
}
