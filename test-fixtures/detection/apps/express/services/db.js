import pg from 'pg'

export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })

async function one(sql, params) {
  const { rows } = await pool.query(sql, params)
  return rows[0]
}

async function many(sql, params) {
  const { rows } = await pool.query(sql, params)
  return rows
}

export const listUsers = () => many('SELECT id, email, name FROM users ORDER BY id')
export const findUser = (id) => one('SELECT id, email, name FROM users WHERE id = $1', [id])
export const createUser = (user) => one('INSERT INTO users (email, name) VALUES ($1, $2) RETURNING *', [user.email, user.name])
export const updateUser = (id, user) => one('UPDATE users SET email = $2, name = $3 WHERE id = $1 RETURNING *', [id, user.email, user.name])
export const listOrders = (status) => many('SELECT * FROM orders WHERE status = $1', [status ?? 'open'])
export const findOrder = (id) => one('SELECT * FROM orders WHERE id = $1', [id])
export const createOrder = (order) => one('INSERT INTO orders (product_id, quantity) VALUES ($1, $2) RETURNING *', [order.productId, order.quantity])
export const updateOrder = (id, order) => one('UPDATE orders SET quantity = coalesce($2, quantity) WHERE id = $1 RETURNING *', [id, order.quantity])
export const cancelOrder = (id) => one('UPDATE orders SET status = $2 WHERE id = $1', [id, 'cancelled'])
export const listProducts = () => many('SELECT * FROM products')
export const findProduct = (id) => one('SELECT * FROM products WHERE id = $1', [id])
export const createProduct = (product) => one('INSERT INTO products (name, price) VALUES ($1, $2) RETURNING *', [product.name, product.price])
export const updateProduct = (id, product) => one('UPDATE products SET name = $2, price = $3 WHERE id = $1 RETURNING *', [id, product.name, product.price])
export const createInvoice = (invoice) => one('INSERT INTO invoices (order_id, due_days) VALUES ($1, $2) RETURNING *', [invoice.orderId, invoice.dueDays])
