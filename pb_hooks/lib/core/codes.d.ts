declare const codes: Record<
	string,
	{
		da: string;
		en: string;
		/** Said to staff acting for the citizen at the desk. */ desk?: { da: string; en: string };
	}
>;
export = codes;
