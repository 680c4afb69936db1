import "dotenv/config"; // expect-pattern: config/dotenv-load
import { cleanEnv, str, port } from "envalid";
import expand from "dotenv-expand"; // expect-no-pattern: config/dotenv-load

export const env = cleanEnv(process.env, { DATABASE_URL: str(), PORT: port() }); // expect-pattern: config/validated-env

export const config = {
  port: Number(process.env.PORT ?? 3000), // expect-pattern: config/env-default  expect-no-pattern: config/env-no-default
  region: process.env.AWS_REGION || "eu-west-1", // expect-pattern: config/env-default
  apiKey: process.env.API_KEY, // expect-pattern: config/env-no-default  expect-no-pattern: config/env-default
  sentry: process.env["SENTRY_DSN"], // expect-pattern: config/env-no-default
  production: process.env.NODE_ENV === "production", // expect-no-pattern: config/env-no-default, config/env-default
};

export async function checkout(client: LDClient, user: LDContext) {
  const enabled = await client.boolVariation("new-checkout", user, false); // expect-pattern: config/feature-flag-check
  return enabled ? renderNew() : renderOld(); // expect-no-pattern: config/feature-flag-check
}
