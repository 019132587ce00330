// The PocketBase binary of Borgerhus: PocketBase's own examples/base (JS hooks, migrations, the migrate
// and superuser commands, the same flags) plus two bindings for the JS hooks. `__houseTime`: the time of
// the house (Europe/Copenhagen) from Go's time package and the IANA time-zone database embedded in the
// binary. goja has no Intl; pb_hooks/lib/core/time.js holds the rules and uses this binding only for the
// zone itself (docs/rules.md, "House time"). `__writeTurn`: first come, first served order for the hooks'
// write transactions (writegate.go, docs/performance.md "Writes"). One hook in Go: the app server's own
// empty lists skip PocketBase's randomized sleep against timing attacks (listtiming.go). And the database
// through SQLite's C library (sqlite.go; built with CGO_ENABLED=1 and the no_default_driver tag).
package main

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"

	"github.com/dop251/goja"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/ghupdate"
	"github.com/pocketbase/pocketbase/plugins/jsvm"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/osutils"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/search"
)

// houseZone is the house's time zone, loaded once from the embedded database.
var houseZone = mustLoadZone("Europe/Copenhagen")

func mustLoadZone(name string) *time.Location {
	zone, err := time.LoadLocation(name)
	if err != nil {
		log.Fatal(err)
	}
	return zone
}

// offsetMinutes is the house's offset from UTC, in whole minutes, at an instant given in ms since the
// epoch.
func offsetMinutes(ms int64) int {
	_, seconds := time.UnixMilli(ms).In(houseZone).Zone()
	return seconds / 60
}

// resolve gives the instants (ms, earliest first) at which the house's clock shows a local date and
// time: none on a skipped hour ("nonexistent"), two on a repeated one ("ambiguous"). Each offset in force
// a day before or after is tried, and kept only where the zone agrees.
func resolve(year, month, day, hour, minute int) map[string]any {
	naive := time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC)
	if naive.Year() != year || int(naive.Month()) != month || naive.Day() != day ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return map[string]any{"status": "invalid", "instants": []any{}}
	}
	found := map[int64]bool{}
	for _, probe := range []time.Time{naive.Add(-24 * time.Hour), naive.Add(24 * time.Hour)} {
		offset := offsetMinutes(probe.UnixMilli())
		candidate := naive.Add(-time.Duration(offset) * time.Minute).UnixMilli()
		if offsetMinutes(candidate) == offset {
			found[candidate] = true
		}
	}
	instants := []int64{}
	for ms := range found {
		instants = append(instants, ms)
	}
	sort.Slice(instants, func(i, j int) bool { return instants[i] < instants[j] })
	status := map[int]string{0: "nonexistent", 1: "ok", 2: "ambiguous"}[len(instants)]
	list := make([]any, len(instants))
	for i, ms := range instants {
		list[i] = ms
	}
	return map[string]any{"status": status, "instants": list}
}

func main() {
	app := pocketbase.NewWithConfig(pocketbase.Config{DBConnect: connectDB})

	// ---------------------------------------------------------------
	// Optional plugin flags (as in PocketBase's examples/base):
	// ---------------------------------------------------------------

	var hooksDir string
	app.RootCmd.PersistentFlags().StringVar(&hooksDir, "hooksDir", "", "the directory with the JS app hooks")

	var hooksWatch bool
	app.RootCmd.PersistentFlags().BoolVar(&hooksWatch, "hooksWatch", true,
		"auto restart the app on pb_hooks file change; it has no effect on Windows")

	var hooksPool int
	app.RootCmd.PersistentFlags().IntVar(&hooksPool, "hooksPool", 15,
		"the total prewarm goja.Runtime instances for the JS app hooks execution")

	var migrationsDir string
	app.RootCmd.PersistentFlags().StringVar(&migrationsDir, "migrationsDir", "",
		"the directory with the user defined migrations")

	var automigrate bool
	app.RootCmd.PersistentFlags().BoolVar(&automigrate, "automigrate", true, "enable/disable auto migrations")

	var publicDir string
	app.RootCmd.PersistentFlags().StringVar(&publicDir, "publicDir", defaultPublicDir(),
		"the directory to serve static files")

	var indexFallback bool
	app.RootCmd.PersistentFlags().BoolVar(&indexFallback, "indexFallback", true,
		"fallback the request to index.html on missing static path, e.g. when pretty urls are used with SPA")

	app.RootCmd.ParseFlags(os.Args[1:])

	// ---------------------------------------------------------------
	// Plugins and hooks:
	// ---------------------------------------------------------------

	// the hooks' write transactions take turns in order (pb_hooks/lib/core/tx.js)
	gate := newWriteGate()
	gateOff := gateDisabled()

	// mails that go out after the answer (mail.go)
	mails := newBackgroundMail(app)

	// load jsvm (pb_hooks and pb_migrations), with the house-time and write-turn bindings in every JS runtime
	jsvm.MustRegister(app, jsvm.Config{
		MigrationsDir: migrationsDir,
		HooksDir:      hooksDir,
		HooksWatch:    hooksWatch,
		HooksPoolSize: hooksPool,
		OnInit: func(vm *goja.Runtime) {
			vm.Set("__houseTime", map[string]any{
				"zone":          houseZone.String(),
				"offsetMinutes": offsetMinutes,
				"resolve":       resolve,
			})
			vm.Set("__writeTurn", func() func() {
				if gateOff {
					return func() {}
				}
				return gate.wait()
			})
			vm.Set("__viewable", viewable)
			vm.Set("__mailInBackground", mails.send)
			keepRequired(vm)
		},
	})

	// migrate command (with js templates)
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		TemplateLang: migratecmd.TemplateLangJS,
		Automigrate:  automigrate,
		Dir:          migrationsDir,
	})

	// GitHub selfupdate
	ghupdate.MustRegister(app, app.RootCmd, ghupdate.Config{})

	// a limited request says when to come back (docs/performance.md, "Load from one address")
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		e.Router.Bind(retryAfter())
		return e.Next()
	})

	// the app's own empty lists are answered without PocketBase's timing-attack sleep (listtiming.go)
	app.OnRecordsListRequest().Bind(appListsUnthrottled())

	// static route to serves files from the provided public dir
	// (if publicDir exists and the route path is not already defined)
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(e *core.ServeEvent) error {
			if !e.Router.HasRoute(http.MethodGet, "/{path...}") {
				e.Router.GET("/{path...}", apis.Static(os.DirFS(publicDir), indexFallback))
			}

			return e.Next()
		},
		Priority: 999, // execute as latest as possible to allow users to provide their own route
	})

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// retryAfter wraps PocketBase's rate limiter (it runs just outside it) and gives every 429 a
// Retry-After header: the window of the rule that was hit, in seconds. PocketBase names the rule, as
// JSON, in the error it returns. A hook that refused with its own Retry-After keeps it.
func retryAfter() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "borgerhusRetryAfter",
		Priority: apis.DefaultRateLimitMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()
			var apiErr *router.ApiError
			if err != nil && errors.As(err, &apiErr) && apiErr.Status == http.StatusTooManyRequests &&
				e.Response.Header().Get("Retry-After") == "" {
				e.Response.Header().Set("Retry-After", strconv.FormatInt(limitWindow(apiErr), 10))
			}
			return err
		},
	}
}

