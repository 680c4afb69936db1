require "jwt"
require "bcrypt"

class Tokens
  def password_digest(password)
    BCrypt::Password.create(password) # expect-pattern: auth/password-hash-strong
  end

  def legacy(password)
    Digest::MD5.hexdigest(password) # expect-pattern: auth/password-hash-weak
  end

  def peek(token)
    JWT.decode(token, nil, false) # expect-pattern: auth/jwt-decode-unverified
  end

  def claims(token)
    JWT.decode(token, secret, true, algorithm: "HS256") # expect-no-pattern: auth/jwt-decode-unverified
  end

  def admin?(user)
    user.has_role?(:admin) # expect-pattern: auth/role-check
  end
end
