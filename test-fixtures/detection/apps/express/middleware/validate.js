import { ValidationError } from '../lib/async.js'

/** Checks req.body against a zod schema before the handler runs. */
export function validate(schema) {
  return (req, res, next) => {
    const parsed = schema.safeParse(req.body)
    if (!parsed.success) {
      next(new ValidationError(parsed.error.issues))
      return
    }
    req.body = parsed.data
    next()
  }
}
