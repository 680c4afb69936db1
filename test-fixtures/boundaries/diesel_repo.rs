use diesel::prelude::*;

use crate::schema::users;

pub fn active(conn: &mut PgConnection) -> QueryResult<Vec<User>> {
    users::table.filter(users::active.eq(true)).load::<User>(conn) // drift-expect: select users
}

pub fn add(conn: &mut PgConnection, user: &NewUser) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(user).execute(conn) // drift-expect: insert users
}

pub fn remove(conn: &mut PgConnection, id: i32) -> QueryResult<usize> {
    diesel::delete(users::table.find(id)).execute(conn) // drift-expect: delete users
}

pub fn by_name(conn: &mut PgConnection, name: &str) -> QueryResult<Vec<User>> {
    diesel::sql_query(format!("SELECT * FROM users WHERE name = '{name}'")).load(conn) // drift-expect: raw_query users unsafe
}
