//go:build !amd64

package compute

const hasFMA = false

func kern6x16(k int, a, b, c *float32, ldc int) { panic("compute: kern6x16 needs amd64") }
