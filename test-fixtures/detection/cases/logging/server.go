package server

import (
	"fmt"
	"log"
	"log/slog"
)

func Start(addr string) {
	slog.Info("server starting", "addr", addr) // expect-pattern: logging/logger-call, logging/parameterized-message
	log.Printf("listening on %s", addr) // expect-pattern: logging/logger-call
	fmt.Println("ready") // expect-pattern: logging/print-output  expect-no-pattern: logging/logger-call
	log.Println("started at " + addr) // expect-pattern: logging/interpolated-message
	body := fmt.Sprintf("addr=%s", addr) // expect-no-pattern: logging/print-output
	_ = body
	log.Fatal("no $GOROOT set") // expect-no-pattern: logging/interpolated-message
}
