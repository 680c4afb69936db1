package store

import (
	"database/sql"
	"fmt"

	"gorm.io/gorm"
)

type Product struct {
	ID    uint
	Name  string
	Price int
}

func Products(db *gorm.DB) ([]Product, error) {
	var products []Product
	err := db.Where("price > ?", 10).Find(&products).Error // drift-expect: select products
	return products, err
}

func AddProduct(db *gorm.DB, p *Product) error {
	return db.Create(p).Error // drift-expect: insert (unknown)
}

func Names(conn *sql.DB, prefix string) (*sql.Rows, error) {
	return conn.Query(fmt.Sprintf("SELECT name FROM products WHERE name LIKE '%s%%'", prefix)) // drift-expect: raw_query products unsafe
}

func Count(conn *sql.DB) error {
	return conn.QueryRow("SELECT count(*) FROM orders").Scan(new(int)) // drift-expect: raw_query orders
}
