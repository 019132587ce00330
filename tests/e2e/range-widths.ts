import type { Locator } from '@playwright/test';

// How a range's dash wraps: docs/rules.md, where it says how a range is written.

/** The widths of `paragraph` (from 100 px to the page's own) at which its range's dash starts or ends a line. */
export async function widthsBreakingAtDash(paragraph: Locator): Promise<number[]> {
	return paragraph.evaluate((el: HTMLElement) => {
		const texts: Text[] = [];
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if ((node as Text).data.length) texts.push(node as Text);
		}
		const text = (index: number): Text => {
			const node = texts[index];
			if (!node) throw new Error('no range in ' + el.outerHTML);
			return node;
		};
		const at = texts.findIndex((t) => t.data.includes('–'));
		const dashNode = text(at);
		const dash = dashNode.data.indexOf('–');
		// the characters right before and right after the dash, in the same text or the next one
		const before: [Text, number] =
			dash > 0 ? [dashNode, dash - 1] : [text(at - 1), text(at - 1).data.length - 1];
		const after: [Text, number] = dash < dashNode.data.length - 1 ? [dashNode, dash + 1] : [text(at + 1), 0];
		const top = ([node, offset]: [Text, number]) => {
			const range = document.createRange();
			range.setStart(node, offset);
			range.setEnd(node, offset + 1);
			return range.getBoundingClientRect().top;
		};
		const broken: number[] = [];
		const widest = el.getBoundingClientRect().width;
		for (let width = 100; width <= widest; width++) {
			el.style.width = `${width}px`;
			const line = top([dashNode, dash]);
			if (Math.abs(top(before) - line) > 2 || Math.abs(top(after) - line) > 2) broken.push(width);
		}
		el.style.width = '';
		return broken;
	});
}
