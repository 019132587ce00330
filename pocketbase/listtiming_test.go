package main

import "testing"

// The app's addresses are read as PocketBase reads them: single addresses and subnets, IPv4 and IPv6;
// anything else (another address, no address, a malformed entry) is not the app.
func TestAddressIn(t *testing.T) {
	list := []string{"127.0.0.1", "::1", "10.1.0.0/16", "not-an-address"}
	cases := map[string]bool{
		"127.0.0.1":   true,
		"::1":         true,
		"10.1.200.3":  true,
		"10.2.0.1":    false,
		"203.0.113.5": false,
		"":            false,
		"garbage":     false,
	}
	for ip, want := range cases {
		if got := addressIn(list, ip); got != want {
			t.Errorf("addressIn(%q) = %v, want %v", ip, got, want)
		}
	}
	if addressIn(nil, "127.0.0.1") {
		t.Error("an empty list holds no address")
	}
}
