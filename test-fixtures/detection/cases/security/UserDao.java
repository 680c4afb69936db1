package com.example.dao;

import java.io.ObjectInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

public class UserDao {
    private final Connection connection;

    public UserDao(Connection connection) {
        this.connection = connection;
    }

    public ResultSet findByName(String name) throws Exception {
        Statement statement = connection.createStatement();
        return statement.executeQuery("SELECT * FROM users WHERE name = '" + name + "'"); // expect-pattern: security/sql-string-built
    }

    public ResultSet findById(long id) throws Exception {
        PreparedStatement ps = connection.prepareStatement("SELECT * FROM users WHERE id = ?"); // expect-pattern: security/sql-parameterized  expect-no-pattern: security/sql-string-built
        ps.setLong(1, id);
        return ps.executeQuery();
    }

    public Object readSession(InputStream in) throws Exception {
        ObjectInputStream stream = new ObjectInputStream(in); // expect-pattern: security/unsafe-deserialization
        return stream.readObject();
    }

    public void cleanup(String dir) throws Exception {
        Runtime.getRuntime().exec("rm -rf " + dir); // expect-pattern: security/shell-command-injection
        Runtime.getRuntime().exec(new String[] {"rm", "-rf", dir}); // expect-no-pattern: security/shell-command-injection
    }
}
