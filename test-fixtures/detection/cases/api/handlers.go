package handlers

import (
	"encoding/json"
	"net/http"
)

func GetItem(w http.ResponseWriter, r *http.Request) {
	item, err := store.Find(r.URL.Query().Get("id"))
	if err != nil {
		w.WriteHeader(http.StatusNotFound) // expect-pattern: api/status-code-named  expect-no-pattern: api/status-code-literal
		return
	}
	w.WriteHeader(200) // expect-pattern: api/status-code-literal  expect-no-pattern: api/status-code-named
	json.NewEncoder(w).Encode(item) // expect-no-pattern: api/status-code-literal
}

func ListItems(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"items": items}) // expect-pattern: api/status-code-named
}
