const tables = new Map()

function all(table) {
  return tables.get(table) || []
}

function insert(table, row) {
  all(table).push(row)
  tables.set(table, all(table))
}

module.exports = { all, insert }
