package main

import (
	"net/http"
	"net/netip"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// appListsUnthrottled answers an empty record list asked for by the app server itself at once.
//
// PocketBase guards its list API against timing attacks on the list rules: after more than three
// empty, filtered lists of one collection in three seconds from one address it sleeps a random time up
// to half a second before answering. It keys that check by the client's address and does not consult
// the addresses excluded from the rate limits. The SvelteKit server reads for every visitor from its own
// address (docs/performance.md, "Load from one address"), and many of its reads rightly find nothing (no
// season plan for this room, no reservation of this title), so under any load every such page waited up
// to 500 ms. The app's address is the one already trusted as the app (`rateLimits.excludedIPs`, set in
// pb_hooks/lib/config.js); every other caller, the raw API from outside included, keeps PocketBase's
// guard. The handler runs after every other list hook and skips only the final step, which for an empty
// list is the throttle and the JSON answer written here.
func appListsUnthrottled() *hook.Handler[*core.RecordsListRequestEvent] {
	return &hook.Handler[*core.RecordsListRequestEvent]{
		Id:       "borgerhusAppListsUnthrottled",
		Priority: 999,
		Func: func(e *core.RecordsListRequestEvent) error {
			if len(e.Records) > 0 || !addressIn(e.App.Settings().RateLimits.ExcludedIPs, e.RealIP()) {
				return e.Next()
			}
			return e.JSON(http.StatusOK, e.Result)
		},
	}
}

// addressIn reports whether ip is one of the addresses or inside one of the subnets listed (as
// PocketBase reads `rateLimits.excludedIPs`).
func addressIn(list []string, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, item := range list {
		if prefix, err := netip.ParsePrefix(item); err == nil {
			if prefix.Contains(addr) {
				return true
			}
			continue
		}
		if other, err := netip.ParseAddr(item); err == nil && other == addr {
			return true
		}
	}
	return false
}
