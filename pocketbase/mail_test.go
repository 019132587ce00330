package main

import (
	"net/mail"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

func TestBackgroundMailAnswersBeforeTheMailIsSent(t *testing.T) {
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir(), EncryptionEnv: "pb_test_env", DBConnect: connectDB})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	release := make(chan struct{})
	sent := make(chan string, 1)
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		<-release // a slow mail server
		sent <- e.Message.Subject
		return e.Next()
	})

	b := newBackgroundMail(app)
	returned := make(chan struct{})
	go func() {
		b.send(&mailer.Message{
			From:    mail.Address{Address: "noreply@example.com"},
			To:      []mail.Address{{Address: "someone@example.com"}},
			Subject: "Invitation",
			HTML:    "<p>hi</p>",
		})
		close(returned)
	}()
	select {
	case <-returned:
	case <-time.After(2 * time.Second):
		t.Fatal("send waited for the mail server")
	}
	if b.wait(50 * time.Millisecond) {
		t.Fatal("wait reported the mail sent while the server still held it")
	}
	close(release)
	if got := <-sent; got != "Invitation" {
		t.Fatalf("sent %q", got)
	}
	if !b.wait(2 * time.Second) {
		t.Fatal("the mail under way was not done")
	}
}
