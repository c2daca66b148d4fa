package runtime

import "fmt"

// unionError reports that a union type named name has no field for the
// kind of JSON value in data.
func unionError(name string, data []byte) error {
	return fmt.Errorf("json: cannot decode %s into %s", kindName(jsonKind(data)), name)
}
