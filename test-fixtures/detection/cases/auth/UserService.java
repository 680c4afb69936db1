package app.auth;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

public class UserService {
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(); // expect-pattern: auth/password-hash-strong

    public String legacy(String password) {
        return DigestUtils.sha256Hex(password); // expect-pattern: auth/password-hash-weak
    }

    public String fingerprint(byte[] certificate) {
        return DigestUtils.sha256Hex(certificate); // expect-no-pattern: auth/password-hash-weak
    }

    public boolean isAdmin(HttpServletRequest request) {
        return request.isUserInRole("ADMIN") || request.isInRole("OPS"); // expect-pattern: auth/role-check
    }

    public String subject(String token) {
        return JWT.decode(token).getSubject(); // expect-pattern: auth/jwt-decode-unverified
    }
}