// limitWindow is the duration (seconds) of the rate limit rule named in a 429, 10 when it is not named.
func limitWindow(apiErr *router.ApiError) int64 {
	raw, ok := apiErr.RawData().(error)
	if !ok {
		return 10
	}
	text := raw.Error()
	var rule core.RateLimitRule
	if i := strings.Index(text, "{"); i < 0 || json.Unmarshal([]byte(text[i:]), &rule) != nil || rule.Duration <= 0 {
		return 10
	}
	return rule.Duration
}

// the default pb_public dir location is relative to the executable
func defaultPublicDir() string {
	if osutils.IsProbablyGoRun() {
		return "./pb_public"
	}

	return filepath.Join(os.Args[0], "../pb_public")
}

// viewable is the binding `__viewable(app, collection, ids, requestInfo)`: of the given record ids of a
// collection, those the request may view under the collection's own view rule, decided in one query.
// It is PocketBase's CanAccessRecord (core/record_query.go) for many records at once: superusers see
// everything, a nil rule nobody else, an empty rule everyone, otherwise the rule's filter with the
// request's auth. A hook route that reads related records with a join (Mit overblik) asks it instead of
// expanding, so the rule stays where PocketBase enforces it (docs/performance.md, "Reads").
func viewable(app core.App, collection string, ids []string, info *core.RequestInfo) ([]string, error) {
	if len(ids) == 0 {
		return []string{}, nil
	}
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	if info != nil && info.HasSuperuserAuth() {
		return ids, nil
	}
	if c.ViewRule == nil {
		return []string{}, nil
	}
	if *c.ViewRule == "" {
		return ids, nil
	}
	values := make([]any, len(ids))
	for i, id := range ids {
		values[i] = id
	}
	query := app.RecordQuery(c).
		Select(c.Name + ".id").
		Distinct(true).
		AndWhere(dbx.In(c.Name+".id", values...))
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	expr, err := search.FilterData(*c.ViewRule).BuildExpr(resolver)
	if err != nil {
		return nil, err
	}
	if err := resolver.UpdateQuery(query); err != nil {
		return nil, err
	}
	out := []string{}
	if err := query.AndWhere(expr).Column(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// keepRequired makes a runtime's require answer an absolute path from memory after the first time. The
// hooks name every module by its absolute path (`${__hooks}/lib/...`) and require a module where they use
// it, many times per request; goja_nodejs resolves and cleans the path again on every call, which was
// about 6% of PocketBase's CPU time under fifty writers. A module is complete once a require that
// started no other has returned, so only such answers are kept: a require made while modules are still
// loading can meet a cycle and get a module that is not finished yet.
func keepRequired(vm *goja.Runtime) {
	original, ok := goja.AssertFunction(vm.Get("require"))
	if !ok {
		return
	}
	kept := map[string]goja.Value{}
	loading := 0
	vm.Set("require", func(call goja.FunctionCall) goja.Value {
		path := call.Argument(0).String()
		if module, ok := kept[path]; ok {
			return module
		}
		loading++
		module, err := func() (goja.Value, error) {
			defer func() { loading-- }()
			return original(goja.Undefined(), call.Arguments...)
		}()
		if err != nil {
			var exception *goja.Exception
			if errors.As(err, &exception) {
				panic(exception)
			}
			panic(vm.NewGoError(err))
		}
		if loading == 0 && filepath.IsAbs(path) {
			kept[path] = module
		}
		return module
	})
}
