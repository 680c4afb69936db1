package client

import (
	"crypto/tls"
	"database/sql"
	"fmt"
	"net/http"
	"os/exec"
)

func NewClient() *http.Client {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // expect-pattern: security/tls-verification-disabled
	}
	return &http.Client{Transport: tr}
}

func SafeClient() *http.Client {
	cfg := &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12} // expect-no-pattern: security/tls-verification-disabled
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}

func Run(userCmd string) error {
	cmd := exec.Command("sh", "-c", userCmd) // expect-pattern: security/shell-command-injection
	return cmd.Run()
}

func RunSafe(file string) error {
	cmd := exec.Command("gzip", "-k", file) // expect-no-pattern: security/shell-command-injection
	return cmd.Run()
}

func FindUser(db *sql.DB, id string) (*sql.Rows, error) {
	return db.Query("SELECT * FROM users WHERE id = " + id) // expect-pattern: security/sql-string-built
}

func FindByName(db *sql.DB, name string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name) // expect-pattern: security/sql-string-built
	return db.Query(query)
}

func FindUserSafe(db *sql.DB, id string) *sql.Row {
	return db.QueryRow("SELECT * FROM users WHERE id = $1", id) // expect-pattern: security/sql-parameterized  expect-no-pattern: security/sql-string-built
}

func Describe(id int) string {
	return fmt.Sprintf("user %d selected from list", id) // expect-no-pattern: security/sql-string-built
}

// Only the table name is interpolated; the id is a bound parameter.
func CountRows(db *sql.DB, table string, id string) *sql.Row {
	query := fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE owner_id = $1", pq.QuoteIdentifier(table)) // expect-no-pattern: security/sql-string-built
	return db.QueryRow(query, id)
}

func FindInTable(db *sql.DB, table string, id string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT * FROM %s WHERE id = '%s'", table, id) // expect-pattern: security/sql-string-built
	return db.Query(query)
}
