//go:build tools

// Package tools pins FerretDB as a dependency of a module of ours: built as the main
// module's dependency, FerretDB finds its embedded version data and does not panic.
package tools

import (
	_ "github.com/FerretDB/FerretDB/cmd/ferretdb"
)
