const escapeHtml = require('escape-html');

function heading(text) {
  return '<h1>' + text + '</h1>';
}

function page(res, title) {
  res.send(heading(title)); // drift-expect: flow html_output
}

function safePage(res, title) {
  res.send(heading(escapeHtml(title)));
}

module.exports = { page, safePage };
