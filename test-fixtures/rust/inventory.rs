//! Bins and the stock movement ledger.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::errors::{WarehouseError, WarehouseResult};
use crate::Location;

/// Anything that can hold a counted quantity of SKUs.
pub trait Storage {
    fn put(&mut self, sku: &str, qty: u32) -> WarehouseResult<()>;
    fn take(&mut self, sku: &str, qty: u32) -> WarehouseResult<u32>;
    fn used(&self) -> u32;

    fn is_empty(&self) -> bool {
        self.used() == 0
    }
}

#[derive(Debug, Clone)]
pub struct Bin {
    location: Location,
    capacity: u32,
    contents: HashMap<String, u32>,
}

impl Bin {
    pub fn new(location: Location, capacity: u32) -> Self {
        Bin { location, capacity, contents: HashMap::new() }
    }

    pub fn location(&self) -> Location {
        self.location
    }

    pub fn quantity_of(&self, sku: &str) -> Option<u32> {
        self.contents.get(sku).copied().filter(|q| *q > 0)
    }

    pub fn used(&self) -> u32 {
        self.contents.values().sum()
    }
}

impl Storage for Bin {
    fn put(&mut self, sku: &str, qty: u32) -> WarehouseResult<()> {
        let free = self.capacity.saturating_sub(Bin::used(self));
        if qty > free {
            return Err(WarehouseError::Overflow { location: self.location, requested: qty, free });
        }
        *self.contents.entry(sku.to_owned()).or_insert(0) += qty;
        Ok(())
    }

    fn take(&mut self, sku: &str, qty: u32) -> WarehouseResult<u32> {
        let have = self.contents.get_mut(sku).ok_or_else(|| WarehouseError::NotStocked(sku.into()))?;
        let taken = qty.min(*have);
        *have -= taken;
        Ok(taken)
    }

    fn used(&self) -> u32 {
        Bin::used(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Inbound { sku: String, #[serde(skip)] to: Location, qty: u32 },
    Transfer { sku: String, qty: u32 },
    Outbound(String, u32),
    Adjustment(i64),
}

impl Default for Location {
    fn default() -> Self {
        Location::DOCK
    }
}

/// Thread-safe append-only ledger.
#[derive(Default, Clone)]
pub struct StockLedger {
    entries: Arc<Mutex<Vec<Movement>>>,
}

impl StockLedger {
    pub fn record(&self, movement: Movement) {
        match self.entries.lock() {
            Ok(mut guard) => guard.push(movement),
            Err(poisoned) => poisoned.into_inner().push(movement),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|g| g.len()).unwrap_or(0)
    }

    pub fn filter<F>(&self, pred: F) -> Vec<Movement>
    where
        F: Fn(&Movement) -> bool,
    {
        let guard = self.entries.lock().expect("ledger lock poisoned");
        guard.iter().filter(|&m| pred(m)).cloned().collect()
    }

    pub fn net_adjustment(&self) -> i64 {
        self.filter(|m| matches!(m, Movement::Adjustment(_)))
            .into_iter()
            .map(|m| if let Movement::Adjustment(d) = m { d } else { 0 })
            .sum()
    }
}

pub fn transfer<S: Storage + ?Sized>(from: &mut S, to: &mut S, sku: &str, qty: u32) -> WarehouseResult<u32> {
    let moved = from.take(sku, qty)?;
    to.put(sku, moved)?;
    Ok(moved)
}
