import { Request } from 'express';

export function pickName(req: Request): string {
  return req.headers['x-file-name'] as string;
}
