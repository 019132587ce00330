declare const codes: Record<string, { da: string; en: string }>;
export = codes;
