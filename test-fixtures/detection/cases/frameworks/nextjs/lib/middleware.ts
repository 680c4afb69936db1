// An express-style middleware module, not Next's.
import type { Request, Response, NextFunction } from "express";

export function middleware(req: Request, res: Response, next: NextFunction) { // expect-no-pattern: nextjs/api/middleware
  next();
}

export async function GET(url: string) { // expect-no-pattern: nextjs/api/app-route-handler
  return fetch(url);
}
