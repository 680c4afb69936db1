package lib

func Dep() {}
