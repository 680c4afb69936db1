package vendor

func Pick() string { return "ok" }
