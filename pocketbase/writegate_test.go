package main

import (
	"testing"
	"time"
)

// Writers that ask for a turn one after another get it in that order, and ending a turn twice ends it
// once.
func TestWriteGateServesInOrder(t *testing.T) {
	gate := newWriteGate()
	first := gate.wait()
	const waiters = 20
	served := make(chan int, waiters)
	for i := 0; i < waiters; i++ {
		go func(i int) {
			end := gate.wait()
			served <- i
			end()
			end()
		}(i)
		// let waiter i block on the gate before waiter i+1 asks
		time.Sleep(5 * time.Millisecond)
	}
	first()
	for want := 0; want < waiters; want++ {
		if got := <-served; got != want {
			t.Fatalf("waiter %d was served when waiter %d was due", got, want)
		}
	}
}
