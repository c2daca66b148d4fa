package generator

// MethodNames exposes methodNames to the external tests.
func MethodNames() []string { return methodNames() }
