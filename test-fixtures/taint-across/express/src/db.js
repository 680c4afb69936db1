const db = require('./connection');

function findUser(name) {
  const sql = "SELECT * FROM users WHERE name = '" + name + "'";
  return db.query(sql); // drift-expect: flow sql_query
}

function findUserSafe(name) {
  return db.query('SELECT * FROM users WHERE name = ?', [name]);
}

function countUsers(filter) {
  const label = String(filter).trim();
  return label.length;
}

module.exports = { findUser, findUserSafe, countUsers };
