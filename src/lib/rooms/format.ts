import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';

/** "mandag 8. juni" / "Monday 8 June" for a local date "YYYY-MM-DD". */
export function formatDay(date: string, language: 'da' | 'en'): string {
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const value = new Date(y, mo - 1, d, 12);
	return format(value, language === 'da' ? 'EEEE d. MMMM' : 'EEEE d MMMM', {
		locale: language === 'da' ? da : enGB
	});
}
