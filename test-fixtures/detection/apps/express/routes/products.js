import express from 'express'

import { asyncHandler, NotFoundError } from '../lib/async.js'
import { validate } from '../middleware/validate.js'
import { productSchema } from '../models/schemas.js'
import * as db from '../services/db.js'

const router = express.Router()

router.get('/', asyncHandler(async (req, res) => {
  res.json(await db.listProducts())
}))

router.get('/:id', asyncHandler(async (req, res) => {
  const product = await db.findProduct(req.params.id)
  if (!product) throw new NotFoundError('product')
  res.json(product)
}))

// Planted: the body is used unvalidated, and the async handler is not wrapped.
router.post('/', async (req, res) => {
  const product = await db.createProduct(req.body)
  res.status(201).json(product)
})

router.put('/:id', validate(productSchema), asyncHandler(async (req, res) => {
  const updated = await db.updateProduct(req.params.id, req.body)
  if (!updated) throw new NotFoundError('product')
  res.json(updated)
}))

export default router
