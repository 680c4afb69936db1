const express = require('express')
const { exec } = require('child_process')
const fs = require('fs')
const path = require('path')

const app = express()

app.get('/users', async (req, res) => {
  const name = req.query.name
  const rows = await db.query(`SELECT * FROM users WHERE name = '${name}'`) // drift-expect: flow sql_query
  res.json(rows)
})

app.get('/users/safe', async (req, res) => {
  const name = req.query.name
  const rows = await db.query('SELECT * FROM users WHERE name = ?', [name])
  res.json(rows)
})

app.get('/users/:id', async (req, res) => {
  const id = parseInt(req.params.id, 10)
  const rows = await db.query('SELECT * FROM users WHERE id = ' + id)
  res.json(rows)
})

app.post('/ping', (req, res) => {
  const host = req.body.host
  exec('ping -c 1 ' + host, (err, out) => res.send(out)) // drift-expect: flow os_command
})

app.get('/files', (req, res) => {
  const file = req.query.file
  const data = fs.readFileSync(path.join('/srv/files', file)) // drift-expect: flow file_path
  res.send(data)
})

app.get('/files/safe', (req, res) => {
  const file = path.basename(req.query.file)
  res.sendFile(file, { root: '/srv/files' })
})

app.get('/hello', (req, res) => {
  const who = req.query.who
  res.send(`<h1>Hello ${who}</h1>`) // drift-expect: flow html_output
})

app.get('/hello/safe', (req, res) => {
  const who = escapeHtml(req.query.who)
  res.send(`<h1>Hello ${who}</h1>`)
})

app.get('/calc', (req, res) => {
  const expr = req.query.expr
  res.json({ value: eval(expr) }) // drift-expect: flow code_execution
})

app.get('/go', (req, res) => {
  res.redirect(req.query.next) // drift-expect: flow http_redirect
})

app.get('/users/:id/open', (req, res) => {
  res.redirect('/users/' + req.params.id)
})

app.get('/static', (req, res) => {
  const name = 'report'
  const rows = db.query(`SELECT * FROM reports WHERE name = '${name}'`)
  res.json(rows)
})

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, '')
}
