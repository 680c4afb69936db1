package broken

import (
	"errors"
	"fmt"
)

// Intentionally broken Go: missing paren, unclosed brace, stray token.

var ErrEmpty = errors.New("empty queue")

type Queue struct {
	items []int
}

func (q *Queue) Push(v int) {
	q.items = append(q.items, v)
}

// ERROR: missing closing paren in the call
func (q *Queue) Pop() (int, error) {
	if len(q.items == 0 {
		return 0, ErrEmpty
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, nil
}

// ERROR: stray token in the parameter list
func (q *Queue) Describe(prefix string ??) string {
	return fmt.Sprintf("%s%v", prefix, q.items)
}

// ERROR: function body never closed
func (q *Queue) Len() int {
	return len(q.items)

func Valid() string {
	return "fine"
}
