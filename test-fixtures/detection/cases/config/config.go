package config

import (
	"os"

	"github.com/joho/godotenv" // expect-pattern: config/dotenv-load
	"github.com/kelseyhightower/envconfig"
)

type Config struct {
	Port string `envconfig:"PORT" default:"8080"`
}

func Load() (*Config, error) {
	_ = godotenv.Load()
	var cfg Config
	if err := envconfig.Process("app", &cfg); err != nil { // expect-pattern: config/validated-env
		return nil, err
	}
	home := os.Getenv("HOME") // expect-pattern: config/env-no-default
	_ = home
	return &cfg, nil
}
