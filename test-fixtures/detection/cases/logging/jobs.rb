class Jobs
  def perform(job)
    Rails.logger.info("job #{job.id} started") # expect-pattern: logging/logger-call, logging/interpolated-message
    puts "done" # expect-pattern: logging/print-output  expect-no-pattern: logging/logger-call
    logger.debug "token: #{job.token}" # expect-pattern: logging/sensitive-data-logged
  end
end
