import { chromium } from '@playwright/test';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, extraHTTPHeaders: { 'x-forwarded-for': '198.19.77.' + Math.floor(Math.random()*200) } });
const page = await ctx.newPage();
await page.goto(base + '/log-ind');
await page.getByLabel('E-mail').fill('personale@demo.borgerhus.dk');
await page.getByLabel('Adgangskode').fill('borgerhus-demo');
await page.getByRole('button', { name: 'Log ind' }).click();
await page.waitForURL(/personale|overblik/);
console.log('landed', page.url());
for (const path of process.argv.slice(3)) {
  await page.goto(base + path);
  const wide = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && !el.closest('.scroller')) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
    }
    return { w, sw: document.documentElement.scrollWidth, out: out.slice(0, 15) };
  });
  console.log(path, JSON.stringify(wide));
  await page.screenshot({ path: `/tmp/ux2-shot${path.replaceAll('/', '-').replace(/[?=&]/g,'_')}.png`, fullPage: false });
}
await browser.close();
