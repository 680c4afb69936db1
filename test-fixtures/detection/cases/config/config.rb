require "dotenv/load" # expect-pattern: config/dotenv-load

module AppConfig
  REDIS_URL = ENV.fetch("REDIS_URL", "redis://localhost:6379") # expect-pattern: config/env-default  expect-no-pattern: config/env-required
  SECRET = ENV.fetch("SECRET_KEY_BASE") # expect-pattern: config/env-required  expect-no-pattern: config/env-default
  HOST = ENV["APP_HOST"] || "localhost" # expect-pattern: config/env-default  expect-no-pattern: config/env-no-default
  CDN = ENV["CDN_HOST"] # expect-pattern: config/env-no-default

  def self.new_ui?(user)
    Flipper.enabled?(:new_ui, user) # expect-pattern: config/feature-flag-check
  end

  def self.enabled?(settings)
    settings.enabled?(:anything) # expect-no-pattern: config/feature-flag-check
  end
end
