package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

// A runtime as the hooks get it: goja_nodejs's require, then keepRequired.
func requireRuntime(t *testing.T, files map[string]string) (*goja.Runtime, string) {
	t.Helper()
	dir := t.TempDir()
	for name, source := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(source), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vm := goja.New()
	new(require.Registry).Enable(vm)
	keepRequired(vm)
	vm.Set("dir", dir)
	return vm, dir
}

// The same module object on every call, as the original require gives; a module whose loading meets a
// cycle is complete when asked for again afterwards.
func TestKeepRequiredAnswersTheSameModule(t *testing.T) {
	vm, _ := requireRuntime(t, map[string]string{
		"a.js": `var b = require(dir + '/b.js'); module.exports = { name: 'a', b: b };`,
		"b.js": `var a = require(dir + '/a.js'); module.exports = { name: 'b', aDuringLoad: a };`,
	})
	value, err := vm.RunString(`
		var first = require(dir + '/a.js');
		var again = require(dir + '/a.js');
		var b = require(dir + '/b.js');
		[first === again, again.name, b === first.b, require(dir + '/b.js').name].join(',')
	`)
	if err != nil {
		t.Fatal(err)
	}
	if got := value.String(); got != "true,a,true,b" {
		t.Fatalf("got %q", got)
	}
}

// A missing module or one that throws while loading is a JS exception the caller can catch, every time,
// also when a module it loaded asked for it while it was half made.
func TestKeepRequiredPassesErrorsOn(t *testing.T) {
	vm, _ := requireRuntime(t, map[string]string{
		"broken.js": `require(dir + '/helper.js'); throw new Error('broken on purpose');`,
		"helper.js": `module.exports = { broken: require(dir + '/broken.js') };`,
	})
	value, err := vm.RunString(`
		var seen = [];
		for (var i = 0; i < 2; i++) {
			try { require(dir + '/missing.js'); } catch (e) { seen.push('missing:' + String(e)); }
			try { require(dir + '/broken.js'); } catch (e) { seen.push('broken:' + String(e.message || e)); }
		}
		seen.join('|')
	`)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(value.String(), "|")
	if len(parts) != 4 {
		t.Fatalf("want 4 caught errors, got %q", value.String())
	}
	for i, part := range parts {
		want := "missing:"
		if i%2 == 1 {
			want = "broken:"
		}
		if !strings.HasPrefix(part, want) {
			t.Fatalf("error %d: got %q", i, part)
		}
	}
	if !strings.Contains(parts[1], "broken on purpose") {
		t.Fatalf("the module's own error is lost: %q", parts[1])
	}
}
