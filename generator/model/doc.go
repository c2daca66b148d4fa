// Package model is the model stage of zcrmgen: it turns a Postman
// collection into the model of the Go client to generate ([API]), and runs
// every stage that the model needs before emit: parse (generator/parse),
// the model itself (requests, bodies, examples, auth, redaction of
// secrets, the base URL, the types of parameters), name (the Go name of
// every operation, parameter, field and file, with generator/naming) and
// infer (the body types, with generator/infer). [Build] runs them all.
//
// The model keeps each wire name (path segment, query key, header, JSON
// key) next to its Go name and never derives one from the other. The emit
// stage (generator/emit) only reads it. The stages inside Build still fill
// one [API] value in place: the builder appends operations, the name stage
// sets GoName fields, the infer stage sets the Type fields and may mark an
// example [ResultInvalidJSON].
package model
