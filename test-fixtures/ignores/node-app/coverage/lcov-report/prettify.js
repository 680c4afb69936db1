function prettyPrint() {}
