package main

import (
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// backgroundMail sends mails after the request that made them has been answered, bound into the JS hooks
// as __mailInBackground(message). A request whose answer must not tell whether a mail went out (an
// invitation to someone who has blocked the association: its admins are not to find out) answers in the
// same time either way. A failed send is logged, as the hooks log one sent in the request. On shutdown
// PocketBase waits for the mails under way, a few seconds at most.
type backgroundMail struct {
	app     core.App
	pending sync.WaitGroup
}

func newBackgroundMail(app core.App) *backgroundMail {
	b := &backgroundMail{app: app}
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		b.wait(10 * time.Second)
		return e.Next()
	})
	return b
}

// send starts sending a message and returns at once.
func (b *backgroundMail) send(message *mailer.Message) {
	b.pending.Add(1)
	go func() {
		defer b.pending.Done()
		if err := b.app.NewMailClient().Send(message); err != nil {
			b.app.Logger().Error("mail sent after the answer failed", "subject", message.Subject, "error", err)
		}
	}()
}

// wait waits for the mails under way, at most the given time; true when they are all sent.
func (b *backgroundMail) wait(limit time.Duration) bool {
	done := make(chan struct{})
	go func() {
		b.pending.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(limit):
		return false
	}
}
