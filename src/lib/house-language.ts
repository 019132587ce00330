/**
 * The `lang` of a text of the house's written in Danish only (a shift's task, a room's equipment, and on
 * staff pages the Danish version of every text; docs/rules.md, "Languages") on a page in `language`: 'da'
 * on an English page, so that a screen reader reads it as Danish (WCAG 3.1.2); nothing on a Danish page.
 * For the loads that put such a text together (the staff calendar, the audit log); a page or component
 * writes the same test on the language it already has, as the citizen pages do, so that no module more
 * weighs on a staff page's first load (docs/performance.md).
 */
export const danishIn = (language: string): 'da' | undefined => (language === 'en' ? 'da' : undefined);
