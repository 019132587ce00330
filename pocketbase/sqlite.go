package main

// PocketBase's database through SQLite's own C library (github.com/mattn/go-sqlite3) instead of its
// default pure-Go translation of it (modernc.org/sqlite, left out by the no_default_driver build tag).
// Every read of a page is a handful of SQL queries; in C they take about a third less time than in the
// translation, which is most of what stood between Mit overblik and its 15 ms (docs/performance.md,
// "Reads"). The connection settings are PocketBase's own defaults (core.DefaultDBConnect), applied to
// every new connection. This is the way PocketBase documents for a custom SQLite driver.

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"
	"github.com/pocketbase/dbx"
)

// driverName is the name of our registration of the C SQLite driver.
const driverName = "pb_sqlite3"

// connectionPragmas are PocketBase's default settings of a connection; busy_timeout first, so that the
// connection waits for another one while it switches to WAL.
const connectionPragmas = `
	PRAGMA busy_timeout       = 10000;
	PRAGMA journal_mode       = WAL;
	PRAGMA journal_size_limit = 200000000;
	PRAGMA synchronous        = NORMAL;
	PRAGMA foreign_keys       = ON;
	PRAGMA temp_store         = MEMORY;
	PRAGMA cache_size         = -32000;
`

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(conn *sqlite3.SQLiteConn) error {
			_, err := conn.Exec(connectionPragmas, nil)
			return err
		},
	})
	// The query builder of the C driver is SQLite's, as for the default driver.
	dbx.BuilderFuncMap[driverName] = dbx.BuilderFuncMap["sqlite3"]
}

// connectDB opens PocketBase's databases (data and auxiliary) with the C driver.
func connectDB(dbPath string) (*dbx.DB, error) {
	return dbx.Open(driverName, dbPath)
}
