//go:build !linux

package modelview

import "time"

// threadCPU is not measured here: the CPU-time figures read 0.
func threadCPU() time.Duration { return 0 }

// processCPU is not measured here: the CPU-time figures read 0.
func processCPU() time.Duration { return 0 }
