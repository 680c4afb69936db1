import { logger } from "./logger";

export async function login(user: User, token: string) {
  logger.info("user logged in", { userId: user.id }); // expect-pattern: logging/logger-call, logging/parameterized-message  expect-no-pattern: logging/print-output, logging/interpolated-message, logging/sensitive-data-logged
  logger.debug(`session opened for ${user.id}`); // expect-pattern: logging/logger-call, logging/interpolated-message  expect-no-pattern: logging/parameterized-message
  console.log("login", user.email); // expect-pattern: logging/print-output  expect-no-pattern: logging/logger-call
  console.log(`issued ${token}`); // expect-pattern: logging/print-output, logging/sensitive-data-logged
  this.logger.warn("token refresh failed", { token }); // expect-pattern: logging/logger-call, logging/sensitive-data-logged
  logger.info("password reset email sent"); // expect-no-pattern: logging/sensitive-data-logged, logging/parameterized-message, logging/interpolated-message
  logger.info("tokens used", tokenCount); // expect-no-pattern: logging/sensitive-data-logged
  const level = Math.log(user.score); // expect-no-pattern: logging/logger-call, logging/print-output
  return level;
}
