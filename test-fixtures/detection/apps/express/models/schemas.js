import { z } from 'zod'

export const userSchema = z.object({ email: z.string().email(), name: z.string().min(1) })
export const orderSchema = z.object({ productId: z.string(), quantity: z.number().int().positive() })
export const productSchema = z.object({ name: z.string(), price: z.number().positive() })
export const invoiceSchema = z.object({ orderId: z.string(), dueDays: z.number().int() })
