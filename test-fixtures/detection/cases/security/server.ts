import { exec, execFile } from "child_process";
import https from "https";
import { Pool } from "pg";
import sql from "sql-template-strings";

const pool = new Pool();

export function calculate(expression: string) {
  return eval(expression); // expect-pattern: security/eval
}

export function compile(body: string) {
  return new Function("input", body); // expect-pattern: security/eval
}

export function evaluateModel(model: Model, input: Tensor) {
  model.eval(); // expect-no-pattern: security/eval
  const pattern = /(\d+)-(\d+)/;
  const parts = pattern.exec(input.label); // expect-no-pattern: security/eval, security/shell-command-injection
  return eval("1 + 1"); // expect-no-pattern: security/eval
}

export function schedule(callback: () => void) {
  setTimeout(callback, 100); // expect-no-pattern: security/eval
  setTimeout("refresh()", 100); // expect-pattern: security/eval
}

export function archive(dir: string) {
  exec(`tar -czf backup.tgz ${dir}`, (err) => { // expect-pattern: security/shell-command-injection
    if (err) console.error(err);
  });
  exec("git status " + dir); // expect-pattern: security/shell-command-injection
  execFile("tar", ["-czf", "backup.tgz", dir]); // expect-no-pattern: security/shell-command-injection
  exec("git status"); // expect-no-pattern: security/shell-command-injection
}

export const agent = new https.Agent({
  rejectUnauthorized: false, // expect-pattern: security/tls-verification-disabled
});

export const safeAgent = new https.Agent({
  rejectUnauthorized: true, // expect-no-pattern: security/tls-verification-disabled
  keepAlive: false, // expect-no-pattern: security/tls-verification-disabled
});

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // expect-pattern: security/tls-verification-disabled

export async function findUser(id: string) {
  return pool.query(`SELECT * FROM users WHERE id = ${id}`); // expect-pattern: security/sql-string-built  expect-no-pattern: security/sql-parameterized
}

export async function findUserSafely(id: string) {
  return pool.query("SELECT * FROM users WHERE id = $1", [id]); // expect-pattern: security/sql-parameterized  expect-no-pattern: security/sql-string-built
}

export async function findByEmail(email: string) {
  const query = `SELECT id, name FROM users WHERE email = '${email}'`; // expect-pattern: security/sql-string-built
  return pool.query(query);
}

export async function findByName(name: string) {
  return pool.query("SELECT * FROM users WHERE name = '" + name + "'"); // expect-pattern: security/sql-string-built
}

export async function findTagged(id: string) {
  return pool.query(sql`SELECT * FROM users WHERE id = ${id}`); // expect-no-pattern: security/sql-string-built
}

export async function listUsers() {
  const text = "SELECT id, name " + "FROM users ORDER BY name"; // expect-no-pattern: security/sql-string-built
  const message = `Selected ${count} rows from the table`; // expect-no-pattern: security/sql-string-built
  return pool.query(text);
}

export async function activeUsers(db: Database, team: string) {
  logger.info(`Select ${team} from the picker`); // expect-no-pattern: security/sql-string-built
  const hint = "Select a file from " + folder; // expect-no-pattern: security/sql-string-built
  const rows = await db.all("SELECT * FROM users WHERE status = 'active' AND team = ?", [team]); // expect-pattern: security/sql-parameterized
  return db.all(`select id from users where team = '${team}'`); // expect-pattern: security/sql-string-built
}

export function loadSpec(text: string) {
  return yaml.load(text); // expect-no-pattern: security/unsafe-deserialization
}

export async function countRows(table: string, owner: string) {
  const rows = await pool.query(`SELECT COUNT(*) FROM ${quoteIdent(table)} WHERE owner = $1`, [owner]); // expect-no-pattern: security/sql-string-built
  const all = await pool.query(`SELECT * FROM ${table} WHERE owner = '${owner}'`); // expect-pattern: security/sql-string-built
  return [rows, all];
}
