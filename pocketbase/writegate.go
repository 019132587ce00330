package main

import (
	"os"
	"sync"
)

// writeGate serves the hooks' write transactions in the order they asked for the write connection
// (docs/performance.md, "Writes"). PocketBase runs every write on one database connection, and Go's
// database/sql hands a freed connection to a random waiting request, so with many writers waiting some
// wait many turns while later ones pass them. A transaction takes a turn here first (first come, first
// served) and gives it up as soon as it holds the connection: at most one gated transaction waits in
// database/sql's pool at a time, and nothing runs while the turn is held, so nested or later writes
// cannot deadlock on it.
type writeGate struct {
	turn chan struct{}
}

func newWriteGate() *writeGate {
	return &writeGate{turn: make(chan struct{}, 1)}
}

// wait blocks until it is the caller's turn (blocked senders on a channel are woken first in, first
// out) and returns the function that ends the turn; calling it more than once ends it once.
func (g *writeGate) wait() func() {
	g.turn <- struct{}{}
	var once sync.Once
	return func() { once.Do(func() { <-g.turn }) }
}

// gateDisabled: BORGERHUS_WRITE_GATE=off leaves the order to database/sql, for measuring the difference.
func gateDisabled() bool {
	return os.Getenv("BORGERHUS_WRITE_GATE") == "off"
}
