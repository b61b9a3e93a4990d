// Command ferretdb runs FerretDB 1.24.2 (MongoDB wire protocol over SQLite) for local tests.
//
// Why a main package of our own rather than `go build github.com/FerretDB/FerretDB/cmd/ferretdb`:
// FerretDB reads its version from files generated into its source tree before a release build
// (build/version/version.txt). Those files are not in the module that the Go proxy serves, and
// when the running binary's main package belongs to the FerretDB module the program panics at
// start-up on the missing file. When the main module is ours, FerretDB skips that check, so we
// run it through its embeddable package (github.com/FerretDB/FerretDB/ferretdb), which also keeps
// telemetry off. The flags mirror the names of FerretDB's own command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "backend handler: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite URI (a directory, ending with a slash)")
	postgresqlURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn or error")
	telemetry := flag.String("telemetry", "disable", "accepted for compatibility; telemetry is always disabled")
	flag.Parse()

	if *telemetry != "disable" {
		fmt.Fprintln(os.Stderr, "ferretdb: telemetry is always disabled in this build")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad --log-level %q: %s\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if *handler == "sqlite" {
		if err := ensureSQLiteDir(*sqliteURL); err != nil {
			logger.Error("cannot prepare the SQLite directory", "error", err)
			os.Exit(1)
		}
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresqlURL,
	})
	if err != nil {
		logger.Error("cannot start", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Info("listening", "uri", f.MongoDBURI(), "handler", *handler)
	if err := f.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		logger.Error("stopped with an error", "error", err)
		os.Exit(1)
	}
	logger.Info("stopped")
}

// ensureSQLiteDir creates the directory of a `file:` SQLite URI: FerretDB requires it to exist.
func ensureSQLiteDir(uri string) error {
	path := strings.TrimPrefix(uri, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return errors.New("empty --sqlite-url")
	}
	return os.MkdirAll(filepath.Clean(path), 0o755)
}
