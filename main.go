// Command hearth is Hearth: a self-hosted community server for sober living
// homes, built on PocketBase. See README.md.
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	_ "time/tzdata" // house timezones work on a machine without zoneinfo

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"hearth/demo"
	"hearth/hooks"
	"hearth/housecmd"
	"hearth/ops"
	_ "hearth/pb_migrations"
)

//go:embed all:pb_public
var embedded embed.FS

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "hearth:", err)
		os.Exit(1)
	}
}

func run() error {
	app := pocketbase.NewWithConfig(pocketbase.Config{DBConnect: hooks.DBConnect})

	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		return err
	}
	if err := hooks.Register(app, hooks.Config{Public: public, Commands: app.RootCmd, Release: ops.Build().String()}); err != nil {
		return err
	}

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{TemplateLang: migratecmd.TemplateLangGo})
	app.RootCmd.AddCommand(demo.NewCommand(app))
	app.RootCmd.AddCommand(housecmd.NewCommand(app))
	app.RootCmd.AddCommand(hooks.NewAuditCommand(app))
	ops.Register(app)

	return app.Start()
}
