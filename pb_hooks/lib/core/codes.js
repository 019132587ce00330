/// <reference path="../../../pb_data/types.d.ts" />

// The registry of refusal codes (docs/rules.md, "Refusals"): every code a hook can answer with, with its
// Danish and English text, and for a few written to the citizen ("Du er allerede tilmeldt") a `desk` text for
// staff acting for the citizen at the desk. The API answers { data: { <field>: { code, message } } }; the app shows the text
// of the code in the reader's language (src/lib/server/errors.ts reads this registry), and a unit test checks that
// every code the hooks use is here in both languages. Pure data; SvelteKit imports it as $rules/core/codes.js.

module.exports = {
	account_confirm_invalid: {
		da: 'Linket er ikke gyldigt længere. Få en ny mail med et link nedenfor.',
		en: 'The link is no longer valid. Get a new mail with a link below.'
	},
	account_confirm_password: {
		da: 'Adgangskoden passer ikke. Skriv den adgangskode, du valgte, da du oprettede kontoen.',
		en: 'The password does not match. Type the password you chose when you created the account.'
	},
	account_email_taken_meanwhile: {
		da: 'Den nye e-mail bruges nu af en anden konto, så din e-mail er ikke skiftet. Vælg en anden e-mail under Profil.',
		en: 'The new email address is now used by another account, so your email has not been changed. Choose another address on your profile.'
	},
	account_confirm_with_password: {
		da: 'Bekræft din e-mail fra linket i mailen, med din adgangskode.',
		en: 'Confirm your email from the link in the mail, with your password.'
	},
	associations_accept_unverified: {
		da: 'Du kan tage imod invitationen, når huset har godkendt foreningen. Invitationen venter på dig så længe.',
		en: 'You can accept the invitation once the house has verified the association. The invitation waits for you until then.'
	},
	associations_bad_role: {
		da: 'Vælg en gyldig rolle: medlem, booker eller administrator.',
		en: 'Choose a valid role: member, booker or admin.'
	},
	associations_changed_since: {
		da: 'Foreningen er ændret, siden du åbnede siden. Se de nye oplysninger igen, før du godkender.',
		en: 'The association has changed since you opened the page. Look at the new details before you verify it.'
	},
	associations_cvr_invalid: {
		da: 'CVR-nummeret er ikke gyldigt. Tjek de 8 cifre.',
		en: 'The CVR number is not valid. Check the 8 digits.'
	},
	associations_cvr_taken: {
		da: 'Der er allerede en godkendt forening med det CVR-nummer.',
		en: 'A verified association with this CVR number already exists.'
	},
	associations_edited_since: {
		da: 'Foreningens oplysninger er ændret, siden du åbnede siden. Se de nye oplysninger, og gem dine ændringer igen.',
		en: "The association's details have changed since you opened the page. Look at the new details and save your changes again."
	},
	associations_email_invalid: {
		da: 'Skriv en gyldig e-mailadresse.',
		en: 'Enter a valid email address.'
	},
	associations_found_limit: {
		da: 'Du har allerede oprettet 3 foreninger, som venter på husets godkendelse. Du kan oprette flere, når huset har set på dem.',
		en: 'You have already created 3 associations that are waiting for the house to verify them. You can create more once the house has looked at them.'
	},
	associations_has_history: {
		da: 'Foreningen har bookinger, sæsondata eller flere medlemmer, og det gemmes, så den kan ikke slettes. Fjern i stedet foreningens godkendelse, så den ikke kan booke i sit navn.',
		en: 'The association has bookings, season records or more than one member, and that is kept, so it cannot be deleted. Withdraw its verification instead, so it can no longer book in its name.'
	},
	associations_invite_unverified: {
		da: 'I kan invitere medlemmer, når huset har godkendt foreningen.',
		en: 'You can invite members once the house has verified the association.'
	},
	associations_invite_limit: {
		da: 'Du har sendt mange invitationer den sidste time. Vent lidt, og prøv igen.',
		en: 'You have sent many invitations in the last hour. Please wait a while and try again.'
	},
	associations_verify_cvr_taken: {
		da: 'En anden godkendt forening har samme CVR-nummer. Find ud af, hvilken der er den rigtige, og fjern den andens godkendelse først.',
		en: 'Another verified association has the same CVR number. Find out which one is the real one, and withdraw the other’s verification first.'
	},
	associations_not_admin: {
		da: 'Du er ikke administrator i foreningen og kan ikke ændre medlemmerne.',
		en: 'You are not an admin of the association and cannot change its members.'
	},
	associations_last_admin: {
		da: 'Foreningen skal have mindst én administrator. Gør en anden til administrator først.',
		en: 'The association must have at least one admin. Make someone else an admin first.'
	},
	desk_card_invalid: {
		da: 'Lånerkortnummeret skal være 4 til 20 cifre.',
		en: 'The library card number must be 4 to 20 digits.'
	},
	desk_card_taken: {
		da: 'Lånerkortnummeret hører allerede til en anden konto.',
		en: 'This library card number already belongs to another account.'
	},
	desk_contact_required: {
		da: 'Skriv et telefonnummer eller et lånerkortnummer, så vi kan finde borgeren igen.',
		en: 'Enter a phone number or a library card number, so the citizen can be found again.'
	},
	desk_email_invalid: {
		da: 'Skriv en gyldig e-mailadresse.',
		en: 'Enter a valid email address.'
	},
	desk_email_taken: {
		da: 'Der er allerede en konto med den e-mailadresse.',
		en: 'An account with this email address already exists.'
	},
	account_password_attempts: {
		da: 'Du har skrevet en forkert adgangskode for mange gange. Vent et kvarter, og prøv igen.',
		en: 'You have entered a wrong password too many times. Wait a quarter of an hour and try again.'
	},
	desk_not_desk_account: {
		da: 'Kontoen er allerede en almindelig konto.',
		en: 'This account is already an ordinary account.'
	},
	desk_data_own_account: {
		da: 'Borgeren har sin egen konto og kan se og hente sine data i appen under Mine data.',
		en: 'The citizen has an account of their own and can see and download their data in the app under My data.'
	},
	desk_takeover_pending: {
		da: 'Kontoen venter på, at borgeren vælger sin adgangskode fra mailen. Derefter er kontoen borgerens egen, og borgeren kan se, hente og slette sine data under Mine data. Er mailen gået til en forkert adresse, så overtag kontoen igen med den rigtige.',
		en: 'The account is waiting for the citizen to choose a password from the mail. After that the account is the citizen’s own, and they can see, download and delete their data under My data. If the mail went to a wrong address, take over the account again with the right one.'
	},
	desk_delete_own_account: {
		da: 'Borgeren har sin egen konto og sletter den selv under Mine data.',
		en: 'The citizen has an account of their own and deletes it themselves under My data.'
	},
	desk_override_reason: {
		da: 'Skriv en begrundelse, når du tilsidesætter en regel for borgeren.',
		en: 'Give a reason when you override a rule for the citizen.'
	},
	desk_not_here: {
		da: 'Ved skranken kan du booke, reservere, tilmelde og afmelde for borgeren, men ikke dette.',
		en: 'At the desk you can book, reserve, register and cancel for the citizen, but not this.'
	},
	desk_staff_only: {
		da: 'Kun personalet kan handle for en borger ved skranken.',
		en: 'Only staff can act for a citizen at the desk.'
	},
	desk_header_invalid: {
		da: 'Send skrankens felter som X-Borgerhus-For og X-Borgerhus-Override, stavet præcis sådan og højst én gang hver.',
		en: 'Send the desk headers as X-Borgerhus-For and X-Borgerhus-Override, spelt exactly so and at most once each.'
	},
	desk_volunteer_terms: {
		da: 'Borgeren har ikke godkendt vilkårene for frivillige. Sæt flueben, når borgeren har sagt ja til dem.',
		en: 'The citizen has not accepted the volunteer terms. Tick the box once the citizen has agreed to them.'
	},
	desk_unknown_citizen: {
		da: 'Vi kan ikke finde borgeren.',
		en: 'We cannot find this citizen.'
	},
	events_shift_outside_event: {
		da: 'Vagten skal ligge omkring arrangementet: fra 2 døgn før det starter til 1 døgn efter, det slutter. Tjek datoen.',
		en: 'The shift must lie around the event: from 2 days before it starts to 1 day after it ends. Check the date.'
	},
	events_checkin_not_open: {
		da: 'Indtjekningen er ikke åben endnu. Den åbner 3 timer før arrangementet starter.',
		en: 'Check-in has not opened yet. It opens 3 hours before the event starts.'
	},
	events_checkin_over: {
		da: 'Arrangementet er slut, så billetten kan ikke tjekkes ind.',
		en: 'The event has ended, so the ticket cannot be checked in.'
	},
	events_already_cancelled: {
		da: 'Du er allerede afmeldt.',
		en: 'You are already signed off.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren er allerede afmeldt.',
			en: 'The citizen is already cancelled.'
		}
	},
	events_already_checked_in: {
		da: 'Billetten er allerede tjekket ind.',
		en: 'This ticket has already been checked in.'
	},
	events_already_signed_up: {
		da: 'Du er allerede tilmeldt.',
		en: 'You are already signed up.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren er allerede tilmeldt.',
			en: 'The citizen is already signed up.'
		}
	},
	events_already_waiting: {
		da: 'Du står allerede på ventelisten.',
		en: 'You are already on the waitlist.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren står allerede på ventelisten.',
			en: 'The citizen is already on the waitlist.'
		}
	},
	events_cancel_too_late: {
		da: 'Vagten begynder snart. Kontakt personalet, hvis du ikke kan komme.',
		en: 'The shift starts soon. Please contact the staff if you cannot come.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Vagten begynder snart. Afmeld med en begrundelse, hvis borgeren ikke kan komme.',
			en: 'The shift starts soon. Cancel with a reason if the citizen cannot come.'
		}
	},
	events_cancel_event_started: {
		da: 'Arrangementet er begyndt, eller der er kommet folk til det (frivillige på vagt eller gæster ved døren), så det kan ikke længere aflyses: de, der er kommet, har deltaget. Flyt sluttidspunktet, hvis det slutter før tid.',
		en: 'The event has begun, or people have come to it (volunteers on a shift or guests at the door), so it can no longer be cancelled: those who came have taken part. Move its end if it ends early.'
	},
	events_unpublish_event_begun: {
		da: 'Arrangementet er begyndt, så det kan ikke gøres til en kladde igen: det er en del af husets historik.',
		en: 'The event has begun, so it cannot be made a draft again: it is part of the house’s history.'
	},
	events_publish_event_begun: {
		da: 'Arrangementet er begyndt, så det kan ikke offentliggøres: det ville komme med i husets historik og statistik, som om det var holdt. Slet kladden, og opret arrangementet igen med det rigtige tidspunkt.',
		en: 'The event has begun, so it cannot be published: it would join the house’s history and statistics as if it had been held. Delete the draft and create the event again with the right time.'
	},
	events_delete_event_begun: {
		da: 'Et offentliggjort arrangement, der er begyndt, kan ikke slettes: det er en del af husets historik.',
		en: 'A published event that has begun cannot be deleted: it is part of the house’s history.'
	},
	events_cancel_event_over: {
		da: 'Arrangementet er slut, så det kan ikke aflyses.',
		en: 'The event has ended, so it cannot be cancelled.'
	},
	events_cancelled_final: {
		da: 'Et aflyst arrangement kan ikke genåbnes.',
		en: 'A cancelled event cannot be reopened.'
	},
	events_cancelled_kept: {
		da: 'Arrangementet er aflyst, så dets tid og lokale kan ikke ændres.',
		en: 'The event is cancelled, so its time and room cannot be changed.'
	},
	events_capacity_below_confirmed: {
		da: 'Der er flere bekræftede tilmeldinger end det antal. Afmeld nogen først, eller vælg et større tal.',
		en: 'More people are confirmed than that. Cancel some registrations first, or choose a larger number.'
	},
	events_capacity_over_room: {
		da: 'Der er flere pladser end lokalet har plads til. Vælg et mindre antal eller et større lokale.',
		en: 'That is more places than the room holds. Choose a smaller number or a larger room.'
	},
	events_capacity_required: {
		da: 'Skriv hvor mange der kan tilmelde sig.',
		en: 'Enter how many people can register.'
	},
	events_end_before_start: {
		da: 'Sluttidspunktet skal ligge efter starttidspunktet.',
		en: 'The end must be after the start.'
	},
	events_field_locked: {
		da: 'Det felt kan ikke ændres.',
		en: 'This field cannot be changed.'
	},
	events_unpublish_has_places: {
		da: 'Der er tilmeldte til arrangementet, så det kan ikke gøres til en kladde. Aflys det i stedet, så får de besked.',
		en: 'People are signed up for the event, so it cannot be made a draft. Cancel it instead, and they are told.'
	},
	events_has_places: {
		da: 'Der har været tilmeldinger, og de gemmes, så det kan ikke slettes. Aflys arrangementet, eller afmeld de frivillige på vagten, i stedet.',
		en: 'People have signed up, and that is kept, so it cannot be deleted. Cancel the event, or the volunteers on the shift, instead.'
	},
	events_message_invalid: {
		da: 'Skriv en besked på højst 2000 tegn.',
		en: 'Write a message of at most 2000 characters.'
	},
	events_message_repeat: {
		da: 'Du har lige sendt den samme besked til arrangementets frivillige. Den er ikke sendt igen.',
		en: "You have just sent the same message to the event's volunteers. It was not sent again."
	},
	events_not_open: {
		da: 'Der er ikke åbent for tilmelding til dette arrangement.',
		en: 'This event does not take sign-ups.'
	},
	events_places_below_confirmed: {
		da: 'Der er flere bekræftede frivillige på vagten end det antal. Afmeld nogen først, eller vælg et større tal.',
		en: 'More volunteers are confirmed for the shift than that. Cancel some first, or choose a larger number.'
	},
	events_room_taken: {
		da: 'Lokalet er optaget på det tidspunkt.',
		en: 'The room is taken at that time.'
	},
	events_shift_event_cancelled: {
		da: 'Arrangementet er aflyst, så det kan ikke få nye vagter.',
		en: 'The event is cancelled, so it cannot get new shifts.'
	},
	events_shift_move_over: {
		da: 'Vagten er slut, og der var frivillige på den, så dens start og slut kan ikke flyttes.',
		en: 'The shift has ended and had volunteers on it, so its start and end cannot be moved.'
	},
	events_shift_move_started: {
		da: 'Vagten er begyndt, og der er frivillige på den, så starttidspunktet kan ikke flyttes. Du kan stadig flytte sluttidspunktet.',
		en: 'The shift has begun and has volunteers on it, so its start cannot be moved. You can still move its end.'
	},
	events_shift_into_past: {
		da: 'En vagt, der endnu ikke er begyndt, kan ikke flyttes til et tidspunkt før nu.',
		en: 'A shift that has not begun cannot be moved to a time before now.'
	},
	events_room_event_over: {
		da: 'Arrangementet er slut, så dets lokale kan ikke skiftes.',
		en: 'The event has ended, so its room cannot be changed.'
	},
	events_room_event_started: {
		da: 'Der er kommet folk til arrangementet (frivillige på vagt eller gæster ved døren), så lokalet kan ikke skiftes. Du kan stadig flytte sluttidspunktet.',
		en: 'People have come to the event (volunteers on a shift or guests at the door), so its room cannot be changed. You can still move its end.'
	},
	events_move_event_over: {
		da: 'Arrangementet er slut, så dets start og slut kan ikke flyttes.',
		en: 'The event has ended, so its start and end cannot be moved.'
	},
	events_move_event_started: {
		da: 'Der er kommet folk til arrangementet (frivillige på vagt eller gæster ved døren), så starttidspunktet kan ikke flyttes. Du kan stadig flytte sluttidspunktet.',
		en: 'People have come to the event (volunteers on a shift or guests at the door), so its start cannot be moved. You can still move its end.'
	},
	events_moved_into_past: {
		da: 'Et arrangement, der endnu ikke er begyndt, kan ikke flyttes til et tidspunkt før nu. Aflys det i stedet, hvis det ikke bliver til noget.',
		en: 'An event that has not begun cannot be moved to a time before now. Cancel it instead if it is not going ahead.'
	},
	events_created_in_past: {
		da: 'Et nyt arrangement kan ikke begynde før nu. Tjek dato og år.',
		en: 'A new event cannot start before now. Check the date and year.'
	},
	events_shift_created_in_past: {
		da: 'En ny vagt kan ikke begynde før nu. Tjek dato og år.',
		en: 'A new shift cannot start before now. Check the date and year.'
	},
	events_end_leaves_shifts: {
		da: 'Så ville en vagt ligge mere end 1 døgn efter, at arrangementet slutter. Flyt eller slet vagten først.',
		en: 'A shift would then lie more than 1 day after the event ends. Move or delete the shift first.'
	},
	events_shifts_into_past: {
		da: 'Så ville en vagt, der endnu ikke er begyndt, komme til at ligge før nu. Flyt eller slet vagten først.',
		en: 'A shift that has not begun would then lie before now. Move or delete the shift first.'
	},
	events_shift_move_overlap: {
		da: 'En bekræftet frivillig har en anden vagt på det nye tidspunkt.',
		en: 'A confirmed volunteer has another shift at the new time.'
	},
	events_shift_overlap: {
		da: 'Du har allerede en vagt på det tidspunkt.',
		en: 'You already have a shift at that time.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren har allerede en vagt på det tidspunkt.',
			en: 'The citizen already has a shift at that time.'
		}
	},
	events_shift_overlap_waiting: {
		da: 'Du står på ventelisten til en anden vagt på det tidspunkt. Forlad ventelisten først, hvis du hellere vil tage denne vagt.',
		en: 'You are on the waitlist for another shift at that time. Leave that waitlist first if you would rather take this shift.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren står på ventelisten til en anden vagt på det tidspunkt. Tag borgeren af den venteliste først, hvis borgeren hellere vil tage denne vagt.',
			en: 'The citizen is on the waitlist for another shift at that time. Take the citizen off that waitlist first if they would rather take this shift.'
		}
	},
	events_cancel_started: {
		da: 'Det er allerede begyndt, så du kan ikke længere melde fra. Kontakt personalet, hvis der er sket en fejl.',
		en: 'It has already started, so you can no longer cancel. Please contact the staff if something is wrong.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Det er allerede begyndt, så borgeren kan ikke længere melde fra.',
			en: 'It has already begun, so the citizen can no longer cancel.'
		}
	},
	events_waitlist_started: {
		da: 'Det er allerede begyndt, så du kan ikke længere forlade ventelisten. Ventelisten er lukket, og ingen rykker op.',
		en: 'It has already started, so you can no longer leave the waitlist. The waitlist is closed, and nobody moves up.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Det er allerede begyndt, så borgeren kan ikke længere forlade ventelisten.',
			en: 'It has already begun, so the citizen can no longer leave the waitlist.'
		}
	},
	events_started: {
		da: 'Det er allerede begyndt, så du kan ikke melde dig til.',
		en: 'It has already started, so you cannot sign up.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Det er allerede begyndt, så borgeren kan ikke melde sig til.',
			en: 'It has already begun, so the citizen cannot sign up.'
		}
	},
	events_status_locked: {
		da: 'En tilmelding kan kun afmeldes her.',
		en: 'A sign-up can only be cancelled here.'
	},
	events_ticket_not_confirmed: {
		da: 'Billetten er ikke en bekræftet plads.',
		en: 'This ticket is not a confirmed place.'
	},
	events_volunteer_terms: {
		da: 'Godkend vilkårene for frivillige, før du tager en vagt.',
		en: 'Accept the terms for volunteers before you take a shift.'
	},
	library_bulk_id_taken: {
		da: 'Der findes allerede en titel med det id.',
		en: 'A title with this id already exists.'
	},
	library_bulk_size: {
		da: 'Send mellem 1 og 2000 titler.',
		en: 'Send between 1 and 2000 titles.'
	},
	library_barcode_is_copy_id: {
		da: 'Stregkoden er id på et andet eksemplar. Vælg en anden stregkode.',
		en: "The barcode is another copy's id. Choose another barcode."
	},
	library_barcode_taken: {
		da: 'Et andet eksemplar har allerede den stregkode.',
		en: 'Another copy already has this barcode.'
	},
	library_copy_busy: {
		da: 'Eksemplaret er udlånt eller venter på afhentning.',
		en: 'The copy is on loan or waiting for pickup.'
	},
	library_copy_has_history: {
		da: 'Eksemplaret har været udlånt eller reserveret, og det gemmes, så det kan ikke slettes. Meld det i stedet savnet.',
		en: 'The copy has been lent out or reserved, and that is kept, so it cannot be deleted. Mark it missing instead.'
	},
	library_copy_last_held: {
		da: 'Det er titlens sidste eksemplar, og der er reservationer, som venter på titlen. Meld i stedet eksemplaret savnet.',
		en: 'This is the last copy of the title, and holds are waiting for the title. Mark the copy missing instead.'
	},
	library_copy_last_held_move: {
		da: 'Det er titlens sidste eksemplar, og der er reservationer, som venter på titlen, så det kan ikke flyttes til en anden titel.',
		en: 'This is the last copy of the title, and holds are waiting for the title, so it cannot be moved to another title.'
	},
	library_copy_missing: {
		da: 'Eksemplaret er meldt savnet. Tjek det ind ved skranken først.',
		en: 'The copy is marked missing. Check it in at the desk first.'
	},
	library_copy_moved_on: {
		da: 'Eksemplaret er flyttet videre, siden listen blev vist, så intet er ændret. Se listerne igen.',
		en: 'The copy has moved on since the list was shown, so nothing was changed. Look at the lists again.'
	},
	library_copy_not_fetched: {
		da: 'Eksemplaret er ikke længere på vej til den afhentning, så det er ikke meldt savnet. Se listerne igen.',
		en: 'The copy is no longer being fetched for that pickup, so it was not marked missing. Look at the lists again.'
	},
	library_copy_reserved: {
		da: 'Eksemplaret venter allerede på afhentning.',
		en: 'The copy is already waiting for pickup.'
	},
	library_copy_status: {
		da: 'Udlån og afhentning klares ved skranken.',
		en: 'Loans and pickups are handled at the desk.'
	},
	library_copy_unknown: {
		da: 'Intet eksemplar har den stregkode.',
		en: 'No copy has this barcode.'
	},
	library_hold_change_refused: {
		da: 'Reservationen kan ikke ændres på den måde.',
		en: 'The hold cannot be changed that way.'
	},
	library_hold_exists: {
		da: 'Du har allerede en aktiv reservation på denne titel.',
		en: 'You already have an active hold on this title.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren har allerede en aktiv reservation på denne titel.',
			en: 'The citizen already has an active hold on this title.'
		}
	},
	library_hold_on_loan: {
		da: 'Du har allerede titlen til lån. Du kan reservere den, når du har afleveret den.',
		en: 'You already have this title on loan. You can place a hold on it once you have returned it.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren har allerede titlen til lån. Borgeren kan reservere den, når den er afleveret.',
			en: 'The citizen already has this title on loan. They can place a hold on it once it is returned.'
		}
	},
	library_hold_limit: {
		da: 'Du har nået grænsen for aktive reservationer. Annuller en, før du reserverer flere.',
		en: 'You have reached the limit of active holds. Cancel one before placing more.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren har nået grænsen for aktive reservationer. Annuller en, eller tilsidesæt grænsen med en begrundelse.',
			en: 'The citizen has reached the limit of active holds. Cancel one, or override the limit with a reason.'
		}
	},
	library_hold_expired: {
		da: 'Afhentningsfristen er overskredet, og reservationen er udløbet. Materialet er givet videre til den næste i køen.',
		en: 'The pickup deadline has passed, and the hold has expired. The item has gone to the next in line.'
	},
	// nobody waited: the copy goes back to the shelf, not to anyone
	library_hold_expired_nobody_next: {
		da: 'Afhentningsfristen er overskredet, og reservationen er udløbet. Ingen venter på materialet, så det skal tilbage på hylden.',
		en: 'The pickup deadline has passed, and the hold has expired. Nobody is waiting for the item, so it goes back to the shelf.'
	},
	library_hold_not_ready: {
		da: 'Reservationen er ikke klar til afhentning.',
		en: 'The hold is not ready for pickup.'
	},
	library_hold_unknown: {
		da: 'Reservationen findes ikke længere. Se listerne igen.',
		en: 'The hold no longer exists. Look at the lists again.'
	},
	library_identifier_taken: {
		da: 'Der findes allerede en titel med det ISBN eller nummer. Tilføj eksemplarer til den i stedet.',
		en: 'A title with this ISBN or number already exists. Add copies to it instead.'
	},
	library_shelf_required: {
		da: 'Skriv, hvilken hylde eksemplaret står på, så lånerne kan finde det.',
		en: 'Enter the shelf the copy stands on, so that patrons can find it.'
	},
	library_title_listed: {
		da: 'Titlen findes allerede i kataloget med samme titel, forfatter, type og år.',
		en: 'The title is already in the catalogue with the same title, creator, type and year.'
	},
	library_loan_kept: {
		da: 'Et lån kan ikke slettes. Tag det retur ved skranken.',
		en: 'A loan cannot be deleted. Take it back at the desk.'
	},
	library_loan_returned: {
		da: 'Lånet er allerede afleveret.',
		en: 'The loan has already been returned.'
	},
	library_loan_unknown: {
		da: 'Lånet findes ikke.',
		en: 'The loan does not exist.'
	},
	library_title_has_history: {
		da: 'Titlen har været reserveret eller lånt ud, og det gemmes, så den kan ikke slettes. Meld i stedet dens eksemplarer savnet.',
		en: 'The title has been reserved or lent out, and that is kept, so it cannot be deleted. Mark its copies missing instead.'
	},
	library_title_no_copies: {
		da: 'Biblioteket har ingen eksemplarer af titlen, så du kan ikke reservere den endnu.',
		en: 'The library has no copies of this title, so you cannot place a hold on it yet.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Biblioteket har ingen eksemplarer af titlen, så borgeren kan ikke reservere den endnu. Tilføj et eksemplar i kataloget først.',
			en: 'The library has no copies of this title, so the citizen cannot place a hold on it yet. Add a copy in the catalogue first.'
		}
	},
	library_title_unknown: {
		da: 'Titlen findes ikke.',
		en: 'The title does not exist.'
	},
	library_type_invalid: {
		da: 'Vælg en type: bog, lydbog, film, spil, blad eller ting.',
		en: 'Choose a type: book, audiobook, film, game, magazine or thing.'
	},
	library_year_invalid: {
		da: 'Skriv et udgivelsesår, der ikke ligger efter næste år.',
		en: 'Enter a year of publication no later than next year.'
	},
	overview_account_deleted: {
		da: 'Kontoen er slettet, så den kan ikke ændres.',
		en: 'The account is deleted, so it cannot be changed.'
	},
	overview_delete_failed: {
		da: 'Kontoen kunne ikke slettes, og intet er ændret. Prøv igen om lidt.',
		en: 'The account could not be deleted, and nothing was changed. Please try again in a moment.'
	},
	rooms_room_has_history: {
		da: 'Lokalet har bookinger, arrangementer eller sæsontider, og de gemmes, så det kan ikke slettes. Tag det ud af brug i stedet.',
		en: 'The room has bookings, events or season times, and those are kept, so it cannot be deleted. Take it out of use instead.'
	},
	rooms_association_required: {
		da: 'Lokalet kan kun bookes af foreninger.',
		en: 'This room can only be booked by associations.'
	},
	rooms_association_unverified: {
		da: 'Foreningen er ikke godkendt endnu.',
		en: 'The association is not verified yet.'
	},
	rooms_attendees_invalid: {
		da: 'Skriv antal deltagere som et helt tal, mindst 1.',
		en: 'Enter the number of attendees as a whole number, at least 1.'
	},
	rooms_bad_transition: {
		da: 'Den ændring af status er ikke mulig.',
		en: 'This change of status is not possible.'
	},
	rooms_beyond_horizon: {
		da: 'Du kan ikke booke så langt frem i tiden.',
		en: 'You cannot book that far ahead.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren kan ikke booke så langt frem i tiden. Tilsidesæt fristen med en begrundelse, hvis det er nødvendigt.',
			en: 'The citizen cannot book that far ahead. Override the horizon with a reason if needed.'
		}
	},
	rooms_booking_closed: {
		da: 'Bookingen er afvist eller aflyst og kan ikke ændres.',
		en: 'This booking is rejected or cancelled and cannot change.'
	},
	rooms_booking_over: {
		da: 'Bookingen er slut og står, som den var: Den kan ikke flyttes eller gives til en anden.',
		en: 'The booking has ended and stays as it was: it cannot be moved or given to someone else.'
	},
	rooms_booking_started: {
		da: 'Bookingen er begyndt, så dens lokale og starttidspunkt kan ikke ændres. Personalet kan stadig flytte sluttidspunktet.',
		en: 'The booking has begun, so its room and start cannot change. The staff can still move its end.'
	},
	rooms_cancel_booking_over: {
		da: 'Bookingen er slut, så den kan ikke aflyses.',
		en: 'The booking has ended, so it cannot be cancelled.'
	},
	rooms_booking_in_use: {
		da: 'Der er tjekket ind, og bookingen er i gang, så den kan ikke aflyses eller gives til en anden. Tjek den ud, hvis lokalet skal være frit resten af tiden.',
		en: 'Someone has checked in and the booking is under way, so it cannot be cancelled or given to someone else. Check it out if the room should be free for the rest of the time.'
	},
	rooms_booking_due: {
		da: 'Bookingen er ved at blive frigivet, fordi ingen tjekkede ind i tide. Den kan ikke aflyses eller gives til en anden.',
		en: 'The booking is being released because nobody checked in in time. It cannot be cancelled or given to someone else.'
	},
	rooms_booking_no_show: {
		da: 'Bookingen er frigivet, fordi ingen tjekkede ind i tide.',
		en: 'This booking was released because nobody checked in in time.'
	},
	rooms_season_series_admin: {
		da: 'Kun en administrator af foreningen kan aflyse hele sæsontiden. Du kan aflyse de enkelte datoer.',
		en: 'Only an admin of the association can cancel the whole season time. You can cancel single dates.'
	},
	rooms_series_not_yours: {
		da: 'Personalet har givet datoen til en anden, så den er ikke din at aflyse.',
		en: 'Staff gave this date to someone else, so it is not yours to cancel.'
	},
	rooms_cancel_deadline: {
		da: 'Fristen for at aflyse er overskredet. Kontakt huset.',
		en: 'The deadline for cancelling has passed. Contact the house.',
		// said to staff acting for the citizen at the desk, who are the house
		desk: {
			da: 'Borgerens frist for at aflyse er overskredet. Bookingen kan aflyses ved at tilsidesætte reglen.',
			en: "The citizen's deadline for cancelling has passed. The booking can be cancelled by overriding the rule."
		}
	},
	rooms_capacity_invalid: {
		da: 'Skriv hvor mange lokalet kan rumme, som et helt tal, mindst 1.',
		en: 'Enter how many the room holds, as a whole number, at least 1.'
	},
	rooms_change_deadline: {
		da: 'Fristen for at ændre bookingen er overskredet. Kontakt huset.',
		en: 'The deadline for changing this booking has passed. Contact the house.'
	},
	rooms_checkin_closed: {
		da: 'Tjek-ind er lukket: ventetiden efter starttidspunktet er gået.',
		en: 'Check-in is closed: the waiting time after the start has passed.'
	},
	rooms_checkin_grace_invalid: {
		da: 'Ventetiden efter start skal være et helt antal minutter fra 5 til 120.',
		en: 'The waiting time after the start must be a whole number of minutes from 5 to 120.'
	},
	rooms_checkin_not_open: {
		da: 'Tjek-ind er ikke åbnet endnu. Det åbner kort før starttidspunktet.',
		en: 'Check-in is not open yet. It opens shortly before the start.'
	},
	rooms_checkin_not_yours: {
		da: 'Kun den, der har booket, og foreningens medlemmer kan tjekke bookingen ind.',
		en: "Only the person who booked and the association's members can check this booking in."
	},
	rooms_checkin_off: {
		da: 'Lokalet kræver ikke tjek-ind.',
		en: 'This room does not need check-in.'
	},
	rooms_checkin_opens_invalid: {
		da: 'Tjek-ind skal åbne et helt antal minutter fra 0 til 240 før start.',
		en: 'Check-in must open a whole number of minutes from 0 to 240 before the start.'
	},
	rooms_checkin_pending: {
		da: 'Bookingen er ikke godkendt endnu, så den kan ikke tjekkes ind.',
		en: 'This booking is not approved yet, so it cannot be checked in.'
	},
	rooms_checkout_not_checked_in: {
		da: 'Bookingen er ikke tjekket ind.',
		en: 'This booking is not checked in.'
	},
	rooms_checkout_not_started: {
		da: 'Du kan tjekke ud, når bookingen er begyndt.',
		en: 'You can check out once the booking has started.'
	},
	rooms_checkout_over: {
		da: 'Bookingen er allerede slut eller tjekket ud.',
		en: 'This booking has already ended or been checked out.'
	},
	rooms_booking_decided: {
		da: 'Bookingen er allerede afgjort, måske af en anden. Genindlæs siden for at se hvordan.',
		en: 'This booking has already been decided, perhaps by someone else. Reload the page to see how.'
	},
	rooms_closing_bookings: {
		da: 'Der er bookinger, som lukningen rammer. Bekræft, at de skal aflyses, og at bookerne får besked.',
		en: 'There are bookings that the closing affects. Confirm that they are to be cancelled and their bookers told.'
	},
	rooms_closing_events: {
		da: 'Der er arrangementer, som lukningen rammer. Flyt eller aflys dem først.',
		en: 'There are events that the closing affects. Move or cancel them first.'
	},
	rooms_closed: {
		da: 'Lokalet er lukket på det tidspunkt.',
		en: 'The room is closed at that time.'
	},
	rooms_end_before_start: {
		da: 'Bookingen skal slutte, efter den starter.',
		en: 'The booking must end after it starts.'
	},
	rooms_end_in_past: {
		da: 'Slut skal ligge efter nu.',
		en: 'The end must be after now.'
	},
	rooms_in_past: {
		da: 'Bookingen skal starte i fremtiden.',
		en: 'The booking must start in the future.'
	},
	rooms_inactive: {
		da: 'Lokalet kan ikke bookes.',
		en: 'This room cannot be booked.'
	},
	rooms_invalid_time: {
		da: 'Start og slut skal være gyldige tidspunkter.',
		en: 'Start and end must be valid times.'
	},
	rooms_min_above_max: {
		da: 'Korteste varighed må ikke være længere end længste varighed.',
		en: 'The shortest duration cannot be longer than the longest.'
	},
	rooms_not_booker: {
		da: 'Kun bookere og administratorer i foreningen kan booke i dens navn.',
		en: 'Only bookers and admins of the association may book in its name.'
	},
	rooms_off_step: {
		da: 'Start og slut skal passe med lokalets tidsinterval.',
		en: "Start and end must follow the room's time step."
	},
	rooms_opening_hours_invalid: {
		da: 'Åbningstiderne skal være ugedage med par af klokkeslæt (TT:MM).',
		en: 'Opening hours must be weekdays with pairs of times (HH:MM).'
	},
	rooms_outside_hours: {
		da: 'Tidspunktet ligger uden for lokalets åbningstid.',
		en: "The time is outside the room's opening hours."
	},
	rooms_over_capacity: {
		da: 'Der er flere deltagere, end lokalet har plads til.',
		en: 'More attendees than the room holds.'
	},
	rooms_overlap: {
		da: 'Lokalet er optaget på det tidspunkt.',
		en: 'The room is already taken at that time.'
	},
	rooms_period_invalid: {
		da: 'Vælg en periode med en første og en sidste dato, hvor den sidste ikke er før den første.',
		en: 'Choose a period with a first and a last date, the last not before the first.'
	},
	rooms_period_nothing: {
		da: 'Der er ingen bookinger i perioden, som du kan aflyse.',
		en: 'There are no bookings in the period that you can cancel.'
	},
	rooms_period_scope: {
		da: 'Du kan kun aflyse dine egne bookinger eller bookinger for en forening, hvor du er administrator eller booker.',
		en: 'You can only cancel your own bookings or those of an association where you are an admin or booker.'
	},
	rooms_period_changed: {
		da: 'En af bookingerne er ændret siden oversigten (flyttet eller givet til en anden). Vis oversigten igen, og aflys derfra.',
		en: 'One of the bookings has changed since the overview (moved or given to someone else). Show the overview again and cancel from there.'
	},
	rooms_period_too_many: {
		da: 'Der er mere end 500 bookinger i perioden. Vælg en kortere periode, og aflys den ad flere omgange.',
		en: 'There are more than 500 bookings in the period. Choose a shorter period and cancel in several goes.'
	},
	rooms_period_too_long: {
		da: 'Perioden må højst være 366 dage.',
		en: 'The period can be at most 366 days.'
	},
	rooms_reassign_unchanged: {
		da: 'Bookingen står allerede i det navn. Vælg en anden booker eller forening.',
		en: 'The booking is already in that name. Choose another booker or association.'
	},
	rooms_reason_required: {
		da: 'Skriv en begrundelse.',
		en: 'Give a reason.'
	},
	rooms_rrule_invalid: {
		da: 'Gentagelsen skal være ugentlig eller hver n. uge.',
		en: 'The repetition must be weekly or every n weeks.'
	},
	rooms_series_nothing: {
		da: 'Ingen af datoerne kunne bookes, så intet er gemt.',
		en: 'None of the dates could be booked, so nothing was saved.'
	},
	rooms_series_too_long: {
		da: 'En sæsonbooking kan højst række 400 dage frem.',
		en: 'A season booking can span at most 400 days.'
	},
	rooms_show_publicly_private: {
		da: 'Kun en forenings booking kan vises med navn på husets skærme.',
		en: 'Only an association booking can be shown by name on the house screens.'
	},
	rooms_slug_former: {
		da: 'Adressenavnet har tidligere hørt til et andet lokale, og gamle skilte og QR-koder fører stadig dertil. Vælg et andet adressenavn.',
		en: 'The address name used to belong to another room, and old signs and QR codes still lead there. Choose another address name.'
	},
	rooms_slug_invalid: {
		da: 'Adressenavnet må kun have små bogstaver, tal og bindestreger.',
		en: 'The address name may only have lowercase letters, digits and hyphens.'
	},
	rooms_step_invalid: {
		da: 'Tidsintervallet skal gå op i et døgn og i korteste og længste varighed.',
		en: 'The time step must divide a day and the shortest and longest durations.'
	},
	rooms_time_invalid: {
		da: 'Skriv klokkeslættet som TT:MM.',
		en: 'Enter the time as HH:MM.'
	},
	rooms_too_long: {
		da: 'Bookingen er længere, end lokalet tillader.',
		en: 'The booking is longer than the room allows.'
	},
	rooms_too_many_upcoming: {
		da: 'Du har allerede så mange kommende bookinger af lokalet, som én booker kan have på én gang. Aflys en af dem, eller book igen, når en er overstået.',
		en: 'You already have as many upcoming bookings of this room as one booker may hold at a time. Cancel one of them, or book again when one has passed.',
		// said to staff acting for the citizen at the desk
		desk: {
			da: 'Borgeren har allerede så mange kommende bookinger af lokalet, som én booker kan have på én gang.',
			en: 'The citizen already has as many upcoming bookings of this room as one booker may hold at a time.'
		}
	},
	rooms_too_short: {
		da: 'Bookingen er kortere, end lokalet tillader.',
		en: 'The booking is shorter than the room allows.'
	},
	rooms_unknown_room: {
		da: 'Lokalet findes ikke.',
		en: 'The room does not exist.'
	},
	season_participants_range: {
		da: 'Antal deltagere skal være et helt tal fra 1 til 1000.',
		en: 'The number of participants must be a whole number from 1 to 1000.'
	},
	season_activities_required: {
		da: 'Tilføj mindst én aktivitet.',
		en: 'Add at least one activity.'
	},
	season_wishes_required: {
		da: 'Vælg mindst ét ønske til aktiviteten: en dag, et tidsrum og gerne et lokale.',
		en: 'Choose at least one wish for the activity: a day, a time and preferably a room.'
	},
	season_adjust_first_round: {
		da: 'Tiden er fra første runde, hvis plan er endelig og booket, så du kan ikke ændre den i anden runde. Skal den ændres, så aflys eller træk sæsonbookingen tilbage, eller lad foreningerne bytte.',
		en: 'The time is from the first round, whose plan is final and booked, so you cannot change it in the second round. To change it, cancel or withdraw the season booking, or let the associations swap.'
	},
	season_application_changed: {
		da: 'En anden fra foreningen har ændret ansøgningen, siden du åbnede siden. Hent siden igen for at se ændringen, og send så din.',
		en: 'Someone else in the association changed the application after you opened the page. Reload the page to see the change, then send yours.'
	},
	season_association_unverified: {
		da: 'Foreningen skal være godkendt af huset, før den kan søge.',
		en: 'The association must be verified by the house before it can apply.'
	},
	season_application_withdrawn_already: {
		da: 'Ansøgningen er allerede trukket tilbage. Måske har en anden fra foreningen lige gjort det. Hent siden igen for at se den.',
		en: 'The application has already been withdrawn. Someone else in the association may just have done it. Reload the page to see it.'
	},
	season_blackout: {
		da: 'Datoen er lukket i sæsonen (ferie eller husets eget arrangement).',
		en: 'The date is closed in the season (a holiday or an event of the house).'
	},
	season_blackout_outside: {
		da: 'Lukkedage skal ligge inden for sæsonen.',
		en: 'Blackout dates must lie within the season.'
	},
	season_child_certificate_required: {
		da: 'Bekræft, at I har indhentet børneattester, når aktiviteten er for børn eller unge.',
		en: 'Confirm that you have obtained child certificates when the activity is for children or young people.'
	},
	season_claim_unverified: {
		da: 'Foreningen skal være godkendt af huset, før den kan tage ledige tider.',
		en: 'The association must be verified by the house before it can take free times.'
	},
	season_claim_withdrawn: {
		da: 'Huset har trukket foreningens sæsontid tilbage i denne sæson, så foreningen kan ikke tage ledige tider i den.',
		en: "The house withdrew the association's season time in this season, so the association cannot take free times in it."
	},
	season_date_not_free: {
		da: 'Datoen er ikke ledig længere. Vælg en anden dato.',
		en: 'The date is no longer free. Choose another date.'
	},
	season_dates_order: {
		da: 'Datoerne skal komme i rækkefølge: ansøgningsfrist, udkast, indsigelser, endelig plan.',
		en: 'The dates must come in order: application window, draft, objections, final plan.'
	},
	season_flagged_open: {
		da: 'Der er konflikter, som du skal afgøre, før udkastet kan offentliggøres.',
		en: 'There are conflicts to settle before the draft can be published.'
	},
	season_status_already: {
		da: 'Sæsonen er allerede nået dertil. Måske har en anden fra personalet lige gjort det. Hent siden igen for at se, hvor sæsonen står.',
		en: 'The season is already there. Someone else on the staff may just have done it. Reload the page to see where the season stands.'
	},
	season_leftovers_mode: {
		da: 'Sæsonen giver de ledige tider videre på en anden måde (se "Ledige tider" i opsætningen).',
		en: 'The season passes on its free times another way (see "Free times" in the set-up).'
	},
	season_no_dates_left: {
		da: 'Der er ingen datoer tilbage i sæsonen for den tid.',
		en: 'There are no dates left in the season for that time.'
	},
	season_no_draft: {
		da: 'Kør fordelingen, før du offentliggør udkastet.',
		en: 'Run the allocation before you publish the draft.'
	},
	season_swap_consent_lapsed: {
		da: 'En, der sagde ja til byttet på sin forenings vegne, er ikke længere administrator der. Byttet må aftales igen.',
		en: 'Someone who agreed to the swap for their association is no longer an admin of it. The swap must be agreed again.'
	},
	season_objection_window_open: {
		da: 'Fristen for indsigelser er ikke slut endnu. Den endelige plan kan offentliggøres, når fristen er udløbet.',
		en: 'The objection period has not ended yet. The final plan can be published once it has.'
	},
	season_not_admin: {
		da: 'Kun en administrator af foreningen kan gøre det.',
		en: 'Only an admin of the association can do that.'
	},
	season_not_booker: {
		da: 'Du skal være administrator eller booker i foreningen.',
		en: 'You must be an admin or booker of the association.'
	},
	season_not_flagged: {
		da: 'Der er ingen konflikt om den tid med den aktivitet.',
		en: 'There is no conflict over that time with that activity.'
	},
	season_not_leftovers: {
		da: 'Der gives ikke ledige tider ud i denne sæson lige nu.',
		en: 'Free times are not being handed out in this season right now.'
	},
	season_not_applicant: {
		da: 'Kun foreninger, der har søgt i sæsonen, kan gøre indsigelse mod udkastet.',
		en: 'Only associations that applied for the season can object to the draft.'
	},
	season_objection_open: {
		da: 'I har allerede en indsigelse om det, som venter på svar fra huset.',
		en: 'You already have an objection about this that is waiting for an answer from the house.'
	},
	season_objection_not_yet: {
		da: 'Du kan gøre indsigelse, når udkastet til fordelingen er offentliggjort.',
		en: 'You can object once the draft allocation is published.'
	},
	season_objection_closed: {
		da: 'Fristen for indsigelser er udløbet.',
		en: 'The deadline for objections has passed.'
	},
	season_objection_deadline_later: {
		da: 'Når udkastet er offentliggjort, kan fristen for indsigelser kun sættes eller rykkes frem, ikke senere eller væk.',
		en: 'Once the draft is published, the objection deadline can only be set or brought forward, not moved later or removed.'
	},
	season_objection_deadline_past: {
		da: 'Fristen for indsigelser kan ikke ligge i fortiden.',
		en: 'The objection deadline cannot be in the past.'
	},
	season_objection_deadline_passed: {
		da: 'Fristen for indsigelser er allerede overskredet. Sæt en ny frist i sæsonens opsætning, før du offentliggør udkastet.',
		en: 'The objection deadline has already passed. Set a new deadline in the season’s set-up before you publish the draft.'
	},
	season_reopen_window_passed: {
		da: 'Ansøgningsfristen er allerede udløbet. Sæt en ny frist i sæsonens opsætning, før du åbner runden igen.',
		en: 'The application deadline has already passed. Set a new deadline in the season’s set-up before you reopen the round.'
	},
	season_objection_answered_already: {
		da: 'Indsigelsen er allerede besvaret. Hent siden igen for at se svaret.',
		en: 'The objection has already been answered. Reload the page to see the answer.'
	},
	season_objections_open: {
		da: 'Besvar alle indsigelser, før den endelige plan offentliggøres.',
		en: 'Answer every objection before the final plan is published.'
	},
	season_period_too_long: {
		da: 'En sæson kan højst vare 400 dage.',
		en: 'A season can last at most 400 days.'
	},
	season_reason_code_required: {
		da: 'Vælg en begrundelse for ændringen.',
		en: 'Choose a reason for the change.'
	},
	season_section4_required: {
		da: 'Bekræft, at foreningen opfylder betingelserne i folkeoplysningslovens § 4.',
		en: 'Confirm that the association meets the conditions of section 4 of the Act on Popular Education.'
	},
	season_previous_self: {
		da: 'Sidste sæson skal være en anden sæson end denne.',
		en: 'Last season must be another season than this one.'
	},
	season_setup_locked: {
		da: 'Det kan ikke længere ændres i denne sæson.',
		en: 'That can no longer be changed in this season.'
	},
	season_slot_off_step: {
		da: 'En tid passer ikke med lokalets tidsinterval: start og længde skal følge det, ellers kan tiden aldrig bookes.',
		en: "A time does not fit the room's time step: its start and length must follow it, or the time can never be booked."
	},
	season_slot_outside_hours: {
		da: 'En tid ligger uden for lokalets åbningstider, så den kan aldrig bookes.',
		en: "A time lies outside the room's opening hours, so it can never be booked."
	},
	season_slot_overlap: {
		da: 'To tider i samme lokale overlapper hinanden.',
		en: 'Two times in the same room overlap.'
	},
	season_slot_too_close: {
		da: 'To tider i samme lokale ligger for tæt: der skal være pause mellem to bookinger af lokalet.',
		en: 'Two times in the same room are too close: the room needs a break between two bookings.'
	},
	season_slot_taken: {
		da: 'Tiden er allerede givet til en anden.',
		en: 'The time has already been given to someone else.'
	},
	season_slot_too_long: {
		da: 'En tid er længere, end lokalet må bookes ad gangen, så den kan aldrig bookes.',
		en: 'A time is longer than the room can be booked at a time, so it can never be booked.'
	},
	season_slot_too_short: {
		da: 'En tid er kortere, end lokalet mindst skal bookes, så den kan aldrig bookes.',
		en: 'A time is shorter than the shortest booking of the room, so it can never be booked.'
	},
	season_slot_unknown: {
		da: 'Vælg en af de tider, sæsonen tilbyder.',
		en: 'Choose one of the times the season offers.'
	},
	season_slots_required: {
		da: 'Tilbyd mindst én ugentlig tid.',
		en: 'Offer at least one weekly time.'
	},
	season_swap_capacity: {
		da: 'Byttet kan ikke lade sig gøre: en af aktiviteterne har flere deltagere, end der er plads til i det andet lokale.',
		en: 'The swap is not possible: one of the activities has more participants than the other room has space for.'
	},
	season_swap_step_free: {
		da: 'Byttet kan ikke lade sig gøre: en af aktiviteterne har brug for et lokale uden trin, og det andet lokale har trin.',
		en: 'The swap is not possible: one of the activities needs a step-free room, and the other room is not step-free.'
	},
	season_swap_consent_missing: {
		da: 'Begge foreninger skal sige ja til byttet.',
		en: 'Both associations must agree to the swap.'
	},
	season_swap_decided: {
		da: 'Forslaget er allerede afgjort. Hent siden igen for at se hvordan.',
		en: 'The proposal has already been settled. Reload the page to see how.'
	},
	season_swap_consented_already: {
		da: 'Din forening har allerede sagt ja til forslaget, og det venter nu på husets godkendelse. Hent siden igen for at se det.',
		en: 'Your association has already agreed to the proposal, and it is now waiting for the house’s approval. Reload the page to see it.'
	},
	season_swap_not_consented: {
		da: 'Den anden forening har ikke sagt ja til forslaget endnu. Du kan godkende eller afvise det, når den har sagt ja.',
		en: 'The other association has not agreed to the proposal yet. You can approve or reject it once it has agreed.'
	},
	season_swap_no_line: {
		da: 'Foreningen har ingen faste tider i sæsonen at bytte eller give videre.',
		en: 'The association has no weekly times in the season to swap or hand over.'
	},
	season_swap_not_booked: {
		da: 'Tiden er ikke (længere) booket til foreningen.',
		en: 'The time is not (or no longer) booked for the association.'
	},
	season_swap_open: {
		da: 'Der er allerede et forslag om det samme, som venter på svar. Vent på svaret, eller træk forslaget tilbage.',
		en: 'There is already a proposal about the same thing waiting for an answer. Wait for the answer, or withdraw the proposal.'
	},
	season_swap_same: {
		da: 'Vælg en anden forening.',
		en: 'Choose another association.'
	},
	season_swap_other_unverified: {
		da: 'Den anden forening er ikke godkendt af huset endnu, så den kan ikke få tider ved et bytte eller en overdragelse.',
		en: 'The other association is not verified by the house yet, so it cannot get times by a swap or a hand-over.'
	},
	season_swap_unverified: {
		da: 'Foreningen skal være godkendt af huset, før den kan bytte tider.',
		en: 'The association must be verified by the house before it can swap times.'
	},
	season_swap_withdrawn: {
		da: 'Huset har trukket en sæsontid tilbage i denne sæson fra den forening, der skal have tiden. Den kan ikke få tider overdraget, og et bytte må ikke give den tiden tilbage eller mere tid, end den giver.',
		en: 'The house withdrew a season time in this season from the association that would get the time. It cannot be handed times, and a swap must not give it that time back or more time than it gives.'
	},
	season_tiers_invalid: {
		da: 'Prioriteringen skal følge loven: børn og unge, folkeoplysende voksenundervisning, andre voksenaktiviteter (evt. husets egne først).',
		en: "The priority order must follow the law: children and young people, adult education, other adult activities (optionally the house's own first)."
	},
	season_too_many: {
		da: 'Der er for mange. Fjern nogle.',
		en: 'There are too many. Remove some.'
	},
	season_window_closed: {
		da: 'Ansøgningsvinduet er lukket.',
		en: 'The application window is closed.'
	},
	season_wish_twice: {
		da: 'Den samme tid er ønsket to gange.',
		en: 'The same time is wished twice.'
	},
	stats_from_invalid: {
		da: 'Fra er ikke en gyldig dato. Vælg en dato.',
		en: 'From is not a valid date. Choose a date.'
	},
	stats_to_invalid: {
		da: 'Til og med er ikke en gyldig dato. Vælg en dato.',
		en: 'To (inclusive) is not a valid date. Choose a date.'
	},
	stats_invalid_period: {
		da: 'Vælg en gyldig periode: Fra skal være samme dag som eller før Til og med.',
		en: 'Choose a valid period: From must be on or before To.'
	},
	stats_period_too_long: {
		da: 'Perioden kan højst være 366 dage.',
		en: 'The period can be at most 366 days.'
	},
	core_bad_transition: {
		da: 'Den ændring er ikke mulig.',
		en: 'This change is not possible.'
	},
	core_field_modifier: {
		da: 'Send feltets nye værdi, ikke en ændring af den (felt+ eller felt-).',
		en: "Send the field's new value, not a change to it (field+ or field-)."
	},
	core_forbidden: {
		da: 'Det har du ikke adgang til.',
		en: 'You are not allowed to do that.'
	},
	core_field_locked: {
		da: 'Feltet kan ikke ændres her.',
		en: 'This field cannot be changed here.'
	},
	core_filter_field_private: {
		da: 'Der kan ikke søges eller sorteres efter det felt.',
		en: 'That field cannot be searched or sorted by.'
	},
	core_filter_field_hidden: {
		da: 'Der kan ikke søges eller sorteres efter et skjult felt.',
		en: 'A hidden field cannot be searched or sorted by.'
	},
	core_filter_through_relation: {
		da: 'Søgningen kan ikke bruges: en sammenligning gennem en tilbagerelation skal bruge ?-operatorer (f.eks. ?=), og :each og :length kan ikke bruges på den.',
		en: 'The search cannot be used: a comparison through a back-relation must use the ? operators (e.g. ?=), and :each and :length cannot be used on it.'
	},
	core_sort_through_relation: {
		da: 'Listen kan ikke sorteres gennem en tilbagerelation.',
		en: 'The list cannot be sorted through a back-relation.'
	},
	core_invalid_value: {
		da: 'Værdien er ikke gyldig.',
		en: 'The value is not valid.'
	},
	core_number_out_of_range: {
		da: 'Tallet ligger uden for det tilladte.',
		en: 'The number is outside the allowed range.'
	},
	core_required: {
		da: 'Udfyld feltet.',
		en: 'Fill in this field.'
	},
	core_realtime_options: {
		da: 'Abonnementer med valg (filter eller udvidelser) kan ikke bruges her. Brug sidernes egen livestrøm.',
		en: "Subscriptions with options (a filter or expands) cannot be used here. Use the pages' own live stream."
	},
	core_text_blank: {
		da: 'Skriv mere end mellemrum.',
		en: 'Write more than spaces.'
	},
	core_text_hidden: {
		da: 'Teksten indeholder et usynligt tegn eller et styretegn, som ofte følger med, når tekst kopieres. Skriv teksten igen, uden at kopiere den.',
		en: 'The text holds an invisible or control character, which often comes along when text is pasted. Type the text again instead of pasting it.'
	},
	core_text_invisible: {
		da: 'Teksten indeholder et usynligt tegn (en blød bindestreg). Skriv den igen, uden at kopiere den.',
		en: 'The text holds an invisible character (a soft hyphen). Type it again instead of pasting it.'
	},
	core_text_one_line: {
		da: 'Skriv det på én linje.',
		en: 'Write it on one line.'
	},
	core_text_too_long: {
		da: 'Teksten er for lang.',
		en: 'The text is too long.'
	},
	core_unknown_record: {
		da: 'Det valgte findes ikke.',
		en: 'The chosen item does not exist.'
	},
	core_invalid_date: {
		da: 'Skriv en gyldig dato og et gyldigt tidspunkt.',
		en: 'Enter a valid date and time.'
	},
	core_date_out_of_range: {
		da: 'Datoen ligger uden for det mulige tidsrum.',
		en: 'The date is outside the possible range.'
	},
	core_end_before_start: {
		da: 'Slut skal ligge efter start.',
		en: 'The end must be after the start.'
	},
	core_time_nonexistent: {
		da: 'Det klokkeslæt findes ikke den dag (sommertid). Vælg et andet.',
		en: 'That time does not exist on that day (daylight saving). Choose another.'
	},
	core_time_ambiguous: {
		da: 'Det klokkeslæt findes to gange den dag (vintertid). Vælg et andet.',
		en: 'That time occurs twice on that day (daylight saving). Choose another.'
	},
	core_phone_invalid: {
		da: 'Skriv et telefonnummer med cifre, fx 20 30 40 50.',
		en: 'Enter a phone number in digits, e.g. 20 30 40 50.'
	},
	core_time_no_zone: {
		da: 'Tidspunktet mangler en tidszone.',
		en: 'The time has no time zone.'
	}
};
