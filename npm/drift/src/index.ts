// Drift for Node: `DriftClient` over the native addon (or the wasm fallback), `DriftError`.
export { DriftClient, type DriftInitOptions, type FilterOf, type ListingName, type Listings } from './client.js'
export { DRIFT_ERROR_CODES, DriftError, toDriftError, type DriftErrorCode } from './errors.js'
export { bindingTarget, loadBindings, type NativeBindings } from './bindings.js'
export type * from './types.js'
