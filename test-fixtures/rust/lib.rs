//! Warehouse management library: bins, stock movements and pick lists.

pub mod errors;
pub mod inventory;

use std::collections::BTreeMap;
use std::fmt;

pub use crate::errors::{WarehouseError, WarehouseResult};
use crate::inventory::{Bin, Movement, StockLedger, Storage};

/// Identifies a storage location as aisle/shelf/level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub aisle: u8,
    pub shelf: u16,
    pub level: u8,
}

impl Location {
    pub const DOCK: Location = Location { aisle: 0, shelf: 0, level: 0 };

    pub fn new(aisle: u8, shelf: u16, level: u8) -> Self {
        Self { aisle, shelf, level }
    }

    pub fn distance_to(&self, other: &Location) -> u32 {
        let da = (self.aisle as i32 - other.aisle as i32).unsigned_abs();
        let ds = (self.shelf as i32 - other.shelf as i32).unsigned_abs();
        da * 12 + ds
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "A{:02}-S{:03}-L{}", self.aisle, self.shelf, self.level)
    }
}

impl std::str::FromStr for Location {
    type Err = WarehouseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 {
            return Err(WarehouseError::BadLocation(s.to_owned()));
        }
        let num = |p: &str| -> WarehouseResult<u16> {
            p[1..].parse::<u16>().map_err(|_| WarehouseError::BadLocation(s.to_owned()))
        };
        Ok(Location::new(num(parts[0])? as u8, num(parts[1])?, num(parts[2])? as u8))
    }
}

/// A warehouse owns bins and the ledger of movements between them.
#[derive(Default)]
pub struct Warehouse {
    name: String,
    bins: BTreeMap<Location, Bin>,
    ledger: StockLedger,
}

impl Warehouse {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Default::default() }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn add_bin(&mut self, location: Location, capacity: u32) -> WarehouseResult<&mut Bin> {
        if self.bins.contains_key(&location) {
            return Err(WarehouseError::DuplicateBin(location));
        }
        Ok(self.bins.entry(location).or_insert_with(|| Bin::new(location, capacity)))
    }

    pub fn receive(&mut self, at: Location, sku: &str, qty: u32) -> WarehouseResult<()> {
        let bin = self.bins.get_mut(&at).ok_or(WarehouseError::UnknownBin(at))?;
        bin.put(sku, qty)?;
        self.ledger.record(Movement::Inbound { sku: sku.to_string(), to: at, qty });
        Ok(())
    }

    /// Returns bins holding `sku`, nearest to the dock first.
    pub fn pick_list(&self, sku: &str) -> Vec<(Location, u32)> {
        let mut hits: Vec<_> = self
            .bins
            .values()
            .filter_map(|b| b.quantity_of(sku).map(|q| (b.location(), q)))
            .collect();
        hits.sort_by_key(|(loc, _)| loc.distance_to(&Location::DOCK));
        hits
    }

    pub fn total_units(&self) -> u64 {
        self.bins.values().map(|b| b.used() as u64).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_location() {
        let loc: Location = "A03-S120-L2".parse().expect("valid location");
        assert_eq!(loc, Location::new(3, 120, 2));
        assert_eq!(loc.to_string(), "A03-S120-L2");
    }
}
