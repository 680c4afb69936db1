use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The xxh3-64 hash of a file's bytes, used for change detection and as the parse cache key.
///
/// Displays and serializes as 16 lower-case hex digits: JavaScript numbers cannot hold a `u64`
/// exactly, so the hex string is the form that crosses the bridge. `SQLite` has no unsigned 64-bit
/// integer; store [`ContentHash::to_i64_bits`] and read back with
/// [`ContentHash::from_i64_bits`], a lossless bit cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ContentHash(pub u64);

impl ContentHash {
    /// Hashes `bytes` with xxh3-64 (seed 0). The value is stable across platforms and releases
    /// of `xxhash-rust`, so it may be persisted.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        Self(xxhash_rust::xxh3::xxh3_64(bytes))
    }

    /// The raw value.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The same 64 bits as an `i64`, for `SQLite` `INTEGER` columns.
    #[must_use]
    #[expect(
        clippy::cast_possible_wrap,
        reason = "a bit-for-bit reinterpretation is the point"
    )]
    pub const fn to_i64_bits(self) -> i64 {
        self.0 as i64
    }

    /// Inverse of [`ContentHash::to_i64_bits`].
    #[must_use]
    #[expect(
        clippy::cast_sign_loss,
        reason = "a bit-for-bit reinterpretation is the point"
    )]
    pub const fn from_i64_bits(bits: i64) -> Self {
        Self(bits as u64)
    }

    /// Parses 1 to 16 hex digits (either case). Returns `None` for anything else, including a
    /// sign or `0x` prefix, so a malformed value from JavaScript cannot alias a real hash.
    #[must_use]
    pub fn from_hex(hex: &str) -> Option<Self> {
        if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u64::from_str_radix(hex, 16).ok().map(Self)
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl fmt::LowerHex for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

/// A string that is not 1 to 16 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a content hash; expected up to 16 hex digits")]
pub struct InvalidContentHash(String);

impl FromStr for ContentHash {
    type Err = InvalidContentHash;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_hex(s).ok_or_else(|| InvalidContentHash(s.to_owned()))
    }
}

impl Serialize for ContentHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::from_hex(&text).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&text),
                &"up to 16 hex digits",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_zero_padded_hex() {
        assert_eq!(ContentHash(0).to_string(), "0000000000000000");
        assert_eq!(ContentHash(0xab).to_string(), "00000000000000ab");
        assert_eq!(ContentHash(u64::MAX).to_string(), "ffffffffffffffff");
        assert_eq!(format!("{:x}", ContentHash(0xab)), "ab");
    }

    #[test]
    fn of_is_xxh3_and_stable() {
        // Published xxh3-64 test vector for the empty input; a change here would invalidate every
        // persisted hash.
        assert_eq!(ContentHash::of(b""), ContentHash(0x2d06_8005_38d3_94c2));
        assert_eq!(ContentHash::of(b"abc"), ContentHash::of(b"abc"));
        assert_ne!(ContentHash::of(b"abc"), ContentHash::of(b"abd"));
    }

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        for value in [0, 1, 0xdead_beef, u64::MAX, 1 << 63] {
            let hash = ContentHash(value);
            assert_eq!(ContentHash::from_hex(&hash.to_string()), Some(hash));
            assert_eq!(hash.to_string().parse::<ContentHash>(), Ok(hash));
        }
        assert_eq!(ContentHash::from_hex("AB"), Some(ContentHash(0xab)));
        for junk in ["", "0x1", "+1", "-1", "g", "00000000000000000", " 1"] {
            assert_eq!(ContentHash::from_hex(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn i64_bits_round_trip() {
        for value in [0, 1, u64::MAX, 1 << 63, 0x7fff_ffff_ffff_ffff] {
            let hash = ContentHash(value);
            assert_eq!(ContentHash::from_i64_bits(hash.to_i64_bits()), hash);
        }
        assert_eq!(ContentHash(u64::MAX).to_i64_bits(), -1);
    }

    #[test]
    fn serde_uses_the_hex_string() {
        let hash = ContentHash(0x0123_4567_89ab_cdef);
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json, "\"0123456789abcdef\"");
        assert_eq!(serde_json::from_str::<ContentHash>(&json).unwrap(), hash);
        assert!(serde_json::from_str::<ContentHash>("\"xyz\"").is_err());
        assert!(serde_json::from_str::<ContentHash>("42").is_err());
    }
}
