// A select shows its chosen option on one line, as wide as the field: on a phone a long option (a season's
// time with its room, an association's name, a room's rule) is cut off at the field's edge and cannot be
// read. `use:wholeChoice` writes the chosen option's whole text on a line of its own under the field, which
// wraps, while the option does not fit, and hides it when it does. The line is hidden from assistive
// technology: the select itself gives the option's whole text. Give the chosen value as the parameter when
// the page sets it (`value={...}`), so a value set without a change event shows too.

/** Room for the field's arrow beside its text. */
const ARROW_EM = 1.6;

let measure: CanvasRenderingContext2D | null | undefined;

/** Whether `text` is wider than the room a select gives its chosen option. */
function cutOff(select: HTMLSelectElement, text: string): boolean {
	if (!text || select.clientWidth === 0) return false;
	measure ??= document.createElement('canvas').getContext('2d');
	if (!measure) return false;
	const style = getComputedStyle(select);
	const size = parseFloat(style.fontSize);
	measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
	const room =
		select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW_EM * size;
	return measure.measureText(text).width > room;
}

export function wholeChoice(select: HTMLSelectElement, _value?: unknown) {
	const line = document.createElement('span');
	line.className = 'whole-choice';
	line.setAttribute('aria-hidden', 'true');
	line.hidden = true;
	select.after(line);
	const show = () => {
		const text = select.selectedOptions[0]?.text.trim() ?? '';
		const cut = cutOff(select, text);
		line.hidden = !cut;
		line.textContent = cut ? text : '';
	};
	// after the page has set the chosen value and laid the field out; again for the fonts, and on changes
	const frame = requestAnimationFrame(show);
	void document.fonts?.ready.then(show);
	select.addEventListener('change', show);
	const resized = new ResizeObserver(show);
	resized.observe(select);
	const options = new MutationObserver(show);
	options.observe(select, { childList: true, subtree: true, characterData: true });
	return {
		update() {
			requestAnimationFrame(show);
		},
		destroy() {
			cancelAnimationFrame(frame);
			select.removeEventListener('change', show);
			resized.disconnect();
			options.disconnect();
			line.remove();
		}
	};
}
