/// <reference types="vite-plugin-pwa/client" />
import type PocketBase from 'pocketbase';
import type { UserRecord } from '$lib/pocketbase-types';

declare global {
	namespace App {
		interface Locals {
			/** PocketBase client for this request only, authenticated as the signed-in user (if any). */
			pb: PocketBase;
			/** The signed-in user, refreshed from PocketBase on this request; null for guests. */
			user: UserRecord | null;
			/** The user's unread notifications, as the session check of a GET request found them. */
			unread?: number;
		}
		interface PageData {
			user?: Pick<UserRecord, 'id' | 'name' | 'email' | 'staff' | 'language'> | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
