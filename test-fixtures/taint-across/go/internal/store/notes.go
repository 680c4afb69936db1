package store

import (
	"database/sql"
	"fmt"
)

type Notes struct {
	db *sql.DB
}

func Open() *Notes {
	db, _ := sql.Open("sqlite3", "notes.db")
	return &Notes{db: db}
}

func (n *Notes) Search(term string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT id FROM notes WHERE body LIKE '%%%s%%'", term)
	return n.db.Query(query) // drift-expect: flow sql_query
}

func (n *Notes) ByID(id int) (*sql.Rows, error) {
	return n.db.Query(fmt.Sprintf("SELECT body FROM notes WHERE id = %d", id))
}

func (n *Notes) Safe(term string) (*sql.Rows, error) {
	return n.db.Query("SELECT id FROM notes WHERE body LIKE ?", "%"+term+"%")
}
