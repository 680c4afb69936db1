import { logger } from '../lib/logger.js'

export function errorHandler(err, req, res, next) {
  logger.error('request failed', { path: req.path, err })
  res.status(err.status ?? 500).json({ error: err.message })
}
