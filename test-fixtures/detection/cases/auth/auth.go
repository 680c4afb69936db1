package auth

import (
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"
)

func HashPassword(password string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost) // expect-pattern: auth/password-hash-strong
}

func Parse(tokenString string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(tokenString, func(t *jwt.Token) (interface{}, error) { return key, nil }) // expect-pattern: auth/jwt-verify  expect-no-pattern: auth/jwt-decode-unverified
}

func Peek(tokenString string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, _, err := jwt.NewParser().ParseUnverified(tokenString, claims) // expect-pattern: auth/jwt-decode-unverified  expect-no-pattern: auth/jwt-verify
	return claims, err
}
