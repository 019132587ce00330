/// <reference path="../pb_data/types.d.ts" />

// A notification whose mail the mail server refused is tried again later, waiting longer each time, and
// given up after a number of tries (docs/rules.md, "Messages"): `mail_tries` counts the failed tries and
// `mail_after` is when the next may be made. Both are the mailer's bookkeeping, hidden from every record
// API answer and locked against the owner's update like every field but `read_at`.

const RULE_BEFORE =
	'user = @request.auth.id && @request.body.user:isset = false && @request.body.kind:isset = false && ' +
	'@request.body.title:isset = false && @request.body.body:isset = false && ' +
	'@request.body.link:isset = false && @request.body.emailed_at:isset = false && ' +
	'@request.body.dedupe_key:isset = false';

migrate(
	(app) => {
		const notifications = app.findCollectionByNameOrId('notifications');
		notifications.fields.add(
			new NumberField({ name: 'mail_tries', onlyInt: true, min: 0, hidden: true }),
			new DateField({ name: 'mail_after', hidden: true })
		);
		notifications.updateRule =
			RULE_BEFORE + ' && @request.body.mail_tries:isset = false && @request.body.mail_after:isset = false';
		app.save(notifications);
	},
	(app) => {
		const notifications = app.findCollectionByNameOrId('notifications');
		notifications.fields.removeByName('mail_tries');
		notifications.fields.removeByName('mail_after');
		notifications.updateRule = RULE_BEFORE;
		app.save(notifications);
	}
);
