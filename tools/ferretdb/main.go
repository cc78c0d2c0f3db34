// Command ferretdb runs FerretDB 1.24 (SQLite backend) through its embeddable package.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at
// start-up (build/version/version.txt is generated at release time and is not in the module
// zip), so the test harness builds this wrapper instead. It takes the same flags as the real
// binary for the parts the harness uses.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "backend handler: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn, error")
	// Accepted for command-line compatibility with the real binary; the embeddable package has
	// no telemetry, no state file and no debug handler.
	flag.String("telemetry", "disable", "ignored")
	flag.String("state-dir", "", "ignored")
	flag.String("debug-addr", "", "ignored")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad --log-level %q\n", *logLevel)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go func() {
		// MongoDBURI blocks until the listener is up: print it once so a parent knows we are ready.
		fmt.Println(f.MongoDBURI())
	}()

	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
