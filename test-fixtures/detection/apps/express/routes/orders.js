import express from 'express'

import { asyncHandler, NotFoundError, ValidationError } from '../lib/async.js'
import { validate } from '../middleware/validate.js'
import { orderSchema } from '../models/schemas.js'
import * as db from '../services/db.js'
import { notify } from '../services/mailer.js'

const router = express.Router()

router.get('/', asyncHandler(async (req, res) => {
  res.json(await db.listOrders(req.query.status))
}))

router.get('/:id', asyncHandler(async (req, res) => {
  const order = await db.findOrder(req.params.id)
  if (!order) throw new NotFoundError('order')
  res.json(order)
}))

router.post('/', validate(orderSchema), asyncHandler(async (req, res) => {
  const order = await db.createOrder(req.body)
  if (!order) throw new ValidationError('product unavailable')
  await notify(order.customerEmail, 'order received')
  res.status(201).json(order)
}))

router.delete('/:id', asyncHandler(async (req, res) => {
  const cancelled = await db.cancelOrder(req.params.id)
  if (!cancelled) throw new NotFoundError('order')
  res.status(204).end()
}))

router.patch('/:id', validate(orderSchema.partial()), asyncHandler(async (req, res) => {
  res.json(await db.updateOrder(req.params.id, req.body))
}))

export default router
