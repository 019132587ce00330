// Whether a page holds input the person has not sent yet: something typed into a field, a box ticked or
// an option chosen that differs from what the page was loaded with. Used to decide whether a new version
// of the app may reload the page at once (docs/offline.md, "A new version").

function changed(element: Element): boolean {
	if (element instanceof HTMLInputElement) {
		if (['hidden', 'submit', 'button', 'reset', 'image', 'file'].includes(element.type)) return false;
		if (element.type === 'checkbox' || element.type === 'radio')
			return element.checked !== element.defaultChecked;
		return element.value !== element.defaultValue;
	}
	if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue;
	if (element instanceof HTMLSelectElement) {
		return [...element.options].some((option) => option.selected !== option.defaultSelected);
	}
	return false;
}

/** True when a field under `root` holds something typed or chosen since the page was loaded. */
export function hasTypedInput(root: ParentNode): boolean {
	return [...root.querySelectorAll('input, textarea, select')].some(changed);
}
