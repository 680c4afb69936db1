package app.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.springframework.transaction.annotation.Transactional;

public class UserDao { // expect-pattern: data_access/dao-class  expect-no-pattern: data_access/repository-class
    private final Connection conn;

    public void rename(long id, String name) throws Exception {
        conn.setAutoCommit(false); // expect-pattern: data_access/transaction-manual
        try (PreparedStatement st = conn.prepareStatement("UPDATE users SET name = ? WHERE id = ?")) { // expect-pattern: data_access/raw-sql
            st.setString(1, name);
            st.setLong(2, id);
            st.executeUpdate();
            conn.commit();
        }
    }

    public List<String> names(List<Long> ids) {
        List<String> names = new ArrayList<>();
        // expect-pattern: data_access/query-in-loop
        for (Long id : ids) {
            names.add(userRepository.findById(id).map(User::getName).orElse(""));
        }
        return names;
    }

    @Transactional // expect-pattern: data_access/transaction-managed
    public void archive(long id) {
        userRepository.deleteById(id);
    }
}
