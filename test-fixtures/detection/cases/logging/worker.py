import logging

logger = logging.getLogger(__name__) # expect-pattern: logging/logger-named-by-module  expect-no-pattern: logging/logger-named-by-string
audit = logging.getLogger("audit") # expect-pattern: logging/logger-named-by-string  expect-no-pattern: logging/logger-named-by-module
root = logging.getLogger() # expect-no-pattern: logging/logger-named-by-module, logging/logger-named-by-string


def run(job, api_key):
    logger.info("job %s started", job.id) # expect-pattern: logging/logger-call, logging/parameterized-message
    logger.info(f"job {job.id} started") # expect-pattern: logging/interpolated-message  expect-no-pattern: logging/parameterized-message
    logger.warning("job %s slow" % job.id) # expect-pattern: logging/interpolated-message
    logger.error("job failed", exc_info=True) # expect-pattern: logging/logger-call  expect-no-pattern: logging/parameterized-message
    print("done", job.id) # expect-pattern: logging/print-output  expect-no-pattern: logging/logger-call
    logger.debug("calling upstream with key %s", api_key) # expect-pattern: logging/sensitive-data-logged
    print(f"password={job.password}") # expect-pattern: logging/sensitive-data-logged
    logger.debug("sizes", len(job.tokens)) # expect-no-pattern: logging/sensitive-data-logged
    fingerprint(job) # expect-no-pattern: logging/print-output
    logger.info("copying '%s'", job.path) # expect-pattern: logging/parameterized-message  expect-no-pattern: logging/interpolated-message
