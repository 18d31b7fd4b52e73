//go:build !unix

package cli

import "os"

// placeholderNull is false where standard descriptors are not replaced.
func placeholderNull(*os.File) bool { return false }
