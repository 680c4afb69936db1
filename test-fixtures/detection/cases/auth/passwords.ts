import bcrypt from "bcrypt";
import crypto from "crypto";
import jwt from "jsonwebtoken";

export async function register(email: string, password: string) {
  const hash = await bcrypt.hash(password, 12); // expect-pattern: auth/password-hash-strong  expect-no-pattern: auth/password-hash-weak
  return users.create({ email, hash });
}

export function legacyHash(password: string) {
  return crypto.createHash("md5").update(password).digest("hex"); // expect-pattern: auth/password-hash-weak  expect-no-pattern: auth/password-hash-strong
}

export function fileChecksum(buffer: Buffer) {
  return crypto.createHash("sha256").update(buffer).digest("hex"); // expect-no-pattern: auth/password-hash-weak
}

export function resetDigest(resetToken: string) {
  return crypto.createHash("sha256").update(resetToken).digest("hex"); // expect-no-pattern: auth/password-hash-weak
}

export function authenticate(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET!); // expect-pattern: auth/jwt-verify  expect-no-pattern: auth/jwt-decode-unverified
}

export function readClaims(token: string) {
  return jwt.decode(token); // expect-no-pattern: auth/jwt-verify, auth/jwt-decode-unverified
}
