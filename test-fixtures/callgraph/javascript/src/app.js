const express = require('express')
const { listUsers, createUser } = require('./users')

const app = express()
app.get('/users', (req, res) => res.json(listUsers()))
app.post('/users', (req, res) => res.json(createUser(req.body.name)))

function start(port) {
  app.listen(port, () => log(`listening on ${port}`))
}

function log(message) {
  console.log(message)
}

start(3000)
module.exports = { app }
