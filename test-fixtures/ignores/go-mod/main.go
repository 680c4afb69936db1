package main

import "example.com/tool/internal/vendor"

func main() { vendor.Pick() }
