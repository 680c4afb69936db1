// Drift for Node: `DriftClient` over the native addon (or the wasm fallback), `DriftError`.
// The binding itself (`NativeBindings`, which types some results as `any`) stays internal: every
// exported type is spelled out.
export { DriftClient, type DriftInitOptions, type FilterOf, type ListingName, type Listings } from './client.js'
export { DRIFT_ERROR_CODES, DriftError, toDriftError, type DriftErrorCode } from './errors.js'
export type * from './types.js'
