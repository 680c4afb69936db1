import express from 'express'

import { asyncHandler, NotFoundError } from '../lib/async.js'
import { logger } from '../lib/logger.js'
import { validate } from '../middleware/validate.js'
import { userSchema } from '../models/schemas.js'
import * as db from '../services/db.js'

const router = express.Router()

router.get('/', asyncHandler(async (req, res) => {
  res.json(await db.listUsers())
}))

router.get('/:id', asyncHandler(async (req, res) => {
  const user = await db.findUser(req.params.id)
  if (!user) throw new NotFoundError('user')
  res.json(user)
}))

router.post('/', validate(userSchema), asyncHandler(async (req, res) => {
  try {
    res.status(201).json(await db.createUser(req.body))
  } catch (err) {
    logger.error('user not created', { err })
    throw err
  }
}))

router.put('/:id', validate(userSchema), asyncHandler(async (req, res) => {
  const updated = await db.updateUser(req.params.id, req.body)
  if (!updated) throw new NotFoundError('user')
  res.json(updated)
}))

router.patch('/:id', validate(userSchema.partial()), asyncHandler(async (req, res) => {
  res.json(await db.updateUser(req.params.id, req.body))
}))

export default router
