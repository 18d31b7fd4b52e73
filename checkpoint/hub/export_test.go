package hub

import "time"

// SetStallTimeout shortens the stall timeout for a test and returns the
// function that restores it.
func SetStallTimeout(d time.Duration) (restore func()) {
	old := stallTimeout
	stallTimeout = d
	return func() { stallTimeout = old }
}
