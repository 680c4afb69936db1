const express = require('express');
const { findUser, findUserSafe, countUsers } = require('./db');
const { runTool, runFixed } = require('./tools');
const { currentTheme } = require('./theme');
const render = require('./render');
const files = require('./files');

const app = express();

app.get('/users', (req, res) => {
  const name = req.query.name;
  res.json(findUser(name));
});

app.get('/users/safe', (req, res) => {
  res.json(findUserSafe(req.query.name));
});

app.get('/users/count', (req, res) => {
  res.json(countUsers(req.query.filter));
});

app.post('/tools', (req, res) => {
  runFixed('uptime');
  res.json({ version: runTool(req.body.tool) });
});

app.get('/page', (req, res) => {
  render.page(res, req.query.title);
});

app.get('/page/safe', (req, res) => {
  render.safePage(res, req.query.title);
});

app.get('/theme', (req, res) => {
  res.json({ theme: currentTheme() });
});

function profile(req, res) {
  const id = parseInt(req.params.id, 10);
  res.json(findUser(id));
}

app.get('/profile/:id', profile);

app.get('/reports/:name', (req, res) => files.sendReport(res, req.params.name));

app.get('/back', (req, res) => {
  if (!req.query.next) {
    return files.home(res);
  }
  return files.back(res, req.query.next);
});

module.exports = app;
