/// <reference path="../pb_data/types.d.ts" />

// Events and volunteers: the queue position of sign-ups and registrations (placed_at, set by hooks, so a
// sign-up reopened after a cancellation goes to the back of the queue), and the number of confirmed
// places on shifts and events (taken, kept by hooks), so everyone can see places left without seeing
// other people's sign-ups (docs/rules.md rule 3).
migrate(
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const c = app.findCollectionByNameOrId(name);
			c.fields.add(new DateField({ name: 'placed_at', required: false }));
			const parent = name === 'signups' ? 'shift' : 'event';
			c.indexes.push(
				`CREATE INDEX \`idx_${name}_${parent}_status_placed\` ON \`${name}\` (\`${parent}\`, \`status\`, \`placed_at\`)`
			);
			app.save(c);
		}
		for (const name of ['shifts', 'events']) {
			const c = app.findCollectionByNameOrId(name);
			c.fields.add(new NumberField({ name: 'taken', required: false, onlyInt: true, min: 0 }));
			app.save(c);
		}
	},
	(app) => {
		for (const name of ['signups', 'registrations']) {
			const c = app.findCollectionByNameOrId(name);
			c.fields.removeByName('placed_at');
			c.indexes = c.indexes.filter((index) => index.indexOf('_status_placed`') === -1);
			app.save(c);
		}
		for (const name of ['shifts', 'events']) {
			const c = app.findCollectionByNameOrId(name);
			c.fields.removeByName('taken');
			app.save(c);
		}
	}
);
