// Not express: a fetch wrapper whose names look like routes, and a Map read.
import cors from "./cors-config";

const cache = new Map();
const app = { get: (key) => cache.get(key) };

app.get("/users/1", "fallback"); // expect-no-pattern: express/api/app-route
export const policy = cors("strict"); // expect-no-pattern: express/security/cors
