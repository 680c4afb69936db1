package main

import (
	"net/http"
	"os/exec"
	"strconv"

	"example.com/notes/internal/store"
)

type Server struct {
	notes *store.Notes
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	s.notes.Search(term)
}

func (s *Server) byID(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.URL.Query().Get("id"))
	s.notes.ByID(id)
}

func (s *Server) convert(w http.ResponseWriter, r *http.Request) {
	runConverter(r.FormValue("format"))
	runConverter("pdf")
}

func runConverter(format string) {
	cmd := exec.Command("sh", "-c", "convert note."+format) // drift-expect: flow os_command
	_ = cmd.Run()
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	name := noteName(r)
	http.ServeFile(w, r, "/srv/notes/"+name) // drift-expect: flow file_path
}

func noteName(r *http.Request) string {
	return r.URL.Query().Get("name")
}

func main() {
	s := &Server{notes: store.Open()}
	http.HandleFunc("/search", s.search)
	http.HandleFunc("/note", s.byID)
	http.HandleFunc("/convert", s.convert)
	http.HandleFunc("/download", s.download)
	_ = http.ListenAndServe(":8080", nil)
}

func (s *Server) back(w http.ResponseWriter, r *http.Request) {
	sendBack(w, r, r.FormValue("next"))
	sendBack(w, r, "/")
}

func sendBack(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusFound) // drift-expect: flow http_redirect
}

func queryParam(r *http.Request, name string, fallback string) string {
	value := r.URL.Query().Get(name)
	if value == "" {
		value = fallback
	}
	return value
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	format := queryParam(r, "format", "csv")
	out, _ := exec.Command("export-notes", "--format", format).Output() // drift-expect: flow os_command
	_, _ = w.Write(out)
}
