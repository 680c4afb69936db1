package web

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

var db *sql.DB

func Search(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	rows, _ := db.Query(fmt.Sprintf("SELECT * FROM items WHERE name = '%s'", term)) // drift-expect: flow sql_query
	defer rows.Close()
}

func SearchSafe(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	rows, _ := db.Query("SELECT * FROM items WHERE name = $1", term)
	defer rows.Close()
}

func Item(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.FormValue("id"))
	rows, _ := db.Query(fmt.Sprintf("SELECT * FROM items WHERE id = %d", id))
	defer rows.Close()
}

func Run(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	out, _ := exec.Command("sh", "-c", "echo "+name).Output() // drift-expect: flow os_command
	w.Write(out)
}

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	data, _ := os.ReadFile(filepath.Join("/srv", name)) // drift-expect: flow file_path
	w.Write(data)
}

func DownloadSafe(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	data, _ := os.ReadFile(name)
	w.Write(data)
}

func Next(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("next")
	http.Redirect(w, r, target, http.StatusFound) // drift-expect: flow http_redirect
}
