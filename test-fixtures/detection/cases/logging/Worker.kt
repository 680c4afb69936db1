package app

import org.slf4j.LoggerFactory

class Worker {
    private val log = LoggerFactory.getLogger(Worker::class.java) // expect-pattern: logging/logger-named-by-module

    fun run(name: String) {
        log.info("running {}", name) // expect-pattern: logging/parameterized-message
        log.info("running $name") // expect-pattern: logging/interpolated-message  expect-no-pattern: logging/parameterized-message
        println("ran $name") // expect-pattern: logging/print-output
    }
}
