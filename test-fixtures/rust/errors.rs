//! Error types for the warehouse crate.

use std::error::Error;
use std::fmt;
use std::io;

use crate::Location;

pub type WarehouseResult<T> = Result<T, WarehouseError>;

#[derive(Debug)]
#[non_exhaustive]
pub enum WarehouseError {
    BadLocation(String),
    DuplicateBin(Location),
    UnknownBin(Location),
    NotStocked(String),
    Overflow { location: Location, requested: u32, free: u32 },
    Io(io::Error),
}

impl fmt::Display for WarehouseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadLocation(raw) => write!(f, "cannot parse location {raw:?}"),
            Self::DuplicateBin(loc) => write!(f, "bin {loc} already exists"),
            Self::UnknownBin(loc) => write!(f, "no bin at {loc}"),
            Self::NotStocked(sku) => write!(f, "sku {sku} is not stocked here"),
            Self::Overflow { location, requested, free } => {
                write!(f, "bin {location} has {free} free, {requested} requested")
            }
            Self::Io(err) => write!(f, "i/o error: {err}"),
        }
    }
}

impl Error for WarehouseError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            WarehouseError::Io(err) => Some(err),
            _ => None,
        }
    }
}

impl From<io::Error> for WarehouseError {
    fn from(err: io::Error) -> Self {
        WarehouseError::Io(err)
    }
}

impl WarehouseError {
    /// Whether retrying the same operation may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, WarehouseError::Io(e) if e.kind() == io::ErrorKind::Interrupted)
    }

    pub const fn code(&self) -> u16 {
        match self {
            WarehouseError::BadLocation(_) => 400,
            WarehouseError::DuplicateBin(_) => 409,
            WarehouseError::UnknownBin(_) | WarehouseError::NotStocked(_) => 404,
            WarehouseError::Overflow { .. } => 507,
            WarehouseError::Io(_) => 500,
        }
    }
}

/// Reads a stock snapshot file, mapping I/O failures through `?`.
pub fn read_snapshot(path: &std::path::Path) -> WarehouseResult<Vec<(String, u32)>> {
    let text = std::fs::read_to_string(path)?;
    let mut rows = Vec::new();
    for (lineno, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let (sku, qty) = line
            .split_once(',')
            .ok_or_else(|| WarehouseError::BadLocation(format!("line {}", lineno + 1)))?;
        let qty: u32 = qty.trim().parse().map_err(|e| {
            WarehouseError::Io(io::Error::new(io::ErrorKind::InvalidData, format!("{e}")))
        })?;
        rows.push((sku.trim().to_string(), qty));
    }
    Ok(rows)
}

pub(crate) fn panic_safe<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    std::panic::catch_unwind(f).ok()
}
