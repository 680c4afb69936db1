package store

import (
	"context"
	"database/sql"
)

type orderRepo struct { // expect-pattern: data_access/repository-class
	db *sql.DB
}

func (r *orderRepo) Totals(ctx context.Context, ids []int64) ([]int64, error) {
	var totals []int64
	// expect-pattern: data_access/query-in-loop
	for _, id := range ids {
		var total int64
		if err := r.db.QueryRowContext(ctx, "SELECT total FROM orders WHERE id = $1", id).Scan(&total); err != nil { // expect-pattern: data_access/raw-sql
			return nil, err
		}
		totals = append(totals, total)
	}
	return totals, nil
}

func (r *orderRepo) Move(ctx context.Context, id int64) error {
	tx, err := r.db.BeginTx(ctx, nil) // expect-pattern: data_access/transaction-manual
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// expect-no-pattern: data_access/query-in-loop
	for i := 0; i < 3; i++ {
		id += int64(i)
	}
	return tx.Commit()
}
