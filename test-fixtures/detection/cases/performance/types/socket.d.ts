import type { Effect } from "./effect";

export declare const send: (data: Uint8Array) => Effect<void, import("./errors").SocketError>; // expect-no-pattern: performance/dynamic-import
export type Loader = typeof import("./loader"); // expect-no-pattern: performance/dynamic-import
export interface Options {
  codec: import("./codec").Codec; // expect-no-pattern: performance/dynamic-import
}
