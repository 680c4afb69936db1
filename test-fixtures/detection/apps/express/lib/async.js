/** Hands a rejected promise of an async route handler to the error middleware. */
export function asyncHandler(handler) {
  return (req, res, next) => Promise.resolve(handler(req, res, next)).catch(next)
}

export class NotFoundError extends Error {
  constructor(what) {
    super(`${what} not found`)
    this.status = 404
  }
}

export class ValidationError extends Error {
  constructor(details) {
    super('invalid input')
    this.status = 400
    this.details = details
  }
}
