use rusqlite::Connection;

pub fn find_notes(term: &str) -> String {
    let connection = Connection::open("notes.db").unwrap();
    let sql = format!("SELECT body FROM notes WHERE body LIKE '%{term}%'");
    connection.execute(&sql, []).unwrap(); // drift-expect: flow sql_query
    String::new()
}
