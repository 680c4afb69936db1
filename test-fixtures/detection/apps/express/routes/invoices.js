import express from 'express'

import { asyncHandler } from '../lib/async.js'
import { validate } from '../middleware/validate.js'
import { invoiceSchema } from '../models/schemas.js'
import * as db from '../services/db.js'

const router = express.Router()

router.get('/:id', asyncHandler(async (req, res) => {
  // Planted: SQL built from the request.
  const rows = await db.pool.query(`SELECT * FROM invoices WHERE id = ${req.params.id}`)
  if (rows.length === 0) throw 'invoice not found'
  res.json(rows[0])
}))

router.post('/', validate(invoiceSchema), asyncHandler(async (req, res) => {
  res.status(201).json(await db.createInvoice(req.body))
}))

export default router
