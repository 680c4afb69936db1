class Jobs
  def run
    perform
  rescue => e # expect-pattern: errors/catch-all, errors/catch-logs
    Rails.logger.error("job failed: #{e}")
  end

  def retry_later
    perform
  rescue Timeout::Error # expect-pattern: errors/catch-typed, errors/catch-rethrows  expect-no-pattern: errors/catch-all
    raise RetryLater
  end
end
