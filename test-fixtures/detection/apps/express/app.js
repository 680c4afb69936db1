import express from 'express'
import helmet from 'helmet'
import cors from 'cors'
import rateLimit from 'express-rate-limit'

import { logger } from './lib/logger.js'
import users from './routes/users.js'
import orders from './routes/orders.js'
import products from './routes/products.js'
import invoices from './routes/invoices.js'
import { errorHandler } from './middleware/errors.js'

const app = express()
app.use(helmet())
app.use(cors({ origin: process.env.CORS_ORIGIN ?? 'http://localhost:3000' }))
app.use(rateLimit({ windowMs: 60_000, max: 100 }))
app.use(express.json())

app.use('/users', users)
app.use('/orders', orders)
app.use('/products', products)
app.use('/invoices', invoices)

// Planted: a route on the app while every other route lives in a Router module.
app.get('/health', (req, res) => {
  res.json({ ok: true })
})

app.use(errorHandler)

const port = Number(process.env.PORT ?? 3000)
app.listen(port, () => logger.info('listening', { port }))
