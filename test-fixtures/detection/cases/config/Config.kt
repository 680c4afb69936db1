package app

object Config {
    val port: String = System.getenv("PORT") ?: "8080" // expect-pattern: config/env-default  expect-no-pattern: config/env-no-default
    val secret: String = System.getenv("JWT_SECRET") ?: error("JWT_SECRET is not set") // expect-pattern: config/env-required  expect-no-pattern: config/env-default
    val region: String? = System.getenv("REGION") // expect-pattern: config/env-no-default
}
