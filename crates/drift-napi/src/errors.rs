//! The one place Rust errors become JavaScript errors.

use drift_core::DriftErrorCode;

/// Converts any coded Drift error into a `napi::Error` whose message is `[CODE] message`
/// (spec §6), the format the TypeScript client parses into `DriftError.code`.
pub fn to_napi_error(err: &impl DriftErrorCode) -> napi::Error {
    napi::Error::new(napi::Status::GenericFailure, err.coded_message())
}
