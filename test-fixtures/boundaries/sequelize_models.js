const { Sequelize, Model, DataTypes } = require('sequelize')

const sequelize = new Sequelize('sqlite::memory:')

class Account extends Model {} // drift-expect: model Account

async function accounts(owner) {
  const rows = await Account.findAll({ where: { owner } }) // drift-expect: select Account
  await Account.update({ seen: true }, { where: { owner } }) // drift-expect: update Account
  await Account.destroy({ where: { closed: true } }) // drift-expect: delete Account
  return rows
}

async function byName(name) {
  return sequelize.query('SELECT * FROM accounts WHERE name = ' + name) // drift-expect: raw_query accounts unsafe
}

module.exports = { accounts, byName, DataTypes }
