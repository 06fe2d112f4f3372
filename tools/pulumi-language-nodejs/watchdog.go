package main

import (
	"context"
	"os"
	"time"
)

// watchParent cancels stop when the process that started us is gone (we are re-parented), e.g.
// a CLI killed with SIGKILL that could not stop its plugins: we then stop any program we run
// and exit rather than linger.
func watchParent(stop context.CancelFunc, every time.Duration) {
	parent := os.Getppid()
	if parent <= 1 {
		return // started by init or a subreaper on purpose: nothing to watch
	}
	go func() {
		for range time.Tick(every) {
			if os.Getppid() != parent {
				stop()
				return
			}
		}
	}()
}
