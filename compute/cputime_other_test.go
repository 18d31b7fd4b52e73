//go:build !unix

package compute

import "time"

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
