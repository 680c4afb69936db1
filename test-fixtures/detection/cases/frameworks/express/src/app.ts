import express, { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import cors from "cors";
import rateLimit from "express-rate-limit";
import { z } from "zod";
import ordersRouter from "./routes/orders";
import { logger } from "./logger";

const app = express();

app.use(helmet()); // expect-pattern: express/security/helmet
app.use(cors({ origin: process.env.WEB_ORIGIN, credentials: true })); // expect-pattern: express/security/cors
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 })); // expect-pattern: express/security/rate-limit
app.use(express.json()); // expect-no-pattern: express/security/helmet, express/security/cors, express/security/rate-limit

const signupSchema = z.object({ email: z.string().email(), password: z.string().min(12) });

app.get("/health", (req: Request, res: Response) => { // expect-pattern: express/api/app-route  expect-no-pattern: express/api/router-route
  res.json({ ok: true });
});

app.post("/signup", async (req: Request, res: Response) => { // expect-pattern: express/api/route-validated, express/errors/async-handler-bare  expect-no-pattern: express/api/route-unvalidated
  const input = signupSchema.parse(req.body);
  const user = await createUser(input);
  res.status(201).json(user);
});

app.use("/orders", ordersRouter); // expect-no-pattern: express/api/app-route

app.use((req: Request, res: Response, next: NextFunction) => { // expect-no-pattern: express/errors/error-middleware
  logger.info(`${req.method} ${req.path}`);
  next();
});

app.use((err: Error, req: Request, res: Response, _next: NextFunction) => { // expect-pattern: express/errors/error-middleware
  logger.error(err);
  res.status(500).json({ error: "internal error" });
});

export function notFound(req: Request, res: Response, next: NextFunction) { // expect-no-pattern: express/errors/error-middleware
  res.status(404).json({ error: "not found" });
}

export function errorHandler(error: HttpError, req: Request, res: Response, next: NextFunction) { // expect-pattern: express/errors/error-middleware
  res.status(error.status ?? 500).json({ error: error.message });
}

export default app;
