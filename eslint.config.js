import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'.pocketbase/',
			'src/lib/paraglide/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// System rights are for scripts on the server machine; a route must act with the user's own token.
		files: ['src/routes/**', 'src/hooks.server.ts', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/server/system/**', '$lib/server/system/**'],
							message: 'Routes use locals.pb, never system rights.'
						}
					]
				}
			]
		}
	},
	{
		// PocketBase hooks and migrations run in PocketBase's JS engine, with its own globals.
		files: ['pb_hooks/**', 'pb_migrations/**'],
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.commonjs } },
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/triple-slash-reference': 'off',
			'svelte/no-inner-declarations': 'off'
		}
	}
);
